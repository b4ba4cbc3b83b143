// sortkey export-workbench: the model (and, with --data, its items) as a NoSQL Workbench data
// model file, format 2.0.

import { writeFileSync } from 'node:fs'
import { exportWorkbench, type WorkbenchModel } from '../../describe/workbench.js'
import type { Command } from '../context.js'
import { modelNotes, tableOption } from '../context.js'
import { CliError, oneLine } from '../errors.js'
import { loadTable } from '../model.js'
import { dataNotes, dataOption, readData } from './data.js'

export const exportWorkbenchCommand: Command = {
  spec: {
    name: 'export-workbench',
    summary: 'Write the model (and --data items) as a NoSQL Workbench data model.',
    positionals: ['model'],
    options: {
      ...tableOption,
      ...dataOption,
      out: { type: 'string', short: 'o', value: 'file', description: 'write to this file (default: standard output)' },
      name: { type: 'string', value: 'name', description: 'ModelName (default: the table name)' },
      date: { type: 'string', value: 'iso', description: 'DateCreated / DateLastModified (default: now)' },
    },
    notes: [
      ...modelNotes,
      ...dataNotes,
      'One facet per entity, with its key templates as key aliases; items become TableData in DynamoDB JSON.',
      'Import it in NoSQL Workbench: Data modeler > Import data model. Does not connect to DynamoDB.',
    ],
  },
  async run(parsed, io) {
    const date = parsed.values.date === undefined ? undefined : new Date(parsed.values.date as string)
    if (date !== undefined && Number.isNaN(date.getTime())) throw new CliError(`--date must be an ISO date such as 2024-01-31 (got ${JSON.stringify(parsed.values.date)})`, 2)
    const table = await loadTable(parsed.positionals[0] as string, parsed.values.table as string | undefined)
    const data = readData(table, parsed.values.data as string | undefined, io)
    const model = exportWorkbench(table, {
      ...(data.items ? { items: data.items } : {}),
      ...(parsed.values.name !== undefined ? { name: parsed.values.name as string } : {}),
      ...(date ? { date } : {}),
    })
    const text = workbenchJson(model)
    // Indexes the format cannot express (multi-attribute keys) are left out; the description says so, and so do we.
    const left = /Left out: (.*)$/.exec(model.ModelMetadata.Description)?.[1]
    const out = parsed.values.out as string | undefined
    if (out === undefined) {
      io.out(text)
      if (left !== undefined) io.err(`note: left out ${left}`)
    } else {
      try {
        writeFileSync(out, `${text}\n`)
      } catch (error) {
        throw new CliError(`cannot write ${out}: ${oneLine((error as Error).message)}`)
      }
      const facets = model.DataModel[0]?.TableFacets.length ?? 0
      io.out(`wrote ${out}: ${facets} facet${facets === 1 ? '' : 's'} (${model.DataModel[0]?.TableFacets.map((f) => f.FacetName).join(', ')}), ${data.summary}${left === undefined ? '' : `; left out ${left}`}`)
    }
    return data.problems > 0 ? 1 : 0
  },
}

/** Indented JSON with each item of TableData on one line, so a model with many items stays readable. */
export function workbenchJson(model: WorkbenchModel): string {
  const marker = '\u0000item:'
  const items: string[] = []
  const shaped = {
    ...model,
    DataModel: model.DataModel.map((t) => ({ ...t, TableData: t.TableData.map((item) => `${marker}${items.push(JSON.stringify(item)) - 1}`) })),
  }
  return JSON.stringify(shaped, null, 2).replace(/"\\u0000item:(\d+)"/g, (_, i: string) => items[Number(i)] as string)
}
