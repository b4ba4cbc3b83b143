// Cold start, ElectroDB: the game-player model (users, games, players) and one put's params.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { Entity } from 'electrodb'

const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }))
const config = { table: 'battle-royale', client }
const service = 'battleroyale'
export const User = new Entity(
  {
    model: { entity: 'User', version: '1', service },
    attributes: {
      username: { type: 'string', required: true },
      name: { type: 'string', required: true },
      email: { type: 'string', required: true },
      address: { type: 'string', required: true },
      birthdate: { type: 'string', required: true },
    },
    indexes: { primary: { pk: { field: 'PK', composite: ['username'], template: 'USER#${username}' }, sk: { field: 'SK', composite: ['username'], template: '#METADATA#${username}' } } },
  },
  config,
)
export const Game = new Entity(
  {
    model: { entity: 'Game', version: '1', service },
    attributes: {
      game_id: { type: 'string', required: true },
      map: { type: 'string', required: true },
      creator: { type: 'string', required: true },
      create_time: { type: 'string', required: true },
      people: { type: 'number', required: true, validate: (n: number) => Number.isInteger(n) && n >= 0 && n <= 50 },
      open_timestamp: { type: 'string' },
      start_time: { type: 'string' },
      end_time: { type: 'string' },
      gold: { type: 'string' },
      silver: { type: 'string' },
      bronze: { type: 'string' },
    },
    indexes: { primary: { pk: { field: 'PK', composite: ['game_id'], template: 'GAME#${game_id}' }, sk: { field: 'SK', composite: ['game_id'], template: '#METADATA#${game_id}' } } },
  },
  config,
)
export const UserGameMapping = new Entity(
  {
    model: { entity: 'UserGameMapping', version: '1', service },
    attributes: {
      game_id: { type: 'string', required: true },
      username: { type: 'string', required: true },
      place: { type: ['gold', 'silver', 'bronze'] as const },
    },
    indexes: { primary: { pk: { field: 'PK', composite: ['game_id'], template: 'GAME#${game_id}' }, sk: { field: 'SK', composite: ['username'], template: 'USER#${username}' } } },
  },
  config,
)
export const params = UserGameMapping.put({ game_id: 'g1', username: 'alice' }).params()
