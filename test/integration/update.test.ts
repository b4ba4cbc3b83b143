import { describe, it, expect, beforeAll } from 'vitest'
import { z } from 'zod'
import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { defineTable, isoDate, epochSeconds, ConditionFailedError, IncompleteKeyError, ValidationError, DefinitionError, createTable, lt, notExists } from '../../src/index.js'
import { localClient, uniqueTableName } from '../support/client.js'

const client = localClient()
const table = defineTable({
  name: uniqueTableName('update'),
  partitionKey: 'PK',
  sortKey: 'SK',
  indexes: {
    OpenGamesIndex: { partitionKey: 'map', sortKey: 'open_timestamp' },
    GSI1: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
  },
  entityAttribute: false,
  client,
})

const Game = table.entity('Game', {
  schema: z.object({
    game_id: z.string(),
    map: z.string(),
    creator: z.string(),
    people: z.number().int(),
    open_timestamp: z.string().optional(),
    start_time: z.string().optional(),
  }),
  key: { pk: 'GAME#{game_id}', sk: '#METADATA#{game_id}' },
})

const Order = table.entity('Order', {
  schema: z.object({
    customerId: z.string(),
    orderId: z.string(),
    status: z.enum(['PENDING', 'SHIPPED', 'DELIVERED']),
    placedAt: z.string(),
    coupon: z.string().optional(),
    address: z.object({ street: z.string(), city: z.string() }),
    tags: z.array(z.string()),
    labels: z.set(z.string()).optional(),
    total: z.number(),
    shippedOn: z.optional(isoDate()),
    scans: z.array(isoDate()).optional(),
  }),
  key: { pk: 'CUSTOMER#{customerId}', sk: 'ORDER#{orderId}' },
  indexes: { GSI1: { pk: 'CUSTOMER#{customerId}', sk: '{status}#{placedAt}' } },
  timestamps: true,
  version: 'version',
})

const Promo = table.entity('Promo', {
  schema: z.object({ id: z.string(), coupon: z.string().optional(), expiresAt: epochSeconds() }),
  key: { pk: 'PROMO#{id}', sk: 'PROMO' },
  indexes: { GSI1: { pk: 'COUPON#{coupon}', sk: 'PROMO#{id}' } },
  ttl: 'expiresAt',
})

async function raw(key: Record<string, unknown>) {
  return (await client.send(new GetCommand({ TableName: table.name, Key: key }))).Item
}

async function failure(promise: PromiseLike<unknown>): Promise<unknown> {
  return Promise.resolve(promise).then(
    () => {
      throw new Error('expected the operation to fail')
    },
    (error: unknown) => error,
  )
}

const order = {
  customerId: 'c1',
  orderId: 'o1',
  status: 'PENDING' as const,
  placedAt: '2024-05-01T10:00:00.000Z',
  address: { street: '1 Main St', city: 'Oslo' },
  tags: ['gift'],
  total: 100,
}

beforeAll(async () => {
  await createTable(table)
})

describe("LGME's start game", () => {
  it('removes open_timestamp and sets start_time under a condition; the game leaves the sparse index', async () => {
    await Game.put({ game_id: 'g1', map: 'Green Grasslands', creator: 'gstanley', people: 50, open_timestamp: '2019-04-16T00:41:18' })
    const started = await Game.update(
      { game_id: 'g1' },
      { remove: ['open_timestamp'], set: { start_time: '2019-04-16T01:00:00' } },
      { condition: { people: 50, creator: 'gstanley', start_time: notExists() }, returnValues: 'ALL_NEW' },
    )
    expect(started).toEqual({ game_id: 'g1', map: 'Green Grasslands', creator: 'gstanley', people: 50, start_time: '2019-04-16T01:00:00' })
    const stored = await raw({ PK: 'GAME#g1', SK: '#METADATA#g1' })
    expect(stored && 'open_timestamp' in stored).toBe(false)
  })

  it('a start by a non-creator fails with ConditionFailedError carrying the stored game', async () => {
    await Game.put({ game_id: 'g2', map: 'Dirty Desert', creator: 'gstanley', people: 50, open_timestamp: '2019-04-16T00:41:18' })
    const error = await failure(
      Game.update({ game_id: 'g2' }, { remove: ['open_timestamp'], set: { start_time: 'now' } }, { condition: { creator: 'someone-else' } }),
    )
    expect(error).toBeInstanceOf(ConditionFailedError)
    expect((error as ConditionFailedError).item).toMatchObject({ game_id: 'g2', creator: 'gstanley', open_timestamp: '2019-04-16T00:41:18' })
  })

  it('the params are the exact UpdateItem input', () => {
    expect(
      Game.update({ game_id: 'g1' }, { add: { people: 1 }, remove: ['open_timestamp'] }, { condition: { people: lt(50) } }).params(),
    ).toEqual({
      TableName: table.name,
      Key: { PK: 'GAME#g1', SK: '#METADATA#g1' },
      UpdateExpression: 'REMOVE #n0 ADD #n1 :v0',
      ConditionExpression: 'attribute_exists(#n2) AND (#n1 < :v1)',
      ExpressionAttributeNames: { '#n0': 'open_timestamp', '#n1': 'people', '#n2': 'PK' },
      ExpressionAttributeValues: { ':v0': 1, ':v1': 50 },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    })
  })
})

describe('index keys never go stale', () => {
  it('refuses an update of status alone when a GSI key template also needs placedAt, before sending', async () => {
    await Order.put(order)
    // The types refuse this too; the run-time check covers callers the types cannot see.
    // @ts-expect-error status without placedAt would leave GSI1's sort key stale
    const op = Order.update({ customerId: 'c1', orderId: 'o1' }, { set: { status: 'SHIPPED' } })
    expect(() => op.params()).toThrow(IncompleteKeyError)
    const error = await failure(op)
    expect(error).toBeInstanceOf(IncompleteKeyError)
    expect((error as IncompleteKeyError).missing).toEqual(['placedAt'])
    expect((error as IncompleteKeyError).template).toBe('{status}#{placedAt}')
    expect((await raw(Order.key({ customerId: 'c1', orderId: 'o1' })))?.GSI1SK).toBe('PENDING#2024-05-01T10:00:00.000Z')
  })

  it('with every field of the template given, rewrites the GSI keys in the same request', async () => {
    await Order.update({ customerId: 'c1', orderId: 'o1' }, { set: { status: 'SHIPPED', placedAt: '2024-05-02T00:00:00.000Z' } })
    const stored = await raw(Order.key({ customerId: 'c1', orderId: 'o1' }))
    expect(stored).toMatchObject({ status: 'SHIPPED', GSI1PK: 'CUSTOMER#c1', GSI1SK: 'SHIPPED#2024-05-02T00:00:00.000Z' })
  })

  it('setting the optional field of a sparse computed index adds the item to it; removing it takes the keys away', async () => {
    await Promo.put({ id: 'p1', expiresAt: new Date('2030-01-01T00:00:00Z') })
    expect(await raw({ PK: 'PROMO#p1', SK: 'PROMO' })).toEqual({ PK: 'PROMO#p1', SK: 'PROMO', id: 'p1', expiresAt: 1893456000 })
    await Promo.update({ id: 'p1' }, { set: { coupon: 'SAVE10' } })
    expect(await raw({ PK: 'PROMO#p1', SK: 'PROMO' })).toMatchObject({ coupon: 'SAVE10', GSI1PK: 'COUPON#SAVE10', GSI1SK: 'PROMO#p1' })
    await Promo.update({ id: 'p1' }, { remove: ['coupon'] })
    expect(await raw({ PK: 'PROMO#p1', SK: 'PROMO' })).toEqual({ PK: 'PROMO#p1', SK: 'PROMO', id: 'p1', expiresAt: 1893456000 })
  })

  it('refuses to update a primary-key field or remove a required field', async () => {
    const error = await failure(Order.update({ customerId: 'c1', orderId: 'o1' }, { set: { orderId: 'o2' } as never }))
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).message).toContain('orderId: is part of the primary key and cannot be updated; use move()')
    const removal = await failure(Order.update({ customerId: 'c1', orderId: 'o1' }, { remove: ['total' as never] }))
    expect((removal as ValidationError).message).toContain('total: is required by the schema, so it cannot be removed')
  })
})

describe('values are validated and encoded', () => {
  it('a value of the wrong type is a ValidationError naming the field', async () => {
    const error = await failure(Order.update({ customerId: 'c1', orderId: 'o1' }, { set: { total: 'lots' as never } }))
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues[0]?.path).toEqual(['total'])
  })

  it('codec fields are stored encoded, and conditions on them are encoded too', async () => {
    await Order.update(
      { customerId: 'c1', orderId: 'o1' },
      { set: { shippedOn: new Date('2024-05-03T00:00:00.000Z') } },
    )
    expect((await raw(Order.key({ customerId: 'c1', orderId: 'o1' })))?.shippedOn).toBe('2024-05-03T00:00:00.000Z')
    const read = await Order.update(
      { customerId: 'c1', orderId: 'o1' },
      { add: { total: 5 } },
      { condition: { shippedOn: lt(new Date('2024-06-01T00:00:00.000Z')) }, returnValues: 'ALL_NEW' },
    )
    expect(read.shippedOn).toEqual(new Date('2024-05-03T00:00:00.000Z'))
    expect(read.total).toBe(105)
  })
})

describe('nested and collection updates', () => {
  it('sets only the given nested path, and appends, prepends, adds to and deletes from sets', async () => {
    await Order.put({ ...order, orderId: 'o9', labels: new Set(['a', 'b']) })
    const after = await Order.update(
      { customerId: 'c1', orderId: 'o9' },
      {
        set: { 'address.city': 'Bergen' },
        append: { tags: ['fragile'] },
        subtract: { total: 10 },
        delete: { labels: new Set(['a']) },
      },
      { returnValues: 'ALL_NEW' },
    )
    expect(after.address).toEqual({ street: '1 Main St', city: 'Bergen' })
    expect(after.tags).toEqual(['gift', 'fragile'])
    expect(after.total).toBe(90)
    expect(after.labels).toEqual(new Set(['b']))
    const prepended = await Order.update({ customerId: 'c1', orderId: 'o9' }, { prepend: { tags: ['first'] }, add: { labels: new Set(['c']) } }, { returnValues: 'UPDATED_NEW' })
    expect(prepended).toMatchObject({ tags: ['first', 'gift', 'fragile'], labels: new Set(['b', 'c']) })
  })

  it('every clause checks its values through the field schema before sending; appended codec values are stored encoded', async () => {
    await Order.put({ ...order, orderId: 'o10', labels: new Set(['a']) })
    const before = await raw(Order.key({ customerId: 'c1', orderId: 'o10' }))
    const refused = [
      [{ append: { tags: [1] } }, ['tags', 0]],
      [{ prepend: { tags: 'gift' } }, ['tags']],
      [{ add: { total: 'lots' } }, ['total']],
      [{ add: { labels: new Set([1]) } }, ['labels']],
      [{ subtract: { total: Number.NaN } }, ['total']],
      [{ delete: { labels: ['a'] } }, ['labels']],
    ] as const
    for (const [changes, path] of refused) {
      const error = await failure(Order.update({ customerId: 'c1', orderId: 'o10' }, changes as never))
      expect(error).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).issues[0]?.path.slice(0, path.length)).toEqual(path)
    }
    expect(await raw(Order.key({ customerId: 'c1', orderId: 'o10' }))).toEqual(before)

    const day = new Date('2024-07-01T00:00:00.000Z')
    const after = await Order.update({ customerId: 'c1', orderId: 'o10' }, { set: { scans: [] } }).then(() =>
      Order.update({ customerId: 'c1', orderId: 'o10' }, { append: { scans: [day] } }, { returnValues: 'ALL_NEW' }),
    )
    expect((await raw(Order.key({ customerId: 'c1', orderId: 'o10' })))?.scans).toEqual(['2024-07-01T00:00:00.000Z'])
    expect(after.scans).toEqual([day])
  })

  it('a nested path with a bad value is refused', async () => {
    const error = await failure(Order.update({ customerId: 'c1', orderId: 'o9' }, { set: { 'address.city': 42 as unknown as string } }))
    expect((error as ValidationError).issues[0]?.path).toEqual(['address.city'])
    const unknown = await failure(Order.update({ customerId: 'c1', orderId: 'o9' }, { set: { 'address.zip': '0150' } as never }))
    expect((unknown as ValidationError).message).toContain('address.zip: is not a field of the schema')
  })
})

describe('an update never creates a half-made item', () => {
  it('updating a missing item is a ConditionFailedError that says so', async () => {
    const error = await failure(Game.update({ game_id: 'missing' }, { add: { people: 1 } }))
    expect(error).toBeInstanceOf(ConditionFailedError)
    expect((error as ConditionFailedError).message).toBe(`Game.update: no item with key {"PK":"GAME#missing","SK":"#METADATA#missing"} exists`)
    expect(await raw({ PK: 'GAME#missing', SK: '#METADATA#missing' })).toBeUndefined()
  })
})

describe('timestamps', () => {
  it('put sets createdAt and updatedAt; update moves updatedAt only', async () => {
    const written = await Order.put({ ...order, orderId: 'ts' })
    expect(written.createdAt).toBe(written.updatedAt)
    await new Promise((r) => setTimeout(r, 5))
    const updated = await Order.update({ customerId: 'c1', orderId: 'ts' }, { set: { coupon: 'X' } }, { returnValues: 'ALL_NEW' })
    expect(updated.createdAt).toBe(written.createdAt)
    expect(updated.updatedAt > written.updatedAt).toBe(true)
  })
})

describe('versioning (optimistic locking)', () => {
  it('put starts at version 1, each write increments, and a stale version is a VERSION_CONFLICT', async () => {
    const v1 = { ...order, orderId: 'v' }
    expect((await Order.put(v1)).version).toBe(1)
    expect((await Order.get({ customerId: 'c1', orderId: 'v' }))?.version).toBe(1)
    // a second put without a version would overwrite someone else's item: refused
    const clash = await failure(Order.put(v1))
    expect((clash as ConditionFailedError).code).toBe('VERSION_CONFLICT')

    expect((await Order.put({ ...v1, total: 1, version: 1 })).version).toBe(2)
    expect((await Order.get({ customerId: 'c1', orderId: 'v' }))?.version).toBe(2)
    const stale = await failure(Order.put({ ...v1, total: 2, version: 1 }))
    expect(stale).toBeInstanceOf(ConditionFailedError)
    expect((stale as ConditionFailedError).code).toBe('VERSION_CONFLICT')
    expect((stale as ConditionFailedError).message).toContain('expected version 1, found the stored item has version 2')

    await Order.update({ customerId: 'c1', orderId: 'v' }, { set: { coupon: 'A' } }, { expectedVersion: 2 })
    const staleUpdate = await failure(Order.update({ customerId: 'c1', orderId: 'v' }, { set: { coupon: 'B' } }, { expectedVersion: 2 }))
    expect((staleUpdate as ConditionFailedError).code).toBe('VERSION_CONFLICT')
    const staleDelete = await failure(Order.delete({ customerId: 'c1', orderId: 'v' }, { expectedVersion: 1 }))
    expect((staleDelete as ConditionFailedError).code).toBe('VERSION_CONFLICT')
    await Order.delete({ customerId: 'c1', orderId: 'v' }, { expectedVersion: 3 })
    expect(await Order.get({ customerId: 'c1', orderId: 'v' })).toBeUndefined()
  })
})

describe('ttl', () => {
  it('refuses a ttl field that is not stored as a number', () => {
    expect(() =>
      table.entity('BadTtl', { schema: z.object({ id: z.string(), at: isoDate() }), key: { pk: 'BT#{id}', sk: 'BT' }, ttl: 'at' }),
    ).toThrow(DefinitionError)
  })
})
