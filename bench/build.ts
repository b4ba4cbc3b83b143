// The sortkey the type-check and bundle benchmarks use: built from src the way `npm run build`
// builds the package (tsup: ESM, declarations, node20, tree-shaken), into bench/.gen/dist, so a
// build running elsewhere in the repository at the same time cannot change it under them.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
export const SORTKEY_DIST = fileURLToPath(new URL('./.gen/dist/', import.meta.url))
const REPO = fileURLToPath(new URL('../', import.meta.url))
let built = false

export function buildSortkey(): void {
  if (built || (process.env.BENCH_SKIP_BUILD && existsSync(SORTKEY_DIST + 'index.d.ts'))) return
  const tsup = require.resolve('tsup/dist/cli-default.js')
  execFileSync(
    process.execPath,
    [tsup, 'src/index.ts', '--no-config', '--format', 'esm', '--dts', '--out-dir', SORTKEY_DIST, '--target', 'node20', '--platform', 'node', '--treeshake'],
    { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] },
  )
  built = true
}
