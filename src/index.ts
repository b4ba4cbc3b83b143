/**
 * Typed single-table modeling for Amazon DynamoDB: everything the package exports.
 *
 * @packageDocumentation
 * @mergeModuleWith <project>
 */

export { defineTable, Table, type ParsedItem, type TableConfig, type EntityConfig, type EntityOf, type ItemOfEntity, type IndexDefinition } from './table/table.js'
export { tableDefinition, ttlDefinition, type DefinitionOptions, type StreamViewType, type Throughput } from './table/definition.js'
export { createTable, dropTable } from './table/lifecycle.js'
export { queryTable, scanTable } from './table/reads.js'
export { parseStreamRecord } from './table/streams.js'
export { streamHandler } from './table/stream-handler.js'
export { transactWrite, transactGet } from './table/transactions.js'
export { batchWrite, batchGet } from './table/batch.js'
export type {
  EntityChange,
  StreamAttributeValue,
  StreamBatchResponse,
  StreamChange,
  StreamEventInput,
  StreamEventName,
  StreamImage,
  StreamRecordInput,
  UnknownChange,
} from './table/streams.js'
export type { EntityStreamHandlers, StreamHandler, StreamHandlerOptions, StreamHandlers } from './table/stream-handler.js'
export { Entity } from './entity/entity.js'
export type { EntityTypes } from './entity/types.js'
export { EntityOperation, type OperationKind } from './entity/operation.js'
export { PutOperation, DeleteOperation, type PutOptions, type DeleteOptions } from './entity/write-operations.js'
export { GetOperation, type GetOptions } from './entity/read-operations.js'
export { UpdateOperation, type UpdateOptions, type UpdateReturn, type UpsertOptions } from './entity/update-operation.js'
export { MoveOperation, type MoveOptions } from './entity/move-operation.js'
export type { Selected, SelectPath } from './entity/types.js'
export { CheckOperation, type TransactionWrite } from './entity/transaction-item.js'
export type { FlatChanges, NestedPaths, UpdateChanges, UpsertChanges } from './entity/types.js'
export type { TransactWriteOptions, GetResults, CapacityResult, ClientOption, CompositeWrite } from './table/transactions.js'
export type { BatchOptions } from './table/batch.js'
export type { RetryOptions } from './client/retry.js'
export { isoDate, epochSeconds, type IsoDateCodec, type EpochSecondsCodec } from './schema/index.js'
export type { Condition, Operators, AnyFieldOperator, AttributeRef, BeginsWith, Comparison, Contains } from './expressions/index.js'
export { attr, attributeType, beginsWith, between, contains, eq, exists, gt, gte, lt, lte, ne, notExists, oneOf, size } from './expressions/index.js'
export {
  Collection,
  CollectionQuery,
  defineCollection,
  EntityQuery,
  EntityScan,
  TableQuery,
  TableScan,
  type CollectionItems,
  type CollectionKey,
  type EntityQueries,
  type EntityReads,
  type GroupedPage,
  type MixedItem,
  type Page,
  type PageOptions,
  type PrefixInput,
  type QueryableEntity,
  type QueryKeyInput,
  type RawKey,
  type RawKeyValue,
  type ScanOptions,
  type SortKeyInput,
  type TableQueries,
} from './query/index.js'
export type { TemplateFields } from './keys/index.js'
export {
  describeTable,
  describeMarkdown,
  checkTable,
  exportWorkbench,
  renderView,
  type TableDescription,
  type IndexDescription,
  type IndexEntityDescription,
  type EntityDescription,
  type AttributeDescription,
  type FieldDescription,
  type KeyDescription,
  type CheckReport,
  type CheckProblem,
  type CheckNote,
  type WorkbenchModel,
  type WorkbenchOptions,
  type ViewOptions,
  type AttributeType,
} from './describe/index.js'
export type { CommandSender } from './client/send.js'
export { localClient, type LocalClientOptions } from './client/local-client.js'
export type {
  Capacity,
  CapacityMode,
  DynamoAction,
  Metered,
  ObserveOptions,
  RequestEvent,
  RequestObserver,
  ResponseEvent,
} from './client/observe.js'
export { createCostReport, type CostHint, type CostReport, type CostReportOptions, type CostRow } from './observe/index.js'
export * from './errors.js'
export {
  migrate,
  type MigrateOptions,
  type MigrateProgress,
  type MigrateReport,
  type MigrateFailure,
  type MigrateExample,
  type ChangeCounts,
  type ChangeKind,
  type CheckpointStore,
  type CheckpointState,
  type SegmentPosition,
  type TallyState,
} from './migrate/index.js'
