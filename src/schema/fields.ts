// What sortkey needs to know about an object schema, read once at definition from zod 4's public
// `_zod.def` metadata (the same in classic and mini): each field's schema, whether it may be
// absent, has a default, is stored as it is given (no codec, transform or normalisation), and what
// JavaScript type its stored form has.

import { clone } from 'zod/v4/core'
import type { FieldSchema, ObjectSchema } from './types.js'

interface Def {
  readonly type: string
  readonly innerType?: Node
  readonly in?: Node
  readonly out?: Node
  readonly shape?: Readonly<Record<string, Node>>
  readonly element?: Node
  readonly valueType?: Node
  readonly options?: readonly Node[]
  readonly catchall?: Node
  readonly checks?: readonly { readonly _zod: { readonly def: { readonly check: string } } }[]
  readonly transform?: unknown
  readonly reverseTransform?: unknown
  readonly values?: readonly unknown[]
}
interface Node {
  readonly _zod: { readonly def: Def; readonly optout?: 'optional' | undefined }
}

/** Field schemas whose stored form is the given value itself, unless a check rewrites it (trim, toLowerCase). */
const PLAIN_TYPES = new Set(['string', 'number', 'boolean', 'enum', 'literal', 'null', 'int', 'template_literal'])
/** Wrappers that leave a schema's stored form as its inner schema's. */
export const WRAPPERS: ReadonlySet<string> = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch'])
/** Wrappers an operand does not need: it is never absent, and a default or catch never applies to it. */
const ABSENCE_WRAPPERS = new Set(['optional', 'default', 'prefault', 'readonly', 'nonoptional', 'catch'])
const OBJECT_TYPES = new Set(['object', 'record', 'map', 'any', 'unknown', 'intersection', 'lazy', 'custom'])

export interface FieldInfo {
  readonly name: string
  readonly schema: FieldSchema
  /** The field may be absent from a stored item. */
  readonly optional: boolean
  /** `.default(...)`: may be left out of a put; filled before encoding. */
  readonly hasDefault: boolean
  /** The stored form is the given value itself: no codec, transform or rewriting check inside. */
  readonly plain: boolean
  /** The stored form is a number (key attribute types, versions, TTL). */
  readonly storedNumber: boolean
  /** The stored form is a string or a number: a value that can be claimed by a unique marker. */
  readonly storedScalar: boolean
}

export interface SchemaInfo {
  readonly fields: ReadonlyMap<string, FieldInfo>
  readonly defaultFields: readonly FieldInfo[]
  /** The object accepts keys beyond its shape (strict or loose objects), so bookkeeping attributes must be removed before decoding. */
  readonly hasCatchall: boolean
  /** Every field is plain: an item's stored form is its application form. */
  readonly allPlain: boolean
}

// zod's internals as this module reads them, and back: the one place the two views meet.
const node = (schema: unknown) => schema as Node
const schemaOf = (n: unknown) => n as FieldSchema

/** Reads the fields of an object schema (classic or mini). */
export function describeSchema(schema: ObjectSchema): SchemaInfo {
  const fields = new Map<string, FieldInfo>()
  const shape = node(schema)._zod.def.shape ?? {}
  for (const name of Object.keys(shape)) {
    const field = shape[name] as Node
    const core = unwrap(field)
    const stored = storedType(core)
    fields.set(name, {
      name,
      schema: schemaOf(field),
      optional: field._zod.optout === 'optional',
      hasDefault: hasWrapper(field, 'default') || hasWrapper(field, 'prefault'),
      plain: isPlain(core),
      storedNumber: stored === 'number' || stored === 'int',
      storedScalar: stored === 'number' || stored === 'int' || stored === 'string' || stored === 'enum' || stored === 'template_literal',
    })
  }
  return {
    fields,
    defaultFields: [...fields.values()].filter((f) => f.hasDefault),
    hasCatchall: node(schema)._zod.def.catchall !== undefined,
    allPlain: [...fields.values()].every((f) => f.plain),
  }
}

/** The schema inside optional / nullable / default / ... wrappers. */
export function unwrap<S>(schema: S): S {
  let current = node(schema)
  while (WRAPPERS.has(current._zod.def.type) && current._zod.def.innerType) current = current._zod.def.innerType
  return current as S
}

function hasWrapper(schema: Node, type: string): boolean {
  let current: Node | undefined = schema
  while (current && WRAPPERS.has(current._zod.def.type)) {
    if (current._zod.def.type === type) return true
    current = current._zod.def.innerType
  }
  return false
}

function isPlain(core: Node): boolean {
  const def = core._zod.def
  return PLAIN_TYPES.has(def.type) && !(def.checks ?? []).some((c) => c._zod.def.check === 'overwrite')
}

/** The type of the stored (encoded) form, as far as it can be told. */
function storedType(schema: Node): string {
  return storedCore(schema)._zod.def.type
}

/** The schema of one element of a list (or set) field, or undefined when the field is not one. */
export function elementSchema(schema: FieldSchema): FieldSchema | undefined {
  const def = node(unwrap(schema))._zod.def
  const element = def.type === 'array' ? def.element : def.type === 'set' ? def.valueType : undefined
  return element && schemaOf(element)
}

/**
 * The schema at a nested path below a field ('.city', '[0]', '.lines[2].sku'), or undefined when
 * the field's schema has no such path.
 */
export function schemaAtPath(field: FieldSchema, rest: string): FieldSchema | undefined {
  let schema = node(field)
  for (const segment of rest.match(/\.[^.[]+|\[\d+\]/g) ?? []) {
    const def = node(unwrap(schema))._zod.def
    if (segment.startsWith('[')) {
      if (def.type !== 'array' || !def.element) return undefined
      schema = def.element
    } else {
      const name = segment.slice(1)
      if (def.type === 'object' && def.shape && def.shape[name]) schema = def.shape[name]
      else if (def.type === 'record' && def.valueType) schema = def.valueType
      else return undefined
    }
  }
  return schemaOf(schema)
}

/** The application form of the field can be a plain object (a map field), so `{ field: {...} }` may be a value. */
export function acceptsObjects(schema: FieldSchema): boolean {
  const core = node(unwrap(schema))
  const def = core._zod.def
  if (OBJECT_TYPES.has(def.type)) return true
  if (def.type === 'union') return (def.options ?? []).some((o) => acceptsObjects(schemaOf(o)))
  if (def.type === 'pipe') {
    const side = def.reverseTransform ? def.out : def.in
    return side ? acceptsObjects(schemaOf(side)) : false
  }
  return false
}

const operandSchemas = new WeakMap<object, FieldSchema>()

/**
 * The schema a condition operand (a value compared with the field) is encoded with: the field's
 * schema without optional / default wrappers, and without the checks that only limit the range of
 * a value (min, max, length, refine), which a comparison may well exceed (`lt(100)` on a field
 * of at most 50). Its type, format, codec and rewriting checks (trim, toLowerCase) still apply.
 */
export function operandSchema(schema: FieldSchema): FieldSchema {
  let cached = operandSchemas.get(schema)
  if (!cached) {
    let current = node(schema)
    while (ABSENCE_WRAPPERS.has(current._zod.def.type) && current._zod.def.innerType) current = current._zod.def.innerType
    const checks = current._zod.def.checks
    if (checks && checks.some((c) => c._zod.def.check !== 'overwrite')) {
      const kept = checks.filter((c) => c._zod.def.check === 'overwrite')
      current = node(clone(current as never, { ...current._zod.def, checks: kept } as never))
    }
    cached = schemaOf(current)
    operandSchemas.set(schema, cached)
  }
  return cached
}

/**
 * A string put through the rewriting checks of a string field (trim, toLowerCase, normalize), and
 * nothing else: how a prefix or substring operand (beginsWith, contains) meets the stored form,
 * where the field's own format and length rules cannot apply to a part of a value.
 */
export function rewriteString(schema: FieldSchema, value: string): string {
  let out = value
  for (const check of node(unwrap(schema))._zod.def.checks ?? []) {
    const def = check._zod.def as { readonly check: string; readonly tx?: (v: string) => string }
    if (def.check === 'overwrite' && def.tx) out = def.tx(out)
  }
  return out
}

/** The application form of the field is a string (so beginsWith and contains take a substring of it). */
export function isStringField(schema: FieldSchema): boolean {
  const type = node(unwrap(schema))._zod.def.type
  return type === 'string' || type === 'template_literal' || type === 'enum'
}

/**
 * The DynamoDB type of a field's stored form as a key attribute: 'S' (string, enum, template
 * literal, string literals), 'N' (number), 'B' (Uint8Array), or undefined when the stored form
 * cannot be a key (null allowed, boolean, list, map, or not known).
 */
export function keyAttributeType(schema: FieldSchema): 'S' | 'N' | 'B' | undefined {
  if (hasWrapper(node(schema), 'nullable')) return undefined
  const core = node(unwrap(schema))
  const type = storedType(core)
  if (type === 'string' || type === 'enum' || type === 'template_literal') return 'S'
  if (type === 'number' || type === 'int') return 'N'
  if (type === 'literal') {
    const values = storedCore(core)._zod.def.values ?? []
    if (values.length > 0 && values.every((v) => typeof v === 'string')) return 'S'
    if (values.length > 0 && values.every((v) => typeof v === 'number')) return 'N'
    return undefined
  }
  if (type === 'custom') {
    const bag = (storedCore(core) as unknown as { _zod: { bag?: { Class?: unknown } } })._zod.bag
    if (bag?.Class === Uint8Array || (typeof Buffer !== 'undefined' && bag?.Class === Buffer)) return 'B'
  }
  return undefined
}

/** The schema of the stored form: the input side of a codec or pipe. */
function storedCore(schema: Node): Node {
  const def = schema._zod.def
  return def.type === 'pipe' && def.in ? storedCore(unwrap(def.in)) : schema
}

/**
 * The path of a one-way transform (`.transform()`, `z.transform`) inside a schema, or undefined.
 * A one-way transform has no way back to the stored form, so it cannot be written: fields that
 * change a value's type use a codec (`z.codec`), whose encode side says how it is stored.
 */
export function oneWayTransform(schema: FieldSchema, path = '', seen = new Set<object>()): string | undefined {
  const current = node(schema)
  if (seen.has(current)) return undefined
  seen.add(current)
  const def = current._zod.def
  const visit = (child: Node | undefined, at: string) => (child ? oneWayTransform(schemaOf(child), at, seen) : undefined)
  switch (def.type) {
    case 'transform':
      return path || '(root)'
    case 'pipe':
      // A codec's reverse transform is how it is stored; only a plain pipe can hide a transform.
      return def.reverseTransform ? undefined : (visit(def.in, path) ?? visit(def.out, path))
    case 'object':
      for (const [name, child] of Object.entries(def.shape ?? {})) {
        const found = visit(child, path ? `${path}.${name}` : name)
        if (found) return found
      }
      return visit(def.catchall, path)
    case 'array':
      return visit(def.element, `${path}[]`)
    case 'set':
    case 'record':
    case 'map':
      return visit(def.valueType, `${path}[]`)
    case 'union':
      for (const option of def.options ?? []) {
        const found = visit(option, path)
        if (found) return found
      }
      return undefined
    default:
      return visit(def.innerType, path)
  }
}

/** Whether member `name` of an object (or record) schema may be removed from a stored value. */
export function memberRemoval(parent: FieldSchema, name: string): 'removable' | 'required' | 'unknown' {
  const def = node(unwrap(parent))._zod.def
  if (def.type === 'record') return 'removable'
  const member = def.type === 'object' ? def.shape?.[name] : undefined
  if (!member) return 'unknown'
  return member._zod.optout === 'optional' ? 'removable' : 'required'
}
