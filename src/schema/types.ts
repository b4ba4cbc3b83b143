// Type-level view of the schemas sortkey accepts: zod 4 object schemas of either flavour
// (`zod` classic or `zod/mini`). Both extend zod's core types, so everything here is written
// against `zod/v4/core` and never names a flavour.

import type * as core from 'zod/v4/core'

/**
 * A zod 4 object schema, classic (`z.object`) or mini (`z.object` from `zod/mini`). Only its `_zod`
 * internals are named: comparing a user's schema with zod's whole `$ZodObject` would also compare
 * its `~standard` member, typed by the schema's own input and output, for every entity.
 */
export interface ObjectSchema {
  readonly _zod: core.$ZodObjectInternals<core.$ZodLooseShape, core.$ZodObjectConfig>
}

/** Any zod 4 schema, classic or mini (named by its internals, as ObjectSchema is). */
export interface FieldSchema {
  readonly _zod: core.$ZodTypeInternals
}

/** The application form of a schema's values (zod's output): Dates, bigints, sets. */
export type Output<S> = core.output<S>

/** The stored form of a schema's values (zod's input): what DynamoDB holds. */
export type Input<S> = core.input<S>

/** The field schemas of an object schema, by field name. */
export type ShapeOf<S extends ObjectSchema> = S['_zod']['def']['shape']

/** One problem with a value, with the path to it inside the value. */
export interface SchemaIssue {
  readonly path: (string | number)[]
  readonly message: string
  readonly code?: string
}

/** The outcome of encoding, decoding or validating one value. */
export type SchemaResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly issues: SchemaIssue[] }
