// Queries, scans, item collections and pagination: the read side of single-table design.

export { withReads } from './attach.js'
export { Collection, CollectionQuery, defineCollection, type GroupedPage } from './collection.js'
export { EntityQuery, type PrefixInput } from './entity-query.js'
export { EntityScan, type ScanOptions } from './entity-scan.js'
export type { Page, PageOptions } from './reader.js'
export { TableQuery, TableScan, type MixedItem, type RawKeyValue, type TableReadSource } from './table-reads.js'
export type {
  CollectionItems,
  CollectionKey,
  EntityQueries,
  EntityReads,
  OptionalFields,
  QueryableEntity,
  QueryKeyInput,
  RequiredFields,
  SortKeyInput,
} from './types.js'
export type { EntityIndexes, IndexTemplates, KnownIndexes, RawKey, TableQueries } from './types.js'
