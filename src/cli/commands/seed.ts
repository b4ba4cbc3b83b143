// sortkey seed: validate every item of a JSON lines (or JSON array) file against its entity,
// report the ones that fail by line, and write the rest in batches with a progress bar.

import { modelNotes, modelOptions, withModel, type Command } from '../context.js'
import { dataNotes } from './data.js'
import { progressBar } from '../progress.js'
import { batchWrite } from '../../table/batch.js'
import { readDataFile } from '../data-file.js'
import { describeCounts, planSeed } from '../seed-plan.js'

export const seed: Command = {
  spec: {
    name: 'seed',
    summary: 'Validate the items of a data file and write the valid ones.',
    positionals: ['model', 'file'],
    options: { ...modelOptions, 'dry-run': { type: 'boolean', description: 'only validate: write nothing' } },
    notes: [
      ...modelNotes,
      ...dataNotes,
      'Each item is identified by the entity attribute or its key pattern, and validated by its entity.',
      'Exit code 1 when some items were invalid (the valid ones are still written).',
    ],
  },
  async run(parsed, io) {
    return withModel(parsed, async ({ table }) => {
      const { entries } = readDataFile(table, parsed.positionals[1] as string)
      const plan = planSeed(table, entries)
      for (const problem of plan.problems) io.err(problem)
      const summary = describeCounts(plan.counts)
      if (parsed.values['dry-run']) {
        io.out(`${plan.writes.length} valid items for ${table.name}${summary ? `: ${summary}` : ''} (dry run: nothing written)`)
      } else {
        const batch = plan.writes.filter((w) => w.batchable)
        const bar = progressBar(`seeding ${table.name}`, plan.writes.length, io.stderr)
        try {
          if (batch.length > 0) await batchWrite(batch.map((w) => w.op), { client: table.client, onProgress: ({ done }) => bar.update(done) })
          let done = batch.length
          for (const write of plan.writes) {
            if (write.batchable) continue
            await write.entity.withClient(table.client as NonNullable<typeof table.client>).put(write.item as never)
            bar.update(++done)
          }
        } finally {
          bar.stop()
        }
        io.out(`seeded ${plan.writes.length} items into ${table.name}${summary ? `: ${summary}` : ''}`)
      }
      if (plan.problems.length === 0) return 0
      io.err(`${plan.problems.length} invalid item${plan.problems.length === 1 ? '' : 's'} skipped`)
      return 1
    })
  },
}
