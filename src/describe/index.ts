// Seeing the model: a plain description of a table, a check of its key patterns, a NoSQL
// Workbench export, and a self-contained HTML view. Pure: nothing here sends a request.

export {
  describeTable,
  type AttributeDescription,
  type EntityDescription,
  type FieldDescription,
  type IndexDescription,
  type IndexEntityDescription,
  type KeyDescription,
  type ProjectionDescription,
  type TableDescription,
} from './describe.js'
export { describeMarkdown } from './markdown.js'
export { checkTable, checkText, type CheckNote, type CheckProblem, type CheckReport } from './check.js'
export {
  exportWorkbench,
  type WorkbenchAttribute,
  type WorkbenchFacet,
  type WorkbenchIndex,
  type WorkbenchKeyAttributes,
  type WorkbenchModel,
  type WorkbenchOptions,
  type WorkbenchTable,
} from './workbench.js'
export { renderView, viewData, type ViewData, type ViewOptions } from './html.js'
export { identifyItems, layoutIndex, compareKeyValues, type IndexLayout, type Partition, type ViewItem } from './layout.js'
export type { AttributeType } from './attribute-types.js'
export type { DescribableTable, IdentifyingTable } from './source.js'
