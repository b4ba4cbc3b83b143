// A real DocumentClient pointed at the DynamoDB Local started by the global setup.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { inject } from 'vitest'
import { randomUUID } from 'node:crypto'
import { localClient as clientFor } from '../../src/client/local-client.js'

let shared: DynamoDBDocumentClient | undefined

export function localClient(): DynamoDBDocumentClient {
  shared ??= clientFor({ endpoint: inject('dynamoEndpoint') })
  return shared
}

/** A table name no other test uses, so test files run in parallel. */
export function uniqueTableName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`
}
