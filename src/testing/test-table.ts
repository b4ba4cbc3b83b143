// A fresh table per test file (or worker): the model under a name no other test uses, created
// from the model's definition on DynamoDB Local, with typed fixtures and a reset between tests.

import { randomUUID } from 'node:crypto'
import { BatchWriteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb'
import { batchWrite, createTable, dropTable, type CommandSender, type Entity, type Table } from 'sortkey'
import { executeControl } from '../client/executor.js'
import { testClient } from './client.js'
import { renamedTable } from './renamed.js'

type Attrs = Record<string, unknown>

export interface TestTableOptions {
  /** The table name (default: the model's name and a random suffix, so test files run in parallel). */
  name?: string
  /** What the table and its entities send with (default: `testClient()`); e.g. a recording or faulty client around it. */
  client?: CommandSender
}

/** The items `seed` takes for one entity: what its `put` accepts. */
export type SeedItems<E extends Entity> = readonly E['types']['input'][]

/** A test's own copy of a model's table on DynamoDB Local. */
export interface TestTable<T extends Table> {
  /** The table name in DynamoDB Local. */
  readonly name: string
  /** The model's table under `name`, sending with the test client (for `queryTable`, `scanTable`, ...). */
  readonly table: T
  /** What the copy sends with. */
  readonly client: CommandSender
  /** The copy of one of the model's entities: same schema and keys, stored in this table. */
  entity<E extends Entity>(entity: E): E
  /** Creates the table from the model (indexes, TTL) and waits until it is active; drops a leftover of the same name first. */
  create(): Promise<void>
  /** Deletes the table. */
  drop(): Promise<void>
  /**
   * Writes fixtures of one entity, each validated by its entity like `put` (a bad fixture throws
   * the entity's ValidationError before anything is written).
   */
  seed<E extends Entity>(entity: E, items: SeedItems<E>): Promise<void>
  /** Deletes every item, so the next test starts from an empty table. */
  reset(): Promise<void>
}

/**
 * The model's table under a unique name on DynamoDB Local, for one test file. Create it before
 * the tests, reset it between them and drop it after.
 *
 * @example
 * ```ts
 * import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
 * import { z } from 'zod'
 * import { defineTable } from 'sortkey'
 * import { testTable } from 'sortkey/testing'
 *
 * const table = defineTable({ name: 'app', partitionKey: 'PK', sortKey: 'SK' })
 * const User = table.entity('User', { schema: z.object({ username: z.string(), name: z.string() }), key: { pk: 'USER#{username}', sk: 'PROFILE' } })
 *
 * const db = testTable(table)
 * const Users = db.entity(User)
 * beforeAll(() => db.create())
 * beforeEach(() => db.reset())
 * afterAll(() => db.drop())
 *
 * it('reads what it wrote', async () => {
 *   await db.seed(User, [{ username: 'alice', name: 'Alice' }])
 *   expect(await Users.get({ username: 'alice' })).toEqual({ username: 'alice', name: 'Alice' })
 * })
 * ```
 */
export function testTable<T extends Table>(table: T, options: TestTableOptions = {}): TestTable<T> {
  const name = options.name ?? uniqueTableName(table.name)
  let client: CommandSender | undefined = options.client
  let copy: T | undefined
  // Built on first use, so `testTable(...)` can run at module level before the global setup's endpoint is read.
  const bound = (): T => (copy ??= renamedTable(table, name, (client ??= testClient())))
  const sender = (): CommandSender => (bound(), client as CommandSender)
  const entityOf = <E extends Entity>(entity: E): E => {
    const found = bound().entities.get(entity.name)
    if (!found || table.entities.get(entity.name)?.model !== entity.model) throw new Error(`${entity.name} is not an entity of table ${table.name}`)
    return found as E
  }
  return {
    name,
    get table() {
      return bound()
    },
    get client() {
      return sender()
    },
    entity: entityOf,
    async create() {
      await dropTable(bound())
      await createTable(bound())
    },
    async drop() {
      await dropTable(bound())
    },
    async seed(entity, items) {
      const target = entityOf(entity) as Entity & { put(item: unknown): PromiseLike<unknown> & { params(): unknown } }
      const ops = items.map((item) => target.put(item))
      for (const op of ops) op.params() // validates every fixture before anything is sent
      if (target.model.unique.length > 0) {
        for (const op of ops) await op // unique markers need a transaction per item
      } else if (ops.length > 0) {
        await batchWrite(ops as never, { client: sender() })
      }
    },
    async reset() {
      await deleteEverything(sender(), bound())
    },
  }
}

/**
 * `base-1a2b3c4d`: a table name valid for DynamoDB and unique to this call.
 *
 * @example
 * ```ts
 * import { uniqueTableName } from 'sortkey/testing'
 * process.env.TABLE_NAME = uniqueTableName('shop') // before the model module reads it
 * ```
 */
export function uniqueTableName(base: string): string {
  return `${base.replace(/[^\w.-]/g, '_').slice(0, 200)}-${randomUUID().slice(0, 8)}`
}

async function deleteEverything(client: CommandSender, table: Table): Promise<void> {
  const keys = [table.spec.partitionKey, table.spec.sortKey].filter((k): k is string => k !== undefined)
  const names = Object.fromEntries(keys.map((k, i) => [`#k${i}`, k]))
  let start: Attrs | undefined
  do {
    const scan = new ScanCommand({ TableName: table.name, ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names, ExclusiveStartKey: start })
    const page = await executeControl<{ Items?: Attrs[]; LastEvaluatedKey?: Attrs }>(client, scan, 'reset', table.name)
    const items = page.Items ?? []
    for (let i = 0; i < items.length; i += 25) {
      let requests: Attrs[] = items.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }))
      while (requests.length > 0) {
        const batch = new BatchWriteCommand({ RequestItems: { [table.name]: requests as never } })
        const output = await executeControl<{ UnprocessedItems?: Record<string, Attrs[]> }>(client, batch, 'reset', table.name)
        requests = output.UnprocessedItems?.[table.name] ?? []
      }
    }
    start = page.LastEvaluatedKey
  } while (start)
}
