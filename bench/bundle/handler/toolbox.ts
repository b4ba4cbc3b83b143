// A game service's handler in DynamoDB-Toolbox: the game-player model and the operations a real
// handler mixes — create if absent, a transaction, get, a filtered query, update, delete.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import {
  $add,
  $remove,
  DeleteItemCommand,
  Entity,
  GetItemCommand,
  PutItemCommand,
  PutTransaction,
  QueryCommand,
  Table,
  UpdateItemCommand,
  UpdateTransaction,
  executeTransactWrite,
  item,
  number,
  string,
} from 'dynamodb-toolbox'

const table = new Table({
  name: 'battle-royale',
  partitionKey: { name: 'PK', type: 'string' },
  sortKey: { name: 'SK', type: 'string' },
  documentClient: DynamoDBDocumentClient.from(new DynamoDBClient({})),
})
const Game = new Entity({
  name: 'Game',
  table,
  schema: item({
    game_id: string().key(),
    map: string(),
    creator: string(),
    people: number().validate((n) => Number.isInteger(n) && n >= 0 && n <= 50),
    open_timestamp: string().optional(),
    start_time: string().optional(),
  }),
  computeKey: ({ game_id }) => ({ PK: `GAME#${game_id}`, SK: `#METADATA#${game_id}` }),
})
const Player = new Entity({
  name: 'Player',
  table,
  schema: item({ game_id: string().key(), username: string().key(), place: string().enum('gold', 'silver', 'bronze').optional() }),
  computeKey: ({ game_id, username }) => ({ PK: `GAME#${game_id}`, SK: `USER#${username}` }),
})

export async function handler(game_id: string, username: string) {
  await Game.build(PutItemCommand)
    .item({ game_id, map: 'Green Grasslands', creator: username, people: 0, open_timestamp: new Date().toISOString() })
    .options({ condition: { attr: 'game_id', exists: false } })
    .send()
  await executeTransactWrite(
    Player.build(PutTransaction).item({ game_id, username }).options({ condition: { attr: 'game_id', exists: false } }),
    Game.build(UpdateTransaction).item({ game_id, people: $add(1) }).options({ condition: { attr: 'people', lt: 50 } }),
  )
  const { Item } = await Game.build(GetItemCommand).key({ game_id }).send()
  const { Items } = await table
    .build(QueryCommand)
    .entities(Player)
    .query({ partition: `GAME#${game_id}`, range: { beginsWith: 'USER#' } })
    .options({ filters: { Player: { attr: 'place', exists: true } } })
    .send()
  await Game.build(UpdateItemCommand).item({ game_id, start_time: new Date().toISOString(), open_timestamp: $remove() }).send()
  await Player.build(DeleteItemCommand).key({ game_id, username }).send()
  return [Item, Items]
}
