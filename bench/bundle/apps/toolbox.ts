// Minimal app in DynamoDB-Toolbox: one table, the players of a game; put, get, query.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { Entity, GetItemCommand, PutItemCommand, QueryCommand, Table, item, string } from 'dynamodb-toolbox'

const table = new Table({
  name: 'battle-royale',
  partitionKey: { name: 'PK', type: 'string' },
  sortKey: { name: 'SK', type: 'string' },
  documentClient: DynamoDBDocumentClient.from(new DynamoDBClient({})),
})
const Player = new Entity({
  name: 'Player',
  table,
  schema: item({ game_id: string().key(), username: string().key() }),
  computeKey: ({ game_id, username }) => ({ PK: `GAME#${game_id}`, SK: `USER#${username}` }),
})

export async function main(game_id: string, username: string) {
  await Player.build(PutItemCommand).item({ game_id, username }).send()
  const { Item } = await Player.build(GetItemCommand).key({ game_id, username }).send()
  const { Items } = await table.build(QueryCommand).entities(Player).query({ partition: `GAME#${game_id}`, range: { beginsWith: 'USER#' } }).send()
  return [Item, Items]
}
