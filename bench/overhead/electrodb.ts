// The game-player model in ElectroDB: the same key formats (casing 'none'), ElectroDB's own
// entity identifiers (__edb_e__, __edb_v__), patch for the update (the item must exist).
import { Entity } from 'electrodb'
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { TABLE, game, players, user, type Lib } from './fixtures.js'

const service = 'battleroyale'

export function electrodbModel(client: DynamoDBDocumentClient) {
  const config = { table: TABLE, client }
  const User = new Entity(
    {
      model: { entity: 'User', version: '1', service },
      attributes: {
        username: { type: 'string', required: true },
        name: { type: 'string', required: true },
        email: { type: 'string', required: true },
        address: { type: 'string', required: true },
        birthdate: { type: 'string', required: true },
      },
      indexes: {
        primary: {
          pk: { field: 'PK', composite: ['username'], template: 'USER#${username}', casing: 'none' },
          sk: { field: 'SK', composite: ['username'], template: '#METADATA#${username}', casing: 'none' },
        },
      },
    },
    config,
  )
  const Game = new Entity(
    {
      model: { entity: 'Game', version: '1', service },
      attributes: {
        game_id: { type: 'string', required: true },
        map: { type: 'string', required: true },
        creator: { type: 'string', required: true },
        create_time: { type: 'string', required: true },
        people: { type: 'number', required: true, validate: (n: number) => Number.isInteger(n) && n >= 0 && n <= 50 },
        open_timestamp: { type: 'string' },
        start_time: { type: 'string' },
        end_time: { type: 'string' },
        gold: { type: 'string' },
        silver: { type: 'string' },
        bronze: { type: 'string' },
      },
      indexes: {
        primary: {
          pk: { field: 'PK', composite: ['game_id'], template: 'GAME#${game_id}', casing: 'none' },
          sk: { field: 'SK', composite: ['game_id'], template: '#METADATA#${game_id}', casing: 'none' },
        },
      },
    },
    config,
  )
  const UserGameMapping = new Entity(
    {
      model: { entity: 'UserGameMapping', version: '1', service },
      attributes: {
        game_id: { type: 'string', required: true },
        username: { type: 'string', required: true },
        place: { type: ['gold', 'silver', 'bronze'] as const },
      },
      indexes: {
        primary: {
          pk: { field: 'PK', composite: ['game_id'], template: 'GAME#${game_id}', casing: 'none' },
          sk: { field: 'SK', composite: ['username'], template: 'USER#${username}', casing: 'none' },
        },
      },
    },
    config,
  )
  return { User, Game, UserGameMapping }
}

export function electrodbLib(client: DynamoDBDocumentClient): Lib {
  const { User, Game, UserGameMapping } = electrodbModel(client)
  const stored = {
    user: User.put(user).params().Item as Record<string, unknown>,
    game: Game.put(game).params().Item as Record<string, unknown>,
    players: players.map((p) => UserGameMapping.put(p).params().Item as Record<string, unknown>),
  }
  return {
    stored: () => stored,
    put: async () => (await User.put(user).go()).data,
    get: async () => (await User.get({ username: user.username }).go()).data,
    query: async () => (await UserGameMapping.query.primary({ game_id: game.game_id }).go()).data,
    update: async () =>
      (
        await Game.patch({ game_id: game.game_id })
          .add({ people: 1 })
          .remove(['open_timestamp'])
          .where(({ people }, { lt }) => lt(people, 50))
          .go()
      ).data,
  }
}
