// put, create and delete.

import { PutCommand, DeleteCommand, type PutCommandInput, type DeleteCommandInput } from '@aws-sdk/lib-dynamodb'
import { expressionParams } from '../expressions/index.js'
import { encodeItem, storedItem, primaryKey, encodeKeyValues } from './codec.js'
import { conditionExpression, entityContext } from './expression-input.js'
import { decodeStored, decodeFailedItem } from './read-operations.js'
import { EntityOperation, type EntityRuntime } from './operation.js'
import type { RequestContext } from '../client/send.js'
import type { ObserveOptions } from '../client/observe.js'
import type { MarkedWrite } from './unique.js'
import { ConditionFailedError, ValidationError } from '../errors.js'
import { transactionPart, type TransactWriteItem } from './transaction-item.js'

type Attrs = Record<string, unknown>

export type ReturnOld = 'NONE' | 'ALL_OLD'

export interface PutOptions<C = object> extends ObserveOptions {
  /** Only write when this holds on the stored item. */
  condition?: C
  /** `'ALL_OLD'`: resolve to the item that was replaced (or undefined) instead of the new one. */
  returnValues?: ReturnOld
}

/**
 * `put` (replaces any stored item) and `create` (only when absent): the item is validated and encoded through the
 * entity's schema, its keys computed, before anything is sent. Resolves to the item as written, in
 * application form (or, with `returnValues: 'ALL_OLD'`, to the item it replaced).
 *
 * @example
 * ```ts
 * import { lt } from 'sortkey'
 *
 * const game = await Game.put({ game_id: 'g1', map: 'Green Grasslands', creator: 'alice', people: 1 })
 * await Game.put(game, { condition: { people: lt(50) } }) // ConditionFailedError when it does not hold
 * await UserGameMapping.create({ game_id: 'g1', username: 'alice' }) // ItemExistsError when the key is taken
 * ```
 */
export class PutOperation<Item, Result = Item> extends EntityOperation<Result, PutCommandInput> {
  readonly kind: 'put' | 'create'
  #encoded: Attrs | undefined
  #key: Attrs | undefined

  constructor(
    entity: EntityRuntime,
    readonly item: Attrs,
    readonly options: PutOptions | undefined,
    mode: 'put' | 'create',
  ) {
    super(entity)
    this.kind = mode
  }

  /** The validated item in stored form, without key attributes. */
  encoded(): Attrs {
    const model = this.entity.model
    if (this.#encoded === undefined && !model.info.hasCatchall) refuseUnknownFields(model, this.item, this.kind)
    return (this.#encoded ??= encodeItem(model, this.item, this.kind, model.timestamps ? new Date().toISOString() : undefined))
  }

  key(): Attrs {
    return (this.#key ??= primaryKey(this.entity.model, this.encoded()))
  }

  /** The item as written, in application form, with the version it was stored at. */
  private written(): Attrs {
    const model = this.entity.model
    const item = writtenItem(model, this.item, this.encoded())
    if (model.version) item[model.version] = (this.params().Item as Attrs)[model.version]
    return item
  }

  /** The version the stored item must have (versioned entities): undefined means it must not exist yet. */
  expectedVersion(): number | undefined {
    const version = this.entity.model.version
    if (!version || this.kind === 'create') return undefined
    return this.encoded()[version] as number | undefined
  }

  protected buildParams(): PutCommandInput {
    const model = this.entity.model
    const Item = storedItem(model, this.encoded())
    const params: PutCommandInput = { TableName: model.table.name, Item }
    const version = model.version
    const expected = this.expectedVersion()
    if (version) Item[version] = expected === undefined ? 1 : expected + 1
    const mustBeNew = this.kind === 'create' || (version !== undefined && expected === undefined)
    const condition = this.kind === 'put' ? this.options?.condition : undefined
    if (mustBeNew || condition || expected !== undefined) {
      const ctx = entityContext(model)
      const parts: string[] = []
      if (mustBeNew) parts.push('attribute_not_exists(' + ctx.path(model.primary.pk.attribute) + ')')
      if (version && expected !== undefined) parts.push(ctx.path(version) + ' = ' + ctx.value(expected))
      if (condition) parts.push('(' + conditionExpression(model, this.kind, ctx, condition) + ')')
      params.ConditionExpression = parts.join(' AND ')
      Object.assign(params, expressionParams(ctx))
      if (this.kind === 'put') params.ReturnValuesOnConditionCheckFailure = 'ALL_OLD'
    }
    if (this.options?.returnValues === 'ALL_OLD') params.ReturnValues = 'ALL_OLD'
    this.#key ??= pickKey(model.primary, Item)
    return params
  }

  protected command(params: PutCommandInput): unknown {
    return new PutCommand(params)
  }

  /** This put as an item of a `TransactWriteItems` request (what `transactWrite` sends). */
  transactItem(): TransactWriteItem {
    return { Put: transactionPart(this.params() as Attrs) as NonNullable<TransactWriteItem['Put']> }
  }

  /** The BatchWriteItem request; a batch cannot carry conditions, so conditional puts are refused. */
  batchRequest(): { PutRequest: { Item: Attrs } } {
    const params = this.params()
    if (params.ConditionExpression !== undefined || this.options?.returnValues === 'ALL_OLD') {
      throw new ValidationError(this.entity.model.name, 'batchWrite', [
        { path: [], message: `a ${this.kind}${this.entity.model.version ? ' of a versioned entity' : ''} with a condition cannot be batched: use transactWrite` },
      ])
    }
    return { PutRequest: { Item: params.Item as Attrs } }
  }

  /** Entity, operation and key, for errors: built only when a request fails. */
  override requestContext(): RequestContext {
    return { ...super.requestContext(), decodeFailedItem: (raw) => decodeFailedItem(this.entity.model, raw, this.kind) }
  }

  protected override refineError(error: unknown): unknown {
    return versionConflict(this.entity.model, this.kind, this.key(), this.expectedVersion(), this.kind === 'put', error)
  }

  /** Writes the item together with the markers of its unique values: a create puts them; a put moves those whose values change. */
  protected override markedWrite(): MarkedWrite<Result> {
    const model = this.entity.model
    const after = storedItem(model, this.encoded())
    return {
      key: this.key(),
      read: this.kind === 'put',
      fields: model.unique,
      after: () => after,
      guarded: (guard) => (guard === undefined ? this : new PutOperation(this.entity, this.item, { ...this.options, condition: withGuard(this.options?.condition, guard) }, 'put')),
      result: (before) => {
        if (this.kind === 'put' && this.options?.returnValues === 'ALL_OLD') return (before ? decodeStored(model, before, 'put') : undefined) as Result
        return this.written() as Result
      },
    }
  }

  protected result(output: Attrs): Result {
    if (this.options?.returnValues === 'ALL_OLD') {
      const old = output.Attributes as Attrs | undefined
      return (old ? decodeStored(this.entity.model, old, this.kind) : undefined) as Result
    }
    return this.written() as Result
  }
}

export interface DeleteOptions<C = object> extends ObserveOptions {
  condition?: C
  /** Optimistic locking: the version the stored item must have (entities with `version`). */
  expectedVersion?: number
  /** `'ALL_OLD'`: resolve to the deleted item (or undefined when there was none). */
  returnValues?: ReturnOld
}

/**
 * `delete`: removes the item stored under a key, optionally only when a condition holds.
 * Resolves to nothing, or with `returnValues: 'ALL_OLD'` to the deleted item (undefined when there
 * was none).
 *
 * @example
 * ```ts
 * await UserGameMapping.delete({ game_id: 'g1', username: 'alice' })
 * const old = await Game.delete({ game_id: 'g1' }, { condition: { people: 0 }, returnValues: 'ALL_OLD' })
 * ```
 */
export class DeleteOperation<Result = void> extends EntityOperation<Result, DeleteCommandInput> {
  readonly kind = 'delete' as const
  #key: Attrs | undefined

  constructor(
    entity: EntityRuntime,
    readonly keyInput: Attrs,
    readonly options: DeleteOptions | undefined,
  ) {
    super(entity)
  }

  key(): Attrs {
    const model = this.entity.model
    return (this.#key ??= primaryKey(model, encodeKeyValues(model, this.keyInput, model.keyFields, 'delete')))
  }

  protected buildParams(): DeleteCommandInput {
    const model = this.entity.model
    const params: DeleteCommandInput = { TableName: model.table.name, Key: this.key() }
    const expected = checkExpectedVersion(model, 'delete', this.options?.expectedVersion)
    if (this.options?.condition || expected !== undefined) {
      const ctx = entityContext(model)
      const parts: string[] = []
      if (expected !== undefined) parts.push(ctx.path(model.version as string) + ' = ' + ctx.value(expected))
      if (this.options?.condition) parts.push('(' + conditionExpression(model, 'delete', ctx, this.options.condition) + ')')
      params.ConditionExpression = parts.join(' AND ')
      Object.assign(params, expressionParams(ctx))
      params.ReturnValuesOnConditionCheckFailure = 'ALL_OLD'
    }
    if (this.options?.returnValues === 'ALL_OLD') params.ReturnValues = 'ALL_OLD'
    return params
  }

  protected command(params: DeleteCommandInput): unknown {
    return new DeleteCommand(params)
  }

  /** This delete as an item of a `TransactWriteItems` request (what `transactWrite` sends). */
  transactItem(): TransactWriteItem {
    return { Delete: transactionPart(this.params() as Attrs) as NonNullable<TransactWriteItem['Delete']> }
  }

  /** The BatchWriteItem request; a batch cannot carry conditions, so conditional deletes are refused. */
  batchRequest(): { DeleteRequest: { Key: Attrs } } {
    const params = this.params()
    if (params.ConditionExpression !== undefined || this.options?.returnValues === 'ALL_OLD') {
      throw new ValidationError(this.entity.model.name, 'batchWrite', [{ path: [], message: 'a delete with a condition cannot be batched: use transactWrite' }])
    }
    return { DeleteRequest: { Key: params.Key as Attrs } }
  }

  /** Entity, operation and key, for errors: built only when a request fails. */
  override requestContext(): RequestContext {
    return { ...super.requestContext(), decodeFailedItem: (raw) => decodeFailedItem(this.entity.model, raw, 'delete') }
  }

  protected override refineError(error: unknown): unknown {
    const model = this.entity.model
    return versionConflict(model, 'delete', this.key(), model.version ? this.options?.expectedVersion : undefined, false, error)
  }

  /** Deletes the item and releases the markers of its unique values, in one transaction. */
  protected override markedWrite(): MarkedWrite<Result> {
    const model = this.entity.model
    return {
      key: this.key(),
      read: true,
      fields: model.unique,
      after: (before) => (before === undefined ? null : undefined),
      guarded: (guard) => new DeleteOperation(this.entity, this.keyInput, { ...this.options, condition: withGuard(this.options?.condition, guard ?? {}) }),
      result: (before) => (this.options?.returnValues === 'ALL_OLD' && before ? decodeStored(model, before, 'delete') : undefined) as Result,
    }
  }

  protected result(output: Attrs): Result {
    if (this.options?.returnValues !== 'ALL_OLD') return undefined as Result
    const old = output.Attributes as Attrs | undefined
    return (old ? decodeStored(this.entity.model, old, 'delete') : undefined) as Result
  }
}

/** A failed write of a versioned entity whose stored version differs from the expected one is a VERSION_CONFLICT. */
export function versionConflict(
  model: EntityRuntime['model'],
  operation: string,
  key: Attrs,
  expected: number | undefined,
  expectedNew: boolean,
  error: unknown,
): unknown {
  const version = model.version
  if (!version || !(error instanceof ConditionFailedError)) return error
  if (expected === undefined && !expectedNew) return error
  const stored = error.item?.[version]
  if (expected !== undefined ? stored === expected : error.item === undefined) return error
  const found = error.item === undefined ? 'no stored item' : `the stored item has version ${String(stored)}`
  const wanted = expected === undefined ? 'no stored item' : `version ${expected}`
  return new ConditionFailedError(model.name, operation, key, error.item, {
    cause: error.cause,
    code: 'VERSION_CONFLICT',
    message: `${model.name}.${operation}: version conflict — expected ${wanted}, found ${found}`,
  })
}

/**
 * A put names only schema fields, as an update must: a field the schema does not know would be
 * dropped silently (zod strips it), so it is refused. A schema with a catchall
 * (`z.looseObject`, `.passthrough()`, `.catchall(...)`) keeps unknown fields and is not checked.
 */
export function refuseUnknownFields(model: EntityRuntime['model'], item: Attrs, operation: string): void {
  if (item === null || typeof item !== 'object') return // encodeItem says what is wrong
  const fields = model.info.fields
  let issues: { path: string[]; message: string; code: string }[] | undefined
  for (const name in item) {
    if (item[name] === undefined || fields.has(name)) continue
    ;(issues ??= []).push({ path: [name], message: 'is not a field of the schema (use z.looseObject to store fields the schema does not name)', code: 'unknown-field' })
  }
  if (issues !== undefined) throw new ValidationError(model.name, operation, issues)
}

/** `expectedVersion`, checked: only an entity with a `version` field takes one, and it is a whole number from 0. */
export function checkExpectedVersion(model: EntityRuntime['model'], operation: string, expected: unknown): number | undefined {
  if (expected === undefined) return undefined
  if (!model.version) {
    throw new ValidationError(model.name, operation, [{ path: ['expectedVersion'], message: `is given, but ${model.name} has no version field (declare version: '<field>' on the entity)`, code: 'no-version' }])
  }
  if (typeof expected !== 'number' || !Number.isSafeInteger(expected) || expected < 0) {
    throw new ValidationError(model.name, operation, [{ path: ['expectedVersion'], message: `must be a whole number from 0, got ${String(expected)}`, code: 'option-range' }])
  }
  return expected
}

/** The caller's condition and a guard, both required. */
export function withGuard(condition: object | undefined, guard: Attrs): object {
  return condition ? { $and: [condition, guard] } : guard
}

function pickKey(primary: { pk: { attribute: string }; sk?: { attribute: string } | undefined }, item: Attrs): Attrs {
  const key: Attrs = { [primary.pk.attribute]: item[primary.pk.attribute] }
  if (primary.sk) key[primary.sk.attribute] = item[primary.sk.attribute]
  return key
}

/**
 * The written item in application form without a decode pass: plain fields are the same in both
 * forms, codec fields keep the caller's value (defaults and timestamps included).
 */
export function writtenItem(model: EntityRuntime['model'], input: Attrs, encoded: Attrs): Attrs {
  // All fields plain: the validated stored form (a fresh object from zod) is the application form.
  if (model.info.allPlain) return { ...encoded }
  const out: Attrs = {}
  for (const name in encoded) {
    const info = model.info.fields.get(name)
    out[name] = info === undefined || info.plain ? encoded[name] : (input[name] ?? encoded[name])
  }
  const stamps = model.timestamps
  if (stamps) {
    out[stamps.createdAt] = encoded[stamps.createdAt]
    out[stamps.updatedAt] = encoded[stamps.updatedAt]
  }
  return out
}
