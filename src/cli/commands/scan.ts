// sortkey scan: every item of the table (or of one entity), decoded, as a table per entity or as
// JSON lines.

import { intOption } from '../args.js'
import { CliError } from '../errors.js'
import { modelNotes, modelOptions, withModel, type Command } from '../context.js'
import { renderTable, toJson } from '../render.js'
import { describeCounts } from '../seed-plan.js'
import { scanTable } from '../../table/reads.js'

type Attrs = Record<string, unknown>
interface Reads<T> {
  all(): Promise<{ items: T[]; cursor: string | undefined }>
  take(n: number): Promise<{ items: T[]; cursor: string | undefined }>
}

const UNKNOWN = '(unknown entity)'

export const scan: Command = {
  spec: {
    name: 'scan',
    summary: "Print the table's items, decoded, grouped by entity.",
    positionals: ['model'],
    options: {
      ...modelOptions,
      entity: { type: 'string', short: 'e', value: 'name', description: 'only items of this entity' },
      limit: { type: 'string', short: 'n', value: 'n', description: 'at most n items' },
      json: { type: 'boolean', description: 'one JSON object a line: {"entity": ..., "item": ...}' },
    },
    notes: modelNotes,
  },
  async run(parsed, io) {
    const limit = intOption('scan', 'limit', parsed.values.limit, 1)
    const only = parsed.values.entity as string | undefined
    await withModel(parsed, async ({ table }) => {
      let items: { entity: string | undefined; item: Attrs }[]
      let more: boolean
      if (only !== undefined) {
        const entity = table.entities.get(only)
        if (!entity) throw new CliError(`table ${table.name} has no entity ${only} (entities: ${[...table.entities.keys()].join(', ')})`)
        const reads = (entity.withClient(table.client as NonNullable<typeof table.client>) as unknown as { scan(): Reads<Attrs> }).scan()
        const page = limit === undefined ? await reads.all() : await reads.take(limit)
        items = page.items.map((item) => ({ entity: only, item }))
        more = page.cursor !== undefined
      } else {
        const reads = scanTable(table) as unknown as Reads<{ entity: string | undefined; item: Attrs }>
        const page = limit === undefined ? await reads.all() : await reads.take(limit)
        items = page.items
        more = page.cursor !== undefined
      }
      const groups = new Map<string, Attrs[]>([...table.entities.keys()].map((name) => [name, []]))
      for (const { entity, item } of items) {
        const name = entity ?? UNKNOWN
        const list = groups.get(name)
        if (list) list.push(item)
        else groups.set(name, [item])
      }
      const counts = new Map([...groups].map(([name, list]) => [name, list.length]))
      const summary = `${items.length} item${items.length === 1 ? '' : 's'}${items.length ? `: ${describeCounts(counts)}` : ''}${more ? ` (first ${items.length}; more remain)` : ''}`
      if (parsed.values.json) {
        for (const { entity, item } of items) io.out(toJson({ entity: entity ?? null, item }))
        io.err(summary)
        return
      }
      for (const [name, list] of groups) {
        if (list.length === 0) continue
        io.out(`${name} (${list.length} item${list.length === 1 ? '' : 's'})`)
        io.out(renderTable(list))
        io.out('')
      }
      io.out(summary)
    })
    return 0
  },
}
