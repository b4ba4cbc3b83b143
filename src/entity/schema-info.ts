// What the entity layer needs to know about a zod object schema, read once at definition:
// which fields have defaults, which are optional, which need encoding through a codec, and
// which are stored as numbers. Reads zod 4's public `_zod.def` / `_zod.optout` metadata.

import type { z } from 'zod'

export type AnyObjectSchema = z.ZodObject<z.core.$ZodLooseShape>

type Def = { type: string; innerType?: ZodLike; in?: ZodLike; out?: ZodLike; defaultValue?: unknown; catchall?: ZodLike }
interface ZodLike {
  _zod: { def: Def; optout?: 'optional' | undefined; optin?: 'optional' | undefined }
}

/** Field schemas whose encoded form equals their decoded form, so no encode pass is needed. */
const PLAIN_TYPES = new Set(['string', 'number', 'boolean', 'enum', 'literal', 'null', 'int', 'template_literal'])
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch'])

export interface FieldInfo {
  readonly name: string
  readonly schema: z.ZodType
  /** The field may be absent from a stored item. */
  readonly optional: boolean
  /** `.default(...)`: may be left out of a put; filled before encoding. */
  readonly hasDefault: boolean
  /** Encoded and decoded forms are the same JavaScript value (no codec or transform inside). */
  readonly plain: boolean
  /** The stored form is a number (for key attribute types). */
  readonly storedNumber: boolean
}

export interface SchemaInfo {
  readonly fields: ReadonlyMap<string, FieldInfo>
  readonly defaultFields: readonly FieldInfo[]
  /** The object accepts keys beyond its shape (strict or loose objects), so bookkeeping attributes must be removed before decoding. */
  readonly hasCatchall: boolean
  /** Every field is plain: an item's stored form is its application form. */
  readonly allPlain: boolean
}

export function describeSchema(schema: AnyObjectSchema): SchemaInfo {
  const fields = new Map<string, FieldInfo>()
  const shape = schema.shape as Record<string, z.ZodType>
  for (const name of Object.keys(shape)) {
    const field = shape[name] as z.ZodType
    const like = field as unknown as ZodLike
    const core = unwrap(like)
    fields.set(name, {
      name,
      schema: field,
      optional: like._zod.optout === 'optional',
      hasDefault: hasWrapper(like, 'default') || hasWrapper(like, 'prefault'),
      plain: isPlain(like),
      storedNumber: storedType(core) === 'number',
    })
  }
  const catchall = (schema as unknown as ZodLike)._zod.def.catchall
  return {
    fields,
    defaultFields: [...fields.values()].filter((f) => f.hasDefault),
    hasCatchall: catchall !== undefined,
    allPlain: [...fields.values()].every((f) => f.plain),
  }
}

/** The schema inside optional / nullable / default / ... wrappers. */
export function unwrap<S extends { _zod: { def: { type: string; innerType?: S | undefined } } }>(schema: S): S {
  let current = schema
  while (WRAPPERS.has(current._zod.def.type) && current._zod.def.innerType) current = current._zod.def.innerType
  return current
}

function hasWrapper(schema: ZodLike, type: string): boolean {
  let current: ZodLike | undefined = schema
  while (current && WRAPPERS.has(current._zod.def.type)) {
    if (current._zod.def.type === type) return true
    current = current._zod.def.innerType
  }
  return false
}

function isPlain(schema: ZodLike): boolean {
  return PLAIN_TYPES.has(unwrap(schema)._zod.def.type)
}

/** The JavaScript type of the stored (encoded) form, as far as it can be told. */
function storedType(schema: ZodLike): string {
  const def = schema._zod.def
  if (def.type === 'pipe' && def.in) return storedType(unwrap(def.in))
  return def.type
}
