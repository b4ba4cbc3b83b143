// Checking a seed file against the model before anything is written: each item is identified
// (entity attribute or key pattern), decoded and re-encoded through its entity's schema, and
// checked for a key another line already uses. What fails is reported by line and skipped.

import type { Entity } from '../entity/entity.js'
import type { PutOperation } from '../entity/write-operations.js'
import { problemText } from '../describe/layout.js'
import type { AnyTable } from './model.js'
import type { DataEntry } from './data-file.js'

type Attrs = Record<string, unknown>

/** What seeding reads of the table: any table, whatever its indexes. */
export type SeedTable = Pick<AnyTable, 'entities' | 'entityOf' | 'parse' | 'spec'>

export interface SeedWrite {
  readonly where: string
  readonly entity: Entity
  readonly item: Attrs
  readonly op: PutOperation<unknown, unknown>
  /** A plain put that a batch can carry (no condition, no unique markers). */
  readonly batchable: boolean
}

export interface SeedPlan {
  readonly writes: SeedWrite[]
  /** `line 12: Game: people: Too big: expected number to be <=50` */
  readonly problems: string[]
  /** Valid items by entity name, in the model's order. */
  readonly counts: Map<string, number>
}

export function planSeed(table: SeedTable, entries: readonly DataEntry[]): SeedPlan {
  const writes: SeedWrite[] = []
  const problems: string[] = []
  const counts = new Map<string, number>([...table.entities.keys()].map((name) => [name, 0]))
  const seen = new Map<string, string>()
  for (const entry of entries) {
    if (entry.problem !== undefined) {
      problems.push(`${entry.where}: ${entry.problem}`)
      continue
    }
    const entity = table.entityOf(entry.raw)
    if (!entity) {
      problems.push(`${entry.where}: no entity matches ${describeKey(table, entry.raw)}`)
      continue
    }
    let write: SeedWrite
    let identity: string
    try {
      const { item } = table.parse(entry.raw)
      const op = entity.put(item as never) as PutOperation<unknown, unknown>
      const params = op.params()
      identity = JSON.stringify(entity.key(item as never))
      write = { where: entry.where, entity, item, op, batchable: params.ConditionExpression === undefined && entity.model.unique.length === 0 }
    } catch (error) {
      problems.push(`${entry.where}: ${reason(entity.name, error)}`)
      continue
    }
    const first = seen.get(identity)
    if (first !== undefined) {
      problems.push(`${entry.where}: ${entity.name}: same key as ${first} (${identity})`)
      continue
    }
    seen.set(identity, entry.where)
    writes.push(write)
    counts.set(entity.name, (counts.get(entity.name) ?? 0) + 1)
  }
  return { writes, problems, counts }
}

/** Why an item was refused, prefixed by its entity once. */
export function reason(entity: string, error: unknown): string {
  const text = problemText(error)
  return text.startsWith(`${entity}`) ? text : `${entity}: ${text}`
}

function describeKey(table: SeedTable, raw: Attrs): string {
  const spec = table.spec
  const names = [spec.entityAttribute, spec.partitionKey, spec.sortKey].filter((n): n is string => n !== undefined && raw[n] !== undefined)
  if (names.length === 0) return `(no ${[spec.partitionKey, spec.sortKey].filter(Boolean).join(' / ')} attribute)`
  return names.map((n) => `${n} ${JSON.stringify(raw[n])}`).join(', ')
}

/** `User 300, Game 15` */
export function describeCounts(counts: ReadonlyMap<string, number>): string {
  return [...counts].filter(([, n]) => n > 0).map(([name, n]) => `${name} ${n}`).join(', ')
}
