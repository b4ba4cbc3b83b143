// The whole game-player model (examples/game-player) with zod/mini schemas, against DynamoDB Local:
// every access pattern of the example, with the types inferred from mini schemas.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import * as z from 'zod/mini'
import { ConditionFailedError, createTable, defineCollection, defineTable, dropTable, ItemExistsError, TransactionCanceledError, transactWrite, exists, lt, notExists } from '../../src/index.js'
import { localClient, uniqueTableName } from '../support/client.js'

const table = defineTable({
  name: uniqueTableName('game-mini'),
  partitionKey: 'PK',
  sortKey: 'SK',
  indexes: {
    OpenGamesIndex: { partitionKey: 'map', sortKey: 'open_timestamp' },
    InvertedIndex: { partitionKey: 'SK', sortKey: 'PK' },
  },
  entityAttribute: false,
  client: localClient(),
})

const User = table.entity('User', {
  schema: z.object({ username: z.string(), name: z.string(), email: z.string(), address: z.string(), birthdate: z.string() }),
  key: { pk: 'USER#{username}', sk: '#METADATA#{username}' },
})

const Game = table.entity('Game', {
  schema: z.object({
    game_id: z.string(),
    map: z.string(),
    creator: z.string(),
    create_time: z.string(),
    people: z.number().check(z.int(), z.minimum(0), z.maximum(50)),
    open_timestamp: z.optional(z.string()),
    start_time: z.optional(z.string()),
    end_time: z.optional(z.string()),
    gold: z.optional(z.string()),
    silver: z.optional(z.string()),
    bronze: z.optional(z.string()),
  }),
  key: { pk: 'GAME#{game_id}', sk: '#METADATA#{game_id}' },
})

const UserGameMapping = table.entity('UserGameMapping', {
  schema: z.object({ game_id: z.string(), username: z.string(), place: z.optional(z.enum(['gold', 'silver', 'bronze'])) }),
  key: { pk: 'GAME#{game_id}', sk: 'USER#{username}' },
})

const GameWithPlayers = defineCollection('GameWithPlayers', [Game, UserGameMapping])

type GameItem = typeof Game.types.item

const game = { game_id: 'g1', map: 'Green Grasslands', creator: 'alice', create_time: '2024-01-01T10:00:00Z' }
const players = Array.from({ length: 49 }, (_, i) => `p${String(i).padStart(2, '0')}`)

beforeAll(async () => {
  await createTable(table)
})
afterAll(async () => {
  await dropTable(table)
})

describe('game-player with zod/mini', () => {
  it('create user profile; a taken username is ItemExistsError; get and update it', async () => {
    await User.create({ username: 'alice', name: 'Alice', email: 'alice@example.com', address: '1 Main St', birthdate: '1990-01-01' })
    await expect(User.create({ username: 'alice', name: 'A', email: 'a@x', address: '-', birthdate: '-' })).rejects.toThrow(ItemExistsError)
    const updated = await User.update({ username: 'alice' }, { set: { address: '2 Main St' } }, { returnValues: 'ALL_NEW' })
    expect(updated.address).toBe('2 Main St')
    expect((await User.get({ username: 'alice' }))?.name).toBe('Alice')
  })

  it('create game: the game and its creator in one transaction; the game is open', async () => {
    const created: GameItem = { ...game, people: 1, open_timestamp: game.create_time }
    await transactWrite([Game.create(created), UserGameMapping.create({ game_id: 'g1', username: 'alice' })])
    expect(await Game.get({ game_id: 'g1' })).toMatchObject({ people: 1, open_timestamp: game.create_time })
    const open = await Game.query.OpenGamesIndex({ map: 'Green Grasslands' }).all()
    expect(open.items.map((g) => g.game_id)).toEqual(['g1'])
    const scanned = await Game.scan({ index: 'OpenGamesIndex' }).all()
    expect(scanned.items).toHaveLength(1)
  })

  it('join game until it is full; the 51st join is cancelled', async () => {
    for (const username of players) {
      await transactWrite([UserGameMapping.create({ game_id: 'g1', username }), Game.update({ game_id: 'g1' }, { add: { people: 1 } }, { condition: { people: lt(50) } })])
    }
    expect((await Game.get({ game_id: 'g1' }))?.people).toBe(50)
    await expect(
      transactWrite([UserGameMapping.create({ game_id: 'g1', username: 'late' }), Game.update({ game_id: 'g1' }, { add: { people: 1 } }, { condition: { people: lt(50) } })]),
    ).rejects.toThrow(TransactionCanceledError)
  })

  it('start game: only the creator, only once; it leaves the open-games index', async () => {
    const start = () =>
      Game.update({ game_id: 'g1' }, { remove: ['open_timestamp'], set: { start_time: '2024-01-01T11:00:00Z' } }, { condition: { people: 50, creator: 'alice', start_time: notExists() }, returnValues: 'ALL_NEW' })
    const started = await start()
    expect(started.start_time).toBe('2024-01-01T11:00:00Z')
    await expect(start()).rejects.toThrow(ConditionFailedError)
    expect((await Game.query.OpenGamesIndex({ map: 'Green Grasslands' })).items).toEqual([])
  })

  it('game results: medals and places in one transaction; view the game with its players; past games of a user', async () => {
    await transactWrite([
      Game.update({ game_id: 'g1' }, { set: { end_time: '2024-01-01T12:00:00Z', gold: 'p00', silver: 'p01', bronze: 'p02' } }, { condition: { start_time: exists(), end_time: notExists() } }),
      UserGameMapping.update({ game_id: 'g1', username: 'p00' }, { set: { place: 'gold' } }),
      UserGameMapping.update({ game_id: 'g1', username: 'p01' }, { set: { place: 'silver' } }),
      UserGameMapping.update({ game_id: 'g1', username: 'p02' }, { set: { place: 'bronze' } }),
    ])
    const view = await GameWithPlayers.query({ game_id: 'g1' })
    expect(view.Game[0]?.gold).toBe('p00')
    expect(view.UserGameMapping).toHaveLength(50)
    const past = await UserGameMapping.query.InvertedIndex({ username: 'p00' }).all()
    expect(past.items).toEqual([{ game_id: 'g1', username: 'p00', place: 'gold' }])
    expect((await UserGameMapping.get({ game_id: 'g1', username: 'p01' }))?.place).toBe('silver')
  })

  it('a value the mini schema refuses is a ValidationError before sending', () => {
    expect(() => Game.put({ ...game, people: 51 }).params()).toThrow(/people/)
    // @ts-expect-error place is one of gold, silver, bronze
    expect(() => UserGameMapping.update({ game_id: 'g1', username: 'p03' }, { set: { place: 'tin' } }).params()).toThrow(/place/)
  })
})
