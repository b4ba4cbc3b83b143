// Prints bench/results.json as tables (markdown, for the terminal and the performance guide), with
// each performance target marked met or not met. `tsx bench/report.ts` prints every section;
// `tsx bench/report.ts --write` also puts them into docs/guides/performance.md between its markers.
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { LIBS, PEERS, readResults, type LibName, type OpTimes, type Results } from './results.js'

const OP_NAMES = ['put', 'get', 'query', 'update'] as const
/** sortkey + zod/mini's minimal app, gzipped, schema library included: at most this many bytes (and no more than Toolbox's). */
export const BUNDLE_TARGET = 16 * 1024
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
    // sortkey / raw paired round by round (results written before it existed: the ratio of the medians).
    const paired = results.overhead?.pairedRatio?.[mode]
    const clock = results.meta?.clock === 'wall' ? 'wall-clock' : 'CPU'
    lines.push(`**${mode} mode** — ${clock} µs per operation (median of ${String(results.meta?.rounds ?? '?')} interleaved rounds)`, '')
    lines.push(row(['op', ...LIBS, paired ? 'sortkey / raw (paired)' : 'sortkey / raw', 'sortkey / fastest peer', 'target']))
    lines.push(row(['---', ...LIBS.map(() => '---:'), '---:', '---:', '---']))
    for (const op of OP_NAMES) {
      const sk = data.sortkey[op]
      const raw = data.raw[op]
      const skRaw = paired?.[op] ?? sk / raw
      const peer = Math.min(...PEERS.map((p) => data[p][op]))
      let target: string
      if (mode === 'doc') {
        const quarter = sk <= peer / 4
        const plus5 = op === 'query' ? true : sk <= raw + 5
        target = `≤ ¼ peer: ${mark(quarter)}` + (op === 'query' ? '' : `; ≤ raw + 5 µs: ${mark(plus5)}`)
      } else {
        target = `≤ 1.10 × raw: ${mark(skRaw <= 1.1)}`
      }
      lines.push(row([op, ...LIBS.map((l) => fmt(data[l][op], 2)), skRaw.toFixed(3) + '×', ratio(sk, peer), target]))
    }
    lines.push('')
  }
  return lines
}

export function typesTable(results: Results): string[] {
  const lines: string[] = []
  const types = results.types
  if (!types) return lines
  const libs = ['sortkey', 'sortkey-mini', 'electrodb', 'toolbox'] as const
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
    const edb = data.electrodb?.[TYPES_N]?.instantiations
    if (data.sortkey?.[TYPES_N]?.instantiations != null && edb != null) {
      lines.push('')
      for (const lib of ['sortkey', 'sortkey-mini'] as const) {
        const sk = data[lib]?.[TYPES_N]?.instantiations
        if (sk == null) continue
        const per = sk / Number(TYPES_N)
        const at10 = data[lib]?.['10']?.instantiations
        const marginal = at10 != null ? `; ${((sk - at10) / (Number(TYPES_N) - 10)).toFixed(0)} per entity added from N = 10 to ${TYPES_N}` : ''
        lines.push(`At N = ${TYPES_N}: ${lib} ${per.toFixed(0)} instantiations per entity (total / N; ≤ 1,000: ${mark(per <= 1000)})${marginal}; ${((sk / edb) * 100).toFixed(1)}% of ElectroDB's (≤ 40%: ${mark(sk <= edb * 0.4)}).`)
      }
    } else {
      lines.push('', `At N = ${TYPES_N}: instantiation counts not reported by this compiler; targets not checkable.`)
    }
    lines.push('')
  }
  return lines
}

/** Bytes and gzip bytes of each app, as a table under `title`. */
function sizeTable(title: string, sizes: Record<string, { bytes: number; gzip: number }>): string[] {
  const apps = Object.keys(sizes)
  return [
    title,
    '',
    row(['', ...apps]),
    row(['---', ...apps.map(() => '---:')]),
    row(['bytes', ...apps.map((a) => sizes[a]?.bytes ?? 'n/a')]),
    row(['gzip', ...apps.map((a) => sizes[a]?.gzip ?? 'n/a')]),
  ]
}

export function bundleTable(results: Results): string[] {
  const lines: string[] = []
  const full = results.bundleWithSchema
  if (full) {
    lines.push(...sizeTable('**Bundle** — minimal app (table, one entity, put / get / query), esbuild --minify, `@aws-sdk/*` external, schema library included', full))
    const mini = full['sortkey + zod/mini']?.gzip
    const toolbox = full['toolbox']?.gzip
    if (mini !== undefined && toolbox !== undefined) {
      lines.push('', `sortkey + zod/mini ≤ Toolbox's gzip: ${mark(mini <= toolbox)}; ≤ 16 KiB: ${mark(mini <= BUNDLE_TARGET)} (${mini} bytes).`)
    }
    lines.push('')
  }
  const handler = results.bundleHandler
  if (handler) {
    lines.push(...sizeTable("**Bundle** — a service's handler (two entities; create if absent, a transaction, get, a filtered query, update, delete), the same build", handler), '')
  }
  const data = results.bundle
  if (!data) return lines
  const ordered = Object.fromEntries(LIBS.map((l) => [l, data[l] ?? { bytes: NaN, gzip: NaN }]))
  lines.push(...sizeTable("Secondary: the same apps with `zod` external too (sortkey's own code only)", ordered), '')
  return [...lines, ...weightTable(results)]
}

/** Where the zod/mini minimal app's gzip bytes go (`npm run bench:weigh`). */
export function weightTable(results: Results): string[] {
  const weight = results.bundleWeight
  if (!weight) return []
  const lines = [
    `Where the sortkey + zod/mini minimal app's bytes go (${weight.app.bytes} bytes, ${weight.app.gzip} gzip, bundled from src): each part's minified bytes, and how much smaller the gzipped app is without them (parts share repeats, so they do not add up exactly)`,
    '',
    row(['part', 'minified bytes', 'gzip bytes saved without it']),
    row(['---', '---:', '---:']),
  ]
  for (const { part, bytes, gzipSaved } of weight.parts) lines.push(row([part, bytes, gzipSaved]))
  lines.push('')
  return lines
}

export function coldTable(results: Results): string[] {
  const cold = results.cold
  if (!cold) return []
  const bare = cold.libs['bare']
  if (!bare) return []
  const libs = Object.keys(cold.libs)
  const lines = [`**Cold start** — a new node process per run: import the SDK, define the game-player model, build one put's params; bundled (esbuild --minify, everything included); median of ${cold.rounds} interleaved runs`, '']
  lines.push(row(['', ...libs]))
  lines.push(row(['---', ...libs.map(() => '---:')]))
  lines.push(row(['CPU ms', ...libs.map((l) => fmt(cold.libs[l]?.cpuMs))]))
  const above = (lib: string) => cold.libs[lib]?.cpuAboveBare ?? (cold.libs[lib]?.cpuMs ?? NaN) - bare.cpuMs
  lines.push(row([bare.cpuAboveBare === undefined ? 'CPU ms above bare' : 'CPU ms above bare (paired)', ...libs.map((l) => fmt(above(l)))]))
  lines.push(row(['peak MiB', ...libs.map((l) => fmt(cold.libs[l]?.rssMiB))]))
  lines.push(row(['peak MiB above bare', ...libs.map((l) => fmt((cold.libs[l]?.rssMiB ?? NaN) - bare.rssMiB))]))
  const tb = cold.libs['toolbox']
  if (tb) {
    for (const lib of ['sortkey-mini', 'sortkey']) {
      const sk = cold.libs[lib]
      if (!sk) continue
      lines.push('', `${lib} above bare ≤ Toolbox's: CPU ${mark(above(lib) <= above('toolbox'))}, memory ${mark(sk.rssMiB - bare.rssMiB <= tb.rssMiB - bare.rssMiB)}.`)
    }
  }
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
export function printCold(): void {
  console.log(coldTable(readResults()).join('\n'))
}

export function allTables(results: Results = readResults()): string {
  const meta = results.meta ?? {}
  const load = Array.isArray(meta.loadAverage) ? `, 1-minute load average ${meta.loadAverage.join(' → ')} during the overhead run` : ''
  return [`node ${String(meta.node)}, ${String(meta.cpu)} (${String(meta.cores)} cores), ${String(meta.date)}${load}`, '', ...overheadTable(results), ...typesTable(results), ...bundleTable(results), ...coldTable(results)].join('\n')
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
