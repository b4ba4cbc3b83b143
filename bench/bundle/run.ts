// npm run bench:bundle — the minimal app of each library (bundle/apps/*.ts: table, one entity,
// put / get / query) and a service's handler (bundle/handler/*.ts: two entities; create, a
// transaction, get, a filtered query, update, delete), bundled by esbuild for node, minified, with @aws-sdk/* external and the
// schema library included (sortkey with zod classic and with zod/mini); bytes and gzip bytes
// (zlib level 9). A secondary line leaves zod external too: sortkey's own code only. sortkey is the ESM
// build of src made the way `npm run build` makes it (bench/build.ts).
import { build } from 'esbuild'
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { buildSortkey, SORTKEY_DIST } from '../build.js'
import { LIBS, writeSection, type LibName, type Results } from '../results.js'
import { printBundle } from '../report.js'
import { weigh } from './analysis/weigh.js'

export async function runBundle(print = true): Promise<void> {
  buildSortkey()
  const out: NonNullable<Results['bundle']> = {}
  for (const lib of LIBS) {
    out[lib as LibName] = await bundle(fileURLToPath(new URL(`./apps/${lib}.ts`, import.meta.url)), { sortkey: SORTKEY_DIST + 'index.js' })
  }
  writeSection('bundle', out)
  // The same apps as a user ships them: the schema library bundled in.
  const full: Record<string, { bytes: number; gzip: number }> = {}
  const apps: [string, string][] = [
    ['sortkey + zod', 'sortkey'],
    ['sortkey + zod/mini', 'sortkey-mini'],
    ['toolbox', 'toolbox'],
    ['electrodb', 'electrodb'],
  ]
  for (const [label, app] of apps) {
    full[label] = await bundle(fileURLToPath(new URL(`./apps/${app}.ts`, import.meta.url)), { sortkey: SORTKEY_DIST + 'index.js' }, ['@aws-sdk/*'])
  }
  writeSection('bundleWithSchema', full)
  // A handler that mixes what services do (create if absent, a transaction, get, a filtered query,
  // update, delete): where libraries built from per-command imports pay for each command.
  const handler: Record<string, { bytes: number; gzip: number }> = {}
  for (const [label, app] of apps) {
    handler[label] = await bundle(fileURLToPath(new URL(`./handler/${app}.ts`, import.meta.url)), { sortkey: SORTKEY_DIST + 'index.js' }, ['@aws-sdk/*'])
  }
  writeSection('bundleHandler', handler)
  writeSection('bundleWeight', await weigh())
  if (print) printBundle()
}

async function bundle(entry: string, alias?: Record<string, string>, external = ['@aws-sdk/*', 'zod']): Promise<{ bytes: number; gzip: number }> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external,
    ...(alias ? { alias } : {}),
    write: false,
    logLevel: 'error',
  })
  const code = result.outputFiles[0]?.contents ?? new Uint8Array()
  return { bytes: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength }
}

if (import.meta.url === `file://${process.argv[1]}`) await runBundle()
