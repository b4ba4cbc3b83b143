// Compiling an entity's condition objects (conditions of writes, filters of reads) into the
// command input: every operand is checked and encoded through its field's schema first, with
// errors that name the entity and operation.

import { compileCondition, createContext, ExpressionError, type ExpressionContext } from '../expressions/index.js'
import { ValidationError } from '../errors.js'
import { acceptsObjects, elementSchema, encodeValue, isStringField, operandSchema, rewriteString, type FieldSchema } from '../schema/index.js'
import type { EntityModel } from './model.js'
import { fieldSchemaAt } from './update-plan.js'

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

const OPERATORS: ReadonlySet<string> = new Set(['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'between', 'in', 'beginsWith', 'contains', 'exists', 'type', 'size'])
const COMPARISONS: ReadonlySet<string> = new Set(['eq', 'ne', 'lt', 'lte', 'gt', 'gte'])

/**
 * The condition with every operand of a schema field checked and put in its stored form, so a
 * condition compares what DynamoDB holds (a Date as its ISO string, a trimmed and lower-cased
 * email) and a value can never turn into something else:
 *
 * - `{ field: value }` is equality; the value is checked against the field's schema.
 * - `{ field: { op: operand, ... } }`, every key an operator, is an operator object; each operand
 *   is checked (a comparison operand against the field's type and format, not its min / max).
 * - A plain object that is not an operator object is a value only for a field that holds objects
 *   (a map); anywhere else it is refused. A map value whose keys are all operator names must be
 *   written `{ eq: value }`.
 *
 * Attributes that are not schema fields (key attributes, the entity attribute) are left as given.
 */
export function encodeCondition(model: EntityModel, operation: string, condition: Attrs): Attrs {
  if (condition === null || typeof condition !== 'object') return condition
  let out: Attrs | undefined
  for (const key in condition) {
    const value = condition[key]
    let encoded = value
    if (key === '$and' || key === '$or') {
      if (Array.isArray(value)) encoded = value.map((c: Attrs) => encodeCondition(model, operation, c))
    } else if (key === '$not') {
      if (value && typeof value === 'object') encoded = encodeCondition(model, operation, value as Attrs)
    } else if (value !== undefined) {
      const schema = fieldSchemaAt(model, key)
      if (schema) encoded = encodeField(new Operand(model, operation, key, schema), value)
    }
    if (encoded !== value) (out ??= { ...condition })[key] = encoded
  }
  return out ?? condition
}

/**
 * A filter over several entities' items (a collection): each field's operands are encoded by
 * every entity that has the field, and must come out the same; where two entities store one field
 * differently, the filter cannot say which it means, and is refused.
 */
export function encodeConditionForAll(models: readonly EntityModel[], operation: string, condition: Attrs): Attrs {
  const encodings = models.map((model) => encodeCondition(model, operation, condition))
  return mergeEncodings(condition, encodings, models, operation)
}

function mergeEncodings(original: Attrs, encodings: readonly Attrs[], models: readonly EntityModel[], operation: string): Attrs {
  if (original === null || typeof original !== 'object') return original
  let out: Attrs | undefined
  for (const key in original) {
    const value = original[key]
    let merged: unknown = value
    if ((key === '$and' || key === '$or') && Array.isArray(value)) {
      merged = value.map((c: Attrs, i) => mergeEncodings(c, encodings.map((e) => (e[key] as Attrs[])[i] as Attrs), models, operation))
    } else if (key === '$not' && value && typeof value === 'object') {
      merged = mergeEncodings(value as Attrs, encodings.map((e) => e[key] as Attrs), models, operation)
    } else {
      for (const [i, encoding] of encodings.entries()) {
        const candidate = encoding[key]
        if (candidate === value) continue
        if (merged !== value && JSON.stringify(merged) !== JSON.stringify(candidate)) {
          throw new ValidationError(models[i]?.name ?? '', operation, [{ path: [key], message: 'is stored differently by the entities read together, so one filter value cannot match them all' }])
        }
        merged = candidate
      }
    }
    if (merged !== value) (out ??= { ...original })[key] = merged
  }
  return out ?? original
}

/** Encodes operands of one field, throwing a ValidationError that names the field. */
class Operand {
  constructor(
    readonly model: EntityModel,
    readonly operation: string,
    readonly field: string,
    readonly schema: FieldSchema,
  ) {}

  fail(message: string, path: (string | number)[] = []): never {
    throw new ValidationError(this.model.name, this.operation, [{ path: [this.field, ...path], message }])
  }

  encode(value: unknown, schema: FieldSchema, path: (string | number)[]): unknown {
    const result = encodeValue(operandSchema(schema), value)
    if (!result.ok) {
      throw new ValidationError(this.model.name, this.operation, result.issues.map((issue) => ({ ...issue, path: [this.field, ...path, ...issue.path] })))
    }
    return result.value
  }

  /** A prefix or substring: a string, rewritten as the field's values are (trim, toLowerCase) when the field is a string. */
  substring(op: string, value: unknown): string {
    if (typeof value !== 'string') this.fail(`${op} takes a string`, [op])
    return isStringField(this.schema) ? rewriteString(this.schema, value as string) : (value as string)
  }
}

function isPlainObject(value: unknown): value is Attrs {
  if (typeof value !== 'object' || value === null) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

function encodeField(operand: Operand, value: unknown): unknown {
  if (!isPlainObject(value)) return operand.encode(value, operand.schema, [])
  const keys = Object.keys(value)
  if (keys.length === 0) return value // the compiler refuses an empty condition
  if (!keys.every((k) => OPERATORS.has(k))) {
    if (!acceptsObjects(operand.schema)) {
      operand.fail(`is neither a value of the field nor an operator object (operators: ${[...OPERATORS].join(', ')})`)
    }
    return { eq: operand.encode(value, operand.schema, []) }
  }
  const out: Attrs = {}
  for (const op of keys) out[op] = encodeOperator(operand, op, value[op])
  return out
}

function encodeOperator(operand: Operand, op: string, value: unknown): unknown {
  if (value === undefined) return value // the compiler names the operator that has no value
  const { schema } = operand
  if (COMPARISONS.has(op)) return operand.encode(value, schema, [op])
  switch (op) {
    case 'between':
    case 'in':
      if (!Array.isArray(value)) operand.fail(`${op} takes an array of values`, [op])
      return (value as unknown[]).map((v, i) => operand.encode(v, schema, [op, i]))
    case 'beginsWith':
      return operand.substring(op, value)
    case 'contains': {
      const element = elementSchema(schema)
      if (element) return operand.encode(value, element, [op])
      return isStringField(schema) ? operand.substring(op, value) : value
    }
    case 'size':
      if (!isPlainObject(value)) return value // the compiler says what size takes
      for (const [k, v] of Object.entries(value)) {
        const numbers = Array.isArray(v) ? v : [v]
        if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) operand.fail(`size.${k} takes numbers`, ['size', k])
      }
      return value
    default:
      return value // exists, type: checked by the compiler
  }
}
