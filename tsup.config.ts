import { defineConfig } from 'tsup'

const common = { target: 'node20', platform: 'node', treeshake: true, sourcemap: false } as const

export default defineConfig([
  {
    ...common,
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    // The CLI build below writes dist/cli.js at the same time: keep it.
    clean: ['!cli.js'],
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
