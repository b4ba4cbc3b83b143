// Loads the original 835-item battle-royale data set. Each line is identified by its key
// pattern (the data has no entity attribute), validated by its entity, and written with
// batchWrite (25 items a request, unprocessed items retried).
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { table } from './model.js'
import { batchWrite } from '../../src/index.js'

export const DATA_FILE = fileURLToPath(new URL('./data/battle-royale-items.jsonl', import.meta.url))

export async function seed(file = DATA_FILE): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  const lines = readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '')
  const puts = lines.map((line, index) => {
    const raw = JSON.parse(line) as Record<string, unknown>
    const entity = table.entityOf(raw)
    if (!entity) throw new Error(`line ${index + 1}: no entity matches keys ${String(raw.PK)} / ${String(raw.SK)}`)
    counts[entity.name] = (counts[entity.name] ?? 0) + 1
    return entity.put(table.parse(raw).item as never)
  })
  await batchWrite(puts)
  return counts
}
