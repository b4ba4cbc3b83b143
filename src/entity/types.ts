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

export type ItemOf<S extends AnyObjectSchema, T> = z.output<S> & Stamps<T>

export type InputOf<S extends AnyObjectSchema, T> = Omit<z.output<S>, DefaultedKeys<S>> &
  Partial<Pick<z.output<S>, DefaultedKeys<S>>> &
  Partial<Stamps<T>>

/** `unknown` when every placeholder of the template is an item field, else a readable error type. */
export type CheckTemplate<T extends string, Fields> = [Exclude<TemplateFields<T>, Fields>] extends [never]
  ? unknown
  : { 'key template uses fields that are not in the schema': Exclude<TemplateFields<T>, Fields> }

export type KeyInput<Item, Fields extends string> = { [K in Fields & keyof Item]: Item[K] }

export type Simplify<T> = { [K in keyof T]: T[K] } & {}
