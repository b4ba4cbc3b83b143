// vitest global setup: one DynamoDB Local for the whole run. Tests create their own tables
// (unique names), so files run in parallel against it.
import type { TestProject } from 'vitest/node'
import { startLocalDynamoDB } from './local-dynamodb.js'

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string
  }
}

export default async function setup(project: TestProject) {
  const local = await startLocalDynamoDB()
  project.provide('dynamoEndpoint', local.endpoint)
  return async () => {
    await local.stop()
  }
}
