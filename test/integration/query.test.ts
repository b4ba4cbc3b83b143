// Entity queries against DynamoDB Local: sort-key operators on a composite template, partial
// keys that must not over-match, an overloaded GSI, a sparse index, an inverted index,
// projections and table-level reads of mixed items.
import { describe, it, expect, beforeAll } from 'vitest'
import { z } from 'zod'
import { PutCommand } from '@aws-sdk/lib-dynamodb'
import { defineTable, IncompleteKeyError, KeyValueError, ValidationError, type CommandSender, createTable, queryTable, gte } from '../../src/index.js'
import { localClient, uniqueTableName } from '../support/client.js'
import { lastKeyWith } from '../../src/expressions/index.js'

const client = localClient()

/** A client that records every command input and output it sends. */
function recorder() {
  const inputs: Record<string, unknown>[] = []
  const outputs: Record<string, unknown>[] = []
  const sender: CommandSender = {
    async send(command: unknown) {
      inputs.push((command as { input: Record<string, unknown> }).input)
      const output = (await client.send(command as never)) as Record<string, unknown>
      outputs.push(output)
      return output
    },
  }
  return { sender, inputs, outputs }
}

const table = defineTable({
  name: uniqueTableName('query'),
  partitionKey: 'PK',
  sortKey: 'SK',
  indexes: {
    GSI1: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    InvertedIndex: { partitionKey: 'SK', sortKey: 'PK' },
    OpenGamesIndex: { partitionKey: 'map', sortKey: 'open_timestamp' },
  },
  client,
})

const Customer = table.entity('Customer', {
  schema: z.object({ customerId: z.string(), name: z.string(), region: z.string() }),
  key: { pk: 'CUSTOMER#{customerId}', sk: '#PROFILE#{customerId}' },
  indexes: { GSI1: { pk: 'REGION#{region}', sk: 'CUSTOMER#{customerId}' } },
})

const Order = table.entity('Order', {
  schema: z.object({ customerId: z.string(), year: z.number().int(), seq: z.number().int(), total: z.number(), region: z.string() }),
  key: { pk: 'CUSTOMER#{customerId}', sk: 'ORDER#{year:4}#{seq:6}' },
  indexes: { GSI1: { pk: 'REGION#{region}', sk: 'ORDER#{year:4}#{seq:6}' } },
})

const Membership = table.entity('Membership', {
  schema: z.object({ groupId: z.string(), username: z.string(), postId: z.string() }),
  key: { pk: 'GROUP#{groupId}', sk: 'USER#{username}#POST#{postId}' },
})

const Game = table.entity('Game', {
  schema: z.object({ game_id: z.string(), map: z.string(), people: z.number().int(), open_timestamp: z.string().optional() }),
  key: { pk: 'GAME#{game_id}', sk: '#METADATA#{game_id}' },
})

const Player = table.entity('Player', {
  schema: z.object({ game_id: z.string(), username: z.string() }),
  key: { pk: 'GAME#{game_id}', sk: 'USER#{username}' },
})

// c1: 9 orders over 2023-2025; c2: 2 orders. Totals are 10 * seq + year offset, so filters have something to bite on.
const c1Orders = [
  [2023, 1], [2023, 2], [2023, 3],
  [2024, 1], [2024, 2], [2024, 3], [2024, 4],
  [2025, 1], [2025, 2],
] as const
const orderOf = (customerId: string, region: string) => ([year, seq]: readonly [number, number]) => ({ customerId, year, seq, total: seq * 10 + (year - 2023), region })

const ids = (items: readonly { year: number; seq: number }[]) => items.map((o) => `${o.year}-${o.seq}`)

beforeAll(async () => {
  await createTable(table)
  await Promise.all([
    Customer.put({ customerId: 'c1', name: 'Ana', region: 'eu' }),
    Customer.put({ customerId: 'c2', name: 'Bo', region: 'eu' }),
    Customer.put({ customerId: 'c3', name: 'Cy', region: 'us' }),
    ...c1Orders.map((o) => Order.put(orderOf('c1', 'eu')(o))),
    Order.put(orderOf('c2', 'eu')([2024, 7])),
    Order.put(orderOf('c2', 'eu')([2024, 8])),
    Membership.put({ groupId: 'g1', username: 'a', postId: 'p1' }),
    Membership.put({ groupId: 'g1', username: 'a', postId: 'p2' }),
    Membership.put({ groupId: 'g1', username: 'ab', postId: 'p1' }),
    Membership.put({ groupId: 'g1', username: 'b', postId: 'p1' }),
    Game.put({ game_id: 'g1', map: 'Green', people: 3, open_timestamp: '2024-01-01' }),
    Game.put({ game_id: 'g2', map: 'Green', people: 50 }),
    Game.put({ game_id: 'g3', map: 'Green', people: 1, open_timestamp: '2024-03-01' }),
    Game.put({ game_id: 'g4', map: 'Desert', people: 2, open_timestamp: '2024-02-01' }),
    Player.put({ game_id: 'g1', username: 'alice' }),
    Player.put({ game_id: 'g1', username: 'bob' }),
    Player.put({ game_id: 'g1', username: 'carol' }),
    Player.put({ game_id: 'g3', username: 'alice' }),
  ])
})

describe('sort-key operators on a composite template (ORDER#{year:4}#{seq:6})', () => {
  const q = () => Order.query.primary({ customerId: 'c1' })

  it('with no sort-key field, reads the entity prefix only (not the profile in the same partition)', async () => {
    const page = await q()
    expect(ids(page.items)).toEqual(['2023-1', '2023-2', '2023-3', '2024-1', '2024-2', '2024-3', '2024-4', '2025-1', '2025-2'])
    expect(page.items[0]).toEqual({ customerId: 'c1', year: 2023, seq: 1, total: 10, region: 'eu' })
    expect(page.cursor).toBeUndefined()
    expect(page.skipped).toBe(0)
    expect(q().params()).toMatchObject({
      KeyConditionExpression: '#n0 = :v0 AND begins_with(#n1, :v1)',
      ExpressionAttributeValues: { ':v0': 'CUSTOMER#c1', ':v1': 'ORDER#' },
    })
  })

  it('with leading fields, begins_with through the last complete field; with all, equality', async () => {
    expect(ids((await Order.query.primary({ customerId: 'c1', year: 2024 })).items)).toEqual(['2024-1', '2024-2', '2024-3', '2024-4'])
    expect(Order.query.primary({ customerId: 'c1', year: 2024 }).params().ExpressionAttributeValues).toMatchObject({ ':v1': 'ORDER#2024#' })
    const one = Order.query.primary({ customerId: 'c1', year: 2024, seq: 3 })
    expect(one.params().KeyConditionExpression).toBe('#n0 = :v0 AND #n1 = :v1')
    expect(ids((await one).items)).toEqual(['2024-3'])
  })

  it('gt / gte / lt / lte on a partial key compare whole ranges of keys', async () => {
    expect(ids((await q().gt({ year: 2024 })).items)).toEqual(['2025-1', '2025-2'])
    expect(ids((await q().gte({ year: 2024 })).items)).toEqual(['2024-1', '2024-2', '2024-3', '2024-4', '2025-1', '2025-2'])
    expect(ids((await q().lt({ year: 2024 })).items)).toEqual(['2023-1', '2023-2', '2023-3'])
    expect(ids((await q().lte({ year: 2024 })).items)).toEqual(['2023-1', '2023-2', '2023-3', '2024-1', '2024-2', '2024-3', '2024-4'])
  })

  it('gt / gte / lt / lte on a whole key compare that key', async () => {
    expect(ids((await q().gt({ year: 2024, seq: 2 })).items)).toEqual(['2024-3', '2024-4', '2025-1', '2025-2'])
    expect(ids((await q().gte({ year: 2024, seq: 2 })).items)).toEqual(['2024-2', '2024-3', '2024-4', '2025-1', '2025-2'])
    expect(ids((await q().lt({ year: 2024, seq: 2 })).items)).toEqual(['2023-1', '2023-2', '2023-3', '2024-1'])
    expect(ids((await q().lte({ year: 2024, seq: 2 })).items)).toEqual(['2023-1', '2023-2', '2023-3', '2024-1', '2024-2'])
  })

  it('ranges are clamped to the entity prefix, so the key condition never reaches other entities', () => {
    expect(q().gt({ year: 2024 }).params()).toMatchObject({
      KeyConditionExpression: '#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2',
      ExpressionAttributeValues: { ':v1': 'ORDER#2024$', ':v2': lastKeyWith('ORDER#') },
    })
    expect(q().lte({ year: 2024 }).params().ExpressionAttributeValues).toMatchObject({ ':v1': 'ORDER#', ':v2': lastKeyWith('ORDER#2024#') })
    expect(q().gt({ year: 2024, seq: 2 }).params().ExpressionAttributeValues).toMatchObject({ ':v1': 'ORDER#2024#000002\u0000', ':v2': lastKeyWith('ORDER#') })
  })

  it('between takes partial or whole bounds, both ends included', async () => {
    expect(ids((await q().between({ year: 2023 }, { year: 2024 })).items)).toEqual(['2023-1', '2023-2', '2023-3', '2024-1', '2024-2', '2024-3', '2024-4'])
    expect(ids((await q().between({ year: 2024, seq: 2 }, { year: 2025, seq: 1 })).items)).toEqual(['2024-2', '2024-3', '2024-4', '2025-1'])
  })

  it('merges sort-key fields of the key input into the bounds', async () => {
    const page = await Order.query.primary({ customerId: 'c1', year: 2024 }).between({ seq: 2 }, { seq: 3 })
    expect(ids(page.items)).toEqual(['2024-2', '2024-3'])
  })

  it('beginsWith on leading fields', async () => {
    expect(ids((await q().beginsWith({ year: 2025 })).items)).toEqual(['2025-1', '2025-2'])
  })

  it('raw string bounds for range tricks', async () => {
    expect(ids((await q().between('ORDER#2024#', 'ORDER#2024$')).items)).toEqual(['2024-1', '2024-2', '2024-3', '2024-4'])
    expect(ids((await q().beginsWith('ORDER#2025')).items)).toEqual(['2025-1', '2025-2'])
    expect(ids((await q().gte('ORDER#2025#000002')).items)).toEqual(['2025-2'])
  })

  it('reverse, limit and a filter', async () => {
    const page = await q().reverse().limit(3)
    expect(ids(page.items)).toEqual(['2025-2', '2025-1', '2024-4'])
    expect(page.cursor).toEqual(expect.any(String))
    const filtered = await q().where({ total: gte(30) })
    expect(ids(filtered.items)).toEqual(['2023-3', '2024-3', '2024-4'])
  })

  it('one sort-key condition per query', () => {
    expect(() => q().gt({ year: 2023 }).lt({ year: 2025 })).toThrow(ValidationError)
  })

  it('select reads only the fields asked for (keys still travel for the cursor)', async () => {
    const query = q().select(['seq', 'total']).limit(2)
    expect(query.params()).toMatchObject({
      ProjectionExpression: '#n3, #n4, #n0, #n1, #n2',
      ExpressionAttributeNames: { '#n0': 'PK', '#n1': 'SK', '#n2': '_type', '#n3': 'seq', '#n4': 'total' },
    })
    const page = await query
    expect(page.items).toEqual([{ seq: 1, total: 10 }, { seq: 2, total: 20 }])
    const next = await q().select(['seq', 'total']).limit(2).startAfter(page.cursor)
    expect(next.items).toEqual([{ seq: 3, total: 30 }, { seq: 1, total: 11 }])
  })

  it('count() counts matching items over every page', async () => {
    expect(await q().count()).toBe(9)
    expect(await q().where({ total: gte(30) }).limit(2).count()).toBe(3)
  })

  it('refuses bad keys before sending', async () => {
    const { sender, inputs } = recorder()
    const Bound = Order.withClient(sender)
    // @ts-expect-error customerId is required
    await expect(Bound.query.primary({}).then()).rejects.toBeInstanceOf(IncompleteKeyError)
    await expect(Bound.query.primary({ customerId: 'a#b' }).then()).rejects.toBeInstanceOf(KeyValueError)
    await expect(Bound.query.primary({ customerId: 'c1' }).gt({ year: 12345 }).then()).rejects.toBeInstanceOf(KeyValueError)
    expect(inputs).toEqual([])
  })

  it('a copy made by withClient queries with its own client', async () => {
    const { sender, inputs } = recorder()
    const page = await Order.withClient(sender).query.primary({ customerId: 'c2' })
    expect(ids(page.items)).toEqual(['2024-7', '2024-8'])
    expect(inputs).toHaveLength(1)
  })
})

describe('partial keys never over-match', () => {
  it("{ username: 'a' } does not read USER#ab#…; beginsWith does, by intent", async () => {
    const exact = await Membership.query.primary({ groupId: 'g1', username: 'a' })
    expect(exact.items).toEqual([
      { groupId: 'g1', username: 'a', postId: 'p1' },
      { groupId: 'g1', username: 'a', postId: 'p2' },
    ])
    const prefix = await Membership.query.primary({ groupId: 'g1' }).beginsWith({ username: 'a' })
    expect(prefix.items.map((m) => `${m.username}/${m.postId}`)).toEqual(['a/p1', 'a/p2', 'ab/p1'])
  })
})

describe('an overloaded GSI1 shared by two entities', () => {
  it('each entity reads only its own items, narrowed server-side', async () => {
    const { sender, inputs, outputs } = recorder()
    const customers = await Customer.withClient(sender).query.GSI1({ region: 'eu' })
    expect(customers.items.map((c) => c.customerId)).toEqual(['c1', 'c2'])
    // The key condition holds the entity's GSI1SK prefix: DynamoDB read no order at all.
    expect(inputs[0]).toMatchObject({
      IndexName: 'GSI1',
      KeyConditionExpression: '#n0 = :v0 AND begins_with(#n1, :v1)',
      FilterExpression: '#n2 = :v2',
      ExpressionAttributeNames: { '#n0': 'GSI1PK', '#n1': 'GSI1SK', '#n2': '_type' },
      ExpressionAttributeValues: { ':v0': 'REGION#eu', ':v1': 'CUSTOMER#', ':v2': 'Customer' },
    })
    expect(outputs[0]).toMatchObject({ Count: 2, ScannedCount: 2 })

    const orders = await Order.query.GSI1({ region: 'eu' }).where({ customerId: 'c2' })
    expect(orders.items.map((o) => `${o.customerId}:${o.year}-${o.seq}`)).toEqual(['c2:2024-7', 'c2:2024-8'])
    expect(await Order.query.GSI1({ region: 'eu' }).count()).toBe(11)
    expect((await Customer.query.GSI1({ region: 'us' })).items).toEqual([{ customerId: 'c3', name: 'Cy', region: 'us' }])
  })

  it('queryTable(table).GSI1 reads the whole partition and identifies every item', async () => {
    const page = await queryTable(table).GSI1({ GSI1PK: 'REGION#eu' })
    const counts: Record<string, number> = {}
    for (const entry of page.items) counts[entry.entity ?? '?'] = (counts[entry.entity ?? '?'] ?? 0) + 1
    expect(counts).toEqual({ Customer: 2, Order: 11 })
    expect(page.items[0]).toEqual({ entity: 'Customer', item: { customerId: 'c1', name: 'Ana', region: 'eu' } })
  })
})

describe('a sparse index with plain key attributes (OpenGamesIndex: map / open_timestamp)', () => {
  it('holds only open games, ordered by the raw open_timestamp', async () => {
    const page = await Game.query.OpenGamesIndex({ map: 'Green' })
    expect(page.items.map((g) => g.game_id)).toEqual(['g1', 'g3'])
    expect(Game.query.OpenGamesIndex({ map: 'Green' }).params()).toMatchObject({
      IndexName: 'OpenGamesIndex',
      KeyConditionExpression: '#n0 = :v0',
      ExpressionAttributeValues: { ':v0': 'Green', ':v1': 'Game' },
    })
  })

  it('sort-key operators compare raw values', async () => {
    expect((await Game.query.OpenGamesIndex({ map: 'Green' }).gt({ open_timestamp: '2024-02-01' })).items.map((g) => g.game_id)).toEqual(['g3'])
    expect((await Game.query.OpenGamesIndex({ map: 'Green' }).beginsWith('2024-01')).items.map((g) => g.game_id)).toEqual(['g1'])
    expect((await Game.query.OpenGamesIndex({ map: 'Green', open_timestamp: '2024-03-01' })).items.map((g) => g.game_id)).toEqual(['g3'])
  })

  it('an index scan reads every open game and nothing else', async () => {
    const all = await Game.scan({ index: 'OpenGamesIndex' }).all()
    expect(all.items.map((g) => g.game_id).sort()).toEqual(['g1', 'g3', 'g4'])
    expect(all.cursor).toBeUndefined()
  })
})

describe('an inverted index (SK as partition key)', () => {
  it("reads a user's games by the user's sort key", async () => {
    const page = await Player.query.InvertedIndex({ username: 'alice' })
    expect(page.items).toEqual([
      { game_id: 'g1', username: 'alice' },
      { game_id: 'g3', username: 'alice' },
    ])
    expect(Player.query.InvertedIndex({ username: 'alice' }).params()).toMatchObject({
      IndexName: 'InvertedIndex',
      KeyConditionExpression: '#n0 = :v0 AND begins_with(#n1, :v1)',
      ExpressionAttributeNames: { '#n0': 'SK', '#n1': 'PK' },
      ExpressionAttributeValues: { ':v0': 'USER#alice', ':v1': 'GAME#' },
    })
  })
})

describe('table-level reads meet every entity', () => {
  it('queryTable identifies each item; an unknown item is reported, not dropped', async () => {
    const foreign = { PK: 'GAME#g1', SK: 'ZZZ#note', note: 'written by another program' }
    await client.send(new PutCommand({ TableName: table.name, Item: foreign }))
    const page = await queryTable(table).primary({ PK: 'GAME#g1' })
    expect(page.items).toEqual([
      { entity: 'Game', item: { game_id: 'g1', map: 'Green', people: 3, open_timestamp: '2024-01-01' } },
      { entity: 'Player', item: { game_id: 'g1', username: 'alice' } },
      { entity: 'Player', item: { game_id: 'g1', username: 'bob' } },
      { entity: 'Player', item: { game_id: 'g1', username: 'carol' } },
      { entity: undefined, item: foreign },
    ])
    // LGME's trick: the game's metadata and its players, and nothing after them.
    const range = await queryTable(table).primary({ PK: 'GAME#g1' }).between('#METADATA#g1', 'USER$')
    expect(range.items.map((e) => e.entity)).toEqual(['Game', 'Player', 'Player', 'Player'])
  })

  it('an item without the entity attribute is never returned as an entity', async () => {
    await client.send(
      new PutCommand({ TableName: table.name, Item: { PK: 'CUSTOMER#c9', SK: 'ORDER#2024#000001', customerId: 'c9', year: 2024, seq: 1, total: 1, region: 'eu' } }),
    )
    await Order.put({ customerId: 'c9', year: 2024, seq: 2, total: 2, region: 'x' })
    const page = await Order.query.primary({ customerId: 'c9' })
    expect(ids(page.items)).toEqual(['2024-2'])
    expect(await Order.query.primary({ customerId: 'c9' }).count()).toBe(1)
  })

  it('queryTable takes a raw sort key for equality, and refuses unknown attributes', async () => {
    expect(queryTable(table)).toBe(queryTable(table)) // made once per table
    expect(queryTable(table.withClient(client))).not.toBe(queryTable(table))
    const page = await queryTable(table).primary({ PK: 'GAME#g3', SK: 'USER#alice' })
    expect(page.items).toEqual([{ entity: 'Player', item: { game_id: 'g3', username: 'alice' } }])
    // @ts-expect-error GSI1PK is not a key of the table itself
    await expect(queryTable(table).primary({ PK: 'GAME#g3', GSI1PK: 'x' }).then()).rejects.toBeInstanceOf(ValidationError)
  })
})
