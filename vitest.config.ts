import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const path = (relative: string) => fileURLToPath(new URL(relative, import.meta.url))

// The package's own names resolve to its source, as tsconfig's paths do for the type checker:
// sortkey/testing and the examples import 'sortkey' as an application does.
const alias = [
  { find: /^sortkey$/, replacement: path('./src/index.ts') },
  { find: /^sortkey\/testing$/, replacement: path('./src/testing/index.ts') },
]

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          // Property tests run hundreds of cases; on a busy 2-core CI machine 5 s is not enough.
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/examples/**/*.test.ts'],
          globalSetup: ['test/support/dynamodb-local.ts'],
          setupFiles: ['test/support/aws-env.ts'],
          // Timeouts only catch hangs: the CLI tests start processes, which take long on a busy machine.
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        // examples/testing as its users run it (its own vitest.config.ts without the alias); the
        // global setup is sortkey/testing's, sharing the DynamoDB Local of the integration tests.
        resolve: { alias },
        test: {
          name: 'example-testing',
          include: ['examples/testing/test/**/*.test.ts'],
          globalSetup: ['examples/testing/test/dynamodb.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'types',
          include: [],
          typecheck: {
            enabled: true,
            only: true,
            include: ['test/types/**/*.test-d.ts'],
            tsconfig: './tsconfig.json',
          },
        },
      },
    ],
  },
})
