export {
  parseTemplate,
  isBareField,
  TemplateSyntaxError,
  type KeyTemplate,
  type TemplatePart,
  type LiteralPart,
  type FieldPart,
  type TemplateFields,
} from './template.js'
export {
  formatValue,
  formatKey,
  formatPartialKey,
  parseKey,
  KeyValueProblem,
  type KeyRules,
  type KeyScalar,
  type PartialKey,
} from './format.js'
export { compileTemplateAutomaton, templatesOverlap, overlapWitness, literalsDisagree, type TemplateAutomaton } from './overlap.js'
export { ANY_VALUE, regexCharacters, valueSetId, type FieldValueSets, type ValueSet } from './value-set.js'
