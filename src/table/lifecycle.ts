// Creating and dropping a table, for tests and local work.

import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb'
import type { CommandSender } from '../client/send.js'

export async function createTable(client: CommandSender, input: CreateTableCommandInput, wait: boolean): Promise<void> {
  await client.send(new CreateTableCommand(input))
  if (wait) await waitUntilActive(client, input.TableName as string)
}

export async function dropTable(client: CommandSender, name: string): Promise<void> {
  try {
    await client.send(new DeleteTableCommand({ TableName: name }))
  } catch (error) {
    if ((error as { name?: string }).name !== 'ResourceNotFoundException') throw error
  }
}

async function waitUntilActive(client: CommandSender, name: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let delay = 50
  for (;;) {
    const output = (await client.send(new DescribeTableCommand({ TableName: name }))) as {
      Table?: { TableStatus?: string; GlobalSecondaryIndexes?: { IndexStatus?: string }[] }
    }
    const table = output.Table
    const ready = table?.TableStatus === 'ACTIVE' && (table.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE')
    if (ready) return
    if (Date.now() > deadline) throw new Error(`table ${name} was not ACTIVE after ${timeoutMs / 1000} s`)
    await new Promise((r) => setTimeout(r, delay))
    delay = Math.min(delay * 2, 1000)
  }
}
