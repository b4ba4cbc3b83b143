// Entity.move is an operation like the others, against DynamoDB Local: lazy, shown by .params(),
// joinable in transactWrite, honouring a condition, and keeping a versioned item's count.
import { describe, it, expect, beforeAll } from 'vitest'
import { z } from 'zod'
import { createTable, defineTable, transactWrite, TransactionCanceledError, ValidationError, lt } from '../../src/index.js'
import { uniqueTableName } from '../support/client.js'
import { countingClient } from '../support/counting.js'

const { sender: counting, sent } = countingClient()

const table = defineTable({ name: uniqueTableName('move'), partitionKey: 'PK', sortKey: 'SK', client: counting })
const Line = table.entity('Line', {
  schema: z.object({ cart: z.string(), status: z.enum(['ACTIVE', 'SAVED']), sku: z.string(), qty: z.number() }),
  key: { pk: 'CART#{cart}', sk: '{status}#{sku}' },
  version: 'version',
})
const Log = table.entity('Log', { schema: z.object({ cart: z.string(), text: z.string() }), key: { pk: 'CART#{cart}', sk: 'LOG#{text}' } })

beforeAll(async () => {
  await createTable(table)
})

describe('Entity.move', () => {
  it('is lazy and shows its transaction', async () => {
    const before = sent.length
    const move = Line.move({ cart: 'c0', status: 'ACTIVE', sku: 's' }, { cart: 'c0', status: 'SAVED', sku: 's', qty: 1 }, { expectedVersion: 3 })
    const params = move.params()
    expect(sent.length).toBe(before)
    expect(params.TransactItems?.map((item) => Object.keys(item)[0])).toEqual(['Delete', 'Put'])
    expect(params.TransactItems?.[1]?.Put?.Item).toMatchObject({ SK: 'SAVED#s', version: 4 })
    expect(params.TransactItems?.[0]?.Delete?.ConditionExpression).toContain('attribute_exists')
    // A versioned move needs its version to be shown.
    expect(() => Line.move({ cart: 'c0', status: 'ACTIVE', sku: 's' }, { cart: 'c0', status: 'SAVED', sku: 's', qty: 1 }).params()).toThrow(ValidationError)
  })

  it('keeps and increments the version (read first when not given)', async () => {
    await Line.put({ cart: 'c1', status: 'ACTIVE', sku: 's', qty: 1 })
    await Line.update({ cart: 'c1', status: 'ACTIVE', sku: 's' }, { set: { qty: 2 } })
    const moved = await Line.move({ cart: 'c1', status: 'ACTIVE', sku: 's' }, { cart: 'c1', status: 'SAVED', sku: 's', qty: 2 })
    expect(moved.version).toBe(3)
    expect(await Line.get({ cart: 'c1', status: 'SAVED', sku: 's' })).toMatchObject({ qty: 2, version: 3 })
    expect(await Line.get({ cart: 'c1', status: 'ACTIVE', sku: 's' })).toBeUndefined()
  })

  it('honours a condition and the expected version: a failing one moves nothing', async () => {
    await Line.put({ cart: 'c2', status: 'ACTIVE', sku: 's', qty: 5 })
    const refused = await Line.move({ cart: 'c2', status: 'ACTIVE', sku: 's' }, { cart: 'c2', status: 'SAVED', sku: 's', qty: 5 }, { condition: { qty: lt(5) } }).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(TransactionCanceledError)
    expect((refused as TransactionCanceledError).failed.map((r) => r.operation)).toEqual(['delete'])
    const stale = await Line.move({ cart: 'c2', status: 'ACTIVE', sku: 's' }, { cart: 'c2', status: 'SAVED', sku: 's', qty: 5 }, { expectedVersion: 7 }).catch((e: unknown) => e)
    expect(stale).toBeInstanceOf(TransactionCanceledError)
    expect(await Line.get({ cart: 'c2', status: 'ACTIVE', sku: 's' })).toMatchObject({ qty: 5, version: 1 })
    expect(await Line.get({ cart: 'c2', status: 'SAVED', sku: 's' })).toBeUndefined()
  })

  it('joins a transactWrite with other writes, all or nothing', async () => {
    await Line.put({ cart: 'c3', status: 'ACTIVE', sku: 's', qty: 1 })
    await transactWrite([
      Line.move({ cart: 'c3', status: 'ACTIVE', sku: 's' }, { cart: 'c3', status: 'SAVED', sku: 's', qty: 1 }, { expectedVersion: 1 }),
      Log.put({ cart: 'c3', text: 'saved' }),
    ])
    expect(await Line.get({ cart: 'c3', status: 'SAVED', sku: 's' })).toMatchObject({ version: 2 })
    expect(await Log.get({ cart: 'c3', text: 'saved' })).toEqual({ cart: 'c3', text: 'saved' })
  })
})
