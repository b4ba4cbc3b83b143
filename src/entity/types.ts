// Type-level view of an entity. One type bag per entity (`EntityTypes`), computed once at
// `table.entity(...)`, keeps type-checking cheap: operations read fields of the bag instead of
// re-deriving types from the schema and templates at every use.

import type { TemplateFields } from '../keys/index.js'
import type { ObjectSchema, Output, ShapeOf } from '../schema/index.js'

export interface EntityTypes {
  readonly name: string
  readonly schema: ObjectSchema
  /** The item as the application reads it (zod output, timestamps included). */
  readonly item: object
  /** What `put` / `create` accept: the item with defaulted and timestamp fields optional. */
  readonly input: object
  /** The primary key input: the fields of the key templates. */
  readonly key: object
  /** Index name -> the key input fields of that index (partition and sort). */
  readonly indexes: Record<string, IndexFields>
  /** What `update`'s `set` must satisfy so no index key template is half-set (see SetConstraint). */
  readonly setConstraint?: unknown
  /** False when the entity has no `version` field: `expectedVersion` is then refused. */
  readonly versioned?: boolean
  /** False when no field holds a map or list: `update` then takes FlatChanges, skipping nested paths. */
  readonly nested?: boolean
}

/** `expectedVersion` is only for entities with a `version` field. */
export type VersionOption<T extends EntityTypes> = T['versioned'] extends false ? { readonly expectedVersion?: undefined } : unknown

export interface IndexFields {
  readonly pk: string
  readonly sk: string
  /** The index as the table declares it (its key attributes and projection). */
  readonly def?: unknown
  /** A multi-attribute sort key's attributes in order, as the fields each is made of; undefined otherwise. */
  readonly order?: unknown
}

/** A field schema with a default: zod marks it with `optin: 'defaulted'`. */
interface Defaulted {
  readonly _zod: { readonly optin: 'defaulted' }
}

/** Schema fields that have a default: optional in put input. */
// Read from zod's own `optin` marker instead of comparing each field with ZodDefault
// structurally: the structural check cost ~75k instantiations, and more per new field type.
// Mapped over the shape itself, not `ShapeOf<S>` per key: three instantiations fewer per field.
export type DefaultedKeys<S extends ObjectSchema> = DefaultedIn<ShapeOf<S>>

type DefaultedIn<Shape> = { [K in keyof Shape]: Shape[K] extends Defaulted ? K : never }[keyof Shape]

/** Whether any field has a default: one distributive check over the fields' schemas, far cheaper than listing the keys. */
type HasDefaults<S extends ObjectSchema> = [Extract<ShapeOf<S>[keyof ShapeOf<S>], Defaulted>] extends [never] ? false : true

export type TimestampOption = boolean | { readonly createdAt?: string; readonly updatedAt?: string } | undefined

type StampNames<T> = T extends true
  ? 'createdAt' | 'updatedAt'
  : T extends { readonly createdAt?: infer C; readonly updatedAt?: infer U }
    ? (string extends C ? 'createdAt' : C & string) | (string extends U ? 'updatedAt' : U & string)
    : never

export type Stamps<T> = [StampNames<T>] extends [never] ? unknown : { [K in StampNames<T>]: string }

/** The version field of an optimistically locked entity, when the schema does not declare it. */
export type Versioned<V> = [V] extends [string] ? { [K in V]: number } : unknown

// Without timestamps or a version (the common case) the item is zod's output itself, not an
// intersection every use has to resolve again.
export type ItemOf<S extends ObjectSchema, T, V = undefined> = [T] extends [undefined]
  ? [V] extends [undefined]
    ? Output<S>
    : Output<S> & Versioned<V>
  : Output<S> & Stamps<T> & Versioned<V>

export type InputOf<S extends ObjectSchema, T, V = undefined> = HasDefaults<S> extends false
  ? [T] extends [undefined | false]
    ? [V] extends [undefined]
      ? Output<S> // nothing library-filled: the input is the output (the common case, and the cheap one)
      : Output<S> & Partial<Versioned<V>>
    : Output<S> & Partial<Stamps<T>> & Partial<Versioned<V>>
  : Omit<Output<S>, DefaultedKeys<S>> & Partial<Pick<Output<S>, DefaultedKeys<S>>> & Partial<Stamps<T>> & Partial<Versioned<V>>

/** `unknown` when every placeholder of the template is an item field, else a readable error type. */
export type CheckTemplate<T extends string, Fields> = [Exclude<TemplateFields<T>, Fields>] extends [never]
  ? unknown
  : { 'key template uses fields that are not in the schema': Exclude<TemplateFields<T>, Fields> }

export type KeyInput<Item, Fields extends string> = { [K in Fields & keyof Item]: Item[K] }

/** `T` with its intersections flattened into one object type (type-fest's `Simplify`, written here: see UnionToIntersection below). */
export type Simplify<T> = { [K in keyof T]: T[K] } & {}

type OptionalKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? K : never }[keyof T]

/** `T` without null and undefined when it is a `V` (or null, or undefined); otherwise `R`. */
type Only<T, V, R> = [T] extends [V | null | undefined] ? NonNullable<T> : R

// What a field takes in an action that cannot touch it: no value matches these, and a type
// error names them, so it says why.
interface KeyFieldRefused {
  readonly 'primary-key fields cannot change: use move()': true
}
interface NotNumberOrSet {
  readonly 'add takes number and set fields': true
}
interface NotNumber {
  readonly 'subtract takes number fields': true
}
interface NotList {
  readonly 'append and prepend take list fields': true
}
interface NotSet {
  readonly 'delete takes set fields': true
}

/** Values stored whole: a path never goes inside them. */
type Leaf = Date | ReadonlySet<unknown> | ReadonlyMap<unknown, unknown> | Uint8Array

type Scalar = string | number | boolean | bigint | symbol | null | undefined

/** Paths reach at most this many levels below a top-level field ('a.b.c.d', 'lines[0].qty'). */
type MaxDepth = 3

/**
 * Every nested path below a value `V` reached by path `P`, `D` levels down, as
 * `[path, value type, removable]`: a list element, a record entry or an optional member can be
 * removed; a required member cannot. List indexes are `[${number}]`.
 */
type Below<V, P extends string, D extends unknown[]> = V extends object
  ? V extends Leaf
    ? never
    : D['length'] extends MaxDepth
      ? never
      : V extends readonly (infer E)[]
        ? [`${P}[${number}]`, E, true] | Below<NonNullable<E>, `${P}[${number}]`, [...D, 0]>
        : { [K in keyof V & string]: [`${P}.${K}`, V[K], string extends keyof V ? true : undefined extends V[K] ? true : false] | Below<NonNullable<V[K]>, `${P}.${K}`, [...D, 0]> }[keyof V & string]
  : never

/** The nested paths of an item type (not its top-level fields), with their types; never for a flat item. */
export type NestedPaths<T> = { [K in keyof T & string]-?: T[K] extends Scalar ? never : Below<NonNullable<T[K]>, K, []> }[keyof T & string]

type NestedEntry = readonly [string, unknown, boolean]
type NumberOrSet<V> = [V] extends [number | null | undefined] ? number : NonNullable<V> extends ReadonlySet<unknown> ? NonNullable<V> : never

/** Nested paths of one clause: `[path, value]` pairs whose value type `Rule` takes; never for none. */
interface NestedClauses<N extends NestedEntry> {
  set: { [E in N as E[0]]?: E[1] }
  add: { [E in N as [NumberOrSet<E[1]>] extends [never] ? never : E[0]]?: NumberOrSet<E[1]> }
  subtract: { [E in N as [E[1]] extends [number | null | undefined] ? E[0] : never]?: number }
  list: { [E in N as NonNullable<E[1]> extends readonly unknown[] ? E[0] : never]?: NonNullable<E[1]> }
  delete: { [E in N as NonNullable<E[1]> extends ReadonlySet<unknown> ? E[0] : never]?: NonNullable<E[1]> }
  remove: Extract<N, readonly [string, unknown, true]>[0]
}

/**
 * The changes an update may make to the top-level fields of an item of type `T` whose
 * primary-key fields are `KeyField`: only optional fields can be removed, numbers added or
 * subtracted, lists appended to, sets added to or deleted from; key fields cannot change. An
 * entity with no map or list field takes these (its `nested` is false), which keeps its updates as
 * cheap to type-check as before nested paths were typed.
 *
 * Each action maps every field, with a refusal type for one it cannot touch, instead of first
 * listing the fields it can: the type checker then decides only for the fields an update names,
 * which made `update` ~3 times cheaper to check.
 */
export interface FlatChanges<T, SetRule = object, KeyField = never> {
  set?: { [K in keyof T]?: K extends KeyField ? KeyFieldRefused : T[K] } & SetRule
  setIfNotExists?: { [K in keyof T]?: K extends KeyField ? KeyFieldRefused : T[K] }
  remove?: readonly (OptionalKeys<T> & string)[]
  add?: { [K in keyof T]?: K extends KeyField ? KeyFieldRefused : T[K] extends number | null | undefined ? number : Only<T[K], ReadonlySet<unknown>, NotNumberOrSet> }
  subtract?: { [K in keyof T]?: K extends KeyField ? KeyFieldRefused : T[K] extends number | null | undefined ? number : NotNumber }
  append?: { [K in keyof T]?: Only<T[K], readonly unknown[], NotList> }
  prepend?: { [K in keyof T]?: Only<T[K], readonly unknown[], NotList> }
  delete?: { [K in keyof T]?: Only<T[K], ReadonlySet<unknown>, NotSet> }
}

/**
 * `FlatChanges`, where every clause also takes nested paths (`'address.city'`, `'lines[0].qty'`,
 * up to three levels below a top-level field), typed as the value there: a wrong value or a path
 * the item does not have does not compile; `remove` takes optional members, list elements and
 * record entries, never a required member.
 */
export interface UpdateChanges<T, SetRule = object, KeyField = never> {
  set?: FlatChanges<T, SetRule, KeyField>['set'] & NestedClauses<NestedPaths<T>>['set']
  setIfNotExists?: FlatChanges<T, SetRule, KeyField>['setIfNotExists'] & NestedClauses<NestedPaths<T>>['set']
  remove?: readonly ((OptionalKeys<T> & string) | NestedClauses<NestedPaths<T>>['remove'])[]
  add?: FlatChanges<T, SetRule, KeyField>['add'] & NestedClauses<NestedPaths<T>>['add']
  subtract?: FlatChanges<T, SetRule, KeyField>['subtract'] & NestedClauses<NestedPaths<T>>['subtract']
  append?: FlatChanges<T, SetRule, KeyField>['append'] & NestedClauses<NestedPaths<T>>['list']
  prepend?: FlatChanges<T, SetRule, KeyField>['prepend'] & NestedClauses<NestedPaths<T>>['list']
  delete?: FlatChanges<T, SetRule, KeyField>['delete'] & NestedClauses<NestedPaths<T>>['delete']
}

/**
 * The clauses `upsert` takes besides the item: each works on a field that is not stored yet (a
 * missing number counts as 0, a missing list or set as empty). Top-level fields only: the item may
 * be created, and a nested path needs its map or list to exist.
 */
export type UpsertChanges<T, KeyField = never> = Pick<FlatChanges<T, object, KeyField>, 'add' | 'append' | 'prepend' | 'setIfNotExists'>

// Hand-written rather than type-fest's: measured on the types benchmark with a two-field index sort
// key (so `update`'s set rule runs), type-fest 5.10's UnionToIntersection (which intersects the
// result with the union again) costs 4 / 22 / 202 more instantiations at N = 1 / 10 / 100
// entities, and with its IsUnion (IsEqual per member) 234 / 252 / 432 more. It would also be a
// dependency of the published declarations, requiring TypeScript >= 5.9 of every user.
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never
type IsUnion<U> = [U] extends [UnionToIntersection<U>] ? false : true

/** For one template's updatable fields G: set none of them, or all of them. */
type AllOrNone<X, G> = IsUnion<G> extends true ? { [K in G & keyof X]?: never } | { [K in G & keyof X]-?: Exclude<X[K], undefined> } : object

type PartRule<X, Template, KeyFields> = Template extends string ? AllOrNone<X, Exclude<TemplateFields<Template>, KeyFields>> : object

/**
 * The rule `update`'s `set` must follow so an index key is never rewritten from half its fields:
 * for each computed index template (from the entity's `indexes` option) with two or more fields
 * outside the primary key, `set` gives none or all of them. `object` when there is no such template.
 */
// The gate is one distributive check of the index entries against a pattern, not inferring each
// entry's templates first: ~11 instantiations fewer per entity that updates.
export type SetConstraint<X, IX, KeyFields> = [Extract<IX[keyof IX], WithTwoFields>] extends [never] ? object : SetRules<X, IX, KeyFields>

/** A template with two placeholders or more (only those can be half-set). */
type TwoFields = `${string}{${string}}${string}{${string}}${string}`

/** An entry of the entity's `indexes` option with such a template. */
type WithTwoFields = { readonly pk: TwoFields } | { readonly sk: TwoFields }

type SetRules<X, IX, KeyFields> = UnionToIntersection<
  | { rule: object }
  | {
      // boxed, so each rule's own "none or all" union is not split apart by the intersection
      [I in keyof IX]: {
        rule: PartRule<X, IX[I] extends { readonly pk?: infer P } ? P : undefined, KeyFields> &
          PartRule<X, IX[I] extends { readonly sk?: infer Q } ? Q : undefined, KeyFields>
      }
    }[keyof IX]
> extends { rule: infer R }
  ? R
  : object

/** What `select` takes: a field name, or a path into a map or list field ('address.city', 'lines[0].sku'). */
export type SelectPath<Item> = (keyof Item & string) | NestedPaths<Item>[0]

/**
 * The item `select(F)` returns: whole fields keep their types; a nested path is a key of its own
 * (`'address.city'`), holding the value there, decoded, or undefined when the item has none.
 */
export type Selected<Item, F extends string> = Simplify<Pick<Item, Extract<F, keyof Item>> & { [P in Exclude<F, keyof Item>]?: ValueAtPath<NestedPaths<Item>, P> }>

/** The value type of the entry whose path pattern `P` matches. */
type ValueAtPath<N, P> = N extends readonly [infer Path, infer V, boolean] ? (P extends Path ? V : never) : never
