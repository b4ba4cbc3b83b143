// Type-level view of an entity. One type bag per entity (`EntityTypes`), computed once at
// `table.entity(...)`, keeps type-checking cheap: operations read fields of the bag instead of
// re-deriving types from the schema and templates at every use.

import type { z } from 'zod'
import type { TemplateFields } from '../keys/index.js'
import type { AnyObjectSchema } from './schema-info.js'

export interface EntityTypes {
  readonly name: string
  readonly schema: AnyObjectSchema
  /** The item as the application reads it (zod output, timestamps included). */
  readonly item: object
  /** What `put` / `create` accept: the item with defaulted and timestamp fields optional. */
  readonly input: object
  /** The primary key input: the fields of the key templates. */
  readonly key: object
  /** Index name -> the key input fields of that index (partition and sort). */
  readonly indexes: Record<string, IndexFields>
}

export interface IndexFields {
  readonly pk: string
  readonly sk: string
}

type Shape<S extends AnyObjectSchema> = S['shape']

/** Schema fields that have a default: optional in put input. */
export type DefaultedKeys<S extends AnyObjectSchema> = {
  [K in keyof Shape<S>]: Shape<S>[K] extends z.ZodDefault<z.ZodType> | z.ZodPrefault<z.ZodType> ? K : never
}[keyof Shape<S>]

export type TimestampOption = boolean | { readonly createdAt?: string; readonly updatedAt?: string } | undefined

type StampNames<T> = T extends true
  ? 'createdAt' | 'updatedAt'
  : T extends { readonly createdAt?: infer C; readonly updatedAt?: infer U }
    ? (string extends C ? 'createdAt' : C & string) | (string extends U ? 'updatedAt' : U & string)
    : never

export type Stamps<T> = [StampNames<T>] extends [never] ? unknown : { [K in StampNames<T>]: string }

/** The version field of an optimistically locked entity, when the schema does not declare it. */
export type Versioned<V> = [V] extends [string] ? { [K in V]: number } : unknown

export type ItemOf<S extends AnyObjectSchema, T, V = undefined> = z.output<S> & Stamps<T> & Versioned<V>

export type InputOf<S extends AnyObjectSchema, T, V = undefined> = Omit<z.output<S>, DefaultedKeys<S>> &
  Partial<Pick<z.output<S>, DefaultedKeys<S>>> &
  Partial<Stamps<T>> &
  Partial<Versioned<V>>

/** `unknown` when every placeholder of the template is an item field, else a readable error type. */
export type CheckTemplate<T extends string, Fields> = [Exclude<TemplateFields<T>, Fields>] extends [never]
  ? unknown
  : { 'key template uses fields that are not in the schema': Exclude<TemplateFields<T>, Fields> }

export type KeyInput<Item, Fields extends string> = { [K in Fields & keyof Item]: Item[K] }

export type Simplify<T> = { [K in keyof T]: T[K] } & {}

type OptionalKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? K : never }[keyof T]
type KeysOfType<T, V> = { [K in keyof T]-?: [NonNullable<T[K]>] extends [V] ? K : never }[keyof T]

/** Nested paths ('address.city', 'tags[0]') are accepted as keys of set, with values checked at run time. */
interface NestedPaths {
  [path: `${string}.${string}` | `${string}[${number}]${string}`]: unknown
}

/**
 * The changes an update may make to an item of type `T` (primary-key fields already left out):
 * only optional fields can be removed, numbers added or subtracted, lists appended to, sets
 * added to or deleted from.
 */
export interface UpdateChanges<T> {
  set?: { [K in keyof T]?: T[K] } & NestedPaths
  setIfNotExists?: { [K in keyof T]?: T[K] }
  remove?: readonly (OptionalKeys<T> & string)[]
  add?: { [K in KeysOfType<T, number | ReadonlySet<unknown>>]?: NonNullable<T[K]> extends ReadonlySet<unknown> ? NonNullable<T[K]> : number }
  subtract?: { [K in KeysOfType<T, number>]?: number }
  append?: { [K in KeysOfType<T, readonly unknown[]>]?: NonNullable<T[K]> }
  prepend?: { [K in KeysOfType<T, readonly unknown[]>]?: NonNullable<T[K]> }
  delete?: { [K in KeysOfType<T, ReadonlySet<unknown>>]?: NonNullable<T[K]> }
}
