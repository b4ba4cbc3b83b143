// update: partial changes to a stored item, validated field by field, index keys kept current.

import { UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb'
import { compileUpdate, expressionParams, type UpdateSpec } from '../expressions/index.js'
import type { RequestContext } from '../client/send.js'
import type { ObserveOptions } from '../client/observe.js'
import { ConditionFailedError } from '../errors.js'
import { encodeKeyValues, primaryKey } from './codec.js'
import { conditionExpression, entityContext, withExpressionErrors } from './expression-input.js'
import { EntityOperation, type EntityRuntime } from './operation.js'
import { decodeFailedItem, decodeSelected, decodeStored } from './read-operations.js'
import { planUpdate, type UpdateChangesInput } from './update-plan.js'
import { planUpsert, type UpsertClausesInput } from './upsert-plan.js'
import { checkExpectedVersion, versionConflict, withGuard } from './write-operations.js'
import type { MarkedWrite } from './unique.js'
import { transactionPart, type TransactWriteItem } from './transaction-item.js'

type Attrs = Record<string, unknown>

export type UpdateReturn = 'NONE' | 'ALL_NEW' | 'ALL_OLD' | 'UPDATED_NEW' | 'UPDATED_OLD'

/**
 * `upsert`'s options besides its clauses (`add`, `append`, `prepend`, `setIfNotExists`). A
 * condition is checked on the stored item; a missing item has no attributes, so
 * `{ hotelId: notExists() }` holds on it and `{ booked: lt(10) }` does not.
 */
export interface UpsertOptions<C = object> extends ObserveOptions {
  /** Only write when this holds on the stored item (or on a missing one). */
  condition?: C
  /** What to resolve to, as for `update`. */
  returnValues?: UpdateReturn
}

export interface UpdateOptions<C = object> extends ObserveOptions {
  /** Only update when this holds on the stored item. */
  condition?: C
  /** What to resolve to: nothing (default), the whole item after or before, or just the updated fields. */
  returnValues?: UpdateReturn
  /** Optimistic locking: the version the stored item must have (entities with `version`). */
  expectedVersion?: number
}

/**
 * `update`: changes a stored item in place. The item must exist (an update never creates a
 * half-made item): a missing item is a `ConditionFailedError` whose `item` is undefined. Every
 * value is validated and encoded through its field's schema, and index keys fed by changed fields
 * are rewritten in the same request.
 *
 * @example
 * ```ts
 * import { lt } from 'sortkey'
 *
 * await Game.update({ game_id: 'g1' }, { add: { people: 1 } }, { condition: { people: lt(50) } })
 * const started = await Game.update(
 *   { game_id: 'g1' },
 *   { remove: ['open_timestamp'], set: { start_time: new Date().toISOString() } }, // leaves OpenGamesIndex
 *   { returnValues: 'ALL_NEW' },
 * )
 * ```
 */
export class UpdateOperation<Result = void> extends EntityOperation<Result, UpdateCommandInput> {
  #key: Attrs | undefined
  #keyValues: Attrs | undefined
  #spec: UpdateSpec | undefined

  constructor(
    entity: EntityRuntime,
    readonly keyInput: Attrs,
    readonly changes: UpdateChangesInput,
    readonly options: UpdateOptions | undefined,
    /** `'upsert'`: `keyInput` is the whole item, `changes` its clauses, and the item may not exist yet. */
    readonly kind: 'update' | 'upsert' = 'update',
  ) {
    super(entity)
  }

  key(): Attrs {
    const model = this.entity.model
    this.#keyValues ??= encodeKeyValues(model, this.keyInput, model.keyFields, this.kind)
    return (this.#key ??= primaryKey(model, this.#keyValues))
  }

  /** The changes validated and in stored form, index keys included (planned once). */
  spec(): UpdateSpec {
    if (this.#spec) return this.#spec
    const model = this.entity.model
    this.key()
    const keyValues: Attrs = {}
    for (const field of model.keyFields) keyValues[field] = (this.#keyValues as Attrs)[field]
    const now = model.timestamps ? new Date().toISOString() : undefined
    return (this.#spec =
      this.kind === 'upsert' ? planUpsert(model, this.keyInput, this.changes as UpsertClausesInput, keyValues, now) : planUpdate(model, this.changes, keyValues, now))
  }

  protected buildParams(): UpdateCommandInput {
    const model = this.entity.model
    const Key = this.key()
    const planned = this.spec()
    const version = model.version
    // The planned spec is kept as planned (a unique write reads it again): the version's ADD goes on a copy.
    let spec = planned
    if (version) {
      spec = { ...planned, add: { ...planned.add, [version]: 1 } }
      if (planned.set && version in planned.set) {
        const { [version]: _, ...set } = planned.set
        spec.set = set
      }
    }
    const ctx = entityContext(model)
    const UpdateExpression = withExpressionErrors(model, this.kind, () => compileUpdate(spec, ctx))
    // An update needs the item to exist; an upsert creates it when it does not.
    let condition = this.kind === 'update' ? 'attribute_exists(' + ctx.path(model.primary.pk.attribute) + ')' : ''
    const and = (part: string) => (condition = condition === '' ? part : condition + ' AND ' + part)
    const expected = this.kind === 'update' ? checkExpectedVersion(model, 'update', this.options?.expectedVersion) : undefined
    if (version && expected !== undefined) and(ctx.path(version) + ' = ' + ctx.value(expected))
    if (this.options?.condition) and('(' + conditionExpression(model, this.kind, ctx, this.options.condition) + ')')
    const params: UpdateCommandInput = { TableName: model.table.name, Key, UpdateExpression }
    if (condition !== '') {
      params.ConditionExpression = condition
      params.ReturnValuesOnConditionCheckFailure = 'ALL_OLD'
    }
    const { ExpressionAttributeNames, ExpressionAttributeValues } = expressionParams(ctx)
    if (ExpressionAttributeNames) params.ExpressionAttributeNames = ExpressionAttributeNames
    if (ExpressionAttributeValues) params.ExpressionAttributeValues = ExpressionAttributeValues
    const returnValues = this.options?.returnValues
    if (returnValues && returnValues !== 'NONE') params.ReturnValues = returnValues
    return params
  }

  protected command(params: UpdateCommandInput): unknown {
    return new UpdateCommand(params)
  }

  /** This update as an item of a `TransactWriteItems` request (what `transactWrite` sends). */
  transactItem(): TransactWriteItem {
    return { Update: transactionPart(this.params() as Attrs) as NonNullable<TransactWriteItem['Update']> }
  }

  /** Entity, operation and key, for errors: built only when a request fails. */
  override requestContext(): RequestContext {
    return { ...super.requestContext(), decodeFailedItem: (raw) => decodeFailedItem(this.entity.model, raw, this.kind) }
  }

  protected override refineError(error: unknown): unknown {
    return refineUpdateFailure(this, error)
  }

  private uniqueFieldsTouched(): string[] {
    const unique = this.entity.model.unique
    if (unique.length === 0) return []
    const spec = this.spec()
    return unique.filter((f) => spec.set?.[f] !== undefined || spec.setIfNotExists?.[f] !== undefined || spec.remove?.includes(f))
  }

  /** Updates the item and moves the markers of the unique values it changes, in one transaction. */
  protected override markedWrite(): MarkedWrite<Result> | undefined {
    const fields = this.uniqueFieldsTouched()
    if (fields.length === 0) return undefined
    const model = this.entity.model
    return {
      key: this.key(),
      read: true,
      fields,
      after: (before) => {
        // A missing item: an update fails on its own; an upsert creates it, claiming its values.
        if (!before && this.kind === 'update') return null
        // The values the update stores (trimmed, lower-cased, encoded), which are the ones to claim.
        const spec = this.spec()
        const after: Attrs = { ...before }
        for (const field of fields) {
          if (spec.remove?.includes(field)) delete after[field]
          else if (spec.set?.[field] !== undefined) after[field] = spec.set[field]
          else if (after[field] === undefined) after[field] = spec.setIfNotExists?.[field]
        }
        return after
      },
      guarded: (guard) => new UpdateOperation(this.entity, this.keyInput, this.changes, { ...this.options, condition: withGuard(this.options?.condition, guard ?? {}) }, this.kind),
      result: async (before, reread) => {
        const returnValues = this.options?.returnValues
        if (!returnValues || returnValues === 'NONE') return undefined as Result
        if (returnValues === 'ALL_OLD' || returnValues === 'UPDATED_OLD') return (before ? decodeStored(model, before, this.kind) : undefined) as Result
        const now = await reread()
        return (now ? decodeStored(model, now, this.kind) : undefined) as Result
      },
    }
  }

  protected result(output: Attrs): Result {
    const attributes = output.Attributes as Attrs | undefined
    const returnValues = this.options?.returnValues
    if (!attributes || !returnValues || returnValues === 'NONE') return undefined as Result
    const model = this.entity.model
    if (returnValues === 'ALL_NEW' || returnValues === 'ALL_OLD') return decodeStored(model, attributes, this.kind) as Result
    const fields = Object.keys(attributes).filter((name) => model.info.fields.has(name))
    return decodeSelected(model, attributes, fields, this.kind) as Result
  }
}

/** Says which of the update's conditions failed: a missing item, a version conflict, or the caller's condition. */
function refineUpdateFailure(operation: UpdateOperation<unknown>, error: unknown): unknown {
  if (!(error instanceof ConditionFailedError) || operation.kind === 'upsert') return error
  const model = operation.entity.model
  const key = operation.key()
  if (error.item === undefined && !(error.cause as { Item?: unknown } | undefined)?.Item) {
    return new ConditionFailedError(model.name, 'update', key, undefined, {
      cause: error.cause,
      message: `${model.name}.update: no item with key ${JSON.stringify(key)} exists`,
    })
  }
  return versionConflict(model, 'update', key, model.version ? operation.options?.expectedVersion : undefined, false, error)
}
