// Cold start, sortkey with zod/mini: the game-player model (users, games, players) and one put's params.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import * as z from 'zod/mini'
import { defineTable } from 'sortkey'

const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }))
const table = defineTable({
  name: 'battle-royale',
  partitionKey: 'PK',
  sortKey: 'SK',
  indexes: { OpenGamesIndex: { partitionKey: 'map', sortKey: 'open_timestamp' }, InvertedIndex: { partitionKey: 'SK', sortKey: 'PK' } },
  entityAttribute: false,
  client,
})
export const User = table.entity('User', {
  schema: z.object({ username: z.string(), name: z.string(), email: z.string(), address: z.string(), birthdate: z.string() }),
  key: { pk: 'USER#{username}', sk: '#METADATA#{username}' },
})
export const Game = table.entity('Game', {
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
export const UserGameMapping = table.entity('UserGameMapping', {
  schema: z.object({ game_id: z.string(), username: z.string(), place: z.optional(z.enum(['gold', 'silver', 'bronze'])) }),
  key: { pk: 'GAME#{game_id}', sk: 'USER#{username}' },
})
export const params = UserGameMapping.put({ game_id: 'g1', username: 'alice' }).params()
