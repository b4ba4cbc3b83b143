// The one place values pass through zod: zod's functional API from `zod/v4/core`, which takes
// classic and mini schemas alike and never loads classic zod. Every value that reaches DynamoDB is
// encoded here (application form -> stored form) and every value read is decoded here.

import { $ZodEncodeError, safeDecode, safeEncode, safeParse } from 'zod/v4/core'
import type { FieldSchema, SchemaIssue, SchemaResult } from './types.js'

interface ZodFailure {
  readonly issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string; readonly code?: string }[]
}

function issuesOf(error: ZodFailure | undefined): SchemaIssue[] {
  return (error?.issues ?? []).map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)) as (string | number)[],
    message: issue.message,
    ...(issue.code ? { code: issue.code } : {}),
  }))
}

function result(outcome: { success: boolean; data?: unknown; error?: ZodFailure }): SchemaResult {
  return outcome.success ? { ok: true, value: outcome.data } : { ok: false, issues: issuesOf(outcome.error) }
}

/** Validates an application-form value and returns its stored form (codecs run backwards, transforms such as trim apply). */
export function encodeValue(schema: FieldSchema, value: unknown): SchemaResult {
  try {
    return result(safeEncode(schema as never, value as never) as never)
  } catch (error) {
    // zod throws (rather than reports) a one-way transform met on the way to the stored form;
    // entity definitions refuse such fields, so this is reached only by schemas built past them.
    if (error instanceof $ZodEncodeError) return { ok: false, issues: [{ path: [], message: ONE_WAY, code: 'one_way_transform' }] }
    throw error
  }
}

const ONE_WAY = 'a one-way transform cannot be encoded to a stored form: use a codec (z.codec) instead'

/** Validates a stored-form value and returns its application form (codecs run forwards). */
export function decodeValue(schema: FieldSchema, value: unknown): SchemaResult {
  return result(safeDecode(schema as never, value as never) as never)
}

/** Parses a value forwards, as zod's `parse` does: how defaults are filled. */
export function parseValue(schema: FieldSchema, value: unknown): SchemaResult {
  return result(safeParse(schema as never, value) as never)
}

/** Prefixes each issue's path with `prefix` (the field, or the index inside a list). */
export function issuesAt(prefix: string | number, issues: readonly SchemaIssue[]): SchemaIssue[] {
  return issues.map((issue) => ({ ...issue, path: [prefix, ...issue.path] }))
}
