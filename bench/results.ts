// bench/results.json: each benchmark writes its own section and keeps the others.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const LIBS = ['raw', 'sortkey', 'electrodb', 'toolbox'] as const
export type LibName = (typeof LIBS)[number]
export const PEERS = ['electrodb', 'toolbox'] as const

export type OpTimes = { put: number; get: number; query: number; update: number }
export interface Results {
  meta?: Record<string, unknown>
  overhead?: {
    doc?: Partial<Record<LibName, OpTimes>>
    sdk?: Partial<Record<LibName, OpTimes>>
    /** sortkey / raw per operation: the median of the per-round ratios (each round times both back to back). */
    pairedRatio?: { doc?: OpTimes; sdk?: OpTimes }
  }
  types?: Partial<Record<'ts5' | 'ts7', Partial<Record<LibName | 'sortkey-mini', Record<string, { instantiations: number | null; checkSeconds: number; types?: number | null }>>>>>
  bundle?: Partial<Record<LibName, { bytes: number; gzip: number }>>
  /** The minimal apps with their schema library bundled in (sortkey with zod classic and with zod/mini). */
  bundleWithSchema?: Record<string, { bytes: number; gzip: number }>
  /** The handler apps (bundle/handler), schema library bundled in. */
  bundleHandler?: Record<string, { bytes: number; gzip: number }>
  /** Where the gzip bytes of the zod/mini minimal app go (bundle/analysis/weigh.ts). */
  bundleWeight?: { app: { bytes: number; gzip: number }; parts: { part: string; bytes: number; gzipSaved: number }[] }
  /** Cold start: median CPU ms and peak resident MiB of a new process per library. */
  cold?: { rounds: number; libs: Record<string, { cpuMs: number; rssMiB: number; /** Median of per-round differences from bare (paired). */ cpuAboveBare?: number }> }
}

export const RESULTS_PATH = fileURLToPath(new URL('./results.json', import.meta.url))

export function readResults(): Results {
  return existsSync(RESULTS_PATH) ? (JSON.parse(readFileSync(RESULTS_PATH, 'utf8')) as Results) : {}
}

export function writeSection<K extends keyof Results>(key: K, value: Results[K]): void {
  const results = readResults()
  results[key] = value
  writeFileSync(RESULTS_PATH, JSON.stringify(results, null, 2) + '\n')
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** Adds facts about the run (versions, machine) to results.meta. */
export function writeMeta(patch: Record<string, unknown>): void {
  const results = readResults()
  results.meta = { ...results.meta, ...patch }
  writeFileSync(RESULTS_PATH, JSON.stringify(results, null, 2) + '\n')
}
