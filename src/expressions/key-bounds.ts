// Ranges of a templated sort key: the scope the key input fixes, and the range a condition's
// bounds select.
//
// A key object bound stands for every key that starts with it (its leading fields, each ended by
// the literal after it), so `gt({ year: 2024 })` means "after every key of 2024". The fields the
// key input fixes are part of every bound: a bound may leave them out (they are filled in) but not
// contradict them (refused). In `beginsWith`, only a field the bound gives itself can be an open
// prefix; a fixed field is always whole, so `beginsWith({})` is the scope itself.
//
// A field that also belongs to the partition key is known from the partition, so it does not
// need the fields before it: with 'USER#{userId}' / 'ORDER#{day}#{userId}#{n}', `{ userId }`
// fixes the partition, and the sort-key scope is 'ORDER#' until `day` is given.

import { formatPartialKey, type KeyRules, type KeyTemplate } from '../keys/index.js'
import { ExpressionError } from './error.js'
import { exactRange, operatorRange, prefixOperatorRange, prefixRange, type KeyRange, type RangeOperator } from './key-range.js'
import type { SortCondition } from './key-condition.js'

type Attrs = Record<string, unknown>

export interface TemplateSortKey {
  readonly kind: 'template'
  readonly attribute: string
  readonly template: KeyTemplate
  readonly rules: KeyRules
  /** Values the key input gives for the template's fields, as given (not yet encoded). */
  readonly fixed: Readonly<Attrs>
  /** Fields the partition key fixes as well. */
  readonly implied: ReadonlySet<string>
  readonly condition?: SortCondition | undefined
  /** A field's value in its stored form (the schema's encoding). */
  readonly encode: (field: string, value: unknown) => unknown
  /** A beginsWith prefix of a field's stored string, rewritten as the field's values are (trim, toLowerCase); as given when absent. */
  readonly prefix?: ((field: string, value: string) => string) | undefined
}

/** The keys the key input confines the read to: one key when every field is fixed, else a prefix. */
export function templateScope(sort: TemplateSortKey): KeyRange {
  const partial = formatPartialKey(sort.template, leading(sort, fixedValues(sort)), sort.rules)
  return partial.complete ? exactRange(partial.key) : prefixRange(partial.key)
}

/** The keys the condition's bounds select (before confining them to the scope). */
export function templateCondition(sort: TemplateSortKey, where: string): KeyRange {
  const cond = sort.condition as SortCondition
  const fixed = fixedValues(sort)
  if (cond.op === 'beginsWith') {
    if (typeof cond.a === 'string') return prefixRange(cond.a)
    return prefixBound(sort, fixed, boundObject(sort, cond.a, fixed, where))
  }
  const bound = (value: unknown, op: RangeOperator): KeyRange => {
    if (typeof value === 'string') return operatorRange(op, value)
    const values = merged(sort, fixed, boundObject(sort, value, fixed, where))
    const partial = formatPartialKey(sort.template, leading(sort, values), sort.rules)
    return partial.complete ? operatorRange(op, partial.key) : prefixOperatorRange(op, partial.key)
  }
  if (cond.op === 'between') return { lo: bound(cond.a, 'gte').lo, hi: bound(cond.b, 'lte').hi }
  return bound(cond.a, cond.op)
}

function fixedValues(sort: TemplateSortKey): Attrs {
  const out: Attrs = {}
  for (const field of sort.template.fields) {
    const value = sort.fixed[field]
    if (value !== undefined) out[field] = sort.encode(field, value)
  }
  return out
}

/** The values that narrow a key: a partition field after a missing field is dropped (the partition fixes it). */
function leading(sort: TemplateSortKey, values: Attrs): Attrs {
  let gap = false
  let out: Attrs | undefined
  for (const field of sort.template.fields) {
    if (values[field] === undefined) gap = true
    else if (gap && sort.implied.has(field)) {
      out ??= { ...values }
      delete out[field]
    }
  }
  return out ?? values
}

/** A key object bound, checked: only sort-key fields, none contradicting a fixed field. */
function boundObject(sort: TemplateSortKey, bound: unknown, fixed: Attrs, where: string): Attrs {
  if (bound === null || typeof bound !== 'object' || Array.isArray(bound)) {
    throw new ExpressionError(`${where}: a bound is a partial key object (or a raw string sort-key value), got ${JSON.stringify(bound)}`)
  }
  const fields = sort.template.fields
  for (const name in bound as Attrs) {
    const value = (bound as Attrs)[name]
    if (value === undefined) continue
    if (!fields.includes(name)) throw new ExpressionError(`${where}: "${name}" is not a sort-key field (${fields.join(', ') || 'none'})`)
    if (fixed[name] !== undefined && sort.encode(name, value) !== fixed[name]) {
      throw new ExpressionError(`${where}: the bound gives ${name} ${JSON.stringify(value)}, but the key fixes it to ${JSON.stringify(sort.fixed[name])}`)
    }
  }
  return bound as Attrs
}

function merged(sort: TemplateSortKey, fixed: Attrs, bound: Attrs): Attrs {
  const values: Attrs = { ...fixed }
  for (const field of sort.template.fields) {
    if (values[field] === undefined && bound[field] !== undefined) values[field] = sort.encode(field, bound[field])
  }
  return values
}

/** beginsWith(bound): the last field the bound itself gives is an open prefix (a string is its stored form, not encoded). */
function prefixBound(sort: TemplateSortKey, fixed: Attrs, bound: Attrs): KeyRange {
  const fields = sort.template.fields
  let open: string | undefined
  for (const field of fields) if (bound[field] !== undefined && fixed[field] === undefined) open = field
  const values: Attrs = {}
  for (const field of fields) {
    if (fixed[field] !== undefined) values[field] = fixed[field]
    else if (field === open) values[field] = typeof bound[field] === 'string' ? (sort.prefix?.(field, bound[field]) ?? bound[field]) : sort.encode(field, bound[field])
    else if (bound[field] !== undefined) values[field] = sort.encode(field, bound[field])
    if (field === open) break
  }
  const partial = formatPartialKey(sort.template, leading(sort, values), sort.rules, open !== undefined)
  return partial.complete ? exactRange(partial.key) : prefixRange(partial.key)
}
