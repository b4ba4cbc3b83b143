// The game-player example against DynamoDB Local: every access pattern, with the original data
// set's answers. The tests run in order and build on each other (join, then start, ...).
import { beforeAll, describe, expect, it } from 'vitest'
import { ConditionFailedError, ItemExistsError, TransactionCanceledError, dropTable, createTable, tableDefinition, scanTable } from '../../src/index.js'
import { table } from '../../examples/game-player/model.js'
import { seed } from '../../examples/game-player/seed.js'
import * as p from '../../examples/game-player/patterns.js'

const FULL = 'c6f38a6a-d1c5-4bdf-8468-24692ccc4646' // Urban Underground, 49 people, created by gstanley
const JUNGLE = '248dd9ef-6b17-42f0-9567-2cbd3dd63174' // Juicy Jungle, 17 people, open
const STARTED = 'c9c3917e-30f3-4ba4-82c4-2e9a0e4d1cfd' // Dirty Desert, started, no results

async function rejection(promise: PromiseLike<unknown>): Promise<unknown> {
  return Promise.resolve(promise).then(
    () => {
      throw new Error('expected a rejection')
    },
    (error: unknown) => error,
  )
}

beforeAll(async () => {
  await dropTable(table)
  await createTable(table)
})

describe('game-player example', () => {
  it('defines the battle-royale table of the original design', () => {
    expect(tableDefinition(table)).toEqual({
      TableName: process.env.GAME_TABLE ?? 'battle-royale',
      AttributeDefinitions: [
        { AttributeName: 'PK', AttributeType: 'S' },
        { AttributeName: 'SK', AttributeType: 'S' },
        { AttributeName: 'map', AttributeType: 'S' },
        { AttributeName: 'open_timestamp', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'OpenGamesIndex',
          KeySchema: [
            { AttributeName: 'map', KeyType: 'HASH' },
            { AttributeName: 'open_timestamp', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
        {
          IndexName: 'InvertedIndex',
          KeySchema: [
            { AttributeName: 'SK', KeyType: 'HASH' },
            { AttributeName: 'PK', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    })
  })

  it('loads the original 835 items with batchWrite, each identified by its key pattern', async () => {
    expect(await seed()).toEqual({ User: 300, Game: 15, UserGameMapping: 520 })
    const { items } = await scanTable(table).all()
    const counts: Record<string, number> = {}
    for (const { entity } of items) counts[String(entity)] = (counts[String(entity)] ?? 0) + 1
    expect(counts).toEqual({ User: 300, Game: 15, UserGameMapping: 520 })
  })

  it('gets a user profile', async () => {
    expect(await p.getUser('johnsonscott')).toEqual({
      username: 'johnsonscott',
      name: 'Dr. Joshua Davenport MD',
      email: 'carmenpennington@gmail.com',
      address: '913 Tonya Harbor\nMalloryside, OH 19478',
      birthdate: '2000-08-07',
    })
    expect(await p.getUser('nobody')).toBeUndefined()
  })

  it('creates a user once; the second create is ItemExistsError', async () => {
    const user = { username: 'fresh_one', name: 'Fresh', email: 'f@example.com', address: 'x', birthdate: '2000-01-01' }
    expect(await p.createUser(user)).toEqual(user)
    expect(await rejection(p.createUser({ ...user, name: 'Impostor' }))).toBeInstanceOf(ItemExistsError)
    expect(await p.getUser('fresh_one')).toEqual(user)
  })

  it('updates a user profile in place; a missing user is ConditionFailedError', async () => {
    expect(await p.updateUser('fresh_one', { email: 'fresh@example.com', address: '2 Side St' })).toEqual({
      username: 'fresh_one',
      name: 'Fresh',
      email: 'fresh@example.com',
      address: '2 Side St',
      birthdate: '2000-01-01',
    })
    expect(await rejection(p.updateUser('nobody', { name: 'Ghost' }))).toBeInstanceOf(ConditionFailedError)
    expect(await p.getUser('nobody')).toBeUndefined()
  })

  it('finds the 9 open games through the sparse OpenGamesIndex, oldest open first', async () => {
    const open = await p.findOpenGames()
    expect(open.map((g) => [g.game_id.slice(0, 8), g.map, g.open_timestamp, g.people])).toEqual([
      ['d06af94a', 'Dirty Desert', '2019-04-14T06:10:42', 1],
      ['873aaf13', 'Dirty Desert', '2019-04-14T12:18:51', 21],
      ['14c7f97e', 'Green Grasslands', '2019-04-14T12:48:59', 1],
      ['248dd9ef', 'Juicy Jungle', '2019-04-14T17:25:48', 17],
      ['3d4285f0', 'Green Grasslands', '2019-04-15T05:34:34', 17],
      ['fe89e561', 'Dirty Desert', '2019-04-15T08:46:27', 34],
      ['683680f0', 'Green Grasslands', '2019-04-15T12:55:44', 46],
      ['0ab37cf1', 'Green Grasslands', '2019-04-16T00:41:18', 34],
      ['c6f38a6a', 'Urban Underground', '2019-04-16T10:12:54', 49],
    ])
  })

  it('finds the open games on a map in open_timestamp order', async () => {
    expect(await p.findOpenGamesByMap('Green Grasslands')).toEqual([
      { game_id: '14c7f97e-8354-4ddf-985f-074970818215', map: 'Green Grasslands', create_time: '2019-04-14T12:48:59', people: 1, open_timestamp: '2019-04-14T12:48:59', creator: 'jennifer32' },
      { game_id: '3d4285f0-e52b-401a-a59b-112b38c4a26b', map: 'Green Grasslands', create_time: '2019-04-15T05:34:34', people: 17, open_timestamp: '2019-04-15T05:34:34', creator: 'victoriapatrick' },
      { game_id: '683680f0-02b0-4e5e-a36a-be4e00fc93f3', map: 'Green Grasslands', create_time: '2019-04-15T12:55:44', people: 46, open_timestamp: '2019-04-15T12:55:44', creator: 'pboyd' },
      { game_id: '0ab37cf1-fc60-4d93-b72b-89335f759581', map: 'Green Grasslands', create_time: '2019-04-16T00:41:18', people: 34, open_timestamp: '2019-04-16T00:41:18', creator: 'jackparks' },
    ])
    expect(await p.findOpenGamesByMap('Open Ocean')).toEqual([])
  })

  it('creates an open game with its creator as first player', async () => {
    const game = { game_id: 'g-new', map: 'Juicy Jungle', creator: 'fresh_one', create_time: '2019-10-01T12:00:00' }
    const created = { ...game, people: 1, open_timestamp: '2019-10-01T12:00:00' }
    expect(await p.createGame(game)).toEqual(created)
    expect(await p.getGame('g-new')).toEqual(created)
    expect((await p.findOpenGamesByMap('Juicy Jungle')).map((g) => g.game_id)).toEqual([JUNGLE, 'g-new'])
    expect(await p.getGameWithPlayers('g-new')).toEqual({ game: created, players: [{ game_id: 'g-new', username: 'fresh_one' }] })
    const error = await rejection(p.createGame(game))
    expect(error).toBeInstanceOf(TransactionCanceledError)
    expect((error as TransactionCanceledError).failed.map((r) => [r.index, r.entity, r.code])).toEqual([
      [0, 'Game', 'ConditionalCheckFailed'],
      [1, 'UserGameMapping', 'ConditionalCheckFailed'],
    ])
  })

  it('reads a game and its players in one query, players in username order', async () => {
    const { game, players } = await p.getGameWithPlayers(JUNGLE)
    expect(game).toEqual({ game_id: JUNGLE, map: 'Juicy Jungle', create_time: '2019-04-14T17:25:48', people: 17, open_timestamp: '2019-04-14T17:25:48', creator: 'angela85' })
    expect(players.map((u) => u.username)).toEqual([
      'angela85', 'branchmichael', 'hbarron', 'jenniferjohnson', 'jenniferrodgers', 'jerry26', 'jonesbilly', 'katherineroberts', 'kellymiller',
      'parkeranthony', 'rachel67', 'robert51', 'scortez', 'slawson', 'stephanie67', 'tony22', 'zacharyreed',
    ])
    expect(players.every((u) => u.game_id === JUNGLE && u.place === undefined)).toBe(true)
    expect(await p.getGameWithPlayers('no-such-game')).toEqual({ game: undefined, players: [] })
  })

  it('joins a 49-person game, filling it to 50; a second join is cancelled', async () => {
    expect((await p.getGameWithPlayers(FULL)).players).toHaveLength(49)
    await p.joinGame(FULL, 'vlopez')
    expect(await p.getGame(FULL)).toMatchObject({ people: 50, open_timestamp: '2019-04-16T10:12:54' })
    expect(await p.getPlayer(FULL, 'vlopez')).toEqual({ game_id: FULL, username: 'vlopez' })

    const full = await rejection(p.joinGame(FULL, 'fresh_one'))
    expect(full).toBeInstanceOf(TransactionCanceledError)
    expect((full as TransactionCanceledError).failed.map((r) => [r.index, r.entity, r.operation, r.code])).toEqual([[1, 'Game', 'update', 'ConditionalCheckFailed']])
    expect(await p.getPlayer(FULL, 'fresh_one')).toBeUndefined()
    expect((await p.getGameWithPlayers(FULL)).players).toHaveLength(50)
  })

  it('refuses a join by a user already in the game, counting nobody twice', async () => {
    const error = await rejection(p.joinGame('0ab37cf1-fc60-4d93-b72b-89335f759581', 'jackparks'))
    expect((error as TransactionCanceledError).failed.map((r) => [r.index, r.entity, r.operation, r.code])).toEqual([[0, 'UserGameMapping', 'create', 'ConditionalCheckFailed']])
    expect(await p.getGame('0ab37cf1-fc60-4d93-b72b-89335f759581')).toMatchObject({ people: 34 })
  })

  it('starts a full game only for its creator, taking it out of OpenGamesIndex', async () => {
    expect(await rejection(p.startGame(FULL, 'vlopez', '2019-04-16T10:30:00'))).toBeInstanceOf(ConditionFailedError)
    expect(await rejection(p.startGame('683680f0-02b0-4e5e-a36a-be4e00fc93f3', 'pboyd', '2019-04-16T10:30:00'))).toBeInstanceOf(ConditionFailedError) // 46 people
    expect((await p.findOpenGamesByMap('Urban Underground')).map((g) => g.game_id)).toEqual([FULL])

    expect(await p.startGame(FULL, 'gstanley', '2019-04-16T10:30:00')).toEqual({
      game_id: FULL,
      map: 'Urban Underground',
      creator: 'gstanley',
      create_time: '2019-04-16T10:12:54',
      people: 50,
      start_time: '2019-04-16T10:30:00',
    })
    expect(await p.findOpenGamesByMap('Urban Underground')).toEqual([])
    expect(await rejection(p.startGame(FULL, 'gstanley', '2019-04-16T11:00:00'))).toBeInstanceOf(ConditionFailedError)
    expect((await p.findOpenGames()).map((g) => g.game_id.slice(0, 8))).not.toContain('c6f38a6a')
  })

  it("updates a user's place in a game; a user not in it is ConditionFailedError", async () => {
    expect(await p.updateGameForUser(STARTED, 'angela85', 'bronze')).toEqual({ game_id: STARTED, username: 'angela85', place: 'bronze' })
    expect(await rejection(p.updateGameForUser(STARTED, 'fresh_one', 'gold'))).toBeInstanceOf(ConditionFailedError)
    expect(await p.getPlayer(STARTED, 'fresh_one')).toBeUndefined()
  })

  it('records game results and medallists in one transaction, once', async () => {
    const results = { end_time: '2019-04-13T14:58:02', gold: 'aweber', silver: 'bwhitaker', bronze: 'angela85' }
    await p.updateGameResults(STARTED, results)
    expect(await p.getGame(STARTED)).toEqual({
      game_id: STARTED,
      map: 'Dirty Desert',
      creator: 'gstanley',
      create_time: '2019-04-13T14:25:57',
      people: 50,
      start_time: '2019-04-13T14:36:25',
      ...results,
    })
    const medals = (await p.getGameWithPlayers(STARTED)).players.filter((u) => u.place).map((u) => [u.username, u.place])
    expect(medals).toEqual([
      ['angela85', 'bronze'],
      ['aweber', 'gold'],
      ['bwhitaker', 'silver'],
    ])
    const twice = await rejection(p.updateGameResults(STARTED, { ...results, end_time: '2019-04-13T15:00:00' }))
    expect((twice as TransactionCanceledError).failed.map((r) => [r.index, r.entity, r.code])).toEqual([[0, 'Game', 'ConditionalCheckFailed']])
  })

  it('writes no results when a medallist is not a player', async () => {
    const game = '3a816c56-53e9-4d42-a76d-fa4af24b9842'
    const error = await rejection(p.updateGameResults(game, { end_time: '2019-04-14T06:00:00', gold: 'hwolf', silver: 'hwolf2', bronze: 'fresh_one' }))
    expect((error as TransactionCanceledError).failed.map((r) => [r.index, r.entity, r.code])).toEqual([
      [2, 'UserGameMapping', 'ConditionalCheckFailed'],
      [3, 'UserGameMapping', 'ConditionalCheckFailed'],
    ])
    expect(await p.getGame(game)).not.toHaveProperty('end_time')
    expect(await p.getPlayer(game, 'hwolf')).toEqual({ game_id: game, username: 'hwolf' })
  })

  it("finds a user's past games through InvertedIndex, in game order", async () => {
    expect(await p.findGamesForUser('carrpatrick')).toEqual([
      { game_id: '25cec5bf-e498-483e-9a00-a5f93b9ea7c7', username: 'carrpatrick', place: 'silver' },
      { game_id: FULL, username: 'carrpatrick' },
      { game_id: STARTED, username: 'carrpatrick' },
    ])
    expect(await p.findGamesForUser('vlopez')).toEqual([{ game_id: FULL, username: 'vlopez' }])
    expect(await p.findGamesForUser('nobody')).toEqual([])
  })
})
