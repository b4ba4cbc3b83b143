// The baseline of the cold-start benchmark: only the AWS SDK's document client is created.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'

const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }))
export const params = [client.config.region]
