// The --data option of view and export-workbench: the items of a data file (any format the
// reader takes), each identified by entity; entries that are not items are reported and left out.

import type { Io } from '../context.js'
import type { AnyTable } from '../model.js'
import { readDataFile } from '../data-file.js'
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

/** Reads --data when given: reports bad lines and items no entity claims on stderr. */
export function readData(table: AnyTable, file: string | undefined, io: Io): DataItems {
  if (file === undefined) return { items: undefined, problems: 0, summary: 'no items (key templates only)' }
  const { entries } = readDataFile(table, file)
  const items: Attrs[] = []
  let problems = 0
  const counts = new Map<string, number>([...table.entities.keys()].map((name) => [name, 0]))
  let unclaimed = 0
  for (const entry of entries) {
    if (entry.problem !== undefined) {
      io.err(`${entry.where}: ${entry.problem}`)
      problems++
      continue
    }
    items.push(entry.raw)
    const name = table.entityOf(entry.raw)?.name
    if (name === undefined) unclaimed++
    else counts.set(name, (counts.get(name) ?? 0) + 1)
  }
  if (unclaimed > 0) counts.set('(no entity)', unclaimed)
  if (unclaimed > 0) io.err(`${unclaimed} item${unclaimed === 1 ? '' : 's'} no entity of ${table.name} claims`)
  const by = describeCounts(counts)
  return { items, problems, summary: `${items.length} item${items.length === 1 ? '' : 's'}${by ? `: ${by}` : ''}` }
}
