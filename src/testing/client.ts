// The DocumentClient the kit sends with: `localClient` for the global setup's DynamoDB Local
// (its endpoint, a region and dummy credentials), so no AWS configuration is read or needed.

import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { localClient } from 'sortkey'
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
      client: localClient({ endpoint }),
    }
  }
  return shared.client
}
