// The CreateTable input for a table: every key attribute of the table and its indexes (and
// only those), key schemas, projections, billing and streams; and the UpdateTimeToLive input
// for the TTL field its entities declare.

import type {
  AttributeDefinition,
  CreateTableCommandInput,
  GlobalSecondaryIndex,
  KeySchemaElement,
  LocalSecondaryIndex,
  Projection,
  UpdateTimeToLiveCommandInput,
} from '@aws-sdk/client-dynamodb'
import type { EntityModel, IndexKeyAttributes, TableSpec } from '../entity/model.js'
import { keyAttributeType } from '../schema/index.js'
import { DefinitionError } from '../errors.js'
import type { TableHandle } from './table.js'

export interface Throughput {
  read: number
  write: number
}

export type { IndexKeyAttributes }

export interface IndexDefinition {
  /** The partition-key attribute, or up to four item attributes (`['tournament', 'region']`). */
  partitionKey: IndexKeyAttributes
  /** The sort-key attribute, or up to four item attributes compared left to right (`['round', 'score']`). */
  sortKey?: IndexKeyAttributes
  /** `'global'` (default) or `'local'` (shares the table's partition key). */
  type?: 'global' | 'local'
  /** `'ALL'` (default), `'KEYS_ONLY'`, or the non-key attributes to include. */
  projection?: 'ALL' | 'KEYS_ONLY' | { include: string[] }
  /** Provisioned capacity for this index when the table is provisioned. */
  throughput?: Throughput
}

export type StreamViewType = 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' | 'KEYS_ONLY'

export interface DefinitionOptions {
  /** `'PAY_PER_REQUEST'` (default) or provisioned capacity for the table (and, unless given per index, each global index). */
  billing?: 'PAY_PER_REQUEST' | Throughput
  /** Provisioned capacity per global index, over the index's own `throughput` and the table's. */
  indexes?: Readonly<Record<string, Throughput>>
  /** Turns on DynamoDB Streams with this view type. */
  stream?: StreamViewType
}

interface TableShape {
  name: string
  partitionKey: string
  sortKey?: string | undefined
  indexes?: Record<string, IndexDefinition> | undefined
}

/**
 * The `CreateTableCommandInput` for a table: attribute definitions for every key attribute (and
 * only those), key schemas, global and local indexes with their projections, billing (the
 * table's `billing`, else `PAY_PER_REQUEST`) and streams. Nothing is sent.
 *
 * @example
 * ```ts
 * import { CreateTableCommand } from '@aws-sdk/client-dynamodb'
 * import { tableDefinition } from 'sortkey'
 *
 * const input = tableDefinition(table, { billing: { read: 5, write: 5 }, stream: 'NEW_AND_OLD_IMAGES' })
 * await client.send(new CreateTableCommand(input))
 * ```
 */
export function tableDefinition(table: TableHandle, options?: DefinitionOptions): CreateTableCommandInput {
  const billing = options?.billing ?? table.config.billing
  const stream = options?.stream ?? table.config.stream
  return createTableInput(table.config, table.spec, table.models, { ...options, ...(billing ? { billing } : {}), ...(stream ? { stream } : {}) })
}

/**
 * The `UpdateTimeToLiveCommandInput` for the `ttl` field the table's entities declare; undefined
 * when none does. Nothing is sent.
 *
 * @example
 * ```ts
 * import { UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb'
 * import { ttlDefinition } from 'sortkey'
 *
 * const ttl = ttlDefinition(table)
 * if (ttl) await client.send(new UpdateTimeToLiveCommand(ttl))
 * ```
 */
export function ttlDefinition(table: TableHandle): UpdateTimeToLiveCommandInput | undefined {
  return ttlInput(table.name, table.models)
}

function createTableInput(table: TableShape, spec: TableSpec, entities: readonly EntityModel[], options: DefinitionOptions = {}): CreateTableCommandInput {
  const types = new Map<string, 'S' | 'N' | 'B'>()
  const use = (attribute: string | undefined) => {
    if (attribute !== undefined && !types.has(attribute)) types.set(attribute, attributeType(attribute, entities))
  }
  use(table.partitionKey)
  use(table.sortKey)
  const fail = (message: string): never => {
    throw new DefinitionError(`table ${table.name}: ${message}`)
  }
  const billing = options.billing ?? 'PAY_PER_REQUEST'
  if (billing !== 'PAY_PER_REQUEST') checkThroughput(billing, 'billing', fail)
  const provisioned = billing === 'PAY_PER_REQUEST' ? undefined : billing
  for (const [name, throughput] of Object.entries(options.indexes ?? {})) {
    const index = table.indexes?.[name]
    if (!index) fail(`definition options name index "${name}", which the table does not have`)
    else if (index.type === 'local') fail(`local index ${name} shares the table's capacity; give none for it`)
    if (!provisioned) fail(`capacity for index ${name} needs provisioned billing for the table`)
    checkThroughput(throughput, `index ${name}`, fail)
  }
  if (options.stream !== undefined && !STREAM_VIEWS.includes(options.stream)) fail(`stream must be one of ${STREAM_VIEWS.join(', ')}`)
  const globals: GlobalSecondaryIndex[] = []
  const locals: LocalSecondaryIndex[] = []
  for (const entry of spec.registry.entries) {
    if (entry.kind === 'table') continue
    const name = entry.name
    const index = table.indexes?.[name] as IndexDefinition
    // A multi-attribute key is several HASH (then RANGE) elements, in key order.
    const KeySchema: KeySchemaElement[] = []
    for (const attribute of entry.partitionKey) {
      use(attribute)
      KeySchema.push({ AttributeName: attribute, KeyType: 'HASH' })
    }
    for (const attribute of entry.sortKey) {
      use(attribute)
      KeySchema.push({ AttributeName: attribute, KeyType: 'RANGE' })
    }
    const Projection = projection(index.projection, spec.entityAttribute)
    if (index.type === 'local') {
      locals.push({ IndexName: name, KeySchema, Projection })
    } else {
      const throughput = options.indexes?.[name] ?? index.throughput ?? provisioned
      if (provisioned && index.throughput) checkThroughput(index.throughput, `index ${name}`, fail)
      globals.push({
        IndexName: name,
        KeySchema,
        Projection,
        ...(provisioned && throughput ? { ProvisionedThroughput: { ReadCapacityUnits: throughput.read, WriteCapacityUnits: throughput.write } } : {}),
      })
    }
  }
  const AttributeDefinitions: AttributeDefinition[] = [...types].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType }))
  return {
    TableName: table.name,
    AttributeDefinitions,
    KeySchema: [
      { AttributeName: table.partitionKey, KeyType: 'HASH' },
      ...(table.sortKey ? [{ AttributeName: table.sortKey, KeyType: 'RANGE' as const }] : []),
    ],
    ...(globals.length > 0 ? { GlobalSecondaryIndexes: globals } : {}),
    ...(locals.length > 0 ? { LocalSecondaryIndexes: locals } : {}),
    ...(provisioned
      ? { BillingMode: 'PROVISIONED' as const, ProvisionedThroughput: { ReadCapacityUnits: provisioned.read, WriteCapacityUnits: provisioned.write } }
      : { BillingMode: 'PAY_PER_REQUEST' as const }),
    ...(options.stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: options.stream } } : {}),
  }
}

/**
 * The UpdateTimeToLive input for the TTL field the table's entities declare (`ttl`), or
 * undefined when none does. A table has one TTL attribute, so entities must agree on it.
 */
function ttlInput(tableName: string, entities: readonly EntityModel[]): UpdateTimeToLiveCommandInput | undefined {
  const fields = new Map<string, string>()
  for (const entity of entities) if (entity.ttl !== undefined && !fields.has(entity.ttl)) fields.set(entity.ttl, entity.name)
  if (fields.size > 1) {
    const named = [...fields].map(([field, entity]) => `"${field}" (${entity})`).join(', ')
    throw new DefinitionError(`table ${tableName}: DynamoDB keeps one TTL attribute per table, but entities declare ${named}`)
  }
  const [field] = fields.keys()
  return field === undefined ? undefined : { TableName: tableName, TimeToLiveSpecification: { AttributeName: field, Enabled: true } }
}

const STREAM_VIEWS: readonly StreamViewType[] = ['NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES', 'KEYS_ONLY']

function checkThroughput(value: Throughput, where: string, fail: (message: string) => never): void {
  const ok = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 1
  if (!value || !ok(value.read) || !ok(value.write)) fail(`${where}: read and write capacity must be whole numbers of at least 1`)
}

/**
 * The index's Projection. An INCLUDE projection also carries the entity attribute, so entity
 * reads through the index can tell entities apart server-side (see projectedFields).
 */
function projection(option: IndexDefinition['projection'], entityAttribute: string | undefined): Projection {
  if (option === undefined || option === 'ALL') return { ProjectionType: 'ALL' }
  if (option === 'KEYS_ONLY') return { ProjectionType: 'KEYS_ONLY' }
  const include = [...option.include]
  if (entityAttribute !== undefined && !include.includes(entityAttribute)) include.push(entityAttribute)
  return { ProjectionType: 'INCLUDE', NonKeyAttributes: include }
}

/** The type of a plain field's stored form ('N' numbers, 'B' bytes) where some entity stores the attribute as one; templates always make strings. */
function attributeType(attribute: string, entities: readonly EntityModel[]): 'S' | 'N' | 'B' {
  for (const entity of entities) {
    const field = entity.info.fields.get(attribute)
    if (!field || entity.bookkeeping.has(attribute)) continue
    const type = keyAttributeType(field.schema)
    if (type === 'N' || type === 'B') return type
  }
  return 'S'
}
