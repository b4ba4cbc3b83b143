// Formatting key values into a key string and parsing a stored key back into values.
//
// The rules that make formatting injective (two value tuples never give one key):
// values are non-empty and never contain the delimiter (refused, or escaped when the table
// opts in), every literal between two fields contains the delimiter (checked by
// parseTemplate), and numbers have a fixed width. Parsing is then unambiguous: a value runs
// up to the delimiter of the literal that follows it.

import type { FieldPart, KeyTemplate } from './template.js'

export interface KeyRules {
  /** A single character that values may not contain. */
  readonly delimiter: string
  /** `'refuse'` (default) throws on a value holding the delimiter; `'escape'` escapes it reversibly. */
  readonly keyValues: 'refuse' | 'escape'
}

export type KeyScalar = string | number

/** Why one value cannot go into a key; the entity layer turns it into a `KeyValueError`. */
export class KeyValueProblem extends Error {
  constructor(
    readonly field: string,
    readonly value: unknown,
    readonly reason: string,
  ) {
    super(reason)
  }
}

const ESCAPE = '%'

/** A string with a lone surrogate has no UTF-8 form: DynamoDB stores it altered, so two such values could share one key. */
const wellFormed: (text: string) => boolean = (text) => (text as unknown as { isWellFormed(): boolean }).isWellFormed() // Node 20+

export function formatValue(part: FieldPart, value: unknown, rules: KeyRules): string {
  if (typeof value === 'string') {
    if (part.pad !== undefined) throw new KeyValueProblem(part.name, value, `is declared as a padded number ({${part.name}:${part.pad}}) but is a string`)
    if (value.length === 0) throw new KeyValueProblem(part.name, value, 'must not be empty')
    if (!wellFormed(value)) {
      throw new KeyValueProblem(part.name, value, 'is not well-formed UTF-16 (it holds a lone surrogate): DynamoDB would store it altered, so two values could share one key')
    }
    if (value.includes(rules.delimiter) || (rules.keyValues === 'escape' && value.includes(ESCAPE))) {
      if (rules.keyValues === 'escape') return escapeValue(value, rules.delimiter)
      throw new KeyValueProblem(
        part.name,
        value,
        `must not contain the delimiter '${rules.delimiter}' (or set keyValues: 'escape' on the table)`,
      )
    }
    return value
  }
  if (typeof value === 'number') {
    if (part.pad === undefined) {
      throw new KeyValueProblem(part.name, value, `is a number: declare its width in the template, e.g. {${part.name}:10}`)
    }
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new KeyValueProblem(part.name, value, 'must be a non-negative integer to keep numeric order in a key')
    }
    const text = String(value)
    if (text.length > part.pad) throw new KeyValueProblem(part.name, value, `has more than ${part.pad} digits`)
    return text.padStart(part.pad, '0')
  }
  if (value === undefined || value === null) throw new KeyValueProblem(part.name, value, 'is required')
  if (value instanceof Date) {
    throw new KeyValueProblem(part.name, value, 'is a Date: store it through a codec (e.g. isoDate()) so the key holds an ISO string')
  }
  throw new KeyValueProblem(part.name, value, 'must be a string or a number')
}

/** The full key for `values`; every field of the template must be present. */
export function formatKey(template: KeyTemplate, values: Readonly<Record<string, unknown>>, rules: KeyRules): string {
  const parts = template.parts
  // Fast path for the commonest shape, 'PREFIX#{field}'.
  if (parts.length === 2) {
    const [a, b] = parts as [KeyTemplate['parts'][number], KeyTemplate['parts'][number]]
    if (a.kind === 'literal' && b.kind === 'field') return a.text + formatValue(b, values[b.name], rules)
  }
  let key = ''
  for (const part of parts) key += part.kind === 'literal' ? part.text : formatValue(part, values[part.name], rules)
  return key
}

export interface PartialKey {
  /** The key through the last given field, followed by the literal after it. */
  readonly key: string
  /** True when the key is whole: every field given and none left open as a prefix. */
  readonly complete: boolean
  /** Number of leading fields that were given. */
  readonly given: number
}

/**
 * The key prefix for the leading fields present in `values`. Each complete field is followed by
 * its literal, so `{ username: 'a' }` on `'USER#{username}#GAME#{game}'` gives `'USER#a#GAME#'`, which
 * never matches `'USER#ab#GAME#x'`. With `lastIsPrefix`, the last given value is left open: a prefix by intent.
 * A field given after a missing one is a `KeyValueProblem` (only leading fields narrow a key).
 */
export function formatPartialKey(
  template: KeyTemplate,
  values: Readonly<Record<string, unknown>>,
  rules: KeyRules,
  lastIsPrefix = false,
): PartialKey {
  let key = ''
  let given = 0
  const parts = template.parts
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as KeyTemplate['parts'][number]
    if (part.kind === 'literal') {
      key += part.text
      continue
    }
    const value = values[part.name]
    if (value === undefined) {
      for (let j = i + 1; j < parts.length; j++) {
        const later = parts[j] as KeyTemplate['parts'][number]
        if (later.kind === 'field' && values[later.name] !== undefined) {
          throw new KeyValueProblem(later.name, values[later.name], `is given without "${part.name}" before it: only leading fields narrow a key`)
        }
      }
      return { key, complete: false, given }
    }
    given++
    const isLastGiven = lastIsPrefix && !hasLaterValue(parts, i, values)
    if (isLastGiven && typeof value === 'string') {
      // A prefix may be empty or end anywhere, but still must not contain the delimiter.
      key += value.length === 0 ? '' : formatValue(part, value, rules)
      return { key, complete: false, given }
    }
    key += formatValue(part, value, rules)
    if (isLastGiven) return { key, complete: false, given }
  }
  return { key, complete: true, given }
}

function hasLaterValue(parts: KeyTemplate['parts'], index: number, values: Readonly<Record<string, unknown>>): boolean {
  for (let j = index + 1; j < parts.length; j++) {
    const part = parts[j] as KeyTemplate['parts'][number]
    if (part.kind === 'field' && values[part.name] !== undefined) return true
  }
  return false
}

/**
 * The field values a stored key was made from, or undefined when the key does not match the
 * template. Padded fields come back as numbers, others as strings (unescaped).
 */
export function parseKey(template: KeyTemplate, key: string, rules: KeyRules): Record<string, KeyScalar> | undefined {
  const out: Record<string, KeyScalar> = {}
  const parts = template.parts
  let pos = 0
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as KeyTemplate['parts'][number]
    if (part.kind === 'literal') {
      if (!key.startsWith(part.text, pos)) return undefined
      pos += part.text.length
      continue
    }
    const next = parts[i + 1]
    let end: number
    if (next === undefined) {
      end = key.length
    } else if (i + 2 >= parts.length) {
      // The literal after this field ends the template: the value runs up to it.
      end = key.length - (next as { text: string }).text.length
      if (end < pos || !key.endsWith((next as { text: string }).text)) return undefined
    } else {
      // The literal after this field contains the delimiter; the value stops where it starts.
      const text = (next as { text: string }).text
      const at = key.indexOf(rules.delimiter, pos)
      if (at < 0) return undefined
      end = at - text.indexOf(rules.delimiter)
    }
    if (end <= pos) return undefined
    const raw = key.slice(pos, end)
    if (raw.includes(rules.delimiter)) return undefined
    if (part.pad !== undefined) {
      if (raw.length !== part.pad || !/^\d+$/.test(raw)) return undefined
      const number = Number(raw)
      // formatValue writes safe integers only; a wider number would not come back as itself.
      if (!Number.isSafeInteger(number)) return undefined
      out[part.name] = number
    } else if (rules.keyValues === 'escape') {
      const value = unescapeValue(raw, rules.delimiter)
      if (value === undefined) return undefined
      out[part.name] = value
    } else {
      out[part.name] = raw
    }
    pos = end
  }
  return pos === key.length ? out : undefined
}

// '%' and the delimiter become '%' + two hex digits ('%u' + four for a delimiter above U+00FF,
// so that no escape is a prefix of another: '%2502' would be both '│' and '%' + '02').
// Parsing accepts exactly these two escapes, so a parsed value formats back to the same key.
function escapeValue(value: string, delimiter: string): string {
  let out = ''
  for (const ch of value) out += ch === ESCAPE || ch === delimiter ? escapeChar(ch) : ch
  return out
}

function escapeChar(ch: string): string {
  const code = ch.charCodeAt(0)
  return code > 0xff
    ? ESCAPE + 'u' + code.toString(16).toUpperCase().padStart(4, '0')
    : ESCAPE + code.toString(16).toUpperCase().padStart(2, '0')
}

function unescapeValue(raw: string, delimiter: string): string | undefined {
  if (!raw.includes(ESCAPE)) return raw
  const escapedPercent = escapeChar(ESCAPE)
  const escapedDelimiter = escapeChar(delimiter)
  let out = ''
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i] as string
    if (ch !== ESCAPE) {
      out += ch
    } else if (raw.startsWith(escapedPercent, i)) {
      out += ESCAPE
      i += escapedPercent.length - 1
    } else if (raw.startsWith(escapedDelimiter, i)) {
      out += delimiter
      i += escapedDelimiter.length - 1
    } else {
      return undefined
    }
  }
  return out
}
