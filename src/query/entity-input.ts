// The parts of an entity read's command input that queries and scans share: the key
// condition of a query, the filter (entity narrowing ANDed with the caller's filters) and
// the projection.

import { compileCondition, compileKeyCondition, compileProjection, expressionParams, givenSortRun, type ExpressionContext, type KeyEquality, type SortCondition, type SortKeySpec } from '../expressions/index.js'
import { KeyValueProblem } from '../keys/index.js'
import { IncompleteKeyError, KeyValueError, ValidationError } from '../errors.js'
import { encodeKeyValues, keyValue } from '../entity/codec.js'
import { isStringField, rewriteString } from '../schema/index.js'
import { encodeCondition } from '../entity/expression-input.js'
import type { EntityModel, KeyAttribute } from '../entity/model.js'
import { projectedAttributes } from '../entity/read-operations.js'
import type { IndexPlan } from './plan.js'

type Attrs = Record<string, unknown>

export interface KeyCondition {
  readonly expression: string
  /** The partition key attributes and values the query reads (stored form), in key order. */
  readonly partition: readonly KeyEquality[]
}

/**
 * `#pk = :pk [AND <sort-key condition>]` for a query of the plan's index, from the one key-condition
 * compiler: equality on every partition attribute; for a multi-attribute sort key, equality on the
 * attributes the input gives (left to right) and the condition on the next one.
 */
export function entityKeyCondition(plan: IndexPlan, input: Attrs, sort: SortCondition | undefined, ctx: ExpressionContext): KeyCondition {
  const { model, index, entry } = plan
  if (input === null || typeof input !== 'object') {
    throw new ValidationError(model.name, 'query', [{ path: [], message: 'the key input must be an object' }])
  }
  let missing: string[] | undefined
  for (const field of plan.pkFields) if (input[field] === undefined) (missing ??= []).push(field)
  if (missing) throw new IncompleteKeyError(model.name, keySource(index.partition), missing, `a query on ${index.name}`)
  const encoded = encodeKeyValues(model, input, plan.pkFields, 'query')
  const partition = index.partition.map((key) => ({ attribute: key.attribute, value: keyValue(model, key, encoded) }))
  if (index.sort.length === 0 && sort !== undefined) throw new ValidationError(model.name, 'query', [{ path: [], message: `index ${index.name} has no sort key` }])
  let sortEquals: KeyEquality[] | undefined
  let sk = index.sk
  if (index.sort.length > 1) {
    // A multi-attribute sort key: the attributes the input gives, left to right, then the next one.
    const given = (key: KeyAttribute) => key.template.fields.every((field) => input[field] !== undefined)
    const run = givenSortRun(`${model.name} query on ${index.name}`, entry.sortKey, (_, i) => given(index.sort[i] as KeyAttribute))
    const values = encodeKeyValues(model, input, plan.skFields, 'query')
    sortEquals = index.sort.slice(0, run).map((key) => ({ attribute: key.attribute, value: keyValue(model, key, values) }))
    sk = index.sort[run]
    if (sk === undefined && sort !== undefined) {
      throw new ValidationError(model.name, 'query', [{ path: [], message: `the key gives every sort-key attribute of ${index.name}; a sort-key condition has no attribute left to compare` }])
    }
    if (sk !== undefined && sort === undefined) sk = undefined
  }
  let spec: SortKeySpec | undefined
  if (sk?.plain) {
    const field = sk.attribute
    const condition = sort && (sortEquals ? nextBounds(model, sk, sortEquals, sort, input) : plainBounds(model, field, sort))
    spec = { kind: 'raw', attribute: field, equals: sortEquals ? undefined : (storedField(model, field, input[field]) as string | undefined), condition }
  } else if (sk) {
    spec = {
      kind: 'template',
      attribute: sk.attribute,
      template: sk.template,
      rules: model.table.rules,
      fixed: input,
      implied: plan.implied,
      condition: sort,
      encode: (field, value) => storedField(model, field, value),
      prefix: (field, value) => {
        const schema = model.info.fields.get(field)?.schema
        return schema ? rewriteString(schema, value) : value
      },
    }
  }
  const where = `${sk?.plain ? `sort key "${sk.attribute}"` : `sort key '${sk?.template.source ?? ''}'`}`
  try {
    const expression = compileKeyCondition({ where, keys: entry, partition, sortEquals, sort: spec }, ctx)
    return { expression, partition }
  } catch (error) {
    if (error instanceof KeyValueProblem) throw new KeyValueError(model.name, sk?.template.source ?? '', error.field, error.value, error.reason)
    throw error
  }
}

/** Key templates as one string for messages: `'GAME#{game_id}'`, or `'{tournament}', '{region}'` for a multi-attribute key. */
function keySource(keys: readonly KeyAttribute[]): string {
  return keys.map((key) => key.template.source).join(', ')
}

function storedField(model: EntityModel, field: string, value: unknown): unknown {
  return value === undefined ? undefined : encodeKeyValues(model, { [field]: value }, [field], 'query')[field]
}

/**
 * Bounds on the next attribute of a multi-attribute sort key: `{ score: 50 }` (fields the key
 * already gives may repeat with the same value) or a raw stored value. `beginsWith` takes a
 * string attribute only, its prefix rewritten as the field's values are (trim, toLowerCase).
 */
function nextBounds(model: EntityModel, next: KeyAttribute, fixed: readonly KeyEquality[], sort: SortCondition, input: Attrs): SortCondition {
  const field = next.attribute
  const refuse = (message: string): never => {
    throw new ValidationError(model.name, 'query', [{ path: [field], message }])
  }
  const schema = model.info.fields.get(field)?.schema
  const stringField = schema !== undefined && isStringField(schema)
  if (sort.op === 'beginsWith' && !stringField) refuse(`beginsWith compares a string attribute, and "${field}" is not stored as a string`)
  const stored = (bound: unknown): unknown => {
    let value = bound
    if (bound !== null && typeof bound === 'object' && !Array.isArray(bound)) {
      for (const name in bound as Attrs) {
        const given = (bound as Attrs)[name]
        if (name === field || given === undefined) continue
        const same = fixed.some((key) => key.attribute === name) && storedField(model, name, given) === storedField(model, name, input[name])
        if (!same) refuse(`a bound on "${field}" may not give "${name}" (sort-key attributes are compared left to right; give "${name}" in the key)`)
      }
      value = (bound as Attrs)[field]
      if (value === undefined) refuse(`a bound is { ${field}: value } or a raw stored value`)
      if (sort.op === 'beginsWith') return typeof value === 'string' && schema ? rewriteString(schema, value) : refuse('beginsWith takes a string prefix')
      return storedField(model, field, value)
    }
    if (typeof value === 'string' || typeof value === 'number') return value
    return refuse(`a bound is { ${field}: value } or a raw stored value`)
  }
  return { op: sort.op, a: stored(sort.a), b: sort.op === 'between' ? stored(sort.b) : undefined }
}

/** Bounds on a sort key that is a schema field itself: `{ field: value }` or a raw stored value. */
function plainBounds(model: EntityModel, field: string, sort: SortCondition): SortCondition {
  const stored = (value: unknown): unknown => {
    if (typeof value === 'string' || typeof value === 'number') return value
    if (value === null || typeof value !== 'object' || (value as Attrs)[field] === undefined) {
      throw new ValidationError(model.name, 'query', [{ path: [], message: `sort key "${field}": a bound is { ${field}: value } or a raw value` }])
    }
    return storedField(model, field, (value as Attrs)[field])
  }
  return { op: sort.op, a: stored(sort.a), b: sort.op === 'between' ? stored(sort.b) : undefined }
}

/**
 * The FilterExpression: the entity attribute (when the table has one, so other entities are
 * filtered out server-side) and the caller's filters, their operands in stored form, ANDed. Undefined when there is none.
 */
export function entityFilter(plan: IndexPlan, narrowing: readonly object[], filters: readonly object[], ctx: ExpressionContext, operation = 'query'): string | undefined {
  const model = plan.model
  const all: object[] = []
  const attribute = plan.entityAttribute
  if (attribute !== undefined) all.push({ [attribute]: model.name })
  else all.push(...narrowing)
  for (const filter of filters) all.push(encodeCondition(model, operation, filter as Record<string, unknown>))
  if (all.length === 0) return undefined
  return compileCondition((all.length === 1 ? all[0] : { $and: all }) as never, ctx)
}

/** The ProjectionExpression for selected fields, plus what the read itself needs: key attributes (cursor, ownership) and the entity attribute. */
export function entityProjection(plan: IndexPlan, select: readonly string[], ctx: ExpressionContext): string {
  const paths = projectedAttributes(plan.model, select, 'query')
  for (const name of plan.keyAttributes) paths.push(name)
  if (plan.entityAttribute !== undefined) paths.push(plan.entityAttribute)
  return compileProjection(paths, ctx)
}

/** A projection of the key attributes alone (counting with a client-side ownership check). */
export function keyProjection(keyAttributes: readonly string[], ctx: ExpressionContext): string {
  return compileProjection(keyAttributes, ctx)
}

/**
 * Finishes a query's or scan's input: what to read (COUNT, only the keys when ownership is checked
 * client-side, or the selection) and the placeholder maps, leaving out empty ones.
 */
export function finishEntityInput(input: Attrs, plan: IndexPlan, select: readonly string[] | undefined, count: boolean, ctx: ExpressionContext): void {
  if (count) {
    // Server-side narrowing counts with Select COUNT; key-pattern narrowing reads the keys and checks them.
    if (plan.entityAttribute !== undefined) input.Select = 'COUNT'
    else input.ProjectionExpression = keyProjection(plan.keyAttributes, ctx)
  } else if (select !== undefined) {
    input.ProjectionExpression = entityProjection(plan, select, ctx)
  }
  Object.assign(input, expressionParams(ctx))
}
