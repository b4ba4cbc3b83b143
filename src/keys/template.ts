// Key templates: `'USER#{username}'`, `'{status}#{createdAt}'`, `'SCORE#{score:6}'`.
// Parsed once at definition into literal and field parts; `{name:N}` declares a number
// field zero-padded to N digits so lexical order is numeric order.

export interface LiteralPart {
  readonly kind: 'literal'
  readonly text: string
}

export interface FieldPart {
  readonly kind: 'field'
  readonly name: string
  /** Digits a number is zero-padded to; undefined for string fields. */
  readonly pad: number | undefined
}

export type TemplatePart = LiteralPart | FieldPart

export interface KeyTemplate {
  readonly source: string
  readonly parts: readonly TemplatePart[]
  /** Field names in order of appearance (a field may appear once only). */
  readonly fields: readonly string[]
  /** The literal text before the first field (the whole key when there are no fields). */
  readonly prefix: string
}

/** Why a template string is not a valid template; the caller adds entity context. */
export class TemplateSyntaxError extends Error {}

const PLACEHOLDER = /\{([^{}]*)\}/g
const FIELD = /^([A-Za-z_$][\w$-]*)(?::(\d+))?$/

export function parseTemplate(source: string, delimiter: string): KeyTemplate {
  if (typeof source !== 'string' || source.length === 0) {
    throw new TemplateSyntaxError(`key template must be a non-empty string`)
  }
  const parts: TemplatePart[] = []
  const fields: string[] = []
  let last = 0
  for (const match of source.matchAll(PLACEHOLDER)) {
    const literal = source.slice(last, match.index)
    checkBraces(source, literal)
    if (literal) parts.push({ kind: 'literal', text: literal })
    const spec = FIELD.exec(match[1] ?? '')
    if (!spec) throw new TemplateSyntaxError(`'${source}': '{${match[1]}}' is not a field name`)
    const name = spec[1] as string
    if (fields.includes(name)) throw new TemplateSyntaxError(`'${source}': field "${name}" appears twice`)
    const previous = parts[parts.length - 1]
    if (previous?.kind === 'field') {
      throw new TemplateSyntaxError(`'${source}': fields "${previous.name}" and "${name}" need a literal between them`)
    }
    if (previous?.kind === 'literal' && parts.length > 1 && !previous.text.includes(delimiter)) {
      // Values may contain anything but the delimiter, so only a delimiter between two
      // fields tells where one value ends: `{a}-{b}` would make 'x-y','z' and 'x','y-z' equal.
      throw new TemplateSyntaxError(
        `'${source}': the literal '${previous.text}' between two fields must contain the delimiter '${delimiter}'`,
      )
    }
    const pad = spec[2] === undefined ? undefined : Number(spec[2])
    if (pad !== undefined && (pad < 1 || pad > 38)) {
      throw new TemplateSyntaxError(`'${source}': pad width of "${name}" must be between 1 and 38`)
    }
    parts.push({ kind: 'field', name, pad })
    fields.push(name)
    last = (match.index ?? 0) + match[0].length
  }
  const tail = source.slice(last)
  checkBraces(source, tail)
  if (tail) parts.push({ kind: 'literal', text: tail })
  const first = parts[0]
  const prefix = first === undefined ? '' : first.kind === 'literal' ? first.text : ''
  return { source, parts, fields, prefix }
}

function checkBraces(source: string, literal: string): void {
  if (literal.includes('{') || literal.includes('}')) {
    throw new TemplateSyntaxError(`'${source}': unbalanced '{' or '}'`)
  }
}

/** True when the template is a single field and nothing else, e.g. `'{created_at}'`. */
export function isBareField(template: KeyTemplate): boolean {
  return template.parts.length === 1 && template.parts[0]?.kind === 'field'
}

// ---- type level -------------------------------------------------------------------------

/** Field names of a template literal type: `TemplateFields<'A#{a}#B#{b:4}'>` is `'a' | 'b'`. */
export type TemplateFields<T extends string> = T extends `${string}{${infer Field}}${infer Rest}`
  ? FieldName<Field> | TemplateFields<Rest>
  : never

type FieldName<F extends string> = F extends `${infer Name}:${string}` ? Name : F
