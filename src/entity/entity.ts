// An entity: one kind of item in the table, with its schema and key templates. Its methods
// build lazy operations; `key` and `keys` are pure.

import type { CommandSender } from '../client/send.js'
import type { Condition } from '../expressions/index.js'
import { encodeItem, encodeKeyValues, primaryKey, storedItem } from './codec.js'
import { resolveEntity, type EntityConfigInput, type EntityModel, type TableSpec } from './model.js'
import type { EntityRuntime } from './operation.js'
import { GetOperation, type GetOptions } from './read-operations.js'
import type { EntityTypes, FlatChanges, Selected, SelectPath, UpdateChanges, UpsertChanges, VersionOption } from './types.js'
import { UpdateOperation, type UpdateOptions, type UpsertOptions } from './update-operation.js'
import { CheckOperation } from './transaction-item.js'
import type { Transactor } from './unique.js'
import { MoveOperation, type MoveOptions } from './move-operation.js'
import type { UpdateChangesInput } from './update-plan.js'
import { DeleteOperation, PutOperation, type DeleteOptions, type PutOptions } from './write-operations.js'

type Attrs = Record<string, unknown>

// keys() validates the item like put does; timestamps do not feed keys unless templated, so any valid stamp will do.
const KEYS_ONLY_NOW = '1970-01-01T00:00:00.000Z'

/**
 * One kind of item in a table, declared with `table.entity(name, { schema, key, ... })`. Its
 * methods build lazy operations (`put`, `create`, `get`, `update`, `upsert`, `delete`, `check`): `await`
 * sends one, `.params()` shows the SDK command input without sending, and transactions and
 * batches take the same objects. `key` and `keys` are pure; `query` and `scan` read.
 *
 * @example
 * ```ts
 * await User.put({ username: 'alice', name: 'Alice', email: 'alice@example.com', joined: new Date() })
 * const alice = await User.get({ username: 'alice' }) // typed; undefined when absent
 *
 * User.key({ username: 'alice' }) // { PK: 'USER#alice', SK: '#METADATA#alice' }
 * Game.put({ game_id: 'g1', map: 'Green Grasslands', creator: 'alice', people: 1 }).params() // the PutCommand input
 *
 * type UserItem = typeof User.types.item
 * ```
 */
export class Entity<T extends EntityTypes = EntityTypes> implements EntityRuntime {
  /** Type-level only: the entity's type bag. */
  declare readonly types: T
  readonly name: T['name']
  readonly model: EntityModel
  readonly client: CommandSender | undefined
  readonly transact: Transactor | undefined

  constructor(model: EntityModel, client: CommandSender | undefined, transact?: Transactor) {
    this.model = model
    this.name = model.name as T['name']
    this.client = client
    this.transact = transact
  }

  /** The zod schema items are validated and decoded with (timestamp and version fields included). */
  get schema(): T['schema'] {
    return this.model.schema as T['schema']
  }

  /** A copy of this entity that sends with `client`. */
  withClient(client: CommandSender): this {
    const copy = new (this.constructor as new (m: EntityModel, c: CommandSender, t?: Transactor) => this)(this.model, client, this.transact)
    return Object.assign(copy, { ...this, client })
  }

  /**
   * Re-keys an item (how a primary-key field changes): deletes the one stored under `oldKey` (it
   * must exist, and `condition` must hold on it) and creates `newItem` (its key must be free), in
   * one transaction. Lazy like every operation: `await` sends it, `.params()` shows the
   * TransactWriteItems input, and `transactWrite([...])` takes it among other writes. A versioned
   * item is written at its old version plus one.
   *
   * @example
   * ```ts
   * import { z } from 'zod'
   * import { defineTable } from 'sortkey'
   *
   * const carts = defineTable({ name: 'carts', partitionKey: 'PK', sortKey: 'SK' })
   * const Line = carts.entity('Line', {
   *   schema: z.object({ cart: z.string(), status: z.enum(['ACTIVE', 'SAVED']), sku: z.string() }),
   *   key: { pk: 'CART#{cart}', sk: '{status}#{sku}' },
   * })
   * await Line.move({ cart: 'c1', status: 'ACTIVE', sku: 's1' }, { cart: 'c1', status: 'SAVED', sku: 's1' })
   * ```
   */
  move(oldKey: T['key'], newItem: T['input'], options?: MoveOptions<Condition<T['item']>>): MoveOperation<T['item']> {
    return new MoveOperation<T['item']>(this, oldKey as Attrs, newItem as Attrs, options as MoveOptions | undefined)
  }

  /** Writes the item, replacing any stored under the same key. Validated before anything is sent. */
  put(item: T['input'], options?: PutOptions<Condition<T['item']>> & { returnValues?: 'NONE' }): PutOperation<T['item']>
  put(item: T['input'], options: PutOptions<Condition<T['item']>> & { returnValues: 'ALL_OLD' }): PutOperation<T['item'], T['item'] | undefined>
  put(item: T['input'], options?: PutOptions<Condition<T['item']>>): PutOperation<T['item'], unknown> {
    return new PutOperation(this, item as Attrs, options as PutOptions | undefined, 'put')
  }

  /** Writes the item only if none is stored under its key; otherwise `ItemExistsError`. */
  create(item: T['input']): PutOperation<T['item']> {
    return new PutOperation(this, item as Attrs, undefined, 'create')
  }

  /** The stored item, decoded, or undefined; with `select`, only the fields selected. */
  // Two signatures: a get without `select` (the common one) needs no inference of the fields.
  get(key: T['key'], options?: GetOptions<never>): GetOperation<T['item']>
  get<const F extends SelectPath<T['item']>>(key: T['key'], options: GetOptions<F> & { select: readonly F[] }): GetOperation<Selected<T['item'], F>>
  get(key: T['key'], options?: GetOptions<string>): GetOperation<unknown> {
    return new GetOperation(this, key as Attrs, options)
  }

  /** Deletes the item stored under the key; with `returnValues: 'ALL_OLD'`, resolves to it (undefined when there was none). */
  delete(key: T['key'], options?: DeleteOptions<Condition<T['item']>> & VersionOption<T> & { returnValues?: 'NONE' }): DeleteOperation<void>
  delete(key: T['key'], options: DeleteOptions<Condition<T['item']>> & VersionOption<T> & { returnValues: 'ALL_OLD' }): DeleteOperation<T['item'] | undefined>
  delete(key: T['key'], options?: DeleteOptions<Condition<T['item']>>): DeleteOperation<unknown> {
    return new DeleteOperation(this, key as Attrs, options as DeleteOptions | undefined)
  }

  /**
   * Changes a stored item in place: only the given paths change. Index keys fed by changed fields
   * are rewritten in the same request (an update must give every field of such a key's template);
   * removing an optional field that feeds a sparse index takes the item out of it.
   */
  update(key: T['key'], changes: T['nested'] extends false ? FlatChanges<T['item'], NonNullable<T['setConstraint']>, keyof T['key']> : UpdateChanges<T['item'], NonNullable<T['setConstraint']>, keyof T['key']>, options?: UpdateOptions<Condition<T['item']>> & VersionOption<T> & { returnValues?: 'NONE' }): UpdateOperation<void>
  update(
    key: T['key'],
    changes: T['nested'] extends false ? FlatChanges<T['item'], NonNullable<T['setConstraint']>, keyof T['key']> : UpdateChanges<T['item'], NonNullable<T['setConstraint']>, keyof T['key']>,
    options: UpdateOptions<Condition<T['item']>> & VersionOption<T> & { returnValues: 'ALL_NEW' | 'ALL_OLD' },
  ): UpdateOperation<T['item']>
  update(
    key: T['key'],
    changes: T['nested'] extends false ? FlatChanges<T['item'], NonNullable<T['setConstraint']>, keyof T['key']> : UpdateChanges<T['item'], NonNullable<T['setConstraint']>, keyof T['key']>,
    options: UpdateOptions<Condition<T['item']>> & VersionOption<T> & { returnValues: 'UPDATED_NEW' | 'UPDATED_OLD' },
  ): UpdateOperation<Partial<T['item']>>
  update(key: T['key'], changes: T['nested'] extends false ? FlatChanges<T['item'], NonNullable<T['setConstraint']>, keyof T['key']> : UpdateChanges<T['item'], NonNullable<T['setConstraint']>, keyof T['key']>, options?: UpdateOptions<Condition<T['item']>>): UpdateOperation<unknown> {
    return new UpdateOperation(this, key as Attrs, changes as UpdateChangesInput, options as UpdateOptions | undefined)
  }

  /**
   * Creates the item or updates the fields it gives, in one UpdateItem. The item is validated as
   * `put` validates it (required fields included, since it may be created); key and index key
   * attributes are computed; `createdAt`, key fields and defaults are written only when the item is
   * created, `updatedAt` always, and a version starts at 1 or goes up by 1. `add`, `append`,
   * `prepend` and `setIfNotExists` work on fields that are not stored yet (counters: declare them
   * `.default(0)` so the item need not give them). Lazy; `transactWrite` takes it.
   *
   * @example
   * ```ts
   * import { z } from 'zod'
   * import { defineTable } from 'sortkey'
   *
   * const hotels = defineTable({ name: 'hotels', partitionKey: 'PK', sortKey: 'SK' })
   * const Hotel = hotels.entity('Hotel', {
   *   schema: z.object({ hotelId: z.string(), name: z.string(), booked: z.number().int().default(0) }),
   *   key: { pk: 'HOTEL#{hotelId}', sk: 'SUMMARY' },
   * })
   * await Hotel.upsert({ hotelId: 'h1', name: 'Grand' }, { add: { booked: 1 } }) // created with booked 1, or booked + 1
   * ```
   */
  upsert(item: T['input'], options?: UpsertOptions<Condition<T['item']>> & UpsertChanges<T['item'], keyof T['key']> & { returnValues?: 'NONE' }): UpdateOperation<void>
  upsert(item: T['input'], options: UpsertOptions<Condition<T['item']>> & UpsertChanges<T['item'], keyof T['key']> & { returnValues: 'ALL_NEW' }): UpdateOperation<T['item']>
  upsert(item: T['input'], options: UpsertOptions<Condition<T['item']>> & UpsertChanges<T['item'], keyof T['key']> & { returnValues: 'ALL_OLD' }): UpdateOperation<T['item'] | undefined>
  upsert(
    item: T['input'],
    options: UpsertOptions<Condition<T['item']>> & UpsertChanges<T['item'], keyof T['key']> & { returnValues: 'UPDATED_NEW' | 'UPDATED_OLD' },
  ): UpdateOperation<Partial<T['item']>>
  upsert(item: T['input'], options?: UpsertOptions<Condition<T['item']>> & UpsertChanges<T['item'], keyof T['key']>): UpdateOperation<unknown> {
    return new UpdateOperation(this, item as Attrs, (options ?? {}) as UpdateChangesInput, options as UpdateOptions | undefined, 'upsert')
  }

  /** A condition that must hold on a stored item for a transaction to go through (`transactWrite`). */
  check(key: T['key'], condition: Condition<T['item']>): CheckOperation {
    return new CheckOperation(this, key as Attrs, condition)
  }

  /** The primary key attributes for a key input, e.g. `{ PK: 'USER#alice', SK: '#METADATA#alice' }`. */
  key(input: T['key']): Record<string, unknown> {
    return primaryKey(this.model, encodeKeyValues(this.model, input as Attrs, this.model.keyFields, 'key'))
  }

  /** Every key attribute the item is stored under: the primary key and each index that holds it. */
  keys(item: T['input']): Record<string, unknown> {
    const stored = storedItem(this.model, encodeItem(this.model, item as Attrs, 'keys', KEYS_ONLY_NOW))
    const out: Attrs = {}
    for (const index of [this.model.primary, ...this.model.indexes.values()]) {
      for (const key of [index.pk, index.sk]) {
        if (key && stored[key.attribute] !== undefined) out[key.attribute] = stored[key.attribute]
      }
    }
    return out
  }
}

export function defineEntity(table: TableSpec, name: string, config: EntityConfigInput, client: CommandSender | undefined, transact?: Transactor): Entity {
  const model = resolveEntity(table, name, config)
  return new Entity(model, client, transact)
}
