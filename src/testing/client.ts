// The DocumentClient the kit sends with: DynamoDB Local's endpoint, a region and dummy
// credentials, so no AWS configuration is read or needed.

import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { testEndpoint } from './dynamodb.js'

let shared: { endpoint: string; client: DynamoDBDocumentClient } | undefined

/**
 * A DocumentClient for the DynamoDB Local of the global setup, one per test process.
 *
 * @example
 * ```ts
 * import { testClient } from 'sortkey/testing'
 * const client = testClient()
 * ```
 */
export function testClient(): DynamoDBDocumentClient {
  const endpoint = testEndpoint()
  if (shared?.endpoint !== endpoint) {
    shared = {
      endpoint,
      client: DynamoDBDocumentClient.from(
        new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
      ),
    }
  }
  return shared.client
}
