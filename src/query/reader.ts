// The pagination engine every read shares. A read is described once (ReadSpec: the command
// input without a start key, how to decode an item, which key attributes a cursor holds); a
// "page" is one request per unfinished segment, sent concurrently for a parallel scan and
// merged in segment order.

import { requireClient, type CommandSender, type RequestContext } from '../client/send.js'
import { execute, type EndObserved } from '../client/executor.js'
import type { KeyLimits } from '../client/limits.js'
import type { Capacity, Observation, Pending, Probe } from '../client/observe.js'
import { ValidationError } from '../errors.js'
import { encodeCursor, type CursorScope, type Position } from './cursor.js'
import type { Decode } from './narrow.js'

type Attrs = Record<string, unknown>

export interface Page<T> {
  /** The items of this page (or of every page read), decoded. */
  readonly items: T[]
  /** Where to continue (`startAfter(cursor)`); undefined when the read is finished. */
  readonly cursor: string | undefined
  /** Items DynamoDB returned that are not the entity's (or the collection's), so not in `items`. */
  readonly skipped: number
  /** Capacity the page's requests consumed (every page's, for `all` and `take`); set when capacity was asked for or a hook watches. */
  readonly capacity?: Capacity
}

export interface PageOptions {
  /** Stop after this many pages (requests per segment); the cursor says where to continue. */
  readonly maxPages?: number
}

export interface ReadSpec<T> {
  /** Owner for messages and errors: entity, collection or table name. */
  readonly owner: string
  readonly operation: 'query' | 'scan'
  /** The command input of every request, before `ExclusiveStartKey` / `Segment`. */
  readonly input: Attrs
  readonly command: (input: Attrs) => unknown
  readonly decode: Decode<T>
  readonly scope: CursorScope
  /** Where the read starts (from `startAfter`), one position per segment. */
  readonly start: readonly Position[]
  readonly context: RequestContext
  /** The table's key attributes and their byte limits (a key condition's values are checked against them). */
  readonly keys?: KeyLimits | undefined
  readonly client: CommandSender | undefined
  /** The table's hooks and capacity mode. */
  readonly observation?: Observation | undefined
  /** The entity (or collection) read, for hooks; undefined for table-wide reads. */
  readonly entity?: string | undefined
}

interface SegmentResult {
  readonly segment: number
  readonly items: Attrs[]
  readonly count: number
  readonly last: Attrs | undefined
  /** When observed: the request, told to the probe once its items are decoded (so it knows how many were returned). */
  watched: Watched | undefined
}

interface Watched {
  readonly probe: Probe
  readonly pending: Pending
  readonly output: Attrs
}

/** One request per unfinished segment; segments are sent concurrently. */
async function fetchRound(spec: ReadSpec<unknown>, positions: readonly Position[], client: CommandSender, probe: Probe | undefined): Promise<SegmentResult[]> {
  const segments = positions.length
  if (segments === 1) return [await fetchSegment(spec, 0, positions[0] as Position, client, probe)]
  const pending: Promise<SegmentResult>[] = []
  for (let i = 0; i < segments; i++) {
    const position = positions[i] as Position
    if (position !== 0) pending.push(fetchSegment(spec, i, position, client, probe))
  }
  if (probe === undefined) return Promise.all(pending)
  // Observed: when one segment fails, the others' requests are still reported before the error.
  const settled = await Promise.allSettled(pending)
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected')
  const results = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))
  if (failed) {
    for (const result of results) finish(result, 0)
    throw failed.reason
  }
  return results
}

async function fetchSegment(spec: ReadSpec<unknown>, segment: number, position: Position, client: CommandSender, probe: Probe | undefined): Promise<SegmentResult> {
  let input = spec.input
  if (spec.scope.segments > 1) input = { ...input, Segment: segment, TotalSegments: spec.scope.segments }
  if (position !== null && position !== 0) input = { ...input, ExclusiveStartKey: position }
  if (probe !== undefined) input = { ...input, ReturnConsumedCapacity: probe.mode }
  let watched: Watched | undefined
  const end: EndObserved | undefined = probe === undefined ? undefined : (watch, pending, output) => (watched = { probe: watch, pending, output })
  const request = { action: spec.operation === 'query' ? ('Query' as const) : ('Scan' as const), command: spec.command(input), input, context: spec.context, keys: spec.keys }
  const output = await execute<Attrs>(client, request, probe, end)
  return {
    segment,
    items: (output.Items as Attrs[] | undefined) ?? [],
    count: (output.Count as number | undefined) ?? 0,
    last: output.LastEvaluatedKey as Attrs | undefined,
    watched,
  }
}

/** Tells the probe about an observed request, now that it is known how many of its items were returned. */
function finish(result: SegmentResult, returned: number): void {
  const watched = result.watched
  if (watched === undefined) return
  result.watched = undefined
  const output = watched.output
  const matched = (output.Count as number | undefined) ?? 0
  const read = (output.ScannedCount as number | undefined) ?? matched
  watched.probe.end(watched.pending, output, { items: { read, matched, returned } })
}

/** A page, with the capacity its requests consumed when observed. */
function page<T>(items: T[], cursor: string | undefined, skipped: number, capacity: Capacity | undefined): Page<T> {
  return capacity === undefined ? { items, cursor, skipped } : { items, cursor, skipped, capacity }
}

function clientOf(spec: ReadSpec<unknown>): CommandSender {
  return requireClient(spec.client, spec.owner)
}

/** Decodes a round's items into `items`; returns how many were skipped. */
function decodeRound<T>(spec: ReadSpec<T>, results: readonly SegmentResult[], positions: Position[], items: T[]): number {
  let skipped = 0
  const decode = spec.decode
  for (const result of results) {
    const raw = result.items
    const before = items.length
    for (let i = 0; i < raw.length; i++) {
      const item = decode(raw[i] as Attrs)
      if (item === undefined) skipped++
      else items.push(item)
    }
    positions[result.segment] = result.last ?? 0
    if (result.watched !== undefined) finish(result, items.length - before)
  }
  return skipped
}

/** The first page from the read's start. `probe` watches the read (none: nothing watches). */
export async function readPage<T>(spec: ReadSpec<T>, probe?: Probe): Promise<Page<T>> {
  const client = clientOf(spec)
  const positions = spec.start.slice()
  if (!hasOpen(positions)) return { items: [], cursor: undefined, skipped: 0 }
  const items: T[] = []
  const skipped = decodeRound(spec, await fetchRound(spec, positions, client, probe), positions, items)
  return page(items, encodeCursor(spec.scope, positions), skipped, probe?.capacity())
}

/** Every page in turn, until the read is finished or `maxPages` pages were read. */
export async function* readPages<T>(spec: ReadSpec<T>, options?: PageOptions, probe?: Probe): AsyncGenerator<Page<T>, void, undefined> {
  const client = clientOf(spec)
  const maxPages = pageLimit(spec, options)
  const positions = spec.start.slice()
  for (let pages = 0; pages < maxPages && hasOpen(positions); pages++) {
    const items: T[] = []
    const skipped = decodeRound(spec, await fetchRound(spec, positions, client, probe), positions, items)
    yield page(items, encodeCursor(spec.scope, positions), skipped, probe?.takeRound())
  }
}

/** Every item across pages (up to `maxPages`), with the cursor where it stopped. */
export async function readAll<T>(spec: ReadSpec<T>, options?: PageOptions, probe?: Probe): Promise<Page<T>> {
  const client = clientOf(spec)
  const maxPages = pageLimit(spec, options)
  const positions = spec.start.slice()
  const items: T[] = []
  let skipped = 0
  for (let pages = 0; pages < maxPages && hasOpen(positions); pages++) {
    skipped += decodeRound(spec, await fetchRound(spec, positions, client, probe), positions, items)
  }
  return page(items, encodeCursor(spec.scope, positions), skipped, probe?.capacity())
}

/**
 * Up to `n` items, reading as many pages as that takes (up to `maxPages`). When a page holds
 * more than are needed, the cursor continues right after the last item returned, so reading
 * on from it neither skips nor repeats an item.
 */
export async function readTake<T>(spec: ReadSpec<T>, n: number, options?: PageOptions, probe?: Probe): Promise<Page<T>> {
  checkCount(spec, n, 'take')
  const client = clientOf(spec)
  const maxPages = pageLimit(spec, options)
  const positions = spec.start.slice()
  const items: T[] = []
  let skipped = 0
  const userLimit = spec.input.Limit as number | undefined
  for (let pages = 0; pages < maxPages && hasOpen(positions) && items.length < n; pages++) {
    // Without an explicit limit, ask for no more than are still missing (DynamoDB's Limit
    // counts items read, so a filter can still make a page come back short).
    const round = userLimit === undefined ? { ...spec, input: { ...spec.input, Limit: n - items.length } } : spec
    const results = await fetchRound(round, positions, client, probe)
    for (const result of results) {
      if (items.length >= n) break // later segments keep the position they started the round from
      const raw = result.items
      const before = items.length
      let i = 0
      for (; i < raw.length && items.length < n; i++) {
        const item = spec.decode(raw[i] as Attrs)
        if (item === undefined) skipped++
        else items.push(item)
      }
      if (result.watched !== undefined) finish(result, items.length - before)
      if (i < raw.length) {
        // Cut inside this segment's page: continue after the last item read.
        positions[result.segment] = keyOf(raw[i - 1] as Attrs, spec.scope.keyAttributes)
        break
      }
      positions[result.segment] = result.last ?? 0
    }
    if (probe !== undefined) for (const result of results) finish(result, 0) // read, but none of their items returned
  }
  return page(items, encodeCursor(spec.scope, positions), skipped, probe?.capacity())
}

/** Counts matching items over every page: DynamoDB's Count, or decoded items when ownership is checked client-side. */
export async function readCount(spec: ReadSpec<unknown>, fromItems: boolean, probe?: Probe): Promise<number> {
  const client = clientOf(spec)
  const positions = spec.start.slice()
  let count = 0
  while (hasOpen(positions)) {
    const results = await fetchRound(spec, positions, client, probe)
    for (const result of results) {
      const before = count
      if (fromItems) {
        for (const raw of result.items) if (spec.decode(raw) !== undefined) count++
      } else {
        count += result.count
      }
      positions[result.segment] = result.last ?? 0
      if (result.watched !== undefined) finish(result, count - before)
    }
  }
  return count
}

function keyOf(raw: Attrs, attributes: readonly string[]): Attrs {
  const key: Attrs = {}
  for (const name of attributes) key[name] = raw[name]
  return key
}

function hasOpen(positions: readonly Position[]): boolean {
  for (const position of positions) if (position !== 0) return true
  return false
}

function pageLimit(spec: ReadSpec<unknown>, options: PageOptions | undefined): number {
  const maxPages = options?.maxPages
  if (maxPages === undefined) return Infinity
  checkCount(spec, maxPages, 'maxPages')
  return maxPages
}

export function checkCount(spec: { readonly owner: string; readonly operation: string }, n: unknown, what: string): void {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) {
    throw new ValidationError(spec.owner, spec.operation, [{ path: [], message: `${what} must be a positive integer, got ${String(n)}` }])
  }
}
