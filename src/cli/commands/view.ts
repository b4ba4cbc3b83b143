// sortkey view: one self-contained HTML page showing the table as NoSQL Workbench's aggregate
// view does — partitions as row groups, entities in colour, each index selectable. Items come
// from a data file (--data) or the live table (--live); items that fail their entity's schema
// are marked with the reason.

import { writeFileSync } from 'node:fs'
import { ScanCommand } from '@aws-sdk/lib-dynamodb'
import { executeControl } from '../../client/executor.js'
import { renderView } from '../../describe/html.js'
import { indexNames } from '../../describe/source.js'
import { intOption } from '../args.js'
import type { Command } from '../context.js'
import { connectionOptions, modelNotes, tableOption, withModel } from '../context.js'
import { CliError, oneLine } from '../errors.js'
import { loadTable, type AnyTable } from '../model.js'
import { dataNotes, dataOption, readData, summarize, type DataItems } from './data.js'

type Attrs = Record<string, unknown>

export const view: Command = {
  spec: {
    name: 'view',
    summary: 'Write an HTML page showing the items by partition, per index, each entity in its colour.',
    positionals: ['model'],
    options: {
      ...tableOption,
      ...dataOption,
      live: { type: 'boolean', description: 'show the items of the table in DynamoDB (a scan; see --endpoint, --limit)' },
      limit: { type: 'string', short: 'n', value: 'n', description: 'with --live: at most n items' },
      ...connectionOptions,
      out: { type: 'string', short: 'o', value: 'file', description: 'the page to write (default: <table name>.html)' },
      index: { type: 'string', value: 'name', description: 'the index shown first (default: the table)' },
      title: { type: 'string', value: 'text', description: 'the page title (default: the table name)' },
    },
    notes: [
      ...modelNotes,
      ...dataNotes,
      'Without --data or --live the page shows one row of key templates per entity. Items that fail their',
      "entity's schema are marked, with the reason. The page makes no network requests.",
      'Only --live connects to DynamoDB.',
    ],
  },
  async run(parsed, io) {
    const live = parsed.values.live === true
    const limit = intOption('view', 'limit', parsed.values.limit, 1)
    if (live && parsed.values.data !== undefined) throw new CliError('give --data or --live, not both', 2)
    if (!live && limit !== undefined) throw new CliError('--limit goes with --live', 2)
    if (!live) {
      const table = await loadTable(parsed.positionals[0] as string, parsed.values.table as string | undefined)
      checkIndex(table, parsed.values.index as string | undefined)
      return write(table, parsed, readData(table, parsed.values.data as string | undefined, io), io)
    }
    return withModel(parsed, async ({ table }) => {
      checkIndex(table, parsed.values.index as string | undefined)
      const { items, more } = await scanStored(table, limit)
      const data = summarize(table, items, io)
      return write(table, parsed, { ...data, summary: `${data.summary} from table ${table.name}${more ? ` (first ${items.length}; more remain)` : ''}` }, io)
    })
  },
}

function checkIndex(table: AnyTable, index: string | undefined): void {
  if (index !== undefined && table.spec.registry.get(index) === undefined) {
    throw new CliError(`table ${table.name} has no index ${index} (indexes: ${indexNames(table).join(', ')})`, 2)
  }
}

function write(table: AnyTable, parsed: { values: Record<string, unknown> }, data: DataItems, io: { out(text: string): void }): number {
  const index = parsed.values.index as string | undefined
  const html = renderView(table, {
    ...(data.items ? { items: data.items } : {}),
    ...(index !== undefined ? { index } : {}),
    ...(parsed.values.title !== undefined ? { title: parsed.values.title as string } : {}),
  })
  const out = (parsed.values.out as string | undefined) ?? `${table.name.replace(/[^\w.-]/g, '_')}.html`
  try {
    writeFileSync(out, html)
  } catch (error) {
    throw new CliError(`cannot write ${out}: ${oneLine((error as Error).message)}`)
  }
  io.out(`wrote ${out}: ${data.summary}; views: ${['table', ...indexNames(table).slice(1)].join(', ')}`)
  return data.problems > 0 ? 1 : 0
}

/** The table's items as stored (not decoded: an item its entity refuses is still shown, and marked). */
async function scanStored(table: AnyTable, limit: number | undefined): Promise<{ items: Attrs[]; more: boolean }> {
  const client = table.client as NonNullable<AnyTable['client']>
  const items: Attrs[] = []
  let start: Attrs | undefined
  do {
    const command = new ScanCommand({ TableName: table.name, ExclusiveStartKey: start, ...(limit !== undefined ? { Limit: limit - items.length } : {}) })
    const page = await executeControl<{ Items?: Attrs[]; LastEvaluatedKey?: Attrs }>(client, command, 'scan', table.name)
    items.push(...(page.Items ?? []))
    start = page.LastEvaluatedKey
  } while (start && (limit === undefined || items.length < limit))
  return { items, more: start !== undefined }
}
