// The game-player model in DynamoDB-Toolbox v2: the same keys through computeKey, Toolbox's
// entity attribute (_et), timestamps off (the other models have none).
import {
  $add,
  $remove,
  Entity,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  Table,
  UpdateItemCommand,
  item,
  number,
  string,
} from 'dynamodb-toolbox'
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { TABLE, game, players, user, type Lib } from './fixtures.js'

export function toolboxModel(documentClient: DynamoDBDocumentClient) {
  const table = new Table({
    name: TABLE,
    partitionKey: { name: 'PK', type: 'string' },
    sortKey: { name: 'SK', type: 'string' },
    documentClient,
  })
  const User = new Entity({
    name: 'User',
    table,
    timestamps: false,
    schema: item({ username: string().key(), name: string(), email: string(), address: string(), birthdate: string() }),
    computeKey: ({ username }) => ({ PK: `USER#${username}`, SK: `#METADATA#${username}` }),
  })
  const Game = new Entity({
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
  const UserGameMapping = new Entity({
    name: 'UserGameMapping',
    table,
    timestamps: false,
    schema: item({ game_id: string().key(), username: string().key(), place: string().enum('gold', 'silver', 'bronze').optional() }),
    computeKey: ({ game_id, username }) => ({ PK: `GAME#${game_id}`, SK: `USER#${username}` }),
  })
  return { table, User, Game, UserGameMapping }
}

export function toolboxLib(client: DynamoDBDocumentClient): Lib {
  const { table, User, Game, UserGameMapping } = toolboxModel(client)
  const stored = {
    user: User.build(PutItemCommand).item(user).params().Item as Record<string, unknown>,
    game: Game.build(PutItemCommand).item(game).params().Item as Record<string, unknown>,
    players: players.map((p) => UserGameMapping.build(PutItemCommand).item(p).params().Item as Record<string, unknown>),
  }
  return {
    stored: () => stored,
    put: async () => (await User.build(PutItemCommand).item(user).send()).ToolboxItem,
    get: async () => (await User.build(GetItemCommand).key({ username: user.username }).send()).Item,
    query: async () =>
      (await table.build(QueryCommand).entities(UserGameMapping).query({ partition: `GAME#${game.game_id}`, range: { beginsWith: 'USER#' } }).send()).Items,
    update: async () =>
      await Game.build(UpdateItemCommand)
        .item({ game_id: game.game_id, people: $add(1), open_timestamp: $remove() })
        .options({ condition: { and: [{ attr: 'game_id', exists: true }, { attr: 'people', lt: 50 }] } })
        .send(),
  }
}
