// npm run bench:cold — cold start. Each library's file (cold/apps/*.ts) imports the AWS SDK,
// defines the game-player model (users, games, players) and builds one put's params; it is
// bundled whole by esbuild (SDK and schema library included, minified, ESM for node), then run as
// a new node process ROUNDS times per library, interleaved. Each process reports its own CPU time
// and peak resident memory (process.resourceUsage(), preloaded from cold/usage.cjs); the table
// shows the median, and the median above `bare` (a file that only creates the SDK client).
import { build } from 'esbuild'
import { spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { buildSortkey, SORTKEY_DIST } from '../build.js'
import { median, writeSection, type Results } from '../results.js'
import { printCold } from '../report.js'

export const COLD_LIBS = (process.env.COLD_LIBS?.split(',') ?? ['bare', 'sortkey', 'sortkey-mini', 'toolbox', 'electrodb']) as readonly string[]
const ROUNDS = Number(process.env.COLD_ROUNDS ?? 15)
const OUT = fileURLToPath(new URL('../.gen/cold/', import.meta.url))
const USAGE = fileURLToPath(new URL('./usage.cjs', import.meta.url))

/** Bundles one library's cold-start file; returns the path of the bundle. */
export async function bundleColdApp(lib: string): Promise<string> {
  const outfile = `${OUT}${lib}.mjs`
  await build({
    entryPoints: [fileURLToPath(new URL(`./apps/${lib}.ts`, import.meta.url))],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    alias: { sortkey: SORTKEY_DIST + 'index.js' },
    // The SDK's CommonJS parts call require(); give the ESM bundle one.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    outfile,
    logLevel: 'error',
  })
  return outfile
}

function runOnce(file: string): { cpuMs: number; maxRssKiB: number } {
  const run = spawnSync(process.execPath, ['--require', USAGE, file], { encoding: 'utf8' })
  if (run.status !== 0) {
    const message = run.stderr.split('\n').find((line) => /Error/.test(line)) ?? run.stderr.slice(0, 200)
    throw new Error(`${file} failed: ${message.slice(0, 300)}`)
  }
  const last = run.stdout.trim().split('\n').pop() as string
  return JSON.parse(last) as { cpuMs: number; maxRssKiB: number }
}

export async function runCold(print = true): Promise<void> {
  buildSortkey()
  mkdirSync(OUT, { recursive: true })
  const files: Record<string, string> = {}
  for (const lib of COLD_LIBS) files[lib] = await bundleColdApp(lib)
  for (const lib of COLD_LIBS) runOnce(files[lib] as string) // warm the file cache
  const samples: Record<string, { cpu: number[]; rss: number[] }> = {}
  for (const lib of COLD_LIBS) samples[lib] = { cpu: [], rss: [] }
  for (let round = 0; round < ROUNDS; round++) {
    // Rotate the order each round so no library always runs first.
    for (let i = 0; i < COLD_LIBS.length; i++) {
      const lib = COLD_LIBS[(i + round) % COLD_LIBS.length] as string
      const usage = runOnce(files[lib] as string)
      samples[lib]?.cpu.push(usage.cpuMs)
      samples[lib]?.rss.push(usage.maxRssKiB / 1024)
    }
  }
  const out: NonNullable<Results['cold']> = { rounds: ROUNDS, libs: {} }
  const bare = samples['bare']?.cpu
  for (const lib of COLD_LIBS) {
    const s = samples[lib] as { cpu: number[]; rss: number[] }
    // CPU above bare, paired: each round's run minus the same round's bare run, so a slow or fast
    // stretch of a shared machine moves both sides of a difference together.
    const paired = bare ? s.cpu.map((cpu, round) => cpu - (bare[round] as number)) : undefined
    out.libs[lib] = { cpuMs: median(s.cpu), rssMiB: median(s.rss), ...(paired ? { cpuAboveBare: median(paired) } : {}) }
  }
  writeSection('cold', out)
  if (print) printCold()
}

if (import.meta.url === `file://${process.argv[1]}`) await runCold()
