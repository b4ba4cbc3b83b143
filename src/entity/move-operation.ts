// move: re-keys an item (how a primary-key field changes) as one transaction of two parts, the
// delete of the item under its old key (it must exist, and the caller's condition must hold) and
// the create of the new item (its key must be free). Lazy like every operation: `.params()` shows
// the TransactWriteItems input, `transactWrite([...])` takes its parts among others.
//
// A versioned item keeps counting: the new item is written at the old version plus one, and the
// delete checks the old version (`expectedVersion`, or the version read first when awaited alone).

import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb'
import type { CommandSender } from '../client/send.js'
import type { ObserveOptions } from '../client/observe.js'
import { ValidationError } from '../errors.js'
import { exists } from '../expressions/index.js'
import { storedItem } from './codec.js'
import type { EntityRuntime } from './operation.js'
import type { TransactionWrite, TransactWriteItem } from './transaction-item.js'
import { markerChanges, readStored, unchangedGuard, type MarkerWrite } from './unique.js'
import { DeleteOperation, PutOperation, withGuard, writtenItem } from './write-operations.js'

type Attrs = Record<string, unknown>

export interface MoveOptions<C = object> extends ObserveOptions {
  /** Only move when this holds on the item under the old key. */
  condition?: C
  /** Versioned entities: the version the old item must have (needed for `.params()` and `transactWrite`). */
  expectedVersion?: number
}

/**
 * A re-keying, as `Entity.move(...)` returns it: awaiting it sends the transaction, `.params()`
 * shows it, and `transactWrite([...])` takes it among other writes.
 *
 * @example
 * ```ts
 * import { z } from 'zod'
 * import { defineTable, transactWrite } from 'sortkey'
 *
 * const carts = defineTable({ name: 'carts', partitionKey: 'PK', sortKey: 'SK' })
 * const Line = carts.entity('Line', {
 *   schema: z.object({ cart: z.string(), status: z.enum(['ACTIVE', 'SAVED']), sku: z.string() }),
 *   key: { pk: 'CART#{cart}', sk: '{status}#{sku}' },
 * })
 * const move = Line.move({ cart: 'c1', status: 'ACTIVE', sku: 's1' }, { cart: 'c1', status: 'SAVED', sku: 's1' })
 * move.params() // { TransactItems: [{ Delete: ... }, { Put: ... }] }
 * await transactWrite([move])
 * ```
 */
export class MoveOperation<Item> implements PromiseLike<Item> {
  readonly kind = 'move' as const

  constructor(
    readonly entity: EntityRuntime,
    readonly oldKey: Attrs,
    readonly newItem: Attrs,
    readonly options: MoveOptions | undefined,
  ) {}

  /** The two writes this move is made of, for `transactWrite([...])`; validated here, before anything is sent. */
  parts(): [TransactionWrite, TransactionWrite] {
    const model = this.entity.model
    if (model.version && this.options?.expectedVersion === undefined) {
      throw new ValidationError(model.name, 'move', [
        { path: [], message: `${model.name} is versioned: give expectedVersion to show or join a move (awaited alone, it reads the version first)` },
      ])
    }
    return this.build(this.options?.expectedVersion, {})
  }

  /** The TransactWriteItems input the move sends (without marker writes, which entities with unique fields add when sent). */
  params(): TransactWriteCommandInput {
    return { TransactItems: this.parts().map((part) => part.transactItem()) }
  }

  private build(version: number | undefined, guard: Attrs): [TransactionWrite, TransactionWrite] {
    const model = this.entity.model
    const present = { [model.primary.pk.attribute]: exists() }
    const condition = withGuard(this.options?.condition, { ...guard, ...present })
    const remove = new DeleteOperation(this.entity, this.oldKey, { condition, ...(version !== undefined ? { expectedVersion: version } : {}) })
    const create = new PutOperation<Item>(this.entity, this.newItem, undefined, 'create')
    return [remove, version === undefined ? create : new VersionedCreate(create, model.version as string, version + 1)]
  }

  /** Sends the move with `client` or the entity's own; resolves to the new item as written. */
  async send(client?: CommandSender): Promise<Item> {
    const entity = this.entity
    const model = entity.model
    if (!entity.transact) throw new ValidationError(model.name, 'move', [{ path: [], message: 'this entity was not defined through a table' }])
    const sender = client ?? entity.client
    let version = this.options?.expectedVersion
    let markers: MarkerWrite[] = []
    let guard: Attrs = {}
    const needsRead = model.unique.length > 0 || (model.version !== undefined && version === undefined)
    if (needsRead) {
      const create = new PutOperation<Item>(entity, this.newItem, undefined, 'create')
      create.key() // validates the new item before anything is sent
      const before = await readStored(model, sender, new DeleteOperation(entity, this.oldKey, undefined).key())
      if (model.version && version === undefined) version = (before?.[model.version] as number | undefined) ?? 0
      if (model.unique.length > 0) {
        // The item keeps its claim on unique values it still holds; changed ones move.
        markers = markerChanges(model, create.key(), before, storedItem(model, create.encoded()))
        guard = unchangedGuard(model, before, model.unique)
      }
    }
    const [remove, create] = this.build(version, guard)
    await entity.transact(sender, [remove, create, ...markers])
    const item = writtenItem(model, this.newItem, (create as PutOperation<Item> | VersionedCreate).encoded())
    if (model.version) item[model.version] = (version ?? 0) + 1
    return item as Item
  }

  then<A = Item, B = never>(
    onfulfilled?: ((value: Item) => A | PromiseLike<A>) | null,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as Promise#then
    onrejected?: ((reason: any) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    let promise: Promise<Item>
    try {
      promise = this.send()
    } catch (error) {
      promise = Promise.reject(error)
    }
    return promise.then(onfulfilled, onrejected)
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as Promise#catch
  /** Sends the move and handles its failure, as `Promise#catch`. */
  catch<B = never>(onrejected?: ((reason: any) => B | PromiseLike<B>) | null): Promise<Item | B> {
    return this.then(undefined, onrejected)
  }
}

/** The create part of a versioned move: the new item carries the old version plus one. */
class VersionedCreate implements TransactionWrite {
  readonly kind = 'create' as const

  constructor(
    private readonly create: PutOperation<unknown>,
    private readonly field: string,
    private readonly version: number,
  ) {}

  get entity() {
    return this.create.entity
  }

  key(): Attrs {
    return this.create.key()
  }

  encoded(): Attrs {
    return this.create.encoded()
  }

  transactItem(): TransactWriteItem {
    const entry = this.create.transactItem()
    const put = entry.Put as NonNullable<TransactWriteItem['Put']>
    return { Put: { ...put, Item: { ...put.Item, [this.field]: this.version } } }
  }
}
