// What an application's vitest.config.ts needs for sortkey/testing: its global setup starts one
// DynamoDB Local for the whole run (embedded, no Docker) and stops it at the end.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['./test/dynamodb.ts'],
  },
})
