// The CreateTable input for a table: every key attribute of the table and its indexes (and
// only those), key schemas, projections, billing and streams.

import type { AttributeDefinition, CreateTableCommandInput, GlobalSecondaryIndex, LocalSecondaryIndex, Projection } from '@aws-sdk/client-dynamodb'
import type { EntityModel } from '../entity/model.js'

export interface Throughput {
  read: number
  write: number
}

export interface IndexDefinition {
  partitionKey: string
  sortKey?: string
  /** `'global'` (default) or `'local'` (shares the table's partition key). */
  type?: 'global' | 'local'
  /** `'ALL'` (default), `'KEYS_ONLY'`, or the non-key attributes to include. */
  projection?: 'ALL' | 'KEYS_ONLY' | { include: string[] }
  /** Provisioned capacity for this index when the table is provisioned. */
  throughput?: Throughput
}

export interface DefinitionOptions {
  /** `'PAY_PER_REQUEST'` (default) or provisioned capacity for the table. */
  billing?: 'PAY_PER_REQUEST' | Throughput
  stream?: 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' | 'KEYS_ONLY'
}

interface TableShape {
  name: string
  partitionKey: string
  sortKey?: string | undefined
  indexes?: Record<string, IndexDefinition> | undefined
}

export function tableDefinition(table: TableShape, entities: readonly EntityModel[], options: DefinitionOptions = {}): CreateTableCommandInput {
  const types = new Map<string, 'S' | 'N'>()
  const use = (attribute: string | undefined) => {
    if (attribute !== undefined && !types.has(attribute)) types.set(attribute, attributeType(attribute, entities))
  }
  use(table.partitionKey)
  use(table.sortKey)
  const billing = options.billing ?? 'PAY_PER_REQUEST'
  const provisioned = billing === 'PAY_PER_REQUEST' ? undefined : billing
  const globals: GlobalSecondaryIndex[] = []
  const locals: LocalSecondaryIndex[] = []
  for (const [name, index] of Object.entries(table.indexes ?? {})) {
    use(index.partitionKey)
    use(index.sortKey)
    const KeySchema = [
      { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
      ...(index.sortKey ? [{ AttributeName: index.sortKey, KeyType: 'RANGE' as const }] : []),
    ]
    const Projection = projection(index.projection)
    if (index.type === 'local') {
      locals.push({ IndexName: name, KeySchema, Projection })
    } else {
      const throughput = index.throughput ?? provisioned
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

function projection(option: IndexDefinition['projection']): Projection {
  if (option === undefined || option === 'ALL') return { ProjectionType: 'ALL' }
  if (option === 'KEYS_ONLY') return { ProjectionType: 'KEYS_ONLY' }
  return { ProjectionType: 'INCLUDE', NonKeyAttributes: [...option.include] }
}

/** 'N' when some entity stores a number in the attribute as a plain field; templates always make strings. */
function attributeType(attribute: string, entities: readonly EntityModel[]): 'S' | 'N' {
  for (const entity of entities) {
    const field = entity.info.fields.get(attribute)
    if (field && field.storedNumber && !entity.bookkeeping.has(attribute)) return 'N'
  }
  return 'S'
}
