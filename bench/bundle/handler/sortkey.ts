// A game service's handler in sortkey (zod classic): the game-player model and the operations a
// real handler mixes — create if absent, a transaction, get, a filtered query, update, delete.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { z } from 'zod'
import { defineTable, exists, lt, transactWrite } from 'sortkey'

const table = defineTable({ name: 'battle-royale', partitionKey: 'PK', sortKey: 'SK', client: DynamoDBDocumentClient.from(new DynamoDBClient({})) })
const Game = table.entity('Game', {
  schema: z.object({
    game_id: z.string(),
    map: z.string(),
    creator: z.string(),
    people: z.number().int().min(0).max(50),
    open_timestamp: z.string().optional(),
    start_time: z.string().optional(),
  }),
  key: { pk: 'GAME#{game_id}', sk: '#METADATA#{game_id}' },
})
const Player = table.entity('Player', {
  schema: z.object({ game_id: z.string(), username: z.string(), place: z.enum(['gold', 'silver', 'bronze']).optional() }),
  key: { pk: 'GAME#{game_id}', sk: 'USER#{username}' },
})

export async function handler(game_id: string, username: string) {
  await Game.create({ game_id, map: 'Green Grasslands', creator: username, people: 0, open_timestamp: new Date().toISOString() })
  await transactWrite([Player.create({ game_id, username }), Game.update({ game_id }, { add: { people: 1 } }, { condition: { people: lt(50) } })])
  const game = await Game.get({ game_id })
  const winners = await Player.query.primary({ game_id }).where({ place: exists() })
  await Game.update({ game_id }, { set: { start_time: new Date().toISOString() }, remove: ['open_timestamp'] })
  await Player.delete({ game_id, username })
  return [game, winners.items]
}
