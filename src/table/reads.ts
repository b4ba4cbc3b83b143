// Table-wide reads: queries and scans that can meet any entity, keyed by raw stored values.
// Each item is identified and decoded by the table (`{ entity, item }`).

import { TableQuery, TableScan, type TableReadSource } from '../query/table-reads.js'
import type { ScanOptions, TableQueries } from '../query/index.js'
import type { IndexDefinition } from './definition.js'
import type { Table, TableHandle } from './table.js'

/**
 * One query per index (and `primary`) of `table`, keyed by raw stored values:
 * `queryTable(table).primary({ PK: 'GAME#g1' }).between('#METADATA#g1', 'USER$')`. An item no
 * entity claims comes back with `entity: undefined` and its raw attributes.
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

/** Every item of `table` (or `index`), identified and decoded; `{ segments: n }` for a parallel scan. */
export function scanTable<I extends Record<string, IndexDefinition>, PK extends string, SK extends string>(table: Table<I, PK, SK>, options?: ScanOptions<keyof I & string>): TableScan {
  return new TableScan(readSource(table), options)
}

function readSource(table: TableHandle): TableReadSource {
  return { spec: table.spec, client: table.client, parse: (raw) => table.parse(raw) }
}
