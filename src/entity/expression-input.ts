// Compiling an entity's condition objects into the command input, with errors that name the
// entity and operation.

import { compileCondition, createContext, ExpressionError, type ExpressionContext } from '../expressions/index.js'
import { ValidationError } from '../errors.js'
import { toIssues } from './codec.js'
import type { EntityModel } from './model.js'

/** Runs `build` and turns an ExpressionError into a ValidationError naming entity and operation. */
export function withExpressionErrors<T>(model: EntityModel, operation: string, build: () => T): T {
  try {
    return build()
  } catch (error) {
    if (error instanceof ExpressionError) {
      throw new ValidationError(model.name, operation, [{ path: [], message: error.message }], { cause: error })
    }
    throw error
  }
}

/** A context where the entity's own attribute names are taken whole ('Status#Date', 'a.b'). */
export function entityContext(model: EntityModel): ExpressionContext {
  return createContext({ literalNames: literalNames(model) })
}

const literalNameCache = new WeakMap<EntityModel, ReadonlySet<string>>()

function literalNames(model: EntityModel): ReadonlySet<string> {
  let names = literalNameCache.get(model)
  if (!names) {
    names = new Set([...model.info.fields.keys(), ...model.bookkeeping, model.primary.pk.attribute, ...(model.primary.sk ? [model.primary.sk.attribute] : [])])
    literalNameCache.set(model, names)
  }
  return names
}

export function conditionExpression(model: EntityModel, operation: string, ctx: ExpressionContext, condition: object): string {
  const stored = encodeCondition(model, operation, condition as Attrs)
  return withExpressionErrors(model, operation, () => compileCondition(stored as never, ctx))
}

type Attrs = Record<string, unknown>
interface Codec {
  safeEncode(value: unknown): { success: boolean; data?: unknown; error?: Parameters<typeof toIssues>[0] }
}

const COMPARISONS = new Set(['eq', 'ne', 'lt', 'lte', 'gt', 'gte'])
const LISTS = new Set(['between', 'in'])

/**
 * The condition with values of codec fields (Dates, bigints, ...) in their stored form, so a
 * condition compares what DynamoDB holds. Conditions on plain fields are returned as they are.
 */
export function encodeCondition(model: EntityModel, operation: string, condition: Attrs): Attrs {
  if (!hasCodecFields(model)) return condition
  let out: Attrs | undefined
  for (const key in condition) {
    const value = condition[key]
    let encoded = value
    if (key === '$and' || key === '$or') {
      if (Array.isArray(value)) encoded = value.map((c: Attrs) => encodeCondition(model, operation, c))
    } else if (key === '$not') {
      if (value && typeof value === 'object') encoded = encodeCondition(model, operation, value as Attrs)
    } else {
      const info = model.info.fields.get(key)
      if (info && !info.plain && value !== undefined) encoded = encodeOperand(model, operation, key, info.schema as unknown as Codec, value)
    }
    if (encoded !== value) (out ??= { ...condition })[key] = encoded
  }
  return out ?? condition
}

function encodeOperand(model: EntityModel, operation: string, field: string, schema: Codec, value: unknown): unknown {
  const encode = (v: unknown) => {
    const result = schema.safeEncode(v)
    if (!result.success) {
      throw new ValidationError(model.name, operation, toIssues(result.error).map((i) => ({ ...i, path: [field, ...i.path] })))
    }
    return result.data
  }
  if (value === null || typeof value !== 'object' || value instanceof Date || Array.isArray(value) || value instanceof Set) return encode(value)
  const ops = value as Attrs
  const keys = Object.keys(ops)
  const isOperators = keys.length > 0 && keys.every((k) => COMPARISONS.has(k) || LISTS.has(k) || ['exists', 'type', 'size', 'beginsWith', 'contains'].includes(k))
  if (!isOperators) return encode(value)
  const out: Attrs = { ...ops }
  for (const k of keys) {
    if (COMPARISONS.has(k) && ops[k] !== undefined) out[k] = encode(ops[k])
    else if (LISTS.has(k) && Array.isArray(ops[k])) out[k] = (ops[k] as unknown[]).map(encode)
  }
  return out
}

const codecFieldCache = new WeakMap<EntityModel, boolean>()

function hasCodecFields(model: EntityModel): boolean {
  let has = codecFieldCache.get(model)
  if (has === undefined) {
    has = [...model.info.fields.values()].some((f) => !f.plain)
    codecFieldCache.set(model, has)
  }
  return has
}
