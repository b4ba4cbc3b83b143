// Prints bench/results.json as tables (markdown, for the terminal and the performance guide), with
// each performance target marked met or not met. `tsx bench/report.ts` prints every section;
// `tsx bench/report.ts --write` also puts them into docs/guides/performance.md between its markers.
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { LIBS, PEERS, readResults, type LibName, type OpTimes, type Results } from './results.js'

const OP_NAMES = ['put', 'get', 'query', 'update'] as const
/** sortkey's minimal app, gzipped, at most this many bytes. */
export const BUNDLE_TARGET = 8 * 1024
export const TYPES_N = '100'

const mark = (ok: boolean) => (ok ? 'met' : 'not met')
const fmt = (n: number | null | undefined, digits = 1) => (n === null || n === undefined ? 'n/a' : n.toFixed(digits))
const ratio = (a: number, b: number) => (a / b).toFixed(3) + '×'

function row(cells: (string | number)[]): string {
  return '| ' + cells.join(' | ') + ' |'
}

export function overheadTable(results: Results): string[] {
  const lines: string[] = []
  for (const mode of ['doc', 'sdk'] as const) {
    const data = results.overhead?.[mode] as Record<LibName, OpTimes> | undefined
    if (!data) continue
    const clock = results.meta?.clock === 'wall' ? 'wall-clock' : 'CPU'
    lines.push(`**${mode} mode** — ${clock} µs per operation (median of ${String(results.meta?.rounds ?? '?')} interleaved rounds)`, '')
    lines.push(row(['op', ...LIBS, 'sortkey / raw', 'sortkey / fastest peer', 'target']))
    lines.push(row(['---', ...LIBS.map(() => '---:'), '---:', '---:', '---']))
    for (const op of OP_NAMES) {
      const sk = data.sortkey[op]
      const raw = data.raw[op]
      const peer = Math.min(...PEERS.map((p) => data[p][op]))
      let target: string
      if (mode === 'doc') {
        const quarter = sk <= peer / 4
        const plus5 = op === 'query' ? true : sk <= raw + 5
        target = `≤ ¼ peer: ${mark(quarter)}` + (op === 'query' ? '' : `; ≤ raw + 5 µs: ${mark(plus5)}`)
      } else {
        target = `≤ 1.10 × raw: ${mark(sk <= raw * 1.1)}`
      }
      lines.push(row([op, ...LIBS.map((l) => fmt(data[l][op], 2)), ratio(sk, raw), ratio(sk, peer), target]))
    }
    lines.push('')
  }
  return lines
}

export function typesTable(results: Results): string[] {
  const lines: string[] = []
  const types = results.types
  if (!types) return lines
  const libs = LIBS.filter((l) => l !== 'raw')
  for (const ts of ['ts5', 'ts7'] as const) {
    const data = types[ts]
    if (!data) continue
    const label = ts === 'ts5' ? `TypeScript ${String(results.meta?.ts5 ?? '5.9')} (tsc)` : `TypeScript 7 (tsgo ${String(results.meta?.ts7 ?? '')}, --checkers 1)`
    lines.push(`**${label}** — instantiations / check seconds for N entities`, '')
    const ns = Object.keys(data.sortkey ?? {}).sort((a, b) => Number(a) - Number(b))
    lines.push(row(['N', ...libs.map((l) => `${l} inst.`), ...libs.map((l) => `${l} check s`)]))
    lines.push(row(['---:', ...libs.map(() => '---:'), ...libs.map(() => '---:')]))
    for (const n of ns) {
      lines.push(row([n, ...libs.map((l) => data[l]?.[n]?.instantiations ?? 'n/a'), ...libs.map((l) => fmt(data[l]?.[n]?.checkSeconds, 2))]))
    }
    const sk = data.sortkey?.[TYPES_N]?.instantiations
    const edb = data.electrodb?.[TYPES_N]?.instantiations
    if (sk != null && edb != null) {
      const per = sk / Number(TYPES_N)
      const at10 = data.sortkey?.['10']?.instantiations
      const marginal = at10 != null ? `; ${((sk - at10) / (Number(TYPES_N) - 10)).toFixed(0)} per entity added from N = 10 to ${TYPES_N}` : ''
      lines.push('', `At N = ${TYPES_N}: sortkey ${per.toFixed(0)} instantiations per entity (total / N; ≤ 1,000: ${mark(per <= 1000)})${marginal}; ${((sk / edb) * 100).toFixed(1)}% of ElectroDB's (≤ 40%: ${mark(sk <= edb * 0.4)}).`)
    } else {
      lines.push('', `At N = ${TYPES_N}: instantiation counts not reported by this compiler; targets not checkable.`)
    }
    lines.push('')
  }
  return lines
}

export function bundleTable(results: Results): string[] {
  const data = results.bundle
  if (!data) return []
  const lines = ['**Bundle** — minimal app (table, one entity, put / get / query), esbuild --minify, `@aws-sdk/*` and `zod` external', '']
  lines.push(row(['', ...LIBS]))
  lines.push(row(['---', ...LIBS.map(() => '---:')]))
  lines.push(row(['bytes', ...LIBS.map((l) => data[l]?.bytes ?? 'n/a')]))
  lines.push(row(['gzip', ...LIBS.map((l) => data[l]?.gzip ?? 'n/a')]))
  const gz = data.sortkey?.gzip
  if (gz !== undefined) lines.push('', `sortkey ≤ 8 KiB gzip: ${mark(gz <= BUNDLE_TARGET)} (${gz} bytes).`)
  lines.push('')
  return lines
}

export function printOverhead(): void {
  console.log(overheadTable(readResults()).join('\n'))
}
export function printTypes(): void {
  console.log(typesTable(readResults()).join('\n'))
}
export function printBundle(): void {
  console.log(bundleTable(readResults()).join('\n'))
}

export function allTables(results: Results = readResults()): string {
  const meta = results.meta ?? {}
  const load = Array.isArray(meta.loadAverage) ? `, 1-minute load average ${meta.loadAverage.join(' → ')} during the overhead run` : ''
  return [`node ${String(meta.node)}, ${String(meta.cpu)} (${String(meta.cores)} cores), ${String(meta.date)}${load}`, '', ...overheadTable(results), ...typesTable(results), ...bundleTable(results)].join('\n')
}

export function printAll(): void {
  console.log(allTables())
}

export const GUIDE = fileURLToPath(new URL('../docs/guides/performance.md', import.meta.url))
const BEGIN = '<!-- bench results: begin (npm run bench:report -- --write) -->'
const END = '<!-- bench results: end -->'

/** Replaces the results between the guide's markers with the tables of bench/results.json. */
export function writeGuide(path = GUIDE): void {
  const text = readFileSync(path, 'utf8')
  const start = text.indexOf(BEGIN)
  const end = text.indexOf(END)
  if (start < 0 || end < start) throw new Error(`${path} has no ${BEGIN} ... ${END} markers`)
  writeFileSync(path, `${text.slice(0, start + BEGIN.length)}\n${allTables().trim()}\n${text.slice(end)}`)
  console.log(`wrote the tables into ${path}`)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printAll()
  if (process.argv.includes('--write')) writeGuide()
}
