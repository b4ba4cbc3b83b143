// The --data option of view and export-workbench: the items of a data file (any format the
// reader takes), each identified by entity; entries that are not items are reported and left out.

import type { Io } from '../context.js'
import type { AnyTable } from '../model.js'
import { readDataFile } from '../data-file.js'
import { identifyItems } from '../../describe/layout.js'
import { describeCounts } from '../seed-plan.js'

type Attrs = Record<string, unknown>

export const dataOption = {
  data: { type: 'string', value: 'file', description: 'items to show: a seed file, scan --json output, a Workbench model, DynamoDB JSON' },
} as const

/** What a data file may hold, for --help. */
export const dataNotes: readonly string[] = [
  'Data files: stored items (one JSON object a line, or a JSON array), `sortkey scan --json` lines,',
  'a NoSQL Workbench model (its TableData), `aws dynamodb scan` output, DynamoDB export-to-S3 lines',
  '({"Item": ...}), or items in DynamoDB JSON.',
]

export interface DataItems {
  items: Attrs[] | undefined
  /** Lines that were not JSON objects. */
  problems: number
  /** `835 items: User 300, Game 15, UserGameMapping 520` */
  summary: string
}

/** Reads --data when given: reports entries that are not items on stderr, then summarizes the items. */
export function readData(table: AnyTable, file: string | undefined, io: Io): DataItems {
  if (file === undefined) return { items: undefined, problems: 0, summary: 'no items (key templates only)' }
  const { entries } = readDataFile(table, file)
  const items: Attrs[] = []
  const where: string[] = []
  let problems = 0
  for (const entry of entries) {
    if (entry.problem !== undefined) {
      io.err(`${entry.where}: ${entry.problem}`)
      problems++
      continue
    }
    items.push(entry.raw)
    where.push(entry.where)
  }
  return { ...summarize(table, items, io, where), problems }
}

/**
 * Counts items by entity, and reports on stderr the items no entity claims and those that fail
 * their entity's schema (the page marks them; they are not left out).
 */
export function summarize(table: AnyTable, items: Attrs[], io: Pick<Io, 'err'>, where?: readonly string[]): DataItems {
  const counts = new Map<string, number>([...table.entities.keys()].map((name) => [name, 0]))
  const viewed = identifyItems(table, items)
  let unclaimed = 0
  let invalid = 0
  for (const [i, { entity, problem }] of viewed.entries()) {
    if (entity === undefined) unclaimed++
    else counts.set(entity, (counts.get(entity) ?? 0) + 1)
    if (problem === undefined) continue
    invalid++
    io.err(`${where?.[i] ?? keyOf(table, items[i] as Attrs)}: invalid ${entity as string}: ${problem}`)
  }
  if (unclaimed > 0) counts.set('(no entity)', unclaimed)
  if (unclaimed > 0) io.err(`${unclaimed} item${unclaimed === 1 ? '' : 's'} no entity of ${table.name} claims`)
  const by = describeCounts(counts)
  return { items, problems: 0, summary: `${items.length} item${items.length === 1 ? '' : 's'}${by ? `: ${by}` : ''}${invalid > 0 ? ` (${invalid} invalid, marked)` : ''}` }
}

/** `PK "USER#a", SK "PROFILE"`: where an item without a line number is. */
function keyOf(table: AnyTable, item: Attrs): string {
  return [table.spec.partitionKey, table.spec.sortKey]
    .filter((k): k is string => k !== undefined)
    .map((k) => `${k} ${JSON.stringify(item[k])}`)
    .join(', ')
}
