// sortkey migrate: bring every item of the table to what the model stores for it (see migrate()),
// with a dry run, capacity limits, a checkpoint to resume from, and progress as it goes.

import { DescribeTableCommand } from '@aws-sdk/client-dynamodb'
import { intOption } from '../args.js'
import { modelNotes, modelOptions, withModel, type Command } from '../context.js'
import { rateProgress } from '../progress.js'
import { toJson } from '../render.js'
import { migrate } from '../../migrate/migrate.js'
import { formatReport } from '../migrate-report.js'
import type { CommandSender } from '../../client/send.js'
import { executeControl } from '../../client/executor.js'

export const migrateCommand: Command = {
  spec: {
    name: 'migrate',
    summary: 'Rewrite the items the current model stores differently: index keys, re-keys, upgrades, new defaults.',
    positionals: ['model'],
    options: {
      ...modelOptions,
      'dry-run': { type: 'boolean', description: 'count what would change per entity, with examples; write nothing' },
      segments: { type: 'string', value: 'n', description: 'parallel scan segments (default 1)' },
      'max-wcu': { type: 'string', value: 'n', description: 'most write capacity units per second' },
      'max-rcu': { type: 'string', value: 'n', description: 'most read capacity units per second' },
      checkpoint: { type: 'string', value: 'file', description: 'save the position per segment here, and resume from it' },
      'page-size': { type: 'string', value: 'n', description: 'items per scan page (default 100)' },
      concurrency: { type: 'string', value: 'n', description: 'items written at once per segment (default 4)' },
      json: { type: 'boolean', description: 'print the report as JSON' },
    },
    notes: [
      ...modelNotes,
      'Each rewrite is conditional on the item being as it was read, so the application can keep writing.',
      'Ctrl-C stops after the pages in progress; with --checkpoint, run the same command again to resume.',
      'Exit code 1 when some items could not be migrated (listed with their keys).',
    ],
  },
  async run(parsed, io) {
    const v = parsed.values
    const number = (name: string) => intOption('migrate', name, v[name], 1)
    const options = {
      dryRun: v['dry-run'] === true,
      segments: number('segments'),
      maxWcu: number('max-wcu'),
      maxRcu: number('max-rcu'),
      pageSize: number('page-size'),
      concurrency: number('concurrency'),
      checkpoint: v.checkpoint as string | undefined,
    }
    return withModel(parsed, async ({ table }) => {
      const total = await itemCount(table.client as CommandSender, table.name)
      const progress = rateProgress(`migrate ${table.name}`, total, io)
      const stop = new AbortController()
      const interrupt = () => stop.abort()
      process.once('SIGINT', interrupt)
      try {
        const report = await migrate(table, {
          ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)),
          signal: stop.signal,
          onProgress: (p) => progress.update({ done: p.scanned, perSecond: p.itemsPerSecond, detail: `rewritten ${p.rewritten}, re-keyed ${p.rekeyed}, failed ${p.failed}` }),
        })
        progress.stop()
        if (v.json) io.out(toJson(report))
        else for (const line of formatReport(report)) io.out(line)
        return report.failed.length > 0 ? 1 : 0
      } finally {
        progress.stop()
        process.removeListener('SIGINT', interrupt)
      }
    })
  },
}

/** DynamoDB's estimate of the table's item count (for the ETA), or undefined when it cannot say. */
async function itemCount(client: CommandSender, table: string): Promise<number | undefined> {
  const output = await executeControl<{ Table?: { ItemCount?: number } }>(client, new DescribeTableCommand({ TableName: table }), 'migrate', `table ${table}`)
  return output.Table?.ItemCount
}
