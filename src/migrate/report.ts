// What a migration did (or, in a dry run, would do): counts per entity and kind of change, the
// items that failed with their keys, a few before/after examples, capacity used and time taken.

import type { ChangeKind, ItemPlan } from './plan.js'

type Attrs = Record<string, unknown>

/** An item the migration could not bring to the current model, with why. */
export interface MigrateFailure {
  readonly entity: string | undefined
  readonly key: Attrs
  /** The error's code (`VALIDATION`, `KEY_VALUE`, `CONDITION_FAILED`, ...) or name. */
  readonly code: string
  readonly message: string
}

/** One item before and after (stored form), to see what a migration changes. */
export interface MigrateExample {
  readonly entity: string
  readonly kind: ChangeKind
  readonly before: Attrs
  readonly after: Attrs
}

/** Items per kind of change, for one entity. */
export type ChangeCounts = Record<ChangeKind, number>

/** The counts a checkpoint carries, so a resumed run reports the whole migration. */
export interface TallyState {
  scanned: number
  current: number
  rewritten: number
  rekeyed: number
  upgraded: number
  unknown: number
  newer: number
  gone: number
  conflicts: number
  readCapacity: number
  writeCapacity: number
  durationMs: number
  byEntity: Record<string, ChangeCounts>
  failed: MigrateFailure[]
}

export interface MigrateReport {
  readonly table: string
  /** True for a dry run: the counts say what a real run would write; nothing was written. */
  readonly dryRun: boolean
  /** False when the run was stopped (`signal`) before every segment was finished; run again to resume. */
  readonly complete: boolean
  /** Items read. */
  readonly scanned: number
  /** Items already as the current model stores them. */
  readonly current: number
  /** Items rewritten in place (index keys, fields, upgrades); in a dry run, items that would be. */
  readonly rewritten: number
  /** Items moved to a new primary key. */
  readonly rekeyed: number
  /** Items the entity's `upgrade` was applied to (counted in `rewritten` or `rekeyed` too). */
  readonly upgraded: number
  /** Items no entity claims (left alone). */
  readonly unknown: number
  /** Items written at a newer model version than the model's (left alone). */
  readonly newer: number
  /** Items deleted by someone else while they were being migrated. */
  readonly gone: number
  /** Writes that found the item changed since it was read, and were redone from a fresh read. */
  readonly conflicts: number
  /** Per entity, items per kind of change. */
  readonly byEntity: Readonly<Record<string, ChangeCounts>>
  readonly failed: readonly MigrateFailure[]
  /** A few items before and after, per entity and kind of change (dry run). */
  readonly examples: readonly MigrateExample[]
  /** Capacity units consumed by the migration's reads and writes. */
  readonly capacity: { readonly read: number; readonly write: number }
  readonly durationMs: number
}

/** The running counts of a migration. */
export class Tally {
  readonly state: TallyState
  readonly examples: MigrateExample[] = []
  readonly #perKind = new Map<string, number>()

  constructor(
    readonly examplesPerKind: number,
    from?: TallyState,
  ) {
    this.state = from
      ? { ...from, byEntity: structuredClone(from.byEntity), failed: [...from.failed] }
      : { scanned: 0, current: 0, rewritten: 0, rekeyed: 0, upgraded: 0, unknown: 0, newer: 0, gone: 0, conflicts: 0, readCapacity: 0, writeCapacity: 0, durationMs: 0, byEntity: {}, failed: [] }
  }

  /** Counts one item's final plan (the one written, or that needed nothing). */
  count(plan: ItemPlan, upgraded: boolean): void {
    const s = this.state
    if (plan.kind === 'unknown') s.unknown++
    else if (plan.kind === 'newer') s.newer++
    else if (plan.kind !== 'invalid') {
      const counts = (s.byEntity[plan.entity] ??= { current: 0, 'index-keys': 0, rekey: 0, upgrade: 0, fields: 0 })
      counts[plan.kind]++
      if (plan.kind === 'current') s.current++
      else if (plan.kind === 'rekey') s.rekeyed++
      else s.rewritten++
      if (upgraded) s.upgraded++
      if (plan.kind !== 'current') this.example({ entity: plan.entity, kind: plan.kind, before: plan.before, after: plan.after })
    }
  }

  fail(entity: string | undefined, key: Attrs, error: unknown): void {
    const e = error as { code?: unknown; name?: unknown; message?: unknown }
    const code = typeof e?.code === 'string' ? e.code : typeof e?.name === 'string' ? e.name : 'ERROR'
    this.state.failed.push({ entity, key, code, message: typeof e?.message === 'string' ? e.message : String(error) })
  }

  private example(example: MigrateExample): void {
    const id = `${example.entity}\u0000${example.kind}`
    const seen = this.#perKind.get(id) ?? 0
    if (seen >= this.examplesPerKind) return
    this.#perKind.set(id, seen + 1)
    this.examples.push(example)
  }

  report(table: string, dryRun: boolean, complete: boolean): MigrateReport {
    const s = this.state
    return {
      table,
      dryRun,
      complete,
      scanned: s.scanned,
      current: s.current,
      rewritten: s.rewritten,
      rekeyed: s.rekeyed,
      upgraded: s.upgraded,
      unknown: s.unknown,
      newer: s.newer,
      gone: s.gone,
      conflicts: s.conflicts,
      byEntity: structuredClone(s.byEntity),
      failed: [...s.failed],
      examples: [...this.examples],
      capacity: { read: s.readCapacity, write: s.writeCapacity },
      durationMs: s.durationMs,
    }
  }
}
