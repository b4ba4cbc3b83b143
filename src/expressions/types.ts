// Condition objects, typed against an item type. Kept deliberately cheap to check: one mapped
// type over the item's top-level keys, no recursion into nested objects, and only
// non-distributive conditionals, so 100+ entities type-check fast.

/** DynamoDB attribute type codes, for `{ type: ... }` (attribute_type). */
export type AttributeType = 'S' | 'SS' | 'N' | 'NS' | 'B' | 'BS' | 'BOOL' | 'NULL' | 'L' | 'M'

/** Comparisons of a value: the attribute's own value, or its size under `size`. */
export interface ComparisonOperators<V> {
  eq?: V
  ne?: V
  lt?: V
  lte?: V
  gt?: V
  gte?: V
  between?: readonly [V, V]
  /** 1 to 100 candidate values. */
  in?: readonly V[]
}

export interface CommonOperators {
  /** true: attribute_exists; false: attribute_not_exists. */
  exists?: boolean
  type?: AttributeType
  /** size(path) compared with numbers: string length, bytes of binary, elements of a list, set or map. */
  size?: ComparisonOperators<number>
}

/** begins_with and contains (substring) for strings; contains (element) for lists and sets. */
type ShapeOperators<V> = [V] extends [string]
  ? { beginsWith?: string; contains?: string }
  : [V] extends [readonly (infer E)[]]
    ? { contains?: E }
    : [V] extends [ReadonlySet<infer E>]
      ? { contains?: E }
      : unknown

/** The operators allowed on an attribute whose value type is `V`. Several in one object are ANDed. */
export type Operators<V> = ComparisonOperators<Exclude<V, undefined>> & CommonOperators & ShapeOperators<NonNullable<V>>

export interface Combinators<T> {
  $and?: readonly Condition<T>[]
  $or?: readonly Condition<T>[]
  $not?: Condition<T>
}

/** Nested paths ('address.city', 'tags[0]') are accepted as keys, with values typed loosely. */
export interface NestedPathConditions {
  [path: `${string}.${string}` | `${string}[${number}]${string}`]: unknown
}

/**
 * A condition or filter over items of type `T`: each key is an attribute, given a bare value
 * (equality) or an operator object; several keys are ANDed; `$and` / `$or` / `$not` combine.
 * `undefined` values are skipped, so optional inputs can be spread in.
 */
export type Condition<T = Record<string, unknown>> = {
  [K in keyof T]?: T[K] | Operators<T[K]>
} & Combinators<T> &
  NestedPathConditions
