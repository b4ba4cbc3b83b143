// Minimal app, by hand: one table, the players of a game; put, get, query.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'

const client = DynamoDBDocumentClient.from(new DynamoDBClient({}))
const TableName = 'battle-royale'

export async function main(game_id: string, username: string) {
  await client.send(new PutCommand({ TableName, Item: { PK: `GAME#${game_id}`, SK: `USER#${username}`, game_id, username } }))
  const { Item } = await client.send(new GetCommand({ TableName, Key: { PK: `GAME#${game_id}`, SK: `USER#${username}` } }))
  const { Items } = await client.send(
    new QueryCommand({
      TableName,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :sk)',
      ExpressionAttributeNames: { '#pk': 'PK', '#sk': 'SK' },
      ExpressionAttributeValues: { ':pk': `GAME#${game_id}`, ':sk': 'USER#' },
    }),
  )
  return [Item, Items]
}
