// Unique values: for each value of a field declared `unique`, a marker item keyed by entity,
// field and value. Writes that set, change or clear such a value put and delete markers in the
// same transaction as the item itself, guarded by the value they read, so two items can never
// hold one value — not even two writers racing.

import { GetCommand } from '@aws-sdk/lib-dynamodb'
import type { CommandSender } from '../client/send.js'
import { requireClient } from '../client/send.js'
import { execute } from '../client/executor.js'
import { keyLimitsOf } from '../client/limits.js'
import { probeFor, type Probe } from '../client/observe.js'
import { ConditionFailedError, ItemExistsError, TransactionCanceledError, UniqueConstraintError, ValidationError } from '../errors.js'
import { eq, exists, notExists } from '../expressions/index.js'
import type { EntityModel } from './model.js'
import type { TransactionWrite, TransactWriteItem } from './transaction-item.js'

type Attrs = Record<string, unknown>

/** Sends operations as one transaction (provided by the table layer); `probe` is the operation it serves, for hooks and capacity. */
export type Transactor = (client: CommandSender | undefined, ops: readonly TransactionWrite[], probe?: Probe) => Promise<unknown>

export const MARKER_SORT_KEY = '_unique'

/** The marker item's key for one value of a unique field. */
export function markerKey(model: EntityModel, field: string, value: unknown): Attrs {
  const key: Attrs = { [model.table.partitionKey]: `_unique#${model.name}#${field}#${String(value)}` }
  if (model.table.sortKey !== undefined) key[model.table.sortKey] = MARKER_SORT_KEY
  return key
}

/** A put or delete of one marker, as a transaction entry. */
export class MarkerWrite implements TransactionWrite {
  constructor(
    readonly entity: { readonly model: EntityModel },
    readonly kind: 'put' | 'delete',
    readonly field: string,
    readonly value: unknown,
    readonly owner: Attrs,
  ) {}

  key(): Attrs {
    return markerKey(this.entity.model, this.field, this.value)
  }

  transactItem(): TransactWriteItem {
    const model = this.entity.model
    const names = { '#pk': model.table.partitionKey }
    if (this.kind === 'delete') return { Delete: { TableName: model.table.name, Key: this.key() } }
    const Item: Attrs = { ...this.key(), owner: JSON.stringify(this.owner) }
    if (model.table.entityAttribute !== undefined) Item[model.table.entityAttribute] = MARKER_SORT_KEY
    return {
      Put: { TableName: model.table.name, Item, ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: names },
    }
  }
}

/** The stored item under `key`, read strongly consistent (the values the markers guard). */
export async function readStored(model: EntityModel, client: CommandSender | undefined, key: Attrs, probe?: Probe): Promise<Attrs | undefined> {
  const sender = requireClient(client, `entity ${model.name}`)
  const input: Attrs = { TableName: model.table.name, Key: key, ConsistentRead: true }
  const watch = probe ?? probeFor(model.table.observation, undefined, model.table.name, model.name, 'get')
  if (watch !== undefined) input.ReturnConsumedCapacity = watch.mode
  const context = { entity: model.name, operation: 'get', key }
  const output = await execute<{ Item?: Attrs }>(sender, { action: 'GetItem', command: new GetCommand(input as never), input, context, keys: keyLimitsOf(model.table) }, watch)
  return output.Item
}

/** Marker writes for going from `before` to `after` (stored forms; undefined = no item). */
export function markerChanges(model: EntityModel, owner: Attrs, before: Attrs | undefined, after: Attrs | undefined, fields = model.unique): MarkerWrite[] {
  const writes: MarkerWrite[] = []
  for (const field of fields) {
    const old = before?.[field]
    const next = after?.[field]
    if (old === next) continue
    if (old !== undefined && old !== null) writes.push(new MarkerWrite({ model }, 'delete', field, old, owner))
    if (next !== undefined && next !== null) writes.push(new MarkerWrite({ model }, 'put', field, next, owner))
  }
  return writes
}

/** A condition that holds only while the unique fields still have the values that were read. */
export function unchangedGuard(model: EntityModel, before: Attrs | undefined, fields: readonly string[]): Attrs {
  if (!before) return { [model.primary.pk.attribute]: notExists() }
  const guard: Attrs = {}
  for (const field of fields) {
    const value = before[field]
    guard[field] = value === undefined || value === null ? notExists() : eq(value)
  }
  return guard
}

/**
 * Sends the item's own write with its marker writes as one transaction, and says what clashed:
 * a taken value is a UniqueConstraintError; a changed item (a race) or a failed condition is a
 * ConditionFailedError; an existing item on create is an ItemExistsError.
 */
export async function sendWithMarkers(
  transact: Transactor,
  client: CommandSender | undefined,
  main: TransactionWrite,
  markers: readonly MarkerWrite[],
  probe?: Probe,
): Promise<void> {
  try {
    await transact(client, [main, ...markers], probe)
  } catch (error) {
    if (!(error instanceof TransactionCanceledError)) throw error
    const model = main.entity.model
    for (const reason of error.failed) {
      const marker = reason.index > 0 ? markers[reason.index - 1] : undefined
      if (marker && reason.code === 'ConditionalCheckFailed') throw new UniqueConstraintError(model.name, marker.field, marker.value, { cause: error })
    }
    const own = error.reasons[0]
    if (own && own.code === 'ConditionalCheckFailed') {
      if (main.kind === 'create') throw new ItemExistsError(model.name, main.key(), { cause: error })
      throw new ConditionFailedError(model.name, main.kind, main.key(), own.item, {
        cause: error,
        message: `${model.name}.${main.kind}: the condition failed, or the item changed while its unique values were being checked`,
      })
    }
    throw error
  }
}

/**
 * How a write changes unique values. The operation describes itself; `writeWithMarkers` does the
 * rest, the same for put, create, update and delete.
 */
export interface MarkedWrite<R> {
  /** The item's primary key (stored form). */
  readonly key: Attrs
  /** The stored item must be read first: its values decide which markers move (a create knows there is none). */
  readonly read: boolean
  /** The unique fields the write may change: their markers move, and the transaction is guarded by their values as read. */
  readonly fields: readonly string[]
  /** The stored form after the write, given the one before; undefined: the item is deleted; null: send the write alone. */
  after(before: Attrs | undefined): Attrs | undefined | null
  /** The write to send with the markers, its condition joined with `guard` (the values read are still stored). */
  guarded(guard: Attrs | undefined): TransactionWrite
  /** What the operation resolves to; `reread` reads the stored item again. */
  result(before: Attrs | undefined, reread: () => Promise<Attrs | undefined>): R | Promise<R>
}

/** Sends a write that changes unique values: reads the stored item, then the write and its marker writes in one guarded transaction. */
export async function writeWithMarkers<R>(
  entity: { readonly model: EntityModel; readonly transact?: Transactor | undefined },
  write: MarkedWrite<R>,
  client: CommandSender,
  probe: Probe | undefined,
  alone: () => Promise<R>,
): Promise<R> {
  const model = entity.model
  const transact = requireTransactor(entity)
  const before = write.read ? await readStored(model, client, write.key, probe) : undefined
  const after = write.after(before)
  if (after === null) return alone()
  const markers = markerChanges(model, write.key, before, after, write.fields)
  if (markers.length === 0) return alone()
  const main = write.guarded(write.read ? unchangedGuard(model, before, write.fields) : undefined)
  await sendWithMarkers(transact, client, main, markers, probe)
  return write.result(before, () => readStored(model, client, write.key, probe))
}

export function requireTransactor(entity: { readonly model: EntityModel; readonly transact?: Transactor | undefined }): Transactor {
  if (!entity.transact) {
    throw new ValidationError(entity.model.name, 'write', [{ path: [], message: 'unique fields need an entity defined through table.entity()' }])
  }
  return entity.transact
}
