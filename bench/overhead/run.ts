// npm run bench:overhead — library CPU per operation, in two modes (see clients.ts), every
// library in this one process with interleaved rounds so their numbers are comparable.
import { cpus, loadavg } from 'node:os'
import { docClient, sdkClient, cannedOutput, type BenchClient } from './clients.js'
import { OPS, type Lib } from './fixtures.js'
import { rawLib } from './raw.js'
import { sortkeyLib } from './sortkey.js'
import { electrodbLib } from './electrodb.js'
import { toolboxLib } from './toolbox.js'
import { verify } from './verify.js'
import { LIBS, median, writeMeta, writeSection, type LibName, type OpTimes } from '../results.js'
import { printOverhead } from '../report.js'

const MAKERS: Record<LibName, (client: BenchClient['client']) => Lib> = { raw: rawLib, sortkey: sortkeyLib, electrodb: electrodbLib, toolbox: toolboxLib }

/** Rounds per operation and library; the reported figure is their median. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 21)
/**
 * Target length of one round of one library, in ms: long enough that each round pays its share
 * of garbage collection (a whole-SDK request allocates a lot) rather than all or none of it.
 */
const ROUND_MS = { doc: Number(process.env.BENCH_ROUND_MS ?? 30), sdk: Number(process.env.BENCH_ROUND_MS ?? 150) }
/**
 * BENCH_GC=1 (with node --expose-gc) collects garbage before each round. Off by default: a
 * forced full GC measurably slows the code that runs after it (inline caches and optimized
 * code are lost), which distorts more than the GC debt it settles.
 */
const collect = (process.env.BENCH_GC === '1' && (globalThis as { gc?: () => void }).gc) || (() => {})
/** Warm-up per operation and library, in ms, twice: once for every operation before any timing, once right before an operation's rounds (the round size is calibrated from it). */
const WARMUP_MS = 200

/**
 * µs per call of `fn`, as CPU time of this process (user + system, GC threads included) rather
 * than wall time: on a shared machine, time the process spends descheduled is not the library's.
 * BENCH_CLOCK=wall measures wall time instead.
 */
const WALL = process.env.BENCH_CLOCK === 'wall'
async function timeLoop(fn: () => Promise<unknown>, iterations: number): Promise<number> {
  if (WALL) {
    const start = process.hrtime.bigint()
    for (let i = 0; i < iterations; i++) await fn()
    return Number(process.hrtime.bigint() - start) / 1000 / iterations
  }
  const start = process.cpuUsage()
  for (let i = 0; i < iterations; i++) await fn()
  const used = process.cpuUsage(start)
  return (used.user + used.system) / iterations
}

interface ModeResult {
  readonly times: Record<LibName, OpTimes>
  /** sortkey / raw per operation, paired by round (see pairedRatio). */
  readonly ratio: OpTimes
}

/**
 * The median of sortkey / raw taken round by round. Both run back to back in every round, so a
 * slower or faster stretch of the machine (load, CPU frequency, GC debt) moves both samples of a
 * round alike and cancels out of their ratio; a ratio of the two medians takes each median from
 * different rounds and keeps that drift.
 */
function pairedRatio(sortkey: readonly number[], raw: readonly number[]): number {
  return median(sortkey.map((value, round) => value / (raw[round] as number)))
}

async function measureMode(mode: 'doc' | 'sdk'): Promise<ModeResult> {
  const bench = mode === 'doc' ? docClient() : sdkClient()
  const libs = Object.fromEntries(LIBS.map((name) => [name, MAKERS[name](bench.client)])) as Record<LibName, Lib>
  for (const name of LIBS) bench.register(name, cannedOutput(libs[name].stored()))
  await verify(mode, bench, libs)

  // Warm every operation of every library first, so the SDK code they share has seen all of
  // them (and settled its optimizations) before anything is timed.
  for (const op of OPS) {
    for (const name of LIBS) {
      bench.setLibrary(name)
      const start = performance.now()
      while (performance.now() - start < WARMUP_MS) await libs[name][op]()
    }
  }
  const out = Object.fromEntries(LIBS.map((name) => [name, {}])) as Record<LibName, OpTimes>
  const ratio = {} as OpTimes
  for (const op of OPS) {
    const iterations = {} as Record<LibName, number>
    for (const name of LIBS) {
      bench.setLibrary(name)
      const fn = libs[name][op]
      let n = 0
      const start = performance.now()
      while (performance.now() - start < WARMUP_MS || n < 100) {
        await fn()
        n++
      }
      const perMs = n / (performance.now() - start)
      iterations[name] = Math.max(20, Math.round(perMs * ROUND_MS[mode]))
    }
    const samples = Object.fromEntries(LIBS.map((name) => [name, [] as number[]])) as Record<LibName, number[]>
    for (let round = 0; round < ROUNDS; round++) {
      // Rotate the order each round so no library always runs right after the same one.
      for (let k = 0; k < LIBS.length; k++) {
        const name = LIBS[(k + round) % LIBS.length] as LibName
        bench.setLibrary(name)
        collect()
        samples[name].push(await timeLoop(libs[name][op], iterations[name]))
      }
    }
    for (const name of LIBS) out[name][op] = Math.round(median(samples[name]) * 100) / 100
    ratio[op] = Math.round(pairedRatio(samples.sortkey, samples.raw) * 1000) / 1000
    if (process.env.BENCH_DEBUG) for (const name of LIBS) console.error(mode, op, name, iterations[name], samples[name].map((x) => x.toFixed(0)).join(' '))
  }
  return { times: out, ratio }
}

const round2 = (n: number) => Math.round(n * 100) / 100

export async function runOverhead(print = true): Promise<void> {
  const loadBefore = loadavg()[0] ?? 0
  const modes = (process.env.BENCH_MODES ?? 'doc,sdk').split(',')
  const doc = modes.includes('doc') ? await measureMode('doc') : undefined
  const sdk = modes.includes('sdk') ? await measureMode('sdk') : undefined
  writeSection('overhead', { doc: doc?.times, sdk: sdk?.times, pairedRatio: { doc: doc?.ratio, sdk: sdk?.ratio } })
  writeMeta({ node: process.version, cpu: cpus()[0]?.model, cores: cpus().length, date: new Date().toISOString().slice(0, 10), rounds: ROUNDS, roundMs: ROUND_MS, clock: WALL ? 'wall' : 'cpu', loadAverage: [round2(loadBefore), round2(loadavg()[0] ?? 0)] })
  if (print) printOverhead()
}

if (import.meta.url === `file://${process.argv[1]}`) await runOverhead()
