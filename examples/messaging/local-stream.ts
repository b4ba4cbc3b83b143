// What the table's stream (view type NEW_IMAGE) delivers to a Lambda function after an item is
// written: the stored item, read back and marshalled as the record's NewImage. DynamoDB Local
// has streams too, but reading them needs a separate client and shard iterators; building the
// record from the stored item keeps the example self-contained and the record faithful.
import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { marshall } from '@aws-sdk/util-dynamodb'
import type { DynamoDBRecord } from 'aws-lambda'
import { client } from '../lib/client.js'
import { table } from './model.js'

let sequence = 1000

export async function insertRecord(key: Record<string, unknown>): Promise<DynamoDBRecord> {
  const { Item } = await client.send(new GetCommand({ TableName: table.name, Key: key, ConsistentRead: true }))
  if (!Item) throw new Error(`no item under ${JSON.stringify(key)}`)
  const seq = String(sequence++)
  return {
    eventID: `local-${seq}`,
    eventName: 'INSERT',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    dynamodb: {
      Keys: marshall(key) as never,
      NewImage: marshall(Item) as never,
      SequenceNumber: seq,
      SizeBytes: JSON.stringify(Item).length,
      StreamViewType: 'NEW_IMAGE',
    },
    eventSourceARN: `arn:aws:dynamodb:us-east-1:000000000000:table/${table.name}/stream/local`,
  }
}
