// The one key-condition compiler: every read that names a partition (entity queries, collections,
// table-wide queries) builds its KeyConditionExpression here.
//
// The rule it keeps: a read never leaves the key it was given. The partition attributes are
// equalities. The sort key is confined to a scope: the range of keys that start with the fixed
// part of the key (the template's literal prefix and every leading field the key input fixes,
// each ended by its literal), or the collection's members' prefixes. Any condition is intersected
// with the scope, so `.gt(...)` ends where the scope ends and `.beginsWith({})` stays inside it;
// a condition that contradicts the scope (no key in both) is refused.

import { ExpressionError } from './error.js'
import type { ExpressionContext } from './context.js'
import { compareKeys } from './key-order.js'
import { EVERY_KEY, intersect, isEmpty, operatorRange, prefixRange, sortTest, type KeyRange, type SortTest } from './key-range.js'
import { templateCondition, templateScope, type TemplateSortKey } from './key-bounds.js'

export type SortOperator = 'beginsWith' | 'between' | 'gt' | 'gte' | 'lt' | 'lte'

/** A sort-key condition as a read records it; bounds are key objects or raw stored values. */
export interface SortCondition {
  readonly op: SortOperator
  readonly a: unknown
  readonly b?: unknown
}

export interface KeyEquality {
  readonly attribute: string
  readonly value: unknown
}

/**
 * A sort key of raw stored values: a plain attribute or a table-wide read. `equals` fixes it;
 * `scope` confines any condition (string keys only); without a scope a condition is sent as given.
 */
export interface RawSortKey {
  readonly kind: 'raw'
  readonly attribute: string
  readonly equals?: string | number | undefined
  readonly scope?: KeyRange | undefined
  readonly condition?: SortCondition | undefined
}

export type SortKeySpec = RawSortKey | TemplateSortKey

export interface KeyConditionSpec {
  /** Who reads and which key, for error messages: `Doc` / `sort key 'USER#{user}'`. */
  readonly where: string
  /** The index's key attributes in key order, as the registry has them (several for a multi-attribute key). */
  readonly keys: IndexKeys
  /** Equality on every partition-key attribute, in key order. */
  readonly partition: readonly KeyEquality[]
  /** Equality on a leading run of a multi-attribute sort key's attributes, in key order; `sort` is then on the attribute after them. */
  readonly sortEquals?: readonly KeyEquality[] | undefined
  readonly sort?: SortKeySpec | undefined
}

/** An index's key attributes in order. */
export interface IndexKeys {
  readonly partitionKey: readonly string[]
  readonly sortKey: readonly string[]
}

/**
 * How many leading sort-key attributes a key input gives (`given` says whether it gives one). They
 * must be a leading run: DynamoDB compares a multi-attribute sort key left to right, so an
 * attribute given after one left out cannot be used; that is refused.
 */
export function givenSortRun(where: string, attributes: readonly string[], given: (attribute: string, i: number) => boolean): number {
  let run = 0
  while (run < attributes.length && given(attributes[run] as string, run)) run++
  for (let i = run + 1; i < attributes.length; i++) {
    if (given(attributes[i] as string, i)) throw new ExpressionError(`${where}: "${attributes[i]}" is given without "${attributes[run]}"; sort-key attributes are given left to right`)
  }
  return run
}

/**
 * `#pk = :pk [AND #a = :a ...] [AND <sort-key test>]`. Every partition attribute is an equality;
 * sort attributes are equalities left to right, then at most one test on the next one.
 * Throws ExpressionError (bad bounds, a key attribute left out or out of order) or KeyValueProblem
 * (a value that cannot be in a key).
 */
export function compileKeyCondition(spec: KeyConditionSpec, ctx: ExpressionContext): string {
  checkKeyOrder(spec)
  const parts = spec.partition.map((key) => ctx.path(key.attribute) + ' = ' + ctx.value(key.value))
  for (const key of spec.sortEquals ?? []) parts.push(ctx.path(key.attribute) + ' = ' + ctx.value(key.value))
  const sort = spec.sort
  if (sort !== undefined) {
    const test = sort.kind === 'raw' ? rawTest(sort, spec.where) : templateTest(sort, spec.where)
    if (test !== undefined) parts.push(emit(sort.attribute, test, ctx))
  }
  return parts.join(' AND ')
}

/** The key condition names every partition attribute, then a leading run of sort attributes: none skipped, none out of order. */
function checkKeyOrder(spec: KeyConditionSpec): void {
  const { partitionKey, sortKey } = spec.keys
  if (spec.partition.length === 0 || spec.partition.length !== partitionKey.length || spec.partition.some((key, i) => key.attribute !== partitionKey[i])) {
    throw new ExpressionError(`${spec.where}: a query needs every partition-key attribute (${partitionKey.join(', ')}) by equality`)
  }
  const equals = spec.sortEquals ?? []
  const run = equals.length + (spec.sort === undefined ? 0 : 1)
  if (run > sortKey.length || equals.some((key, i) => key.attribute !== sortKey[i]) || (spec.sort !== undefined && spec.sort.attribute !== sortKey[equals.length])) {
    throw new ExpressionError(`${spec.where}: sort-key attributes (${sortKey.join(', ') || 'none'}) are compared left to right, none skipped`)
  }
}

function templateTest(sort: TemplateSortKey, where: string): SortTest | undefined {
  const scope = templateScope(sort)
  if (sort.condition === undefined) return sortTest(scope)
  return confined(scope, templateCondition(sort, where), where, sort.condition.op)
}

function rawTest(sort: RawSortKey, where: string): SortTest | undefined {
  const cond = sort.condition
  if (sort.equals !== undefined) {
    if (cond !== undefined) throw new ExpressionError(`${where}: give the sort key "${sort.attribute}" in the key or a condition, not both`)
    return { op: '=', value: sort.equals as string }
  }
  if (cond === undefined) return sort.scope === undefined ? undefined : sortTest(sort.scope)
  if (sort.scope === undefined) return unscopedTest(cond, where)
  return confined(sort.scope, rawRange(cond, where), where, cond.op)
}

function confined(scope: KeyRange, range: KeyRange, where: string, op: SortOperator): SortTest | undefined {
  const inside = intersect(scope, range)
  if (isEmpty(inside)) {
    if (isEmpty(range)) throw new ExpressionError(`${where}: ${op} selects no key (a low bound sorts after the high bound)`)
    throw new ExpressionError(`${where}: ${op} selects no key inside the key the query fixes (${describe(scope)})`)
  }
  return sortTest(inside)
}

/** A raw string condition as a range (to intersect with a scope). */
export function rawRange(cond: SortCondition, where: string): KeyRange {
  const string = (value: unknown): string => {
    if (typeof value !== 'string') throw new ExpressionError(`${where}: a bound on a templated key is a string or a key object, got ${JSON.stringify(value)}`)
    return value
  }
  switch (cond.op) {
    case 'beginsWith':
      return prefixRange(string(cond.a))
    case 'between':
      return { lo: string(cond.a), hi: string(cond.b) + '\u0000' }
    default:
      return operatorRange(cond.op, string(cond.a))
  }
}

/** A condition on a key nothing fixes (numbers allowed): sent as given, checked for order. */
function unscopedTest(cond: SortCondition, where: string): SortTest {
  const a = cond.a as string
  const checkScalar = (value: unknown) => {
    const ok = (typeof value === 'string' && value.length > 0) || (typeof value === 'number' && Number.isFinite(value))
    if (!ok) throw new ExpressionError(`${where}: a sort-key bound must be a non-empty string or a finite number, got ${JSON.stringify(value)}`)
  }
  checkScalar(cond.a)
  switch (cond.op) {
    case 'beginsWith':
      if (typeof cond.a !== 'string') throw new ExpressionError(`${where}: beginsWith takes a string prefix`)
      return { op: 'begins_with', value: a }
    case 'between': {
      checkScalar(cond.b)
      const b = cond.b as string
      if (typeof a !== typeof b) throw new ExpressionError(`${where}: between needs two bounds of one type`)
      const order = typeof a === 'string' ? compareKeys(a, b) : (a as number) - (b as unknown as number)
      if (order > 0) throw new ExpressionError(`${where}: between: the low bound ${JSON.stringify(a)} sorts after the high bound ${JSON.stringify(b)}`)
      return { op: 'BETWEEN', value: a, high: b }
    }
    case 'gt':
      return { op: '>', value: a }
    case 'gte':
      return { op: '>=', value: a }
    case 'lt':
      return { op: '<', value: a }
    case 'lte':
      return { op: '<=', value: a }
  }
}

function emit(attribute: string, test: SortTest, ctx: ExpressionContext): string {
  const path = ctx.path(attribute)
  if (test.op === 'begins_with') return 'begins_with(' + path + ', ' + ctx.value(test.value) + ')'
  if (test.op === 'BETWEEN') return path + ' BETWEEN ' + ctx.value(test.value) + ' AND ' + ctx.value(test.high)
  return path + ' ' + test.op + ' ' + ctx.value(test.value)
}

function describe(scope: KeyRange): string {
  if (scope === EVERY_KEY || (scope.lo === '' && scope.hi === undefined)) return 'every key'
  const test = sortTest(scope)
  if (test?.op === 'begins_with') return `keys starting with ${JSON.stringify(test.value)}`
  if (test?.op === '=') return `the key ${JSON.stringify(test.value)}`
  return `keys from ${JSON.stringify(scope.lo)}`
}
