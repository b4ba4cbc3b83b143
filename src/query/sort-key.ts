// Sort-key conditions. A bound given as a partial key object stands for every key that starts
// with it (its leading fields, each ended by the literal after it), so `gt({ year: 2024 })`
// means "after every key of 2024", not "after the string 'ORDER#2024#'". A string or number
// bound is the stored sort-key value itself, for range tricks on raw keys.
//
// On a templated sort key with a literal prefix, a range is clamped to that prefix, so other
// entities in the partition are not read: `lt({ year: 2024 })` on 'ORDER#{year:4}#{seq:6}' is
// `SK BETWEEN 'ORDER#' AND 'ORDER#2024#'`. DynamoDB's key conditions have one inclusive range
// operator (BETWEEN); an exclusive bound that could be one of the entity's own keys is therefore
// never turned into an inclusive one, and the few other keys an inclusive end may add are
// removed by the entity narrowing (entity attribute filter, or key pattern check).

import { formatPartialKey, KeyValueProblem, type KeyTemplate } from '../keys/index.js'
import { KeyValueError, ValidationError } from '../errors.js'
import type { ExpressionContext } from '../expressions/index.js'
import { encodeKeyValues } from '../entity/codec.js'
import { rewriteString } from '../schema/index.js'
import type { EntityModel, KeyAttribute } from '../entity/model.js'

type Attrs = Record<string, unknown>

export type SortOperator = 'beginsWith' | 'between' | 'gt' | 'gte' | 'lt' | 'lte'

/** A sort-key condition as the builder records it; bounds are key objects or raw stored values. */
export interface SortCondition {
  readonly op: SortOperator
  readonly a: unknown
  readonly b?: unknown
}

interface Bound {
  readonly value: string | number
  readonly inclusive: boolean
  /** The value may be a whole key of the entity itself, so it must stay exclusive. */
  readonly own: boolean
}

export function isRawBound(value: unknown): value is string | number {
  return typeof value === 'string' || typeof value === 'number'
}

/** A condition on raw stored values (plain key attributes, table reads, string bounds) of `attribute`. */
export function rawSortCondition(cond: SortCondition, attribute: string, ctx: ExpressionContext, where: Where): string {
  const a = cond.a
  const path = ctx.path(attribute)
  switch (cond.op) {
    case 'beginsWith':
      if (typeof a !== 'string') throw badBound(where, 'beginsWith takes a string prefix')
      return 'begins_with(' + path + ', ' + ctx.value(a) + ')'
    case 'between':
      checkOrder(a as string | number, cond.b as string | number, where)
      return path + ' BETWEEN ' + ctx.value(a) + ' AND ' + ctx.value(cond.b)
    case 'gt':
      return path + ' > ' + ctx.value(a)
    case 'gte':
      return path + ' >= ' + ctx.value(a)
    case 'lt':
      return path + ' < ' + ctx.value(a)
    case 'lte':
      return path + ' <= ' + ctx.value(a)
  }
}

/**
 * The sort-key condition of an entity query on a templated sort key: from the sort-key fields
 * of the key input alone (equality, or begins_with on the fields given, or on the entity's
 * literal prefix), or from an explicit condition whose key-object bounds are merged over them.
 * Undefined when nothing narrows the sort key.
 */
export function templateSortCondition(
  model: EntityModel,
  sk: KeyAttribute,
  input: Attrs,
  cond: SortCondition | undefined,
  ctx: ExpressionContext,
): string | undefined {
  const template = sk.template
  const attribute = sk.attribute
  const fields = template.fields
  const where: Where = { owner: model.name, key: `sort key '${template.source}'` }
  if (cond === undefined) {
    const partial = partialKey(model, template, encodeKeyValues(model, input, fields, 'query'), false)
    if (partial.complete) return ctx.path(attribute) + ' = ' + ctx.value(partial.key)
    return partial.key.length === 0 ? undefined : 'begins_with(' + ctx.path(attribute) + ', ' + ctx.value(partial.key) + ')'
  }
  const raw = isRawBound(cond.a) || isRawBound(cond.b)
  if (raw) {
    for (const field of fields) {
      if (input[field] !== undefined) throw badBound(where, `raw sort-key bounds cannot be combined with sort-key field "${field}" in the key input`)
    }
  }
  if (cond.op === 'beginsWith') {
    if (raw) return rawSortCondition(cond, attribute, ctx, where)
    const values = merge(input, cond.a, fields, where)
    const prefix = partialKey(model, template, encodePrefix(model, values, fields), true).key
    return prefix.length === 0 ? undefined : 'begins_with(' + ctx.path(attribute) + ', ' + ctx.value(prefix) + ')'
  }
  if (raw && cond.op !== 'between') return rawSortCondition(cond, attribute, ctx, where)

  const bound = (value: unknown, op: 'gt' | 'gte' | 'lt' | 'lte'): Bound =>
    isRawBound(value) ? rawBound(value, op) : keyBound(model, template, merge(input, value, fields, where), op, where)
  let low: Bound | undefined
  let high: Bound | undefined
  switch (cond.op) {
    case 'between':
      low = bound(cond.a, 'gte')
      high = bound(cond.b, 'lte')
      break
    case 'gt':
    case 'gte':
      low = bound(cond.a, cond.op)
      break
    case 'lt':
    case 'lte':
      high = bound(cond.a, cond.op)
      break
  }
  const prefix = template.prefix
  if (!raw && prefix.length > 0) {
    low ??= { value: prefix, inclusive: true, own: false }
    high ??= { value: successor(prefix), inclusive: false, own: false }
  }
  return emitRange(attribute, low, high, ctx, where)
}

function emitRange(attribute: string, low: Bound | undefined, high: Bound | undefined, ctx: ExpressionContext, where: Where): string {
  const path = ctx.path(attribute)
  if (low && high && !(!high.inclusive && high.own)) {
    // BETWEEN is inclusive at both ends. An exclusive low end becomes the next string up
    // (value + U+0000); an exclusive high end that is never one of the entity's keys is
    // taken inclusively, and the narrowing removes the single other key that may add.
    const lowValue = low.inclusive || typeof low.value !== 'string' ? low.value : low.value + '\u0000'
    checkOrder(lowValue, high.value, where)
    return path + ' BETWEEN ' + ctx.value(lowValue) + ' AND ' + ctx.value(high.value)
  }
  if (high) return path + (high.inclusive ? ' <= ' : ' < ') + ctx.value(high.value)
  if (low) return path + (low.inclusive ? ' >= ' : ' > ') + ctx.value(low.value)
  throw badBound(where, 'a range needs a bound')
}

function rawBound(value: string | number, op: 'gt' | 'gte' | 'lt' | 'lte'): Bound {
  return { value, inclusive: op === 'gte' || op === 'lte', own: true }
}

/** A bound from leading key fields: a whole key compares as itself, a partial key as the range of keys it starts. */
function keyBound(model: EntityModel, template: KeyTemplate, values: Attrs, op: 'gt' | 'gte' | 'lt' | 'lte', where: Where): Bound {
  const partial = partialKey(model, template, encodeKeyValues(model, values, template.fields, 'query'), false)
  const key = partial.key
  if (partial.complete) return { value: key, inclusive: op === 'gte' || op === 'lte', own: true }
  if (key.length === 0) throw badBound(where, `${op} needs at least the first sort-key field ("${template.fields[0]}")`)
  switch (op) {
    case 'gte':
      return { value: key, inclusive: true, own: false }
    case 'lt':
      return { value: key, inclusive: false, own: false }
    case 'gt':
      return { value: successor(key), inclusive: true, own: false }
    case 'lte':
      return { value: successor(key), inclusive: false, own: false }
  }
}

function merge(input: Attrs, bound: unknown, fields: readonly string[], where: Where): Attrs {
  if (bound === null || typeof bound !== 'object' || Array.isArray(bound)) {
    throw badBound(where, 'a bound is a partial key object (or a raw string / number sort-key value)')
  }
  const values: Attrs = {}
  for (const field of fields) {
    const value = (bound as Attrs)[field] !== undefined ? (bound as Attrs)[field] : input[field]
    if (value !== undefined) values[field] = value
  }
  for (const name in bound as Attrs) {
    if (!fields.includes(name) && (bound as Attrs)[name] !== undefined) {
      throw badBound(where, `"${name}" is not a sort-key field (${fields.join(', ') || 'none'})`)
    }
  }
  return values
}

/**
 * Encodes the fields of a beginsWith bound; the last one given, when a string, is a stored-form
 * prefix: it is not validated as a whole value, only rewritten as the field's values are (trim,
 * toLowerCase).
 */
function encodePrefix(model: EntityModel, values: Attrs, fields: readonly string[]): Attrs {
  let last: string | undefined
  for (const field of fields) if (values[field] !== undefined) last = field
  if (last === undefined || typeof values[last] !== 'string') return encodeKeyValues(model, values, fields, 'query')
  const encoded = encodeKeyValues(
    model,
    values,
    fields.filter((f) => f !== last),
    'query',
  )
  const schema = model.info.fields.get(last)?.schema
  return schema ? { ...encoded, [last]: rewriteString(schema, values[last] as string) } : encoded
}

function partialKey(model: EntityModel, template: KeyTemplate, values: Attrs, lastIsPrefix: boolean) {
  try {
    return formatPartialKey(template, values, model.table.rules, lastIsPrefix)
  } catch (error) {
    if (error instanceof KeyValueProblem) throw new KeyValueError(model.name, template.source, error.field, error.value, error.reason)
    throw error
  }
}

/** The least string greater than every string that starts with `text` (its last code point plus one). */
export function successor(text: string): string {
  let end = text.length
  while (end > 0) {
    const low = text.charCodeAt(end - 1)
    const pair = end > 1 && low >= 0xdc00 && low <= 0xdfff && isHighSurrogate(text.charCodeAt(end - 2))
    const size = pair ? 2 : 1
    const point = text.codePointAt(end - size) as number
    let next = point + 1
    if (next === 0xd800) next = 0xe000
    if (next <= 0x10ffff) return text.slice(0, end - size) + String.fromCodePoint(next)
    end -= size
  }
  throw new Error('no string follows every string with this prefix')
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

function checkOrder(low: string | number, high: string | number, where: Where): void {
  if (typeof low === typeof high && low > high) throw badBound(where, `between: the low bound ${JSON.stringify(low)} sorts after the high bound ${JSON.stringify(high)}`)
}

/** Who is reading (entity or table) and which key, for error messages. */
export interface Where {
  readonly owner: string
  readonly key: string
}

function badBound(where: Where, message: string): ValidationError {
  return new ValidationError(where.owner, 'query', [{ path: [], message: `${where.key}: ${message}` }])
}
