// The pagination engine every read shares. A read is described once (ReadSpec: the command
// input without a start key, how to decode an item, which key attributes a cursor holds); a
// "page" is one request per unfinished segment, sent concurrently for a parallel scan and
// merged in segment order.

import { requireClient, send, type CommandSender, type RequestContext } from '../client/send.js'
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
  readonly client: CommandSender | undefined
}

interface SegmentResult {
  readonly segment: number
  readonly items: Attrs[]
  readonly count: number
  readonly last: Attrs | undefined
}

/** One request per unfinished segment; segments are sent concurrently. */
async function fetchRound(spec: ReadSpec<unknown>, positions: readonly Position[], client: CommandSender): Promise<SegmentResult[]> {
  const segments = positions.length
  if (segments === 1) return [await fetchSegment(spec, 0, positions[0] as Position, client)]
  const pending: Promise<SegmentResult>[] = []
  for (let i = 0; i < segments; i++) {
    const position = positions[i] as Position
    if (position !== 0) pending.push(fetchSegment(spec, i, position, client))
  }
  return Promise.all(pending)
}

async function fetchSegment(spec: ReadSpec<unknown>, segment: number, position: Position, client: CommandSender): Promise<SegmentResult> {
  let input = spec.input
  if (spec.scope.segments > 1) input = { ...input, Segment: segment, TotalSegments: spec.scope.segments }
  if (position !== null && position !== 0) input = { ...input, ExclusiveStartKey: position }
  const output = await send<Attrs>(client, spec.command(input), spec.context)
  return {
    segment,
    items: (output.Items as Attrs[] | undefined) ?? [],
    count: (output.Count as number | undefined) ?? 0,
    last: output.LastEvaluatedKey as Attrs | undefined,
  }
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
    for (let i = 0; i < raw.length; i++) {
      const item = decode(raw[i] as Attrs)
      if (item === undefined) skipped++
      else items.push(item)
    }
    positions[result.segment] = result.last ?? 0
  }
  return skipped
}

/** The first page from the read's start. */
export async function readPage<T>(spec: ReadSpec<T>): Promise<Page<T>> {
  const client = clientOf(spec)
  const positions = spec.start.slice()
  if (!hasOpen(positions)) return { items: [], cursor: undefined, skipped: 0 }
  const items: T[] = []
  const skipped = decodeRound(spec, await fetchRound(spec, positions, client), positions, items)
  return { items, cursor: encodeCursor(spec.scope, positions), skipped }
}

/** Every page in turn, until the read is finished or `maxPages` pages were read. */
export async function* readPages<T>(spec: ReadSpec<T>, options?: PageOptions): AsyncGenerator<Page<T>, void, undefined> {
  const client = clientOf(spec)
  const maxPages = pageLimit(spec, options)
  const positions = spec.start.slice()
  for (let pages = 0; pages < maxPages && hasOpen(positions); pages++) {
    const items: T[] = []
    const skipped = decodeRound(spec, await fetchRound(spec, positions, client), positions, items)
    yield { items, cursor: encodeCursor(spec.scope, positions), skipped }
  }
}

/** Every item across pages (up to `maxPages`), with the cursor where it stopped. */
export async function readAll<T>(spec: ReadSpec<T>, options?: PageOptions): Promise<Page<T>> {
  const client = clientOf(spec)
  const maxPages = pageLimit(spec, options)
  const positions = spec.start.slice()
  const items: T[] = []
  let skipped = 0
  for (let pages = 0; pages < maxPages && hasOpen(positions); pages++) {
    skipped += decodeRound(spec, await fetchRound(spec, positions, client), positions, items)
  }
  return { items, cursor: encodeCursor(spec.scope, positions), skipped }
}

/**
 * Up to `n` items, reading as many pages as that takes (up to `maxPages`). When a page holds
 * more than are needed, the cursor continues right after the last item returned, so reading
 * on from it neither skips nor repeats an item.
 */
export async function readTake<T>(spec: ReadSpec<T>, n: number, options?: PageOptions): Promise<Page<T>> {
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
    const results = await fetchRound(round, positions, client)
    for (const result of results) {
      if (items.length >= n) break // later segments keep the position they started the round from
      const raw = result.items
      let i = 0
      for (; i < raw.length && items.length < n; i++) {
        const item = spec.decode(raw[i] as Attrs)
        if (item === undefined) skipped++
        else items.push(item)
      }
      if (i < raw.length) {
        // Cut inside this segment's page: continue after the last item read.
        positions[result.segment] = keyOf(raw[i - 1] as Attrs, spec.scope.keyAttributes)
        break
      }
      positions[result.segment] = result.last ?? 0
    }
  }
  return { items, cursor: encodeCursor(spec.scope, positions), skipped }
}

/** Counts matching items over every page: DynamoDB's Count, or decoded items when ownership is checked client-side. */
export async function readCount(spec: ReadSpec<unknown>, fromItems: boolean): Promise<number> {
  const client = clientOf(spec)
  const positions = spec.start.slice()
  let count = 0
  while (hasOpen(positions)) {
    const results = await fetchRound(spec, positions, client)
    for (const result of results) {
      if (fromItems) {
        for (const raw of result.items) if (spec.decode(raw) !== undefined) count++
      } else {
        count += result.count
      }
      positions[result.segment] = result.last ?? 0
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
