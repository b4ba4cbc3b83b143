// Table-wide reads: queries and scans that can meet any entity, keyed by raw stored values.
// Each item is identified and decoded by the table (`{ entity, item }`).

import { TableQuery, TableScan, type TableReadSource } from '../query/table-reads.js'
import type { ScanOptions, TableQueries } from '../query/index.js'
import type { IndexDefinition } from './definition.js'
import type { Table, TableHandle } from './table.js'

/**
 * Queries of the whole table, one per index (and `primary`), keyed by raw stored values: every
 * item of a partition, whatever its entity. Each item comes back as `{ entity, item }`,
 * identified (entity attribute or key patterns) and decoded; an item no entity claims has
 * `entity: undefined` and its raw attributes. Sends with the table's client.
 *
 * @example
 * ```ts
 * import { queryTable } from 'sortkey'
 *
 * const page = await queryTable(table).primary({ PK: 'GAME#g1' }).between('#METADATA#g1', 'USER$')
 * for (const { entity, item } of page.items) console.log(entity, item)
 * ```
 */
export function queryTable<I extends Record<string, IndexDefinition>, PK extends string, SK extends string>(table: Table<I, PK, SK>): TableQueries<I, PK, SK> {
  let queries = queriesByTable.get(table)
  if (!queries) {
    const source = readSource(table)
    const made: Record<string, (key: Record<string, string | number>) => TableQuery> = {}
    for (const { name } of table.spec.registry.entries) made[name] = (key) => new TableQuery(source, name, key)
    queries = Object.freeze(made)
    queriesByTable.set(table, queries)
  }
  return queries as unknown as TableQueries<I, PK, SK>
}

// Made once per table: queryTable(table) is called per request in handlers.
const queriesByTable = new WeakMap<TableHandle, object>()

/**
 * Every item of `table` (or of `options.index`), identified and decoded as `{ entity, item }`;
 * `{ segments: n }` reads the segments of a parallel scan concurrently. Sends with the table's
 * client.
 *
 * @example
 * ```ts
 * import { scanTable } from 'sortkey'
 *
 * const { items } = await scanTable(table, { segments: 4 }).all()
 * const open = await scanTable(table, { index: 'OpenGamesIndex' }).take(100)
 * ```
 */
export function scanTable<I extends Record<string, IndexDefinition>, PK extends string, SK extends string>(table: Table<I, PK, SK>, options?: ScanOptions<keyof I & string>): TableScan {
  return new TableScan(readSource(table), options)
}

function readSource(table: TableHandle): TableReadSource {
  return { spec: table.spec, client: table.client, parse: (raw) => table.parse(raw) }
}
