// Compiling an entity's condition objects (conditions of writes, filters of reads) into the
// command input: every operand is checked and encoded through its field's schema first, with
// errors that name the entity and operation.

import { compileCondition, createContext, ExpressionError, isOperator, operator, type ExpressionContext, type Operator } from '../expressions/index.js'
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

/** Keys of the object form operators had before they became functions, and the function each is now. */
const FORMER_OPERATORS: Readonly<Record<string, string>> = { in: 'oneOf([...])', exists: 'exists() or notExists()', type: 'attributeType(...)' }
const FORMER_NAMES = /^(eq|ne|lt|lte|gt|gte|between|in|beginsWith|contains|exists|type|size)$/

/** Which attribute names `attr(...)` may refer to. */
type KnownAttribute = (name: string) => boolean

/**
 * The condition with every operand of a schema field checked and put in its stored form, so a
 * condition compares what DynamoDB holds (a Date as its ISO string, a trimmed and lower-cased
 * email) and a value can never turn into something else:
 *
 * - An operator (`ne('x')`, `size(gt(2))`: branded objects made by the helpers, which JSON cannot
 *   produce) has its operands checked (a comparison operand against the field's type and format,
 *   not its min / max) and `attr(name)` operands checked against the entity's attributes.
 * - Anything else is a value, compared for equality and checked against the field's schema. A
 *   plain object is a value only for a field that holds objects (a map); anywhere else it is
 *   refused, so user JSON can never become an operator.
 *
 * Attributes that are not schema fields (key attributes, the entity attribute) are left as given.
 */
export function encodeCondition(model: EntityModel, operation: string, condition: Attrs, known: KnownAttribute = (name) => isAttributeOf(model, name)): Attrs {
  if (condition === null || typeof condition !== 'object') return condition
  let out: Attrs | undefined
  for (const key in condition) {
    const value = condition[key]
    let encoded = value
    if (key === '$and' || key === '$or') {
      if (Array.isArray(value)) encoded = value.map((c: Attrs) => encodeCondition(model, operation, c, known))
    } else if (key === '$not') {
      if (value && typeof value === 'object') encoded = encodeCondition(model, operation, value as Attrs, known)
    } else if (value !== undefined) {
      const schema = fieldSchemaAt(model, key)
      const operand = new Operand(model, operation, key, schema, known)
      if (isOperator(value)) {
        const checked = encodeOperator(operand, value)
        if (schema) encoded = checked // a key attribute's operands stay as given, only attr names are checked
      } else if (schema) encoded = encodeEquality(operand, schema, value)
    }
    if (encoded !== value) (out ??= { ...condition })[key] = encoded
  }
  return out ?? condition
}

/** An attribute of the entity: a field or a nested path into one, a key or bookkeeping attribute, or any name when the schema keeps unknown fields. */
function isAttributeOf(model: EntityModel, name: string): boolean {
  return model.info.hasCatchall || literalNames(model).has(name) || fieldSchemaAt(model, name) !== undefined
}

/**
 * A filter over several entities' items (a collection): each field's operands are encoded by
 * every entity that has the field, and must come out the same; where two entities store one field
 * differently, the filter cannot say which it means, and is refused.
 */
export function encodeConditionForAll(models: readonly EntityModel[], operation: string, condition: Attrs): Attrs {
  const known: KnownAttribute = (name) => models.some((model) => isAttributeOf(model, name))
  const encodings = models.map((model) => encodeCondition(model, operation, condition, known))
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
    /** Undefined for an attribute that is not a schema field (a key attribute): its operands are left as given. */
    readonly schema: FieldSchema | undefined,
    readonly known: KnownAttribute,
  ) {}

  fail(message: string, path: (string | number)[] = []): never {
    throw new ValidationError(this.model.name, this.operation, [{ path: [this.field, ...path], message }])
  }

  /** A value compared with the field (or `attr(name)`, checked to name an attribute). */
  encode(value: unknown, schema: FieldSchema | undefined, path: (string | number)[]): unknown {
    if (isOperator(value)) {
      if (value.op !== 'attr') this.fail(`takes a value or attr(name) here, not the operator ${value.op}()`, path)
      if (typeof value.value !== 'string' || !this.known(value.value)) {
        this.fail(`compares with attr('${String(value.value)}'), which is not an attribute of ${this.model.name}`, path)
      }
      return value
    }
    if (value === undefined || !schema) return value // the compiler names an operand that has no value
    const result = encodeValue(operandSchema(schema), value)
    if (!result.ok) {
      throw new ValidationError(this.model.name, this.operation, result.issues.map((issue) => ({ ...issue, path: [this.field, ...path, ...issue.path] })))
    }
    return result.value
  }

  /** A prefix or substring: a string, rewritten as the field's values are (trim, toLowerCase) when the field is a string. */
  substring(op: string, value: unknown): unknown {
    if (isOperator(value)) return this.encode(value, undefined, [op])
    if (typeof value !== 'string') this.fail(`${op}() takes a string`, [op])
    return this.schema && isStringField(this.schema) ? rewriteString(this.schema, value as string) : value
  }
}

function isPlainObject(value: unknown): value is Attrs {
  if (typeof value !== 'object' || value === null) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** A value for equality: checked against the field's schema; a plain object only where the field holds maps. */
function encodeEquality(operand: Operand, schema: FieldSchema, value: unknown): unknown {
  if (isPlainObject(value) && !acceptsObjects(schema)) {
    const keys = Object.keys(value)
    const old = keys.length > 0 && keys.every((k) => FORMER_NAMES.test(k)) ? keys[0] : undefined
    const now = old && (FORMER_OPERATORS[old] ?? old + '(...)')
    operand.fail(
      `is a plain object where the field takes a value; ` +
        (now ? `operators are functions, so JSON cannot make one: write { ${operand.field}: ${now} }, imported from 'sortkey'` : 'operators are functions such as ne(...), gte(...)'),
    )
  }
  return operand.encode(value, schema, [])
}

function encodeOperator(operand: Operand, value: Operator): Operator {
  const { schema } = operand
  const { op } = value
  const operands = value.value
  let encoded: unknown
  switch (op) {
    case 'eq':
    case 'ne':
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      encoded = operand.encode(operands, schema, [op])
      break
    case 'attr':
      return operand.encode(value, schema, []) as Operator
    case 'between':
    case 'oneOf':
      if (!Array.isArray(operands)) return value // the compiler says what it takes
      encoded = operands.map((v, i) => operand.encode(v, schema, [op, i]))
      break
    case 'beginsWith':
      encoded = operand.substring(op, operands)
      break
    case 'contains': {
      const element = schema && elementSchema(schema)
      if (element) encoded = operand.encode(operands, element, [op])
      else encoded = !schema || isStringField(schema) ? operand.substring(op, operands) : operand.encode(operands, undefined, [op])
      break
    }
    case 'size':
      if (!isOperator(operands)) return value // the compiler says what size takes
      encoded = encodeSize(operand, operands)
      break
    default:
      return value // exists, notExists, attributeType: checked by the compiler
  }
  // Operators are immutable: one whose operands are already in stored form is used as it is.
  return sameOperands(encoded, operands) ? value : operator(op, encoded)
}

function sameOperands(encoded: unknown, operands: unknown): boolean {
  if (encoded === operands) return true
  if (!Array.isArray(encoded) || !Array.isArray(operands) || encoded.length !== operands.length) return false
  for (let i = 0; i < encoded.length; i++) if (encoded[i] !== operands[i]) return false
  return true
}

/** The comparison inside size(...): numbers, or attributes. */
function encodeSize(operand: Operand, comparison: Operator): Operator {
  const values: unknown[] = Array.isArray(comparison.value) ? comparison.value : [comparison.value]
  const encoded = values.map((v, i) => {
    if (isOperator(v)) return operand.encode(v, undefined, ['size', comparison.op, i])
    if (typeof v !== 'number' || !Number.isFinite(v)) operand.fail(`size(${comparison.op}(...)) takes numbers`, ['size', comparison.op])
    return v
  })
  return operator(comparison.op, Array.isArray(comparison.value) ? encoded : encoded[0])
}
