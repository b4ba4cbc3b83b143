// localClient against DynamoDB Local: app code written as the README shows (no region, no
// credentials configured) creates a table, writes and reads.
import { afterAll, describe, expect, inject, it } from 'vitest'
import { z } from 'zod'
import { createTable, defineTable, dropTable, localClient } from '../../src/index.js'
import { uniqueTableName } from '../support/client.js'

const endpoint = inject('dynamoEndpoint')
const port = Number(new URL(endpoint).port)
const clients: { destroy(): void }[] = []
afterAll(() => clients.forEach((client) => client.destroy()))

function model(client: ReturnType<typeof localClient>, name = uniqueTableName('local-client')) {
  clients.push(client)
  const table = defineTable({ name, partitionKey: 'PK', sortKey: 'SK', client })
  const User = table.entity('User', {
    schema: z.object({ username: z.string(), name: z.string() }),
    key: { pk: 'USER#{username}', sk: 'PROFILE' },
  })
  return { table, User }
}

describe('localClient against DynamoDB Local', () => {
  it('reaches it by port, with a region and credentials of its own', async () => {
    const saved = { ...process.env }
    for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_ENDPOINT_URL']) delete process.env[name]
    try {
      const { table, User } = model(localClient({ port }))
      await createTable(table)
      await User.put({ username: 'alice', name: 'Alice' })
      expect(await User.get({ username: 'alice' })).toEqual({ username: 'alice', name: 'Alice' })
      expect((await User.query.primary({ username: 'alice' })).items).toEqual([{ username: 'alice', name: 'Alice' }])
      expect(await dropTable(table)).toBe(true)
    } finally {
      Object.assign(process.env, saved)
    }
  })

  it('reaches it through AWS_ENDPOINT_URL when given nothing, and by endpoint', async () => {
    expect(process.env.AWS_ENDPOINT_URL).toBe(endpoint)
    const { table, User } = model(localClient())
    await createTable(table)
    await User.put({ username: 'bob', name: 'Bob' })
    const reader = localClient({ endpoint: endpoint.replace('127.0.0.1', 'localhost') })
    const { User: Reader } = model(reader, table.name)
    expect(await Reader.get({ username: 'bob' })).toEqual({ username: 'bob', name: 'Bob' })
    expect(await dropTable(table)).toBe(true)
  })
})
