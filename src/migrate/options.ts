// The options of `migrate`, checked before anything is sent: numbers must be finite positive
// whole numbers, a dry run keeps no checkpoint.

import type { CommandSender } from '../client/send.js'
import { ValidationError } from '../errors.js'
import { fileCheckpoint, type CheckpointStore } from './checkpoint.js'

type Attrs = Record<string, unknown>

/** Where a migration stands, after each page (`onProgress`). */
export interface MigrateProgress {
  readonly scanned: number
  readonly current: number
  readonly rewritten: number
  readonly rekeyed: number
  readonly failed: number
  /** Segments finished so far, of `segments`. */
  readonly segmentsDone: number
  readonly segments: number
  /** Time since this run started (a resumed run counts from its own start). */
  readonly elapsedMs: number
  /** Items scanned per second by this run. */
  readonly itemsPerSecond: number
  /** Capacity units this migration has consumed so far. */
  readonly capacity: { readonly read: number; readonly write: number }
}

export interface MigrateOptions {
  /** Count what would change, with a few before/after examples; write nothing (default false). */
  dryRun?: boolean
  /** Parallel scan segments, read and migrated concurrently (default 1). */
  segments?: number
  /** Most write capacity units to consume per second (no limit by default). */
  maxWcu?: number
  /** Most read capacity units to consume per second (no limit by default). */
  maxRcu?: number
  /** Items per scan page (DynamoDB's `Limit`; default 100): the checkpoint moves after each page. */
  pageSize?: number
  /** Items of a page written concurrently, per segment (default 4). */
  concurrency?: number
  /** A checkpoint file path (or store): the run saves its position per segment and resumes from it. */
  checkpoint?: string | CheckpointStore
  /** How often an item is re-read and written again when someone else changed it meanwhile (default 5). */
  maxAttempts?: number
  /** Before/after examples kept per entity and kind of change (default 3). */
  examples?: number
  /**
   * The entity of an item no entity claims — an entity renamed, or (without an entity attribute)
   * a key template changed: return its current entity name, or undefined to leave it alone.
   */
  identify?: (stored: Attrs) => string | undefined
  /** Stops the run after the pages in progress; the checkpoint lets a later run resume. */
  signal?: AbortSignal
  /** Called after each page. */
  onProgress?: (progress: MigrateProgress) => void
  /** Send with this client instead of the table's. */
  client?: CommandSender
}

export interface ResolvedOptions {
  readonly dryRun: boolean
  readonly segments: number
  readonly maxWcu: number | undefined
  readonly maxRcu: number | undefined
  readonly pageSize: number
  readonly concurrency: number
  readonly checkpoint: CheckpointStore | undefined
  readonly maxAttempts: number
  readonly examples: number
  readonly identify: ((stored: Attrs) => string | undefined) | undefined
  readonly signal: AbortSignal | undefined
  readonly onProgress: ((progress: MigrateProgress) => void) | undefined
  readonly client: CommandSender | undefined
}

export function resolveOptions(table: string, options: MigrateOptions | undefined): ResolvedOptions {
  const o = options ?? {}
  const fail = (option: string, message: string): never => {
    throw new ValidationError(`table ${table}`, 'migrate', [{ path: [option], message }])
  }
  if (typeof o !== 'object') fail('options', 'must be an object')
  const count = (option: keyof MigrateOptions, fallback: number | undefined, min: number, max: number): number | undefined => {
    const value = o[option]
    if (value === undefined) return fallback
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
      fail(option, `must be a whole number from ${min} to ${max} (got ${typeof value === 'number' ? String(value) : JSON.stringify(value) ?? typeof value})`)
    }
    return value as number
  }
  const fn = <F>(option: keyof MigrateOptions): F | undefined => {
    const value = o[option]
    if (value !== undefined && typeof value !== 'function') fail(option, 'must be a function')
    return value as F | undefined
  }
  const dryRun = o.dryRun ?? false
  if (typeof dryRun !== 'boolean') fail('dryRun', 'must be true or false')
  let checkpoint: CheckpointStore | undefined
  if (typeof o.checkpoint === 'string') {
    if (o.checkpoint.length === 0) fail('checkpoint', 'must be a file path')
    checkpoint = fileCheckpoint(o.checkpoint)
  } else if (o.checkpoint !== undefined) {
    const store = o.checkpoint as Partial<CheckpointStore> | null
    if (store === null || typeof store !== 'object' || typeof store.load !== 'function' || typeof store.save !== 'function') fail('checkpoint', 'must be a file path or { load, save }')
    checkpoint = o.checkpoint
  }
  if (dryRun && checkpoint !== undefined) fail('checkpoint', 'a dry run writes nothing, so it keeps no checkpoint')
  const signal = o.signal
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || typeof signal.aborted !== 'boolean')) fail('signal', 'must be an AbortSignal')
  const client = o.client
  if (client !== undefined && (client === null || typeof (client as { send?: unknown }).send !== 'function')) fail('client', 'must be a DynamoDBDocumentClient')
  return {
    dryRun,
    segments: count('segments', 1, 1, 1_000_000) as number,
    maxWcu: count('maxWcu', undefined, 1, Number.MAX_SAFE_INTEGER),
    maxRcu: count('maxRcu', undefined, 1, Number.MAX_SAFE_INTEGER),
    pageSize: count('pageSize', 100, 1, 10_000) as number,
    concurrency: count('concurrency', 4, 1, 1_000) as number,
    checkpoint,
    maxAttempts: count('maxAttempts', 5, 1, 100) as number,
    examples: count('examples', 3, 0, 1_000) as number,
    identify: fn('identify'),
    signal,
    onProgress: fn('onProgress'),
    client,
  }
}
