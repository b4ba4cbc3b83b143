// Cold start, DynamoDB-Toolbox: the game-player model (users, games, players) and one put's params.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { Entity, PutItemCommand, Table, item, number, string } from 'dynamodb-toolbox'

const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }))
const table = new Table({ name: 'battle-royale', partitionKey: { name: 'PK', type: 'string' }, sortKey: { name: 'SK', type: 'string' }, documentClient })
export const User = new Entity({
  name: 'User',
  table,
  timestamps: false,
  schema: item({ username: string().key(), name: string(), email: string(), address: string(), birthdate: string() }),
  computeKey: ({ username }) => ({ PK: `USER#${username}`, SK: `#METADATA#${username}` }),
})
export const Game = new Entity({
  name: 'Game',
  table,
  timestamps: false,
  schema: item({
    game_id: string().key(),
    map: string(),
    creator: string(),
    create_time: string(),
    people: number().validate((n) => Number.isInteger(n) && n >= 0 && n <= 50),
    open_timestamp: string().optional(),
    start_time: string().optional(),
    end_time: string().optional(),
    gold: string().optional(),
    silver: string().optional(),
    bronze: string().optional(),
  }),
  computeKey: ({ game_id }) => ({ PK: `GAME#${game_id}`, SK: `#METADATA#${game_id}` }),
})
export const UserGameMapping = new Entity({
  name: 'UserGameMapping',
  table,
  timestamps: false,
  schema: item({ game_id: string().key(), username: string().key(), place: string().enum('gold', 'silver', 'bronze').optional() }),
  computeKey: ({ game_id, username }) => ({ PK: `GAME#${game_id}`, SK: `USER#${username}` }),
})
export const params = UserGameMapping.build(PutItemCommand).item({ game_id: 'g1', username: 'alice' }).params()
