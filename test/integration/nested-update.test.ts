// Nested paths in every update clause against DynamoDB Local: values encoded through the schema at
// the path, required members never removed, and refused input sends nothing.
import { describe, it, expect, beforeAll } from 'vitest'
import { z } from 'zod'
import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { defineTable, createTable, isoDate, ValidationError, SortkeyError } from '../../src/index.js'
import { localClient, uniqueTableName } from '../support/client.js'
import { countingClient } from '../support/counting.js'
import { failure } from '../support/failure.js'

const client = localClient()
const table = defineTable({ name: uniqueTableName('nested-update'), partitionKey: 'PK', sortKey: 'SK', client })

const Cart = table.entity('Cart', {
  schema: z.object({
    id: z.string(),
    address: z.object({ city: z.string(), zip: z.string().optional() }),
    lines: z.array(z.object({ sku: z.string(), qty: z.number().int(), at: z.optional(isoDate()), notes: z.array(z.string()).optional(), tags: z.set(z.string()).optional() })),
    counts: z.record(z.string(), z.number()).optional(),
    extra: z.object({ note: z.string() }).optional(),
  }),
  key: { pk: 'CART#{id}', sk: 'CART' },
})

const at = new Date('2024-05-01T10:00:00.000Z')

async function raw(id: string) {
  return (await client.send(new GetCommand({ TableName: table.name, Key: { PK: `CART#${id}`, SK: 'CART' } }))).Item
}

beforeAll(async () => {
  await createTable(table)
  await Cart.put({ id: 'c1', address: { city: 'Oslo', zip: '0150' }, lines: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 2, notes: ['x'], tags: new Set(['t1', 't2']) }], counts: {} })
})

describe('nested paths in every clause', () => {
  it('set, setIfNotExists, add, subtract, append, prepend, delete and remove change only their path', async () => {
    await Cart.update({ id: 'c1' }, { set: { 'address.city': 'Bergen', 'lines[0].at': at }, setIfNotExists: { 'lines[0].notes': ['first'] }, add: { 'lines[0].qty': 2, 'counts.views': 1 } })
    await Cart.update({ id: 'c1' }, { subtract: { 'lines[1].qty': 1 }, append: { 'lines[1].notes': ['y'] }, delete: { 'lines[1].tags': new Set(['t1']) }, remove: ['address.zip'] })
    await Cart.update({ id: 'c1' }, { prepend: { 'lines[1].notes': ['w'] }, add: { 'lines[1].tags': new Set(['t3']) } })
    const stored = await raw('c1')
    expect(stored?.lines[0].at).toBe('2024-05-01T10:00:00.000Z') // encoded through isoDate() at the path
    const cart = await Cart.get({ id: 'c1' })
    expect(cart).toEqual({
      id: 'c1',
      address: { city: 'Bergen' },
      lines: [
        { sku: 'a', qty: 3, at, notes: ['first'] },
        { sku: 'b', qty: 1, notes: ['w', 'x', 'y'], tags: new Set(['t2', 't3']) },
      ],
      counts: { views: 1 },
    })
  })

  it('refuses removing a required member, a bad value or an unknown path, and sends nothing', async () => {
    const { sender, sent } = countingClient()
    const C = Cart.withClient(sender)
    const refused: [() => PromiseLike<unknown>, string][] = [
      [() => C.update({ id: 'c1' }, { remove: ['address.city'] } as never), 'address.city'],
      [() => C.update({ id: 'c1' }, { remove: ['lines[0].sku'] } as never), 'lines[0].sku'],
      [() => C.update({ id: 'c1' }, { set: { 'lines[0].qty': 1.5 } }), 'lines[0].qty'],
      [() => C.update({ id: 'c1' }, { set: { 'lines[0].at': 'not a date' } } as never), 'lines[0].at'],
      [() => C.update({ id: 'c1' }, { append: { 'lines[0].notes': [1] } } as never), 'lines[0].notes'],
      [() => C.update({ id: 'c1' }, { add: { 'address.nope': 1 } } as never), 'address.nope'],
      [() => C.update({ id: 'c1' }, { set: { 'address.city': JSON.parse('{"ne":"x"}') as string } }), 'address.city'],
    ]
    for (const [run, path] of refused) {
      const error = await failure(run())
      expect(error).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).message).toContain(path)
    }
    expect(sent).toEqual([])
  })

  it('a path under a map that is not stored fails at DynamoDB with a sortkey error, and nothing changes', async () => {
    const error = await failure(Cart.update({ id: 'c1' }, { set: { 'extra.note': 'n' } }))
    expect(error).toBeInstanceOf(SortkeyError)
    expect((await Cart.get({ id: 'c1' }))?.extra).toBeUndefined()
  })
})
