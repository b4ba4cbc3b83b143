// A game service's handler in ElectroDB: the game-player model and the operations a real handler
// mixes — create if absent, a transaction, get, a filtered query, update, delete.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { Entity, Service } from 'electrodb'

const config = { table: 'battle-royale', client: DynamoDBDocumentClient.from(new DynamoDBClient({})) }
const service = 'battleroyale'
const Game = new Entity(
  {
    model: { entity: 'Game', version: '1', service },
    attributes: {
      game_id: { type: 'string', required: true },
      map: { type: 'string', required: true },
      creator: { type: 'string', required: true },
      people: { type: 'number', required: true, validate: (n: number) => Number.isInteger(n) && n >= 0 && n <= 50 },
      open_timestamp: { type: 'string' },
      start_time: { type: 'string' },
    },
    indexes: { primary: { pk: { field: 'PK', composite: ['game_id'] }, sk: { field: 'SK', composite: [] } } },
  },
  config,
)
const Player = new Entity(
  {
    model: { entity: 'Player', version: '1', service },
    attributes: {
      game_id: { type: 'string', required: true },
      username: { type: 'string', required: true },
      place: { type: ['gold', 'silver', 'bronze'] as const },
    },
    indexes: { primary: { pk: { field: 'PK', composite: ['game_id'] }, sk: { field: 'SK', composite: ['username'] } } },
  },
  config,
)
const games = new Service({ Game, Player }, config)

export async function handler(game_id: string, username: string) {
  await Game.create({ game_id, map: 'Green Grasslands', creator: username, people: 0, open_timestamp: new Date().toISOString() }).go()
  await games.transaction
    .write(({ Player, Game }) => [
      Player.create({ game_id, username }).commit(),
      Game.patch({ game_id })
        .add({ people: 1 })
        .where(({ people }, { lt }) => lt(people, 50))
        .commit(),
    ])
    .go()
  const game = await Game.get({ game_id }).go()
  const winners = await Player.query
    .primary({ game_id })
    .where(({ place }, { exists }) => exists(place))
    .go()
  await Game.patch({ game_id }).set({ start_time: new Date().toISOString() }).remove(['open_timestamp']).go()
  await Player.delete({ game_id, username }).go()
  return [game.data, winners.data]
}
