// The game-player operations written by hand against the DocumentClient: keys concatenated,
// expressions written out, no validation. The baseline every library is compared with.
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { TABLE, game, players, user, type Lib } from './fixtures.js'

type Attrs = Record<string, unknown>

function stripKeys(item: Attrs): Attrs {
  const { PK: _pk, SK: _sk, _type: _t, ...rest } = item
  return rest
}

export function rawLib(client: DynamoDBDocumentClient): Lib {
  const stored = {
    user: { PK: `USER#${user.username}`, SK: `#METADATA#${user.username}`, _type: 'User', ...user },
    game: { PK: `GAME#${game.game_id}`, SK: `#METADATA#${game.game_id}`, _type: 'Game', ...game },
    players: players.map((p) => ({ PK: `GAME#${p.game_id}`, SK: `USER#${p.username}`, _type: 'UserGameMapping', ...p })),
  }
  return {
    stored: () => stored,
    async put() {
      const u = user
      await client.send(new PutCommand({ TableName: TABLE, Item: { PK: `USER#${u.username}`, SK: `#METADATA#${u.username}`, _type: 'User', ...u } }))
      return u
    },
    async get() {
      const { Item } = await client.send(new GetCommand({ TableName: TABLE, Key: { PK: `USER#${user.username}`, SK: `#METADATA#${user.username}` } }))
      return Item ? stripKeys(Item) : undefined
    },
    async query() {
      const { Items } = await client.send(
        new QueryCommand({
          TableName: TABLE,
          KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :sk)',
          ExpressionAttributeNames: { '#pk': 'PK', '#sk': 'SK' },
          ExpressionAttributeValues: { ':pk': `GAME#${game.game_id}`, ':sk': 'USER#' },
        }),
      )
      return (Items ?? []).map(stripKeys)
    },
    async update() {
      await client.send(
        new UpdateCommand({
          TableName: TABLE,
          Key: { PK: `GAME#${game.game_id}`, SK: `#METADATA#${game.game_id}` },
          UpdateExpression: 'ADD #people :one REMOVE #open',
          ConditionExpression: 'attribute_exists(#pk) AND #people < :max',
          ExpressionAttributeNames: { '#pk': 'PK', '#people': 'people', '#open': 'open_timestamp' },
          ExpressionAttributeValues: { ':one': 1, ':max': 50 },
        }),
      )
      return undefined
    },
  }
}
