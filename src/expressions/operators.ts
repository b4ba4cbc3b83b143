// Condition operators as functions: `{ role: ne('x') }`, `{ stock: gte(attr('reserved')) }`.
//
// Why functions and not objects: a field's operand often comes from user input, and JSON can
// produce any plain object (`JSON.parse('{"ne":"x"}')`) but never a symbol-keyed property. Each
// helper returns a frozen instance of a module-private class (branded with a module-private
// symbol for the types), so only code that imports sortkey can write an operator; any plain
// object in a condition is a value (equality). A spread or JSON copy of an operator is a plain
// object too.

import type { AttributeType } from './types.js'

const BRAND: unique symbol = Symbol('sortkey.operator')

/** Type-only: the value type an operator compares with, and the element `contains` looks for. Never present at run time. */
declare const VALUE: unique symbol
declare const ELEMENT: unique symbol

/** What an operator does; the compiler's switch. */
export type OperatorName =
  | 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte' | 'between' | 'oneOf'
  | 'beginsWith' | 'contains' | 'exists' | 'notExists' | 'attributeType' | 'size' | 'attr'

/** The run-time form every helper returns: frozen, branded, never produced by JSON. */
export interface OperatorObject {
  readonly op: OperatorName
  readonly value: unknown
}

interface Branded<Kind extends string> extends OperatorObject {
  readonly [BRAND]: Kind
}

/** `eq`, `ne`, `lt`, `lte`, `gt`, `gte`, `between`, `oneOf` of values of type `V` (or attributes). */
export interface Comparison<out V> extends Branded<'comparison'> {
  readonly [VALUE]?: V
}

/** `exists()`, `notExists()`, `attributeType(t)`, `size(...)`: allowed on any field. */
export interface AnyFieldOperator extends Branded<'any'> {}

/** `beginsWith(prefix)`: strings only. */
export interface BeginsWith extends Branded<'beginsWith'> {}

/** `contains(x)`: a substring of a string, an element of a list or set. */
export interface Contains<out E> extends Branded<'contains'> {
  readonly [ELEMENT]?: E
}

/** Another attribute of the same item as an operand: `gte(attr('reserved'))`. */
export interface AttributeRef extends Branded<'attr'> {
  readonly value: string
}

/** The value type of an operand: an `attr(...)` operand fits a field of any type. */
type Value<V> = V extends AttributeRef ? never : V

/** Any operator; what the compiler and the encoding layer take apart. */
export type Operator = Comparison<unknown> | AnyFieldOperator | BeginsWith | Contains<unknown> | AttributeRef

/** The one class of operators: JSON, a spread or a structured clone yields a plain object, never an instance. */
class OperatorValue {
  constructor(
    readonly op: OperatorName,
    readonly value: unknown,
  ) {}
}
// The brand lives on the prototype: instances share one shape, which keeps making an operator cheap.
Object.defineProperty(OperatorValue.prototype, BRAND, { value: true })

function make<T>(op: OperatorName, value: unknown): T {
  return Object.freeze(new OperatorValue(op, value)) as T
}

/** Builds an operator of the given kind: for the encoding layer, which rebuilds operators with stored-form operands. */
export function operator(op: OperatorName, value: unknown): Operator {
  return make(op, value)
}

/** True only for an object made by one of the helpers here: never for parsed JSON or a copy. */
export function isOperator(value: unknown): value is Operator {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === OperatorValue.prototype
}

/**
 * Another attribute of the same item, as the operand of a comparison, `between`, `oneOf` or a
 * size comparison; a nested path such as `'address.zip'` works too. The name must be an attribute
 * of the entity.
 *
 * @example
 * ```ts
 * import { attr, gte, lt, size } from 'sortkey'
 *
 * const inStock = { stock: gte(attr('reserved')) } // stock >= reserved
 * const room = { guests: size(lt(attr('beds'))) } // size(guests) < beds
 * ```
 */
export function attr(name: string): AttributeRef {
  return make('attr', name)
}

/**
 * Equal to `value` (or to another attribute). A bare value means the same: `{ role: 'admin' }`.
 *
 * @example
 * ```ts
 * import { eq, attr } from 'sortkey'
 *
 * const same = { shippedTo: eq(attr('billedTo')) }
 * ```
 */
export function eq<V>(value: V): Comparison<Value<V>> {
  return make('eq', value)
}

/**
 * Not equal (`<>`); also true when the attribute is missing.
 *
 * @example
 * ```ts
 * import { ne } from 'sortkey'
 *
 * const notAdmin = { role: ne('admin') }
 * ```
 */
export function ne<V>(value: V): Comparison<Value<V>> {
  return make('ne', value)
}

/**
 * Less than.
 *
 * @example
 * ```ts
 * import { lt } from 'sortkey'
 *
 * const room = { people: lt(50) }
 * ```
 */
export function lt<V>(value: V): Comparison<Value<V>> {
  return make('lt', value)
}

/**
 * Less than or equal.
 *
 * @example
 * ```ts
 * import { lte } from 'sortkey'
 *
 * const cheap = { price: lte(10) }
 * ```
 */
export function lte<V>(value: V): Comparison<Value<V>> {
  return make('lte', value)
}

/**
 * Greater than.
 *
 * @example
 * ```ts
 * import { gt } from 'sortkey'
 *
 * const big = { total: gt(100) }
 * ```
 */
export function gt<V>(value: V): Comparison<Value<V>> {
  return make('gt', value)
}

/**
 * Greater than or equal.
 *
 * @example
 * ```ts
 * import { gte, attr } from 'sortkey'
 *
 * const enough = { stock: gte(attr('reserved')) }
 * ```
 */
export function gte<V>(value: V): Comparison<Value<V>> {
  return make('gte', value)
}

/**
 * From `low` to `high`, both included (`BETWEEN`).
 *
 * @example
 * ```ts
 * import { between } from 'sortkey'
 *
 * const teens = { age: between(13, 19) }
 * ```
 */
export function between<L, H>(low: L, high: H): Comparison<Value<L | H>> {
  return make('between', Object.freeze([low, high]))
}

/**
 * Equal to one of 1 to 100 values (`IN`).
 *
 * @example
 * ```ts
 * import { oneOf } from 'sortkey'
 *
 * const open = { status: oneOf(['NEW', 'PAID']) }
 * ```
 */
export function oneOf<V>(values: readonly V[]): Comparison<Value<V>> {
  return make('oneOf', Object.freeze([...values]))
}

/**
 * A string attribute that starts with `prefix` (`begins_with`).
 *
 * @example
 * ```ts
 * import { beginsWith } from 'sortkey'
 *
 * const a = { name: beginsWith('A') }
 * ```
 */
export function beginsWith(prefix: string): BeginsWith {
  return make('beginsWith', prefix)
}

/**
 * A string attribute that contains a substring, or a list or set that contains an element (`contains`).
 *
 * @example
 * ```ts
 * import { contains } from 'sortkey'
 *
 * const tagged = { tags: contains('sale') }
 * ```
 */
export function contains<E>(element: E): Contains<E> {
  return make('contains', element)
}

/**
 * The attribute is present (`attribute_exists`).
 *
 * @example
 * ```ts
 * import { exists } from 'sortkey'
 *
 * const verified = { email: exists() }
 * ```
 */
export function exists(): AnyFieldOperator {
  return make('exists', true)
}

/**
 * The attribute is absent (`attribute_not_exists`).
 *
 * @example
 * ```ts
 * import { notExists } from 'sortkey'
 *
 * const live = { deletedAt: notExists() }
 * ```
 */
export function notExists(): AnyFieldOperator {
  return make('notExists', true)
}

/**
 * The attribute is stored as DynamoDB type `type`: `'S'`, `'N'`, `'M'`, `'L'`, ... (`attribute_type`).
 *
 * @example
 * ```ts
 * import { attributeType } from 'sortkey'
 *
 * const isMap = { data: attributeType('M') }
 * ```
 */
export function attributeType(type: AttributeType): AnyFieldOperator {
  return make('attributeType', type)
}

/**
 * Compares the size of the attribute: a string's length, binary bytes, or the elements of a
 * list, set or map (`size(path)`), with a comparison, `between` or `oneOf`.
 *
 * @example
 * ```ts
 * import { size, gt, between } from 'sortkey'
 *
 * const busy = { 'address.lines': size(gt(2)), name: size(between(1, 40)) }
 * ```
 */
export function size(comparison: Comparison<number>): AnyFieldOperator {
  return make('size', comparison)
}
