// sortkey describe | check: the model's access patterns as Markdown, and a check of its key
// patterns on every index. Neither connects to DynamoDB.

import { checkTable, checkText } from '../../describe/check.js'
import { describeTable } from '../../describe/describe.js'
import { describeMarkdown } from '../../describe/markdown.js'
import type { Command } from '../context.js'
import { modelNotes, tableOption } from '../context.js'
import { loadTable } from '../model.js'


export const describe: Command = {
  spec: {
    name: 'describe',
    summary: "Print the model's access patterns (entity, index, key templates, sparse) as Markdown.",
    positionals: ['model'],
    options: { ...tableOption, json: { type: 'boolean', description: 'print the description as JSON instead' } },
    notes: [...modelNotes, 'Does not connect to DynamoDB.'],
  },
  async run(parsed, io) {
    const table = await loadTable(parsed.positionals[0] as string, parsed.values.table as string | undefined)
    const description = describeTable(table)
    io.out(parsed.values.json ? JSON.stringify(description, null, 2) : describeMarkdown(description))
    return 0
  },
}

export const check: Command = {
  spec: {
    name: 'check',
    summary: 'Check every index for key patterns that collide, or make queries filter out other entities.',
    positionals: ['model'],
    options: { ...tableOption, json: { type: 'boolean', description: 'print the report as JSON instead' } },
    notes: [
      ...modelNotes,
      'Reports, on every index: two entities whose key patterns can produce the same stored key; an entity whose queries',
      "also read another entity's items (its sort key has no literal prefix, or one the other's sort keys can start with).",
      'Exit code 1 when there is any. Does not connect to DynamoDB.',
    ],
  },
  async run(parsed, io) {
    const table = await loadTable(parsed.positionals[0] as string, parsed.values.table as string | undefined)
    const report = checkTable(table)
    if (parsed.values.json) io.out(JSON.stringify(report, null, 2))
    else for (const line of checkText(report)) io.out(line)
    return report.ok ? 0 : 1
  },
}
