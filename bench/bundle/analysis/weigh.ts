// npm run bench:weigh — where the gzip bytes of sortkey's minimal app (zod/mini) go, by what each
// part of the library guarantees. The app is bundled as `bench:bundle` bundles it, but from src
// rather than the tsup build (within 1% of its size), with a source map; every byte of the minified output is attributed to the source file it came from, and each
// group's figure is how much smaller the gzipped bundle gets without that group's bytes (the rest
// gzipped as it stands; groups are not additive, since gzip shares repeats across them). A last
// line does the same for the text of messages (string literals longer than 25 characters).
import { build } from 'esbuild'
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { readResults, writeSection } from '../../results.js'
import { weightTable } from '../../report.js'

/** Which part of the library a source file belongs to, by path (first match wins). */
const GROUPS: [string, RegExp][] = [
  ['zod/mini (the schema library)', /node_modules\/zod\//],
  ['update, upsert, move (not used by the app)', /entity\/(update|upsert|move)|expressions\/update/],
  ['transactions, scans (not used by the app)', /table\/transactions|entity\/transaction-item|query\/entity-scan/],
  ['conditions and filters (operators, operand checks)', /expressions\/(condition|operators|path|context|error|projection)|entity\/expression-input/],
  ['unique values', /entity\/unique/],
  ['key collision check at definition', /keys\/overlap|table\/collisions|expressions\/overlap/],
  ['limits and value checks before sending', /client\/limits|table\/limits/],
  ['executor: retries, observation, errors of a request', /client\/(executor|retry|send|observe|options)/],
  ['key conditions: compiler, bounds, ranges, cursors', /expressions\/key-|query\/(cursor|plan|narrow)/],
  ['queries: builder, reader, input', /query\//],
  ['key templates and formats', /keys\//],
  ['schema adapter and introspection', /schema\//],
  ['entity model, put, get, codec', /entity\//],
  ['table, registry', /table\//],
  ['typed errors', /errors\.ts/],
]

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** The source index of each byte of `code`, from a v3 source map (-1: no source). */
function sourceOfEachByte(code: string, mappings: string): Int32Array {
  const owner = new Int32Array(code.length).fill(-1)
  const lineStarts = [0]
  for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) === 10) lineStarts.push(i + 1)
  let source = 0
  const lines = mappings.split(';')
  for (let line = 0; line < lines.length; line++) {
    let column = 0
    let previous: [number, number] | undefined
    for (const segment of (lines[line] ?? '').split(',')) {
      if (!segment) continue
      const fields: number[] = []
      let value = 0
      let shift = 0
      for (const char of segment) {
        const digit = B64.indexOf(char)
        value += (digit & 31) << shift
        if (digit & 32) shift += 5
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1)
          value = 0
          shift = 0
        }
      }
      column += fields[0] ?? 0
      if (fields.length > 1) source += fields[1] ?? 0
      const start = (lineStarts[line] ?? 0) + column
      if (previous) owner.fill(previous[1], previous[0], start)
      previous = [start, fields.length > 1 ? source : -1]
    }
    if (previous) owner.fill(previous[1], previous[0], lineStarts[line + 1] ?? code.length)
  }
  return owner
}

const gzip = (text: string) => gzipSync(text, { level: 9 }).byteLength

export interface Weight {
  app: { bytes: number; gzip: number }
  /** Per part: its minified bytes, and how many gzip bytes the app loses without them. */
  parts: { part: string; bytes: number; gzipSaved: number }[]
}

export async function weigh(): Promise<Weight> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../apps/sortkey-mini.ts', import.meta.url))],
    alias: { sortkey: fileURLToPath(new URL('../../../src/index.ts', import.meta.url)) },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['@aws-sdk/*'],
    sourcemap: 'external',
    outfile: 'app.js',
    write: false,
    logLevel: 'error',
  })
  const code = result.outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? ''
  const map = JSON.parse(result.outputFiles.find((f) => f.path.endsWith('.map'))?.text ?? '{}') as { sources: string[]; mappings: string }
  const owner = sourceOfEachByte(code, map.mappings)
  const groupOf = map.sources.map((path) => GROUPS.findIndex(([, pattern]) => pattern.test(path)))
  const total = gzip(code)
  const parts: Weight['parts'] = []
  for (let g = 0; g < GROUPS.length; g++) {
    let kept = ''
    let bytes = 0
    for (let i = 0; i < code.length; i++) {
      const source = owner[i] as number
      if (source >= 0 && groupOf[source] === g) bytes++
      else kept += code[i]
    }
    parts.push({ part: GROUPS[g]?.[0] ?? '', bytes, gzipSaved: total - gzip(kept) })
  }
  const literals = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g
  let messageBytes = 0
  const withoutMessages = code.replace(literals, (text) => (text.length > 25 ? ((messageBytes += text.length), '""') : text))
  parts.push({ part: 'text of messages (string literals over 25 characters, across the parts above)', bytes: messageBytes, gzipSaved: total - gzip(withoutMessages) })
  return { app: { bytes: code.length, gzip: total }, parts }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeSection('bundleWeight', await weigh())
  console.log(weightTable(readResults()).join('\n'))
}
