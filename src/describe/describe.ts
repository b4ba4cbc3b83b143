// describeTable: the model as plain data — per index, the entities it holds with their key
// templates and whether they are sparse there; per entity, every attribute a stored item has.

import type { EntityModel, IndexModel, KeyAttribute } from '../entity/model.js'
import { storedAttributeType, type AttributeType } from './attribute-types.js'
import { entityIndex, indexDefinition, indexKeys, indexNames, type DescribableTable } from './source.js'

export interface KeyDescription {
  /** The stored attribute: `'PK'`, `'GSI1PK'`, `'map'`. */
  readonly attribute: string
  /** The key template, e.g. `'USER#{username}'`; `'{map}'` when the attribute is the field itself. */
  readonly template: string
  /** The fields the key is made of, in template order. */
  readonly fields: readonly string[]
  /** The literal text before the first field (`''` when it starts with a field, or the attribute is a plain field). */
  readonly prefix: string
  /** The attribute is the schema field itself, stored unformatted. */
  readonly plain: boolean
}

export interface IndexEntityDescription {
  readonly entity: string
  /** The partition key (the first attribute, for a multi-attribute key). */
  readonly partitionKey: KeyDescription
  readonly sortKey: KeyDescription | undefined
  /** Every partition-key attribute in order (several for a multi-attribute key). */
  readonly partitionKeys: readonly KeyDescription[]
  /** Every sort-key attribute in order. */
  readonly sortKeys: readonly KeyDescription[]
  /** Items without some optional key field are not in the index. */
  readonly sparse: boolean
  /** The optional fields an item must carry to be in the index (empty when not sparse). */
  readonly requires: readonly string[]
}

export type ProjectionDescription = 'ALL' | 'KEYS_ONLY' | { readonly include: readonly string[] }

export interface IndexDescription {
  /** `'primary'` for the table's own key, else the index name. */
  readonly name: string
  readonly type: 'table' | 'global' | 'local'
  /** The partition-key attribute (the first, for a multi-attribute key). */
  readonly partitionKey: string
  /** The sort-key attribute (the first, for a multi-attribute key). */
  readonly sortKey: string | undefined
  /** Every partition-key attribute in order: several for a multi-attribute key. */
  readonly partitionKeys: readonly string[]
  /** Every sort-key attribute in order: several for a multi-attribute key, none without a sort key. */
  readonly sortKeys: readonly string[]
  readonly projection: ProjectionDescription
  /** The entities whose items this index holds, in definition order. */
  readonly entities: readonly IndexEntityDescription[]
}

export interface AttributeDescription {
  readonly name: string
  readonly type: AttributeType
  /** `'key'`: a key attribute (with its template); `'entity'`: the entity attribute; `'field'`: a schema field. */
  readonly kind: 'key' | 'entity' | 'field'
  /** The attribute may be absent from a stored item. */
  readonly optional: boolean
  /** For key attributes: the template it is written from. */
  readonly template?: string
}

export interface FieldDescription {
  readonly name: string
  readonly type: AttributeType
  readonly optional: boolean
  /** Kept out of the stored item and recovered from the primary key on read. */
  readonly keyOnly: boolean
}

export interface EntityDescription {
  readonly name: string
  readonly key: { readonly partitionKey: KeyDescription; readonly sortKey: KeyDescription | undefined }
  /** The secondary indexes holding the entity. */
  readonly indexes: readonly string[]
  /** The schema fields (with timestamp and version fields when enabled). */
  readonly fields: readonly FieldDescription[]
  /** Every attribute a stored item of the entity can have: keys, entity attribute, then stored fields. */
  readonly attributes: readonly AttributeDescription[]
  readonly keyOnly: readonly string[]
  readonly timestamps: { readonly createdAt: string; readonly updatedAt: string } | undefined
  readonly version: string | undefined
  readonly ttl: string | undefined
  readonly unique: readonly string[]
}

export interface TableDescription {
  readonly name: string
  readonly partitionKey: string
  readonly sortKey: string | undefined
  /** The attribute holding each item's entity name; undefined when entities are told apart by key patterns. */
  readonly entityAttribute: string | undefined
  readonly delimiter: string
  readonly keyValues: 'refuse' | 'escape'
  /** The table's own key (`'primary'`) first, then each index. */
  readonly indexes: readonly IndexDescription[]
  readonly entities: readonly EntityDescription[]
}

/**
 * The table's model as plain data (JSON-serialisable): per index, the entities it holds with their
 * key templates and where they are sparse; per entity, every stored attribute and its DynamoDB
 * type. Nothing is sent. `sortkey describe --json` prints it.
 *
 * @example
 * ```ts
 * import { describeTable } from 'sortkey'
 *
 * const description = describeTable(table)
 * for (const index of description.indexes) console.log(index.name, index.entities.map((e) => e.entity))
 * ```
 */
export function describeTable(table: DescribableTable): TableDescription {
  const models = table.models
  const indexes = indexNames(table).map((name): IndexDescription => {
    const keys = indexKeys(table, name)
    const definition = indexDefinition(table, name)
    const entities: IndexEntityDescription[] = []
    for (const model of models) {
      const index = entityIndex(model, name)
      if (index) entities.push(describeIndexEntity(model, index))
    }
    return {
      name,
      type: name === 'primary' ? 'table' : definition?.type === 'local' ? 'local' : 'global',
      partitionKey: keys.partitionKey[0] as string,
      sortKey: keys.sortKey[0],
      partitionKeys: [...keys.partitionKey],
      sortKeys: [...keys.sortKey],
      projection: projectionOf(definition?.projection),
      entities,
    }
  })
  return {
    name: table.name,
    partitionKey: table.spec.partitionKey,
    sortKey: table.spec.sortKey,
    entityAttribute: table.spec.entityAttribute,
    delimiter: table.spec.rules.delimiter,
    keyValues: table.spec.rules.keyValues,
    indexes,
    entities: models.map(describeEntity),
  }
}

export function describeKey(key: KeyAttribute): KeyDescription {
  return {
    attribute: key.attribute,
    template: key.template.source,
    fields: [...key.template.fields],
    prefix: key.plain ? '' : key.template.prefix,
    plain: key.plain,
  }
}

function describeIndexEntity(model: EntityModel, index: IndexModel): IndexEntityDescription {
  const requires = index.fields.filter((f) => model.info.fields.get(f)?.optional)
  return {
    entity: model.name,
    partitionKey: describeKey(index.pk),
    sortKey: index.sk ? describeKey(index.sk) : undefined,
    partitionKeys: index.partition.map(describeKey),
    sortKeys: index.sort.map(describeKey),
    sparse: index.sparse,
    requires,
  }
}

function describeEntity(model: EntityModel): EntityDescription {
  const fields: FieldDescription[] = [...model.info.fields.values()].map((f) => ({
    name: f.name,
    type: storedAttributeType(f.schema),
    optional: f.optional,
    keyOnly: model.keyOnly.has(f.name),
  }))
  return {
    name: model.name,
    key: { partitionKey: describeKey(model.primary.pk), sortKey: model.primary.sk ? describeKey(model.primary.sk) : undefined },
    indexes: [...model.indexes.keys()],
    fields,
    attributes: storedAttributes(model, fields),
    keyOnly: [...model.keyOnly],
    timestamps: model.timestamps ? { ...model.timestamps } : undefined,
    version: model.version,
    ttl: model.ttl,
    unique: [...model.unique],
  }
}

/** Key attributes (table, then computed index keys), the entity attribute, then the stored fields. */
function storedAttributes(model: EntityModel, fields: readonly FieldDescription[]): AttributeDescription[] {
  const out: AttributeDescription[] = []
  const seen = new Set<string>()
  const fieldType = new Map(fields.map((f) => [f.name, f] as const))
  const addKey = (key: KeyAttribute | undefined, optional: boolean) => {
    if (!key || key.plain || seen.has(key.attribute)) return
    seen.add(key.attribute)
    out.push({ name: key.attribute, type: 'S', kind: 'key', optional, template: key.template.source })
  }
  addKey(model.primary.pk, false)
  addKey(model.primary.sk, false)
  for (const { index, attributes } of model.computed) for (const key of attributes) addKey(key, index.sparse)
  const entityAttribute = model.table.entityAttribute
  if (entityAttribute !== undefined && !seen.has(entityAttribute)) {
    seen.add(entityAttribute)
    out.push({ name: entityAttribute, type: 'S', kind: 'entity', optional: false })
  }
  for (const field of fields) {
    if (field.keyOnly || seen.has(field.name)) continue
    seen.add(field.name)
    const f = fieldType.get(field.name) as FieldDescription
    out.push({ name: field.name, type: f.type, kind: 'field', optional: f.optional })
  }
  return out
}

function projectionOf(option: unknown): ProjectionDescription {
  if (option === 'KEYS_ONLY') return 'KEYS_ONLY'
  if (option && typeof option === 'object' && Array.isArray((option as { include?: unknown }).include)) {
    return { include: [...(option as { include: string[] }).include] }
  }
  return 'ALL'
}
