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
  if (acceptsAsIs(schema, value)) return { ok: true, value }
  try {
    return result(safeEncode(schema as never, value as never) as never, value)
  } catch (error) {
    // zod throws (rather than reports) a one-way transform met on the way to the stored form;
    // entity definitions refuse such fields, so this is reached only by schemas built past them.
    if (error instanceof $ZodEncodeError) return { ok: false, issues: [{ path: [], message: ONE_WAY, code: 'one_way_transform' }] }
    throw error
  }
}

// The schemas most key fields and condition operands have: a bare string, number or boolean, with
// no check, format, codec or wrapper. For them zod's answer is known without asking zod — the value
// is valid exactly when it has the type (zod's number refuses NaN and infinities), and it is stored
// as it is — so a valid value skips the parse; anything else still goes through zod for its issues.
const BARE: Readonly<Record<string, (value: unknown) => boolean>> = {
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  boolean: (v) => typeof v === 'boolean',
}
const bareChecks = new WeakMap<object, ((value: unknown) => boolean) | null>()

function acceptsAsIs(schema: FieldSchema, value: unknown): boolean {
  let check = bareChecks.get(schema)
  if (check === undefined) {
    const def = schema._zod.def as { type: string; checks?: readonly unknown[]; coerce?: boolean; format?: unknown }
    const bare = (def.checks === undefined || def.checks.length === 0) && !def.coerce && def.format === undefined && !(schema._zod as { check?: unknown }).check
    check = bare ? (BARE[def.type] ?? null) : null
    bareChecks.set(schema, check)
  }
  return check !== null && check(value)
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
