// Condition objects, typed against an item type. Kept deliberately cheap to check: one mapped
// type over the item's top-level keys, no recursion into nested objects, and only
// non-distributive conditionals, so 100+ entities type-check fast.

import type { AnyFieldOperator, AttributeRef, BeginsWith, Comparison, Contains } from './operators.js'

/** DynamoDB attribute type codes, for `attributeType(...)` (attribute_type). */
export type AttributeType = 'S' | 'SS' | 'N' | 'NS' | 'B' | 'BS' | 'BOOL' | 'NULL' | 'L' | 'M'

/** beginsWith and contains (substring) for strings; contains (element) for lists and sets. */
type ShapeOperators<V> = [V] extends [string]
  ? BeginsWith | Contains<string>
  : [V] extends [readonly (infer E)[]]
    ? Contains<E>
    : [V] extends [ReadonlySet<infer E>]
      ? Contains<E>
      : never

/**
 * What a condition accepts for an attribute whose value type is `V`: the value itself
 * (equality; a plain object is always a value, never an operator), `attr(name)` (equal to another
 * attribute) or an operator made by one of the helpers (`ne`, `gte`, `between`, `beginsWith`, `size`, ...), typed for `V`.
 */
export type Operators<V> = V | Comparison<NonNullable<V>> | AnyFieldOperator | AttributeRef | ShapeOperators<NonNullable<V>>

export interface Combinators<T> {
  $and?: readonly Condition<T>[]
  $or?: readonly Condition<T>[]
  $not?: Condition<T>
}

/**
 * Nested paths ('address.city', 'tags[0]') are accepted as keys, with values typed loosely.
 * Operators there are the same helpers; a plain object is still a value.
 */
export interface NestedPathConditions {
  [path: `${string}.${string}` | `${string}[${number}]${string}`]: unknown
}

/**
 * A condition or filter over items of type `T`: each key is an attribute, given a value
 * (equality) or an operator from a helper (`{ score: gte(10) }`); several keys are ANDed;
 * `$and` / `$or` / `$not` combine. `undefined` values are skipped, so optional inputs can be
 * spread in.
 */
export type Condition<T = Record<string, unknown>> = {
  [K in keyof T]?: Operators<T[K]>
} & Combinators<T> &
  NestedPathConditions
