import { describe, it, expect, beforeAll } from 'vitest'
import { ItemExistsError } from '../../src/index.js'
import { table, Game } from '../../examples/game-player/model.js'
import { seed } from '../../examples/game-player/seed.js'
import { createGame, createUser, getGame, getPlayer, getUser } from '../../examples/game-player/patterns.js'

beforeAll(async () => {
  await table.drop()
  await table.create()
})

describe('game-player example', () => {
  it('loads the original 835 items, each identified by key pattern', async () => {
    expect(await seed()).toEqual({ User: 300, Game: 15, UserGameMapping: 520 })
  })

  it('gets a user profile from the original data', async () => {
    expect(await getUser('johnsonscott')).toEqual({
      username: 'johnsonscott',
      name: 'Dr. Joshua Davenport MD',
      email: 'carmenpennington@gmail.com',
      address: '913 Tonya Harbor\nMalloryside, OH 19478',
      birthdate: '2000-08-07',
    })
  })

  it('creates a user once; the second create is ItemExistsError', async () => {
    const user = { username: 'fresh_one', name: 'Fresh', email: 'f@example.com', address: 'x', birthdate: '2000-01-01' }
    expect(await createUser(user)).toEqual(user)
    await expect(createUser({ ...user, name: 'Impostor' })).rejects.toBeInstanceOf(ItemExistsError)
    expect(await getUser('fresh_one')).toMatchObject({ name: 'Fresh' })
  })

  it('creates an open game that carries its OpenGamesIndex keys', async () => {
    await createGame({ game_id: 'g-new', map: 'Juicy Jungle', creator: 'fresh_one', create_time: '2019-10-01T12:00:00' })
    expect(await getGame('g-new')).toMatchObject({ people: 1, open_timestamp: '2019-10-01T12:00:00' })
    expect(Game.keys({ game_id: 'g-new', map: 'Juicy Jungle', creator: 'x', create_time: 't', people: 1, open_timestamp: 't' })).toMatchObject({
      map: 'Juicy Jungle',
      open_timestamp: 't',
    })
  })

  it("reads a player's place in a finished game", async () => {
    expect(await getPlayer('25cec5bf-e498-483e-9a00-a5f93b9ea7c7', 'pboyd')).toEqual({
      game_id: '25cec5bf-e498-483e-9a00-a5f93b9ea7c7',
      username: 'pboyd',
      place: 'gold',
    })
    expect(table.parse({ PK: 'GAME#x', SK: 'USER#y', game_id: 'x', username: 'y' })).toEqual({
      entity: 'UserGameMapping',
      item: { game_id: 'x', username: 'y' },
    })
    expect(table.parse({ PK: 'ORDER#1', SK: 'X' }).entity).toBeUndefined()
  })
})
