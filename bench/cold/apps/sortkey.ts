// Cold start, sortkey with zod classic: the game-player model (users, games, players) and one put's params.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { z } from 'zod'
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
export const UserGameMapping = table.entity('UserGameMapping', {
  schema: z.object({ game_id: z.string(), username: z.string(), place: z.enum(['gold', 'silver', 'bronze']).optional() }),
  key: { pk: 'GAME#{game_id}', sk: 'USER#{username}' },
})
export const params = UserGameMapping.put({ game_id: 'g1', username: 'alice' }).params()
