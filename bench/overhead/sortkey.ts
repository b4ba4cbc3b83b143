// The game-player model in sortkey (examples/game-player/model.ts, with the default entity attribute).
import { z } from 'zod'
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import type * as Sortkey from '../../src/index.js'
import { buildSortkey, SORTKEY_DIST } from '../build.js'
import { TABLE, game, players, user, type Lib } from './fixtures.js'

// sortkey as users run it: the tsup build of src (bench/build.ts), not src through tsx, whose
// transform calls a helper each time a named closure is made (the published build has none).
buildSortkey()
const { defineTable, lt } = (await import(SORTKEY_DIST + 'index.js')) as typeof Sortkey

export function sortkeyModel(client: DynamoDBDocumentClient) {
  const table = defineTable({
    name: TABLE,
    partitionKey: 'PK',
    sortKey: 'SK',
    indexes: {
      OpenGamesIndex: { partitionKey: 'map', sortKey: 'open_timestamp' },
      InvertedIndex: { partitionKey: 'SK', sortKey: 'PK' },
    },
    client,
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
      people: z.number().int().min(0).max(50),
      open_timestamp: z.string().optional(),
      start_time: z.string().optional(),
      end_time: z.string().optional(),
      gold: z.string().optional(),
      silver: z.string().optional(),
      bronze: z.string().optional(),
    }),
    key: { pk: 'GAME#{game_id}', sk: '#METADATA#{game_id}' },
  })
  const UserGameMapping = table.entity('UserGameMapping', {
    schema: z.object({ game_id: z.string(), username: z.string(), place: z.enum(['gold', 'silver', 'bronze']).optional() }),
    key: { pk: 'GAME#{game_id}', sk: 'USER#{username}' },
  })
  return { table, User, Game, UserGameMapping }
}

export function sortkeyLib(client: DynamoDBDocumentClient): Lib {
  const { User, Game, UserGameMapping } = sortkeyModel(client)
  const stored = {
    user: User.put(user).params().Item as Record<string, unknown>,
    game: Game.put(game).params().Item as Record<string, unknown>,
    players: players.map((p) => UserGameMapping.put(p).params().Item as Record<string, unknown>),
  }
  return {
    stored: () => stored,
    put: async () => await User.put(user),
    get: async () => await User.get({ username: user.username }),
    query: async () => (await UserGameMapping.query.primary({ game_id: game.game_id })).items,
    update: async () => await Game.update({ game_id: game.game_id }, { add: { people: 1 }, remove: ['open_timestamp'] }, { condition: { people: lt(50) } }),
  }
}
