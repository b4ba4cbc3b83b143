// The parts of an entity read's command input that queries and scans share: the key
// condition of a query, the filter (entity narrowing ANDed with the caller's filters) and
// the projection.

import { compileCondition, compileProjection, expressionParams, type ExpressionContext } from '../expressions/index.js'
import { IncompleteKeyError, ValidationError } from '../errors.js'
import { encodeKeyValues, keyValue } from '../entity/codec.js'
import { encodeCondition } from '../entity/expression-input.js'
import type { EntityModel } from '../entity/model.js'
import { projectedAttributes } from '../entity/read-operations.js'
import type { IndexPlan } from './plan.js'
import { isRawBound, rawSortCondition, templateSortCondition, type SortCondition, type Where } from './sort-key.js'

type Attrs = Record<string, unknown>

export interface KeyCondition {
  readonly expression: string
  /** The partition key value the query reads (stored form). */
  readonly partition: unknown
}

/** `#pk = :pk [AND <sort-key condition>]` for a query of the plan's index. */
export function entityKeyCondition(plan: IndexPlan, input: Attrs, sort: SortCondition | undefined, ctx: ExpressionContext): KeyCondition {
  const { model, index } = plan
  if (input === null || typeof input !== 'object') {
    throw new ValidationError(model.name, 'query', [{ path: [], message: 'the key input must be an object' }])
  }
  const pk = index.pk
  let missing: string[] | undefined
  for (const field of plan.pkFields) if (input[field] === undefined) (missing ??= []).push(field)
  if (missing) throw new IncompleteKeyError(model.name, pk.template.source, missing, `a query on ${index.name}`)
  const partition = keyValue(model, pk, encodeKeyValues(model, input, plan.pkFields, 'query'))
  let expression = ctx.path(pk.attribute) + ' = ' + ctx.value(partition)
  const sk = index.sk
  if (sk === undefined) {
    if (sort !== undefined) throw new ValidationError(model.name, 'query', [{ path: [], message: `index ${index.name} has no sort key` }])
    return { expression, partition }
  }
  let condition: string | undefined
  if (sk.plain) {
    condition = plainSortCondition(model, sk.attribute, input, sort, ctx)
  } else {
    condition = templateSortCondition(model, sk, input, sort, ctx)
  }
  if (condition !== undefined) expression += ' AND ' + condition
  return { expression, partition }
}

/** A sort key that is a schema field itself: bounds are the field's stored values. */
function plainSortCondition(model: EntityModel, field: string, input: Attrs, sort: SortCondition | undefined, ctx: ExpressionContext): string | undefined {
  const where: Where = { owner: model.name, key: `sort key "${field}"` }
  const stored = (value: unknown): unknown => {
    if (isRawBound(value)) return value
    if (value === null || typeof value !== 'object' || (value as Attrs)[field] === undefined) {
      throw new ValidationError(model.name, 'query', [{ path: [], message: `sort key "${field}": a bound is { ${field}: value } or a raw value` }])
    }
    return encodeKeyValues(model, value as Attrs, [field], 'query')[field]
  }
  if (sort === undefined) {
    if (input[field] === undefined) return undefined
    return ctx.path(field) + ' = ' + ctx.value(encodeKeyValues(model, input, [field], 'query')[field])
  }
  const bounds: SortCondition = { op: sort.op, a: stored(sort.a), b: sort.op === 'between' ? stored(sort.b) : undefined }
  return rawSortCondition(bounds, field, ctx, where)
}

/**
 * The FilterExpression: the entity attribute (when the table has one, so other entities are
 * filtered out server-side) and the caller's filters, their operands in stored form, ANDed. Undefined when there is none.
 */
export function entityFilter(model: EntityModel, narrowing: readonly object[], filters: readonly object[], ctx: ExpressionContext, operation = 'query'): string | undefined {
  const all: object[] = []
  const attribute = model.table.entityAttribute
  if (attribute !== undefined) all.push({ [attribute]: model.name })
  else all.push(...narrowing)
  for (const filter of filters) all.push(encodeCondition(model, operation, filter as Record<string, unknown>))
  if (all.length === 0) return undefined
  return compileCondition((all.length === 1 ? all[0] : { $and: all }) as never, ctx)
}

/** The ProjectionExpression for selected fields, plus what the read itself needs: key attributes (cursor, ownership) and the entity attribute. */
export function entityProjection(model: EntityModel, select: readonly string[], keyAttributes: readonly string[], ctx: ExpressionContext): string {
  if (select.length === 0) throw new ValidationError(model.name, 'query', [{ path: [], message: 'select lists no fields' }])
  const paths = projectedAttributes(model, select)
  for (const name of keyAttributes) paths.push(name)
  if (model.table.entityAttribute !== undefined) paths.push(model.table.entityAttribute)
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
export function finishEntityInput(
  input: Attrs,
  model: EntityModel,
  keyAttributes: readonly string[],
  select: readonly string[] | undefined,
  count: boolean,
  ctx: ExpressionContext,
): void {
  if (count) {
    // Server-side narrowing counts with Select COUNT; key-pattern narrowing reads the keys and checks them.
    if (model.table.entityAttribute !== undefined) input.Select = 'COUNT'
    else input.ProjectionExpression = keyProjection(keyAttributes, ctx)
  } else if (select !== undefined) {
    input.ProjectionExpression = entityProjection(model, select, keyAttributes, ctx)
  }
  Object.assign(input, expressionParams(ctx))
}
