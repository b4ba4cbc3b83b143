import { describe, it, expectTypeOf } from 'vitest'
import { z } from 'zod'
import { defineTable, isoDate, type Page, type MixedItem, defineCollection, queryTable, scanTable, gt } from '../../src/index.js'

const table = defineTable({
  name: 'types-query',
  partitionKey: 'PK',
  sortKey: 'SK',
  indexes: {
    GSI1: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    InvertedIndex: { partitionKey: 'SK', sortKey: 'PK' },
    OpenGamesIndex: { partitionKey: 'map', sortKey: 'open_timestamp' },
  },
})

const User = table.entity('User', {
  schema: z.object({ username: z.string(), email: z.string(), joined: isoDate() }),
  key: { pk: 'USER#{username}', sk: '#METADATA#{username}' },
  indexes: { GSI1: { pk: 'EMAIL#{email}', sk: 'USER' } },
})

const Game = table.entity('Game', {
  schema: z.object({ game_id: z.string(), map: z.string(), people: z.number(), open_timestamp: z.string().optional() }),
  key: { pk: 'GAME#{game_id}', sk: '#METADATA#{game_id}' },
})

const Player = table.entity('Player', {
  schema: z.object({ game_id: z.string(), username: z.string(), place: z.number().optional() }),
  key: { pk: 'GAME#{game_id}', sk: 'USER#{username}' },
})

const Order = table.entity('Order', {
  schema: z.object({ customer: z.string(), year: z.number(), seq: z.number(), placed: isoDate() }),
  key: { pk: 'CUSTOMER#{customer}', sk: 'ORDER#{year:4}#{seq:6}' },
})

describe('Entity.query', () => {
  it('has primary and every index of the table; an index that does not hold the entity takes no key', () => {
    // as at run time, where such a query throws a ValidationError saying why
    expectTypeOf<keyof typeof User.query>().toEqualTypeOf<'primary' | 'GSI1' | 'InvertedIndex' | 'OpenGamesIndex'>()
    expectTypeOf(Player.query.primary).parameter(0).toEqualTypeOf<{ game_id: string } & { username?: string }>()
    expectTypeOf(Player.query.GSI1).parameter(0).toEqualTypeOf<{ 'this index does not hold the entity': 'GSI1' }>()
    // @ts-expect-error Player has no GSI1 template and no map field
    void Player.query.GSI1({ game_id: 'g' })
    // @ts-expect-error Player is not in OpenGamesIndex
    void Player.query.OpenGamesIndex({ map: 'm' })
    // @ts-expect-error nor with no key
    void Game.query.GSI1({})
    expectTypeOf(Game.query.OpenGamesIndex).parameter(0).toEqualTypeOf<{ map: string } & { open_timestamp?: string }>()
  })

  it('requires the partition-key fields of each index; sort-key fields are optional', () => {
    expectTypeOf(Player.query.primary).parameter(0).toEqualTypeOf<{ game_id: string } & { username?: string }>()
    expectTypeOf(Player.query.InvertedIndex).parameter(0).toEqualTypeOf<{ username: string } & { game_id?: string }>()
    // GSI1SK is the constant 'USER': no sort-key fields
    expectTypeOf(User.query.GSI1).parameter(0).toExtend<{ email: string }>()
    expectTypeOf<{ email: string }>().toExtend<Parameters<typeof User.query.GSI1>[0]>()
    // @ts-expect-error username is not a GSI1 key field
    User.query.GSI1({ email: 'a', username: 'b' })
    expectTypeOf(Game.query.OpenGamesIndex).parameter(0).toEqualTypeOf<{ map: string } & { open_timestamp?: string }>()
    Order.query.primary({ customer: 'c', year: 2024 })
    // @ts-expect-error the partition-key field is required
    Player.query.primary({ username: 'a' })
    // @ts-expect-error the partition key of InvertedIndex is the sort key's field
    Player.query.InvertedIndex({ game_id: 'g1' })
    // @ts-expect-error key values have the schema's type
    Order.query.primary({ customer: 'c', year: '2024' })
    // @ts-expect-error not a key field
    Order.query.primary({ customer: 'c', placed: new Date() })
  })

  it('sort-key conditions take partial sort keys or raw values', () => {
    const q = Order.query.primary({ customer: 'c' })
    q.between({ year: 2023 }, { year: 2024, seq: 2 })
    q.gt({ year: 2024 }).lt
    q.beginsWith({ year: 2024 })
    q.beginsWith('ORDER#20')
    q.between('ORDER#2023#', 'ORDER$')
    // @ts-expect-error customer is not a sort-key field
    q.gt({ customer: 'x' })
    // @ts-expect-error year is a number
    q.gte({ year: [2024] })
  })

  it('pages hold items of the entity; select narrows them', async () => {
    const page = await Player.query.primary({ game_id: 'g1' })
    expectTypeOf(page).toEqualTypeOf<Page<{ game_id: string; username: string; place?: number | undefined }>>()
    expectTypeOf(page.cursor).toEqualTypeOf<string | undefined>()
    const selected = await Order.query.primary({ customer: 'c' }).select(['seq', 'placed']).reverse().limit(5)
    expectTypeOf(selected.items).toEqualTypeOf<{ seq: number; placed: Date }[]>()
    const taken = await Order.query.primary({ customer: 'c' }).where({ seq: gt(3) }).take(10, { maxPages: 5 })
    expectTypeOf(taken.items[0]).toEqualTypeOf<{ customer: string; year: number; seq: number; placed: Date } | undefined>()
    expectTypeOf(await Order.query.primary({ customer: 'c' }).count()).toEqualTypeOf<number>()
    // @ts-expect-error not a field
    Order.query.primary({ customer: 'c' }).select(['nope'])
    // @ts-expect-error seq is a number: no path into it
    Order.query.primary({ customer: 'c' }).select(['seq.x'])
    // @ts-expect-error filters are typed by the item
    Order.query.primary({ customer: 'c' }).where({ seq: gt('x') })
  })

  it('scans take the entity index names', async () => {
    const all = await Game.scan({ index: 'OpenGamesIndex', segments: 4 }).all()
    expectTypeOf(all.items[0]).toEqualTypeOf<{ game_id: string; map: string; people: number; open_timestamp?: string | undefined } | undefined>()
    // @ts-expect-error Game is not in GSI1
    Game.scan({ index: 'GSI1' })
  })
})

describe('collections', () => {
  const gameWithPlayers = defineCollection('GameWithPlayers', [Game, Player])

  it('the key input is the shared partition-key fields', () => {
    expectTypeOf(gameWithPlayers.query).parameter(0).toEqualTypeOf<{ game_id: string }>()
    // @ts-expect-error game_id is required
    gameWithPlayers.query({})
  })

  it('results are typed per entity', async () => {
    const { Game: games, Player: players } = await gameWithPlayers.query({ game_id: 'g1' })
    expectTypeOf(games).toEqualTypeOf<{ game_id: string; map: string; people: number; open_timestamp?: string | undefined }[]>()
    expectTypeOf(players).toEqualTypeOf<{ game_id: string; username: string; place?: number | undefined }[]>()
    const result = await gameWithPlayers.query({ game_id: 'g1' })
    // @ts-expect-error User is not a member
    void result.User
  })

  it('on an index, the key input is that index partition-key fields', () => {
    const byUser = defineCollection('ByUser', [Player], { index: 'InvertedIndex' })
    expectTypeOf(byUser.query).parameter(0).toEqualTypeOf<{ username: string }>()
  })
})

describe('table-level reads', () => {
  it('take raw key attributes per index and give identified items', async () => {
    const page = await queryTable(table).GSI1({ GSI1PK: 'EMAIL#a' }).beginsWith('USER')
    expectTypeOf(page.items).toEqualTypeOf<MixedItem[]>()
    queryTable(table).primary({ PK: 'GAME#g1', SK: 'USER#a' })
    queryTable(table).OpenGamesIndex({ map: 'Green' }).gt('2024')
    // @ts-expect-error the partition key attribute is required
    queryTable(table).GSI1({ GSI1SK: 'x' })
    // @ts-expect-error not an index of the table
    void queryTable(table).GSI9
    await scanTable(table, { index: 'OpenGamesIndex', segments: 2 }).all()
  })
})

describe('key-only fields', () => {
  it('an index keyed on a key-only field does not hold the entity', () => {
    const t = defineTable({
      name: 'types-keyonly',
      partitionKey: 'pk',
      sortKey: 'sk',
      indexes: { 'message-group-sk-index': { partitionKey: 'message_group_uuid', sortKey: 'sk' } },
      entityAttribute: false,
    })
    const Message = t.entity('Message', {
      schema: z.object({ message_group_uuid: z.string(), created_at: z.string(), message: z.string() }),
      key: { pk: 'MSG#{message_group_uuid}', sk: '{created_at}' },
      keyOnly: ['message_group_uuid', 'created_at'],
    })
    const Group = t.entity('MessageGroup', {
      schema: z.object({ owner: z.string(), at: z.string(), message_group_uuid: z.string() }),
      key: { pk: 'GRP#{owner}', sk: '{at}' },
      keyOnly: ['owner', 'at'],
    })
    Group.query['message-group-sk-index']({ message_group_uuid: 'g' })
    // @ts-expect-error message_group_uuid is key-only for Message, so the index never holds it
    Message.query['message-group-sk-index']({ message_group_uuid: 'g' })
    t.entity('BadKeyOnly', {
      schema: z.object({ id: z.string(), other: z.string() }),
      key: { pk: 'B#{id}', sk: 'B' },
      // @ts-expect-error only fields of the primary key templates can be key-only
      keyOnly: ['other'],
    })
  })
})

describe('multi-attribute index keys', () => {
  const scores = defineTable({
    name: 'types-multi',
    partitionKey: 'PK',
    sortKey: 'SK',
    indexes: {
      ByRegion: { partitionKey: ['tournament', 'region'], sortKey: ['round', 'score'] },
      ByCoach: { partitionKey: ['tournament', 'coach'] },
      ByMissing: { partitionKey: ['tournament', 'nowhere'] },
    },
  })
  const Score = scores.entity('Score', {
    schema: z.object({ tournament: z.string(), region: z.string(), round: z.enum(['QUARTER', 'SEMI', 'FINAL']), score: z.number(), player: z.string(), coach: z.string().optional() }),
    key: { pk: 'T#{tournament}', sk: 'P#{player}#{round}' },
  })

  it('requires every partition attribute; sort attributes are optional left to right', () => {
    Score.query.ByRegion({ tournament: 't', region: 'eu' })
    Score.query.ByRegion({ tournament: 't', region: 'eu', round: 'SEMI' })
    Score.query.ByRegion({ tournament: 't', region: 'eu', round: 'SEMI', score: 3 })
    // @ts-expect-error region is a partition attribute
    Score.query.ByRegion({ tournament: 't' })
    // @ts-expect-error score without round
    Score.query.ByRegion({ tournament: 't', region: 'eu', score: 3 })
    // @ts-expect-error round is typed from the schema
    Score.query.ByRegion({ tournament: 't', region: 'eu', round: 'GROUP' })
    Score.query.ByCoach({ tournament: 't', coach: 'kim' })
    // @ts-expect-error an index with an attribute the entity lacks does not hold it
    Score.query.ByMissing({ tournament: 't', nowhere: 'x' })
  })

  it('range operators take the next sort attribute; beginsWith only string attributes', () => {
    const q = Score.query.ByRegion({ tournament: 't', region: 'eu', round: 'SEMI' })
    q.gte({ score: 50 })
    q.between({ score: 1 }, { score: 2 })
    Score.query.ByRegion({ tournament: 't', region: 'eu' }).beginsWith({ round: 'S' })
    // @ts-expect-error score is a number: no beginsWith
    q.beginsWith({ score: '5' })
    // @ts-expect-error score is a number
    q.gt({ score: 'high' })
    expectTypeOf(q.gte({ score: 50 })).resolves.toExtend<{ items: { score: number; round: 'QUARTER' | 'SEMI' | 'FINAL' }[] }>()
  })
})

describe('projected indexes', () => {
  const t = defineTable({
    name: 'types-projections',
    partitionKey: 'PK',
    sortKey: 'SK',
    indexes: {
      ByMapKeys: { partitionKey: 'map', sortKey: 'people', projection: 'KEYS_ONLY' },
      ByMapInclude: { partitionKey: 'map', projection: { include: ['creator'] } },
      ByMap: { partitionKey: 'map' },
    },
  })
  const Game = t.entity('Game', {
    schema: z.object({ game_id: z.string(), map: z.string(), people: z.number(), creator: z.string(), notes: z.string() }),
    key: { pk: 'GAME#{game_id}', sk: '#METADATA#{game_id}' },
  })

  it('items hold only what the index projects', () => {
    expectTypeOf(Game.query.ByMapKeys({ map: 'm' })).resolves.toEqualTypeOf<Page<Pick<{ game_id: string; map: string; people: number; creator: string; notes: string }, 'game_id' | 'map' | 'people'>>>()
    expectTypeOf<Awaited<ReturnType<typeof Game.query.ByMapInclude>>['items'][number]>().toEqualTypeOf<Pick<{ game_id: string; map: string; people: number; creator: string; notes: string }, 'game_id' | 'map' | 'creator'>>()
    expectTypeOf<Awaited<ReturnType<typeof Game.query.ByMap>>['items'][number]>().toEqualTypeOf<{ game_id: string; map: string; people: number; creator: string; notes: string }>()
    expectTypeOf(Game.scan({ index: 'ByMapKeys' }).all()).resolves.toExtend<{ items: { game_id: string; map: string; people: number }[] }>()
    // @ts-expect-error notes is not projected into ByMapKeys
    void Game.scan({ index: 'ByMapKeys' }).all().then((page) => page.items[0]?.notes)
    expectTypeOf(Game.scan().all()).resolves.toExtend<{ items: { notes: string }[] }>()
  })
})

describe('template-keyed index keys', () => {
  const t = defineTable({
    name: 'types-templates',
    partitionKey: 'PK',
    sortKey: 'SK',
    indexes: {
      GSI1: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
      ByStatus: { partitionKey: 'GSI2PK', sortKey: 'createdAt' },
      Flat: { partitionKey: 'GSI3PK' },
    },
  })
  const Ticket = t.entity('Ticket', {
    schema: z.object({ id: z.string(), status: z.enum(['OPEN', 'DONE']), createdAt: z.string(), seq: z.number(), owner: z.string().optional() }),
    key: { pk: 'TICKET#{id}', sk: 'TICKET' },
    // GSI1: both templates; ByStatus: a partition template, sorted by the item's own createdAt; Flat: no sort key
    indexes: { GSI1: { pk: 'STATUS#{status}', sk: 'AT#{createdAt}#{seq:6}' }, ByStatus: { pk: 'S#{status}' }, Flat: { pk: 'ID#{id}' } },
  })

  it('the partition template fields are required; the sort template or attribute fields are optional', () => {
    expectTypeOf(Ticket.query.GSI1).parameter(0).toEqualTypeOf<{ status: 'OPEN' | 'DONE' } & { createdAt?: string; seq?: number }>()
    expectTypeOf(Ticket.query.ByStatus).parameter(0).toEqualTypeOf<{ status: 'OPEN' | 'DONE' } & { createdAt?: string }>()
    expectTypeOf<{ id: string }>().toExtend<Parameters<typeof Ticket.query.Flat>[0]>()
    // @ts-expect-error an index without a sort key takes the partition fields only
    Ticket.query.Flat({ id: 'a', status: 'OPEN' })
    Ticket.query.GSI1({ status: 'OPEN' }).beginsWith({ createdAt: '2024' })
    Ticket.query.GSI1({ status: 'OPEN' }).between({ createdAt: '2024', seq: 1 }, { createdAt: '2025' })
    // @ts-expect-error the partition field is required
    Ticket.query.GSI1({ createdAt: '2024' })
    // @ts-expect-error status is an enum
    Ticket.query.ByStatus({ status: 'CLOSED' })
    // @ts-expect-error owner is not a key field of GSI1
    Ticket.query.GSI1({ status: 'OPEN', owner: 'x' })
    // @ts-expect-error seq is a number
    Ticket.query.GSI1({ status: 'OPEN' }).gt({ createdAt: '2024', seq: '1' })
    expectTypeOf(Ticket.query.GSI1({ status: 'OPEN' })).resolves.toEqualTypeOf<
      Page<{ id: string; status: 'OPEN' | 'DONE'; createdAt: string; seq: number; owner?: string | undefined }>
    >()
  })
})
