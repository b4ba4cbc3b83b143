// Sort-key conditions as ranges of strings, so they can be intersected with the range a read is
// confined to. A range is half-open in DynamoDB's order: `lo` <= key < `hi`. `lo` '' is no lower
// end ('' sorts first); `hi` undefined is no upper end. Every DynamoDB sort-key operator is such a
// range: `> v` is [v + U+0000, ...) because v + U+0000 is the least string after v, `<= v` is
// [..., v + U+0000), and begins_with(p) is [p, successor(p)).

import { compareKeys, predecessor, successor } from './key-order.js'

export interface KeyRange {
  readonly lo: string
  readonly hi: string | undefined
}

export const EVERY_KEY: KeyRange = { lo: '', hi: undefined }

/** Every key that starts with `prefix`. */
export function prefixRange(prefix: string): KeyRange {
  return { lo: prefix, hi: successor(prefix) }
}

/** The one key `key`. */
export function exactRange(key: string): KeyRange {
  return { lo: key, hi: key + '\u0000' }
}

export type RangeOperator = 'gt' | 'gte' | 'lt' | 'lte'

/** The keys `op value` selects, for a whole-key bound. */
export function operatorRange(op: RangeOperator, value: string): KeyRange {
  switch (op) {
    case 'gt':
      return { lo: value + '\u0000', hi: undefined }
    case 'gte':
      return { lo: value, hi: undefined }
    case 'lt':
      return { lo: '', hi: value }
    case 'lte':
      return { lo: '', hi: value + '\u0000' }
  }
}

/** The keys `op` selects against every key that starts with `prefix` (a partial key). */
export function prefixOperatorRange(op: RangeOperator, prefix: string): KeyRange {
  const after = successor(prefix)
  switch (op) {
    case 'gt':
      return after === undefined ? { lo: '', hi: '' } : { lo: after, hi: undefined }
    case 'gte':
      return { lo: prefix, hi: undefined }
    case 'lt':
      return { lo: '', hi: prefix }
    case 'lte':
      return { lo: '', hi: after }
  }
}

export function intersect(a: KeyRange, b: KeyRange): KeyRange {
  const lo = compareKeys(a.lo, b.lo) >= 0 ? a.lo : b.lo
  const hi = a.hi === undefined ? b.hi : b.hi === undefined ? a.hi : compareKeys(a.hi, b.hi) <= 0 ? a.hi : b.hi
  return { lo, hi }
}

/** The least range holding both. */
export function hull(a: KeyRange, b: KeyRange): KeyRange {
  const lo = compareKeys(a.lo, b.lo) <= 0 ? a.lo : b.lo
  const hi = a.hi === undefined || b.hi === undefined ? undefined : compareKeys(a.hi, b.hi) >= 0 ? a.hi : b.hi
  return { lo, hi }
}

export function isEmpty(range: KeyRange): boolean {
  return range.hi !== undefined && compareKeys(range.lo, range.hi) >= 0
}

export function contains(range: KeyRange, key: string): boolean {
  return compareKeys(range.lo, key) <= 0 && (range.hi === undefined || compareKeys(key, range.hi) < 0)
}

/** One DynamoDB sort-key test: what a key condition says about the sort key. */
export type SortTest =
  | { readonly op: '=' | '<' | '<=' | '>' | '>=' | 'begins_with'; readonly value: string }
  | { readonly op: 'BETWEEN'; readonly value: string; readonly high: string }

/**
 * The single DynamoDB test that selects exactly the keys of `range` (no key outside it, none of
 * its storable keys left out), or undefined when the range is every key. The range must not be empty.
 */
export function sortTest(range: KeyRange): SortTest | undefined {
  const { lo, hi } = range
  if (hi === undefined) {
    if (lo.length === 0) return undefined
    return endsWithNul(lo) ? { op: '>', value: lo.slice(0, -1) } : { op: '>=', value: lo }
  }
  if (lo.length === 0) return endsWithNul(hi) ? { op: '<=', value: hi.slice(0, -1) } : { op: '<', value: hi }
  if (hi === lo + '\u0000') return { op: '=', value: lo }
  if (hi === successor(lo)) return { op: 'begins_with', value: lo }
  // BETWEEN is inclusive at both ends: an exclusive upper end becomes the last key before it.
  const high = endsWithNul(hi) ? hi.slice(0, -1) : (predecessor(hi) as string)
  return { op: 'BETWEEN', value: lo, high }
}

function endsWithNul(text: string): boolean {
  return text.charCodeAt(text.length - 1) === 0
}
