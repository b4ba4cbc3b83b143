// vitest global setup: one DynamoDB Local for the whole run, started by sortkey/testing's own
// global setup (so the example project's tests share it). Tests create their own tables
// (unique names), so files run in parallel against it.
import type { TestProject } from 'vitest/node'
import { setup as startDynamoDB, teardown, testEndpoint } from '../../src/testing/index.js'

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string
  }
}

export default async function setup(project: TestProject) {
  await startDynamoDB()
  project.provide('dynamoEndpoint', testEndpoint())
  return teardown
}
