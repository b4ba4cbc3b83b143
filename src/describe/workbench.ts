// exportWorkbench: the table as a NoSQL Workbench data model (format version 2.0) — key
// attributes, global indexes, every non-key attribute, one facet per entity whose key aliases
// are its key templates, and items in DynamoDB JSON.

import { marshall } from '@aws-sdk/util-dynamodb'
import type { AttributeValue } from '@aws-sdk/client-dynamodb'
import { valueAttributeType, type AttributeType } from './attribute-types.js'
import { describeTable, type AttributeDescription, type EntityDescription, type IndexDescription, type TableDescription } from './describe.js'
import type { DescribableTable } from './source.js'

export interface WorkbenchAttribute {
  AttributeName: string
  AttributeType: AttributeType
}

export interface WorkbenchKeyAttributes {
  PartitionKey: WorkbenchAttribute
  SortKey?: WorkbenchAttribute
}

export interface WorkbenchIndex {
  IndexName: string
  KeyAttributes: WorkbenchKeyAttributes
  Projection: { ProjectionType: 'ALL' | 'KEYS_ONLY' | 'INCLUDE'; NonKeyAttributes?: string[] }
}

export interface WorkbenchFacet {
  FacetName: string
  KeyAttributeAlias: { PartitionKeyAlias: string; SortKeyAlias?: string }
  NonKeyAttributes: string[]
  TableData: Record<string, AttributeValue>[]
  DataAccess: { MySql: Record<string, never> }
}

export interface WorkbenchTable {
  TableName: string
  KeyAttributes: WorkbenchKeyAttributes
  NonKeyAttributes: WorkbenchAttribute[]
  TableFacets: WorkbenchFacet[]
  GlobalSecondaryIndexes: WorkbenchIndex[]
  TableData: Record<string, AttributeValue>[]
  DataAccess: { MySql: Record<string, never> }
}

export interface WorkbenchModel {
  ModelName: string
  ModelMetadata: {
    Author: string
    DateCreated: string
    DateLastModified: string
    Description: string
    AWSService: 'Amazon DynamoDB'
    Version: '2.0'
  }
  DataModel: WorkbenchTable[]
}

export interface WorkbenchOptions {
  /** Items as stored (DocumentClient JSON, e.g. the lines of a seed file); they become `TableData` in DynamoDB JSON. */
  items?: readonly Record<string, unknown>[]
  /** `ModelName` (default: the table name). */
  name?: string
  author?: string
  description?: string
  /** `DateCreated` / `DateLastModified` (default: now); give one for a reproducible file. */
  date?: Date
}

/**
 * The table as a NoSQL Workbench data model (format 2.0): key and non-key attributes typed from the
 * schemas, global indexes with projections, one facet per entity with its key templates, and the
 * given items as `TableData` in DynamoDB JSON. Local secondary indexes are left out: a Workbench
 * 2.0 model holds global indexes only. Nothing is sent.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs'
 * import { exportWorkbench } from 'sortkey'
 *
 * const items = [{ PK: 'GAME#g1', SK: '#METADATA#g1', _type: 'Game', game_id: 'g1', map: 'Juicy Jungle', creator: 'alice', people: 3 }]
 * const model = exportWorkbench(table, { items, date: new Date('2026-01-01') }) // a fixed date: a reproducible file
 * writeFileSync('workbench.json', JSON.stringify(model, null, 2))
 * ```
 */
export function exportWorkbench(table: DescribableTable, options: WorkbenchOptions = {}): WorkbenchModel {
  const d = describeTable(table)
  const date = (options.date ?? new Date()).toISOString()
  const types = attributeTypes(d)
  const keyAttribute = (name: string): WorkbenchAttribute => ({ AttributeName: name, AttributeType: types.get(name) ?? 'S' })
  const keyAttributes = (pk: string, sk: string | undefined): WorkbenchKeyAttributes => ({
    PartitionKey: keyAttribute(pk),
    ...(sk !== undefined ? { SortKey: keyAttribute(sk) } : {}),
  })
  const tableKeys = new Set([d.partitionKey, d.sortKey].filter((k): k is string => k !== undefined))

  // NoSQL Workbench's model has one partition-key and one sort-key attribute per index: an index
  // keyed by several attributes cannot be expressed, so it is left out and the description says so.
  const multi = d.indexes.filter((index) => index.partitionKeys.length > 1 || index.sortKeys.length > 1)
  const GlobalSecondaryIndexes: WorkbenchIndex[] = d.indexes
    .filter((index) => index.type === 'global' && !multi.includes(index))
    .map((index) => ({
      IndexName: index.name,
      KeyAttributes: keyAttributes(index.partitionKey, index.sortKey),
      Projection:
        index.projection === 'ALL' || index.projection === 'KEYS_ONLY'
          ? { ProjectionType: index.projection }
          : { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.projection.include] },
    }))

  // Every attribute but the table's keys: index keys first, then each entity's attributes.
  const nonKey = new Map<string, AttributeType>()
  const add = (name: string, type: AttributeType | undefined) => {
    if (!tableKeys.has(name) && !nonKey.has(name)) nonKey.set(name, type ?? 'S')
  }
  for (const index of GlobalSecondaryIndexes) {
    add(index.KeyAttributes.PartitionKey.AttributeName, index.KeyAttributes.PartitionKey.AttributeType)
    if (index.KeyAttributes.SortKey) add(index.KeyAttributes.SortKey.AttributeName, index.KeyAttributes.SortKey.AttributeType)
  }
  for (const entity of d.entities) for (const attribute of entity.attributes) add(attribute.name, attribute.type)
  const TableData = (options.items ?? []).map((item) => marshall(item as Record<string, unknown>, { removeUndefinedValues: true }) as Record<string, AttributeValue>)
  for (const item of options.items ?? []) for (const [name, value] of Object.entries(item)) if (value !== undefined) add(name, valueAttributeType(value))

  return {
    ModelName: options.name ?? d.name,
    ModelMetadata: {
      Author: options.author ?? '',
      DateCreated: date,
      DateLastModified: date,
      Description:
        (options.description ?? `Exported by sortkey from table ${d.name}: one facet per entity, its key templates as the key aliases.`) + multiAttributeNote(multi),
      AWSService: 'Amazon DynamoDB',
      Version: '2.0',
    },
    DataModel: [
      {
        TableName: d.name,
        KeyAttributes: keyAttributes(d.partitionKey, d.sortKey),
        NonKeyAttributes: [...nonKey].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
        TableFacets: d.entities.map((entity) => facet(entity, tableKeys)),
        GlobalSecondaryIndexes,
        TableData,
        DataAccess: { MySql: {} },
      },
    ],
  }
}

/** What the export leaves out: indexes keyed by several attributes, which the Workbench format cannot express. */
export function multiAttributeNote(indexes: readonly IndexDescription[]): string {
  if (indexes.length === 0) return ''
  const listed = indexes.map((index) => `${index.name} (${index.partitionKeys.join(' + ')}${index.sortKeys.length > 0 ? ` / ${index.sortKeys.join(' + ')}` : ''})`)
  return ` Left out: ${listed.join(', ')}, keyed by several attributes, which this format cannot express.`
}

function facet(entity: EntityDescription, tableKeys: ReadonlySet<string>): WorkbenchFacet {
  return {
    FacetName: entity.name,
    KeyAttributeAlias: {
      PartitionKeyAlias: entity.key.partitionKey.template,
      ...(entity.key.sortKey ? { SortKeyAlias: entity.key.sortKey.template } : {}),
    },
    NonKeyAttributes: entity.attributes.filter((a: AttributeDescription) => !tableKeys.has(a.name)).map((a) => a.name),
    TableData: [],
    DataAccess: { MySql: {} },
  }
}

/** The type of every attribute any entity stores: key templates make strings, plain key attributes take their field's type. */
function attributeTypes(d: TableDescription): Map<string, AttributeType> {
  const types = new Map<string, AttributeType>()
  for (const entity of d.entities) {
    for (const attribute of entity.attributes) if (!types.has(attribute.name)) types.set(attribute.name, attribute.type)
  }
  return types
}
