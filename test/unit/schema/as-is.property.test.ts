// The adapter encodes values of bare schemas (a plain string, number, boolean, enum or literal,
// and objects of them) without running zod. For all such schemas, classic and mini, and any value
// (wrong types, NaN, missing and present-but-undefined fields, unknown keys, arrays, null), its
// answer is zod's: the same value (same keys, same order) or a failure where zod fails.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import * as zm from 'zod/mini'
import { safeDecode, safeEncode } from 'zod/v4/core'
import { decodeValue, encodeValue } from '../../../src/schema/index.js'
import type { FieldSchema } from '../../../src/schema/types.js'

type Flavour = 'classic' | 'mini'
type Kind = 'string' | 'number' | 'boolean' | 'enum' | 'literal' | 'checked' | 'nullable'
interface FieldSpec {
  readonly kind: Kind
  readonly optional: boolean
}

function fieldSchema(flavour: Flavour, spec: FieldSpec): unknown {
  const base =
    flavour === 'classic'
      ? {
          string: () => z.string(),
          number: () => z.number(),
          boolean: () => z.boolean(),
          enum: () => z.enum(['gold', 'silver']),
          literal: () => z.literal(7),
          // Not bare: zod must run for these (and for any object holding one).
          checked: () => z.string().min(2),
          nullable: () => z.string().nullable(),
        }[spec.kind]()
      : {
          string: () => zm.string(),
          number: () => zm.number(),
          boolean: () => zm.boolean(),
          enum: () => zm.enum(['gold', 'silver']),
          literal: () => zm.literal(7),
          checked: () => zm.string().check(zm.minLength(2)),
          nullable: () => zm.nullable(zm.string()),
        }[spec.kind]()
  if (!spec.optional) return base
  return flavour === 'classic' ? z.optional(base as z.ZodString) : zm.optional(base as zm.ZodMiniString)
}

const fieldSpec = fc.record({ kind: fc.constantFrom<Kind>('string', 'number', 'boolean', 'enum', 'literal', 'string', 'number', 'checked', 'nullable'), optional: fc.boolean() })
const NAMES = ['a', 'b', 'c', 'd']
const anyValue = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.constantFrom('gold', 'silver', 7, 0, -0, Number.NaN, Number.POSITIVE_INFINITY, true, false, null, undefined),
  fc.double(),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.record({ x: fc.integer() }),
)
/** An object value: some of the names (set, set to undefined, or left out) and perhaps unknown keys. */
const objectValue = fc.tuple(fc.dictionary(fc.constantFrom(...NAMES, 'extra', 'PK'), anyValue, { maxKeys: 6 }), fc.boolean()).map(([value, asArray]) => (asArray ? Object.values(value) : value))

const zodAnswer = (run: (schema: never, value: never) => unknown, schema: unknown, value: unknown) => {
  const outcome = run(schema as never, value as never) as { success: boolean; data?: unknown }
  return outcome.success ? { ok: true, value: outcome.data } : { ok: false }
}
const ours = (run: (schema: FieldSchema, value: unknown) => ReturnType<typeof encodeValue>, schema: unknown, value: unknown) => {
  const outcome = run(schema as FieldSchema, value)
  return outcome.ok ? { ok: true, value: outcome.value } : { ok: false }
}
/** Equal values with the same keys in the same order (a present undefined counts). */
const same = (a: unknown, b: unknown) => {
  expect(a).toStrictEqual(b)
  if (a && typeof a === 'object' && typeof (a as { value?: unknown }).value === 'object' && (a as { value?: unknown }).value !== null) {
    expect(Object.keys((a as { value: object }).value)).toEqual(Object.keys((b as { value: object }).value))
  }
}

describe('values zod would encode unchanged are not parsed, and the answer is zod’s', () => {
  it('scalar fields: the same value, or a failure, as zod gives', () => {
    fc.assert(
      fc.property(fc.constantFrom<Flavour>('classic', 'mini'), fieldSpec, anyValue, (flavour, spec, value) => {
        const schema = fieldSchema(flavour, spec)
        same(ours(encodeValue, schema, value), zodAnswer(safeEncode, schema, value))
        same(ours(decodeValue, schema, value), zodAnswer(safeDecode, schema, value))
      }),
      { numRuns: 1000 },
    )
  })

  it('objects of such fields: the same fields in the same order, absent optional ones left out, unknown keys dropped, or a failure', () => {
    fc.assert(
      fc.property(fc.constantFrom<Flavour>('classic', 'mini'), fc.array(fieldSpec, { minLength: 1, maxLength: 4 }), objectValue, (flavour, specs, value) => {
        const shape = Object.fromEntries(specs.map((spec, i) => [NAMES[i], fieldSchema(flavour, spec)]))
        const schema = flavour === 'classic' ? z.object(shape as never) : zm.object(shape as never)
        same(ours(encodeValue, schema, value), zodAnswer(safeEncode, schema, value))
        same(ours(decodeValue, schema, value), zodAnswer(safeDecode, schema, value))
      }),
      { numRuns: 1000 },
    )
  })

  it('strict and loose objects, and objects with a refinement, still go through zod', () => {
    const strict = z.strictObject({ a: z.string() })
    const loose = z.looseObject({ a: z.string() })
    const refined = z.object({ a: z.string(), b: z.string() }).refine((v) => v.a !== v.b)
    expect(encodeValue(strict as never, { a: 'x', extra: 1 }).ok).toBe(false)
    expect(encodeValue(loose as never, { a: 'x', extra: 1 })).toEqual({ ok: true, value: { a: 'x', extra: 1 } })
    expect(encodeValue(refined as never, { a: 'x', b: 'x' }).ok).toBe(false)
    expect(encodeValue(refined as never, { a: 'x', b: 'y' })).toEqual({ ok: true, value: { a: 'x', b: 'y' } })
  })
})
