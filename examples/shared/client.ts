// The DocumentClient the examples use. It takes its endpoint, region and credentials from the
// AWS SDK's usual configuration (AWS_ENDPOINT_URL, AWS_REGION, ...), so the same model module
// works against DynamoDB Local and against AWS.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'

export const client = DynamoDBDocumentClient.from(new DynamoDBClient({}))
