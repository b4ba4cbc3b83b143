// Where a migration stands, per scan segment: the key to continue after, or done. Saved after
// every page (once its items are written), so a stopped or killed run resumes where it stopped;
// a file is replaced atomically (written aside, then renamed), never left half-written.

import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { ValidationError } from '../errors.js'
import type { TallyState } from './report.js'

type Attrs = Record<string, unknown>

/** One segment's position: the key to continue after, `null` (not started) or `'done'`. */
export type SegmentPosition = Attrs | null | 'done'

export interface CheckpointState {
  readonly table: string
  readonly segments: number
  readonly positions: readonly SegmentPosition[]
  /** Counts of the work done so far, so the final report of a resumed run covers the whole migration. */
  readonly tally: TallyState
}

/** Where checkpoints are kept: a file path, or your own store (a DynamoDB item, S3 object, ...). */
export interface CheckpointStore {
  /** The saved state, or undefined when there is none yet (a first run). */
  load(): CheckpointState | undefined | Promise<CheckpointState | undefined>
  /** Replaces the saved state; called after every page, one call at a time. */
  save(state: CheckpointState): void | Promise<void>
}

/** A checkpoint file, replaced atomically on every save. */
export function fileCheckpoint(path: string): CheckpointStore {
  return {
    load() {
      let text: string
      try {
        text = readFileSync(path, 'utf8')
      } catch (error) {
        if ((error as { code?: string }).code === 'ENOENT') return undefined
        throw error
      }
      return JSON.parse(text, revive) as CheckpointState
    },
    save(state) {
      const aside = `${path}.${process.pid}.tmp`
      writeFileSync(aside, JSON.stringify(state, replace))
      renameSync(aside, path)
    },
  }
}

/** Checks a loaded checkpoint belongs to this migration: same table, same number of segments. */
export function checkCheckpoint(state: unknown, table: string, segments: number): CheckpointState {
  const fail = (message: string): never => {
    throw new ValidationError(`table ${table}`, 'migrate', [{ path: ['checkpoint'], message }])
  }
  const s = state as Partial<CheckpointState> | null
  if (s === null || typeof s !== 'object' || !Array.isArray(s.positions) || typeof s.tally !== 'object') return fail('is not a migration checkpoint')
  if (s.table !== table) fail(`belongs to table ${String(s.table)}, not ${table}`)
  if (s.segments !== segments || s.positions.length !== segments) fail(`was made with ${String(s.segments)} segments; run with segments: ${String(s.segments)} to resume it`)
  for (const position of s.positions) {
    if (position !== null && position !== 'done' && (typeof position !== 'object' || Array.isArray(position))) fail('holds a position that is not a key')
  }
  return s as CheckpointState
}

// Binary key values (Uint8Array) survive JSON as { $binary: base64 }.
function replace(this: unknown, _key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? { $binary: Buffer.from(value).toString('base64') } : value
}

function revive(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { $binary?: unknown }).$binary === 'string' && Object.keys(value).length === 1) {
    return new Uint8Array(Buffer.from((value as { $binary: string }).$binary, 'base64'))
  }
  return value
}
