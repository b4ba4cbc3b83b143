// sortkey view: one self-contained HTML page showing the table as NoSQL Workbench's aggregate
// view does — partitions as row groups, entities in colour, each index selectable.

import { writeFileSync } from 'node:fs'
import { renderView } from '../../describe/html.js'
import type { Command } from '../context.js'
import { modelNotes, tableOption } from '../context.js'
import { CliError, oneLine } from '../errors.js'
import { loadTable } from '../model.js'
import { dataNotes, dataOption, readData } from './data.js'

export const view: Command = {
  spec: {
    name: 'view',
    summary: 'Write an HTML page showing the items by partition, per index, each entity in its colour.',
    positionals: ['model'],
    options: {
      ...tableOption,
      ...dataOption,
      out: { type: 'string', short: 'o', value: 'file', description: 'the page to write (default: <table name>.html)' },
      index: { type: 'string', value: 'name', description: 'the index shown first (default: the table)' },
      title: { type: 'string', value: 'text', description: 'the page title (default: the table name)' },
    },
    notes: [
      ...modelNotes,
      ...dataNotes,
      'Without --data the page shows one row of key templates per entity. The page makes no network requests.',
      'Does not connect to DynamoDB.',
    ],
  },
  async run(parsed, io) {
    const table = await loadTable(parsed.positionals[0] as string, parsed.values.table as string | undefined)
    const index = parsed.values.index as string | undefined
    if (index !== undefined && index !== 'primary' && !(index in table.spec.indexes)) {
      throw new CliError(`table ${table.name} has no index ${index} (indexes: ${['primary', ...Object.keys(table.spec.indexes)].join(', ')})`, 2)
    }
    const data = readData(table, parsed.values.data as string | undefined, io)
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
    io.out(`wrote ${out}: ${data.summary}; views: ${['table', ...Object.keys(table.spec.indexes)].join(', ')}`)
    return data.problems > 0 ? 1 : 0
  },
}
