// Minimal app in ElectroDB: one table, the players of a game; put, get, query.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { Entity } from 'electrodb'

const Player = new Entity(
  {
    model: { entity: 'Player', version: '1', service: 'battleroyale' },
    attributes: { game_id: { type: 'string', required: true }, username: { type: 'string', required: true } },
    indexes: { primary: { pk: { field: 'PK', composite: ['game_id'] }, sk: { field: 'SK', composite: ['username'] } } },
  },
  { table: 'battle-royale', client: DynamoDBDocumentClient.from(new DynamoDBClient({})) },
)

export async function main(game_id: string, username: string) {
  await Player.put({ game_id, username }).go()
  const item = await Player.get({ game_id, username }).go()
  const page = await Player.query.primary({ game_id }).go()
  return [item.data, page.data]
}
