// npm run bench:types — type-check cost of N entities (N = 1, 10, 100) in sortkey (zod classic and zod/mini), ElectroDB
// and DynamoDB-Toolbox, with TypeScript 5.9 (tsc) and TypeScript 7 (tsgo), both with
// --extendedDiagnostics. Every project must type-check without errors.
import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generate, type TypedLib } from './generate.js'
import { writeMeta, writeSection, type Results } from '../results.js'
import { printTypes } from '../report.js'
import { buildSortkey } from '../build.js'

const require = createRequire(import.meta.url)
const ROOT = fileURLToPath(new URL('../.gen/types/', import.meta.url))
const LIBS: TypedLib[] = ['sortkey', 'sortkey-mini', 'electrodb', 'toolbox']
const SIZES = (process.env.BENCH_TYPES_N ?? '1,10,100').split(',').map(Number)

const COMPILERS = {
  ts5: { bin: require.resolve('typescript/bin/tsc'), version: (require('typescript/package.json') as { version: string }).version },
  ts7: { bin: join(dirname(require.resolve('@typescript/native-preview/package.json')), 'bin/tsgo'), version: (require('@typescript/native-preview/package.json') as { version: string }).version },
} as const

type Stats = { instantiations: number | null; types: number | null; checkSeconds: number }

function diagnostics(compiler: keyof typeof COMPILERS, dir: string): Stats {
  let out: string
  try {
    out = execFileSync(process.execPath, [COMPILERS[compiler].bin, '-p', dir, '--extendedDiagnostics', ...(compiler === 'ts7' ? ['--checkers', '1'] : [])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string }
    throw new Error(`bench: ${compiler} found errors in ${dir}:\n${(e.stdout ?? '') + (e.stderr ?? '')}`.slice(0, 4000))
  }
  const num = (label: string) => {
    const m = new RegExp(`^${label}:\\s+([\\d.]+)`, 'm').exec(out)
    return m ? Number(m[1]) : null
  }
  const check = num('Check time')
  if (check === null) throw new Error(`bench: no 'Check time' in ${compiler} output:\n${out}`)
  return { instantiations: num('Instantiations'), types: num('Types'), checkSeconds: check }
}

export function runTypes(print = true): void {
  buildSortkey()
  const results: NonNullable<Results['types']> = { ts5: {}, ts7: {} }
  for (const lib of LIBS) {
    for (const n of SIZES) {
      const dir = generate(ROOT, lib, n)
      for (const compiler of ['ts5', 'ts7'] as const) {
        const stats = diagnostics(compiler, dir)
        ;((results[compiler] as Record<string, Record<string, Stats>>)[lib] ??= {})[String(n)] = stats
        console.error(`types: ${compiler} ${lib} N=${n}: ${stats.instantiations ?? 'n/a'} instantiations, ${stats.checkSeconds}s check`)
      }
    }
  }
  writeSection('types', results)
  writeMeta({ ts5: COMPILERS.ts5.version, ts7: COMPILERS.ts7.version })
  if (print) printTypes()
}

if (import.meta.url === `file://${process.argv[1]}`) runTypes()
