// Minimal app in sortkey with zod/mini: one table, the players of a game; put, get, query.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import * as z from 'zod/mini'
import { defineTable } from 'sortkey'

const table = defineTable({ name: 'battle-royale', partitionKey: 'PK', sortKey: 'SK', client: DynamoDBDocumentClient.from(new DynamoDBClient({})) })
const Player = table.entity('Player', {
  schema: z.object({ game_id: z.string(), username: z.string() }),
  key: { pk: 'GAME#{game_id}', sk: 'USER#{username}' },
})

export async function main(game_id: string, username: string) {
  await Player.put({ game_id, username })
  const item = await Player.get({ game_id, username })
  const page = await Player.query.primary({ game_id })
  return [item, page.items]
}
