// Creating and dropping a table, for tests and local work: create waits until the table and
// its indexes are ACTIVE and turns on TTL; drop waits until the table is gone.

import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
  type UpdateTimeToLiveCommandInput,
} from '@aws-sdk/client-dynamodb'
import type { CommandSender } from '../client/send.js'
import { awsErrorName } from '../client/send.js'
import { executeControl } from '../client/executor.js'
import { DefinitionError } from '../errors.js'
import { tableDefinition, ttlDefinition, type DefinitionOptions } from './definition.js'
import type { TableHandle } from './table.js'

const TIMEOUT_MS = 120_000

/**
 * Creates the table, waits until it and its indexes are ACTIVE and turns on TTL when an entity
 * declares `ttl` (with `wait: false`, only sends CreateTable). Sends with the table's client. For
 * tests and local work; production tables are usually created by infrastructure code, from
 * `tableDefinition`.
 *
 * @example
 * ```ts
 * import { createTable } from 'sortkey'
 *
 * await createTable(table)
 * await createTable(table.withClient(client), { billing: { read: 5, write: 5 } })
 * ```
 */
export async function createTable(table: TableHandle, options?: DefinitionOptions & { wait?: boolean }): Promise<void> {
  await sendCreate(tableClient(table), tableDefinition(table, options), ttlDefinition(table), options?.wait ?? true)
}

/**
 * Deletes the table and waits until it is gone (unless `wait: false`); resolves to false when
 * there was no such table. Sends with the table's client. For tests and local work.
 *
 * @example
 * ```ts
 * import { dropTable } from 'sortkey'
 *
 * const existed = await dropTable(table)
 * ```
 */
export async function dropTable(table: TableHandle, options?: { wait?: boolean }): Promise<boolean> {
  return sendDrop(tableClient(table), table.name, options?.wait ?? true)
}

function tableClient(table: TableHandle): CommandSender {
  if (!table.client) throw new DefinitionError(`table ${table.name} has no client: pass client to defineTable, or use table.withClient(client)`)
  return table.client
}

async function sendCreate(
  client: CommandSender,
  input: CreateTableCommandInput,
  ttl: UpdateTimeToLiveCommandInput | undefined,
  wait: boolean,
): Promise<void> {
  await executeControl(client, new CreateTableCommand(input), 'createTable', input.TableName)
  if (!wait) return
  await waitFor(client, input.TableName as string, 'ACTIVE')
  if (ttl) await executeControl(client, new UpdateTimeToLiveCommand(ttl), 'updateTimeToLive', ttl.TableName)
}

/** Deletes the table; false when there was none. */
async function sendDrop(client: CommandSender, name: string, wait: boolean): Promise<boolean> {
  try {
    await executeControl(client, new DeleteTableCommand({ TableName: name }), 'dropTable', name)
  } catch (error) {
    if (awsErrorName(error) === 'ResourceNotFoundException') return false
    throw error
  }
  if (wait) await waitFor(client, name, 'gone')
  return true
}

async function waitFor(client: CommandSender, name: string, state: 'ACTIVE' | 'gone'): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS
  let delay = 50
  for (;;) {
    let table: { TableStatus?: string; GlobalSecondaryIndexes?: { IndexStatus?: string }[] } | undefined
    try {
      table = (await executeControl<{ Table?: typeof table }>(client, new DescribeTableCommand({ TableName: name }), 'describeTable', name)).Table
    } catch (error) {
      if (awsErrorName(error) !== 'ResourceNotFoundException') throw error
      table = undefined
    }
    if (state === 'gone' ? table === undefined : table?.TableStatus === 'ACTIVE' && (table.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE')) return
    if (Date.now() > deadline) throw new Error(`table ${name} was not ${state === 'gone' ? 'deleted' : 'ACTIVE'} after ${TIMEOUT_MS / 1000} s`)
    await new Promise((r) => setTimeout(r, delay))
    delay = Math.min(delay * 2, 1000)
  }
}
