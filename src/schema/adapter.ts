// The one place values pass through zod: zod's functional API from `zod/v4/core`, which takes
// classic and mini schemas alike and never loads classic zod. Every value that reaches DynamoDB is
// encoded here (application form -> stored form) and every value read is decoded here.

import { $ZodEncodeError, safeDecode, safeEncode, safeParse } from 'zod/v4/core'
import { issueMessage, type RawIssue } from './issue-message.js'
import type { FieldSchema, SchemaIssue, SchemaResult } from './types.js'

interface ZodFailure {
  readonly issues: readonly RawIssue[]
}

function issuesOf(error: ZodFailure | undefined, input: unknown): SchemaIssue[] {
  return (error?.issues ?? []).map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)) as (string | number)[],
    message: issueMessage(issue, input),
    ...(issue.code ? { code: issue.code } : {}),
  }))
}

function result(outcome: { success: boolean; data?: unknown; error?: ZodFailure }, input: unknown): SchemaResult {
  return outcome.success ? { ok: true, value: outcome.data } : { ok: false, issues: issuesOf(outcome.error, input) }
}

/** Validates an application-form value and returns its stored form (codecs run backwards, transforms such as trim apply). */
export function encodeValue(schema: FieldSchema, value: unknown): SchemaResult {
  const asIs = storedAsIs(schema, value)
  if (asIs !== undefined) return { ok: true, value: asIs }
  try {
    return result(safeEncode(schema as never, value as never) as never, value)
  } catch (error) {
    // zod throws (rather than reports) a one-way transform met on the way to the stored form;
    // entity definitions refuse such fields, so this is reached only by schemas built past them.
    if (error instanceof $ZodEncodeError) return { ok: false, issues: [{ path: [], message: ONE_WAY, code: 'one_way_transform' }] }
    throw error
  }
}

// The schemas most fields have: a bare string, number or boolean, an enum or a literal, with no
// check, format, codec or wrapper; and objects made only of such fields (optional or not). For them
// zod's encoding is known without asking zod: a scalar is valid exactly when it has the type (zod's
// number refuses NaN and infinities) or is one of the values, and is stored as it is; the object's
// result is its shape's fields in shape order, an absent optional field left out and unknown keys
// dropped. A valid value skips the parse; anything else still goes through zod for its issues.
// (Decoding stays with zod: its forward parse of an object is compiled per shape and measured as
// fast as this.)
type Check = (value: unknown) => boolean
const BARE: Readonly<Record<string, (schema: FieldSchema) => Check>> = {
  string: () => (v) => typeof v === 'string',
  number: () => (v) => typeof v === 'number' && Number.isFinite(v),
  boolean: () => (v) => typeof v === 'boolean',
  enum: (schema) => oneOf(schema),
  literal: (schema) => oneOf(schema),
}

/** The check of an enum or literal: zod's own set of its values. */
function oneOf(schema: FieldSchema): Check {
  const values = schema._zod.values as ReadonlySet<unknown>
  return (v) => values.has(v)
}

interface BareField {
  readonly name: string
  readonly check: Check
  /** `.optional()`: the field may be absent. */
  readonly optional: boolean
}

/** What a schema is, for the fast path: a scalar's check, an object's fields, or null when zod must run. */
type Bare = { readonly scalar: Check } | { readonly fields: readonly BareField[] } | null

const bareSchemas = new WeakMap<object, Bare>()

interface BareDef {
  type: string
  checks?: readonly unknown[]
  coerce?: boolean
  format?: unknown
  innerType?: FieldSchema
  shape?: Readonly<Record<string, FieldSchema>>
  catchall?: unknown
}

const defOf = (schema: FieldSchema) => schema._zod.def as BareDef

/** No check, refinement, format or coercion of its own. */
function unchecked(schema: FieldSchema): boolean {
  const def = defOf(schema)
  return (def.checks === undefined || def.checks.length === 0) && !def.coerce && def.format === undefined && !(schema._zod as { check?: unknown }).check
}

function scalarCheck(schema: FieldSchema): Check | null {
  const make = BARE[defOf(schema).type]
  return make !== undefined && unchecked(schema) ? make(schema) : null
}

function bareOf(schema: FieldSchema): Bare {
  const cached = bareSchemas.get(schema)
  if (cached !== undefined) return cached
  let bare: Bare = null
  const def = defOf(schema)
  const scalar = scalarCheck(schema)
  if (scalar !== null) bare = { scalar }
  else if (def.type === 'object' && def.catchall === undefined && def.shape !== undefined && unchecked(schema)) {
    const fields: BareField[] = []
    for (const name of Object.keys(def.shape)) {
      const field = def.shape[name] as FieldSchema
      const optional = defOf(field).type === 'optional' && unchecked(field)
      const inner = optional ? defOf(field).innerType : field
      const check = name === '__proto__' || inner === undefined ? null : scalarCheck(inner)
      if (check === null) {
        fields.length = 0
        break
      }
      fields.push({ name, check, optional })
    }
    if (fields.length > 0 && fields.length === Object.keys(def.shape).length) bare = { fields }
  }
  bareSchemas.set(schema, bare)
  return bare
}

/** The value's stored form when zod would return it unchanged, or a bare object's fields; undefined when zod must run. */
function storedAsIs(schema: FieldSchema, value: unknown): unknown {
  const bare = bareOf(schema)
  if (bare === null) return undefined
  if ('scalar' in bare) return bare.scalar(value) ? value : undefined
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const input = value as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const field of bare.fields) {
    const v = input[field.name]
    if (v === undefined) {
      // zod leaves an absent optional field out; a present undefined (or a missing required field) is its to judge.
      if (field.optional && !(field.name in input)) continue
      return undefined
    }
    if (!field.check(v)) return undefined
    out[field.name] = v
  }
  return out
}

const ONE_WAY = 'a one-way transform cannot be encoded to a stored form: use a codec (z.codec) instead'

/** Validates a stored-form value and returns its application form (codecs run forwards). */
export function decodeValue(schema: FieldSchema, value: unknown): SchemaResult {
  return result(safeDecode(schema as never, value as never) as never, value)
}

/** Parses a value forwards, as zod's `parse` does: how defaults are filled. */
export function parseValue(schema: FieldSchema, value: unknown): SchemaResult {
  return result(safeParse(schema as never, value) as never, value)
}

/** Prefixes each issue's path with `prefix` (the field, or the index inside a list). */
export function issuesAt(prefix: string | number, issues: readonly SchemaIssue[]): SchemaIssue[] {
  return issues.map((issue) => ({ ...issue, path: [prefix, ...issue.path] }))
}
