// Fields sortkey manages (timestamps, a version) added to an entity's schema, and the narrowed
// schema of a projection, without `.extend` / `.pick`, which zod/mini schemas do not have: zod's
// core helpers clone the schema in its own flavour, and the added field schemas are made from
// zod's core classes, so classic zod is never loaded.

import { $ZodNumberFormat, $ZodOptional, $ZodString, _gte, _int, _optional, _string, clone } from 'zod/v4/core'
import type { FieldSchema, ObjectSchema } from './types.js'

/** A string field: how timestamps (ISO strings) are stored. */
export function stringField(): FieldSchema {
  return _string($ZodString)
}

/** An optional non-negative integer field: the version of an optimistically locked item. */
export function versionField(): FieldSchema {
  return _optional($ZodOptional, _int($ZodNumberFormat, { checks: [_gte(0)] } as never) as never)
}

/** `schema` with `fields` added; the caller makes sure none of them is already a field. */
// zod's own `util.extend` would do, but reaching it through the `util` namespace bundles all of
// zod's util module (13 KB minified); a clone with the longer shape is all it takes.
export function withFields(schema: ObjectSchema, fields: Readonly<Record<string, FieldSchema>>): ObjectSchema {
  const def = schema._zod.def
  return clone(schema as never, { ...def, shape: { ...def.shape, ...fields } } as never) as ObjectSchema
}

/**
 * `schema` with only `fields`: how a projected item (a read with `select`) is decoded. Object-level
 * refinements are dropped with the other fields, since they may read fields that were not read.
 */
export function pickFields(schema: ObjectSchema, fields: readonly string[]): ObjectSchema {
  const def = schema._zod.def
  const shape: Record<string, unknown> = {}
  for (const field of fields) shape[field] = def.shape[field]
  return clone(schema as never, { ...def, shape, checks: [] } as never) as ObjectSchema
}
