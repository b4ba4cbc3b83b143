// Item collections, and entity narrowing on a table without an entity attribute (entities
// told apart by key patterns alone), against DynamoDB Local.
import { describe, it, expect, beforeAll } from 'vitest'
import { z } from 'zod'
import { PutCommand } from '@aws-sdk/lib-dynamodb'
import { DefinitionError, defineTable, IncompleteKeyError, isoDate, defineCollection, createTable, queryTable } from '../../src/index.js'
import { localClient, uniqueTableName } from '../support/client.js'
import { lastKeyWith } from '../../src/expressions/index.js'

const client = localClient()

describe('collections on a table with an entity attribute', () => {
  const table = defineTable({
    name: uniqueTableName('coll'),
    partitionKey: 'PK',
    sortKey: 'SK',
    indexes: { GSI1: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK' } },
    client,
  })
  const Game = table.entity('Game', {
    schema: z.object({ game_id: z.string(), map: z.string(), people: z.number().int() }),
    key: { pk: 'GAME#{game_id}', sk: '#METADATA#{game_id}' },
    indexes: { GSI1: { pk: 'MAP#{map}', sk: 'GAME#{game_id}' } },
  })
  const Player = table.entity('Player', {
    schema: z.object({ game_id: z.string(), username: z.string(), joined: isoDate() }),
    key: { pk: 'GAME#{game_id}', sk: 'USER#{username}' },
  })
  const Note = table.entity('Note', {
    schema: z.object({ game_id: z.string(), id: z.string() }),
    key: { pk: 'GAME#{game_id}', sk: 'NOTE#{id}' },
  })
  const Map = table.entity('Map', {
    schema: z.object({ map: z.string(), size: z.number() }),
    key: { pk: 'MAPS', sk: 'MAP#{map}' },
    indexes: { GSI1: { pk: 'MAP#{map}', sk: '#MAP' } },
  })
  const gameWithPlayers = defineCollection('GameWithPlayers', [Game, Player])
  const joined = new Date('2024-05-01T10:00:00.000Z')

  beforeAll(async () => {
    await createTable(table)
    await Promise.all([
      Game.put({ game_id: 'g1', map: 'Green', people: 2 }),
      Game.put({ game_id: 'g2', map: 'Green', people: 0 }),
      Player.put({ game_id: 'g1', username: 'alice', joined }),
      Player.put({ game_id: 'g1', username: 'bob', joined }),
      Note.put({ game_id: 'g1', id: 'n1' }),
      Map.put({ map: 'Green', size: 9 }),
    ])
  })

  it('reads a game and its players in one request, grouped and decoded per entity', async () => {
    const { Game: games, Player: players } = await gameWithPlayers.query({ game_id: 'g1' })
    expect(games).toEqual([{ game_id: 'g1', map: 'Green', people: 2 }])
    expect(players).toEqual([
      { game_id: 'g1', username: 'alice', joined },
      { game_id: 'g1', username: 'bob', joined },
    ])
    expect(gameWithPlayers.query({ game_id: 'g1' }).params()).toEqual({
      TableName: table.name,
      KeyConditionExpression: '#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2',
      FilterExpression: '#n2 IN (:v3, :v4)',
      ExpressionAttributeNames: { '#n0': 'PK', '#n1': 'SK', '#n2': '_type' },
      ExpressionAttributeValues: { ':v0': 'GAME#g1', ':v1': '#METADATA#g1', ':v2': lastKeyWith('USER#'), ':v3': 'Game', ':v4': 'Player' },
    })
  })

  it('gives every member a list, empty when it has no items', async () => {
    expect(await gameWithPlayers.query({ game_id: 'g2' })).toEqual({ Game: [{ game_id: 'g2', map: 'Green', people: 0 }], Player: [] })
    expect(await gameWithPlayers.query({ game_id: 'nope' })).toEqual({ Game: [], Player: [] })
  })

  it('pages grouped by entity', async () => {
    const pages = []
    for await (const page of gameWithPlayers.query({ game_id: 'g1' }).limit(2).pages()) pages.push(page)
    // Two items evaluated per request: the game and the note (filtered out server-side), then both players.
    expect(pages.map((p) => [p.items.Game.length, p.items.Player.length])).toEqual([
      [1, 0],
      [0, 2],
      [0, 0],
    ])
    const first = await gameWithPlayers.query({ game_id: 'g1' }).limit(2).all({ maxPages: 1 })
    const rest = await gameWithPlayers.query({ game_id: 'g1' }).limit(2).startAfter(first.cursor).all()
    expect(first.items.Game.map((g) => g.game_id)).toEqual(['g1'])
    expect(rest.items.Player.map((p) => p.username)).toEqual(['alice', 'bob'])
    expect(rest.cursor).toBeUndefined()
  })

  it('a collection on an index', async () => {
    const byMap = defineCollection('MapWithGames', [Map, Game], { index: 'GSI1' })
    const { Map: maps, Game: games } = await byMap.query({ map: 'Green' })
    expect(maps).toEqual([{ map: 'Green', size: 9 }])
    expect(games.map((g) => g.game_id)).toEqual(['g1', 'g2'])
  })

  it('refuses a missing partition field before sending', async () => {
    // @ts-expect-error game_id is required
    await expect(gameWithPlayers.query({}).then()).rejects.toBeInstanceOf(IncompleteKeyError)
  })

  it('is checked at definition', () => {
    expect(() => defineCollection('Mixed', [Game, Map])).toThrow(DefinitionError)
    expect(() => defineCollection('Mixed', [Game, Map])).toThrow(/do not share a partition-key template/)
    expect(() => defineCollection('NotInIndex', [Game, Player], { index: 'GSI1' })).toThrow(/Player is not in index GSI1/)
    expect(() => defineCollection('Twice', [Game, Game])).toThrow(/listed twice/)
    const other = defineTable({ name: 'other-table', partitionKey: 'PK', sortKey: 'SK' })
    const Stranger = other.entity('Stranger', { schema: z.object({ game_id: z.string() }), key: { pk: 'GAME#{game_id}', sk: 'S' } })
    expect(() => defineCollection('Foreign', [Game, Stranger])).toThrow(/belongs to table other-table/)
  })
})

describe('a table without an entity attribute: entities told apart by key patterns', () => {
  const table = defineTable({ name: uniqueTableName('keypat'), partitionKey: 'PK', sortKey: 'SK', entityAttribute: false, client })
  // Cruddur: messages under their group, sort key a bare timestamp, the group id kept only in the key.
  const Message = table.entity('Message', {
    schema: z.object({ message_group_uuid: z.string(), created_at: z.string(), text: z.string() }),
    key: { pk: 'MSG#{message_group_uuid}', sk: '{created_at}' },
    keyOnly: ['message_group_uuid'],
  })
  const GroupMeta = table.entity('GroupMeta', {
    schema: z.object({ message_group_uuid: z.string(), title: z.string() }),
    key: { pk: 'MSG#{message_group_uuid}', sk: 'META#{message_group_uuid}' },
  })
  const Game = table.entity('Game', {
    schema: z.object({ game_id: z.string(), people: z.number() }),
    key: { pk: 'GAME#{game_id}', sk: '#METADATA#{game_id}' },
  })
  const Player = table.entity('Player', {
    schema: z.object({ game_id: z.string(), username: z.string() }),
    key: { pk: 'GAME#{game_id}', sk: 'USER#{username}' },
  })
  const gameWithPlayers = defineCollection('GameWithPlayers', [Game, Player])

  beforeAll(async () => {
    await createTable(table)
    await Promise.all([
      Message.put({ message_group_uuid: 'm1', created_at: '2022-12-31T23:00:00Z', text: 'old' }),
      Message.put({ message_group_uuid: 'm1', created_at: '2023-01-02T08:00:00Z', text: 'hi' }),
      Message.put({ message_group_uuid: 'm1', created_at: '2023-06-01T09:30:00Z', text: 'there' }),
      GroupMeta.put({ message_group_uuid: 'm1', title: 'friends' }),
      Game.put({ game_id: 'g1', people: 2 }),
      Player.put({ game_id: 'g1', username: 'alice' }),
      client.send(new PutCommand({ TableName: table.name, Item: { PK: 'GAME#g1', SK: 'SPECTATOR#zed' } })),
    ])
  })

  it('a bare-timestamp sort key has no prefix: other items are read, skipped and counted, never decoded as messages', async () => {
    const q = Message.query.primary({ message_group_uuid: 'm1' })
    expect(q.params()).toEqual({
      TableName: table.name,
      KeyConditionExpression: '#n0 = :v0',
      ExpressionAttributeNames: { '#n0': 'PK' },
      ExpressionAttributeValues: { ':v0': 'MSG#m1' },
    })
    const page = await q
    expect(page.items.map((m) => m.text)).toEqual(['old', 'hi', 'there'])
    expect(page.items[0]).toEqual({ message_group_uuid: 'm1', created_at: '2022-12-31T23:00:00Z', text: 'old' })
    expect(page.skipped).toBe(1)
    expect(await q.count()).toBe(3)
  })

  it("Cruddur's begins_with(sk, '2023'): a prefix of the last field, or a raw prefix", async () => {
    const typed = await Message.query.primary({ message_group_uuid: 'm1' }).beginsWith({ created_at: '2023' })
    expect(typed.items.map((m) => m.text)).toEqual(['hi', 'there'])
    expect(typed.skipped).toBe(0)
    const raw = await Message.query.primary({ message_group_uuid: 'm1' }).beginsWith('2023').reverse().limit(1)
    expect(raw.items.map((m) => m.text)).toEqual(['there'])
  })

  it('select recovers a key-only field from the key', async () => {
    const page = await Message.query.primary({ message_group_uuid: 'm1' }).select(['message_group_uuid', 'text']).limit(1)
    expect(page.items).toEqual([{ message_group_uuid: 'm1', text: 'old' }])
  })

  it('an entity with a literal prefix is narrowed in the key condition', async () => {
    const page = await GroupMeta.query.primary({ message_group_uuid: 'm1' })
    expect(page.items).toEqual([{ message_group_uuid: 'm1', title: 'friends' }])
    expect(page.skipped).toBe(0)
  })

  it('scans narrow by key prefixes server-side and check key patterns', async () => {
    const q = GroupMeta.scan()
    expect(q.params()).toMatchObject({
      FilterExpression: 'begins_with(#n0, :v0) AND begins_with(#n1, :v1)',
      ExpressionAttributeNames: { '#n0': 'PK', '#n1': 'SK' },
      ExpressionAttributeValues: { ':v0': 'MSG#', ':v1': 'META#' },
    })
    expect((await q.all()).items).toEqual([{ message_group_uuid: 'm1', title: 'friends' }])
    const messages = await Message.scan({ segments: 2 }).all()
    expect(messages.items.map((m) => m.text).sort()).toEqual(['hi', 'old', 'there'])
    expect(messages.skipped).toBe(1)
    expect(await Message.scan().count()).toBe(3)
  })

  it('collections identify members by key pattern and report the rest as skipped', async () => {
    const page = await gameWithPlayers.query({ game_id: 'g1' }).all()
    expect(page.items).toEqual({ Game: [{ game_id: 'g1', people: 2 }], Player: [{ game_id: 'g1', username: 'alice' }] })
    expect(page.skipped).toBe(1) // SPECTATOR#zed sorts between '#METADATA#' and 'USER$'
  })

  it('queryTable identifies items by key pattern', async () => {
    const page = await queryTable(table).primary({ PK: 'MSG#m1' }).beginsWith('META#')
    expect(page.items).toEqual([{ entity: 'GroupMeta', item: { message_group_uuid: 'm1', title: 'friends' } }])
  })
})
