// The runtime plan of an entity, resolved once at definition: which attribute each key of each
// index is written to, from which template, and which fields feed it. Every operation reads
// this plan; nothing is re-derived per call.

import { parseTemplate, isBareField, TemplateSyntaxError, type KeyTemplate, type KeyRules } from '../keys/index.js'
import { DefinitionError } from '../errors.js'
import { describeSchema, fieldNames, keyAttributeType, oneWayTransform, schemaProblem, stringField, unwrap, versionField, withFields, type FieldInfo, type ObjectSchema, type SchemaInfo } from '../schema/index.js'
import { wholeSeconds } from './whole-seconds.js'
import type { Observation } from '../client/observe.js'

/** What an entity needs to know about its table; the table layer provides it. */
export interface TableSpec {
  readonly name: string
  readonly partitionKey: string
  readonly sortKey: string | undefined
  /** Attribute holding the entity name, or undefined when entities are told apart by key patterns. */
  readonly entityAttribute: string | undefined
  readonly rules: KeyRules
  /** Attribute recording the model version an item was written at (entities with `modelVersion`; default `'_mv'`). */
  readonly modelVersionAttribute?: string | undefined
  /** Request hooks and capacity mode, shared by the table, its copies and its entities' operations. */
  readonly observation?: Observation | undefined
  /** Every index of the table (and the table's own key as 'primary'): what reads ask about an index. */
  readonly registry: IndexRegistry
}

/** The table's own key ('primary') or one secondary index, as reads see it. The table layer builds these. */
/** One key attribute, or 1 to 4 item attributes in order (a multi-attribute key, global indexes only). */
export type IndexKeyAttributes = string | readonly string[]

export interface IndexEntry {
  /** 'primary' for the table's own key, else the index name. */
  readonly name: string
  /** The `IndexName` a request sends; undefined for the table itself. */
  readonly indexName: string | undefined
  readonly kind: 'table' | 'global' | 'local'
  /** Partition-key attributes in order (several for a multi-attribute key). */
  readonly partitionKey: readonly string[]
  /** Sort-key attributes in order (empty when the index has no sort key). */
  readonly sortKey: readonly string[]
  /** Every key attribute of an item read through this index, the table's and the index's: what `LastEvaluatedKey` holds. */
  readonly keyAttributes: readonly string[]
  readonly projection: 'ALL' | 'KEYS_ONLY' | { readonly include: readonly string[] }
  /** The entities this index holds, by name, with their key templates on it. */
  readonly members: ReadonlyMap<string, IndexMember>
}

export interface IndexMember {
  readonly model: EntityModel
  readonly keys: IndexModel
}

/** One registry per table: each index's key attributes, templates per entity, projection and member entities. */
export interface IndexRegistry {
  /** 'primary' first, then the secondary indexes in declaration order. */
  readonly entries: readonly IndexEntry[]
  get(name: string): IndexEntry | undefined
}

export interface KeyAttribute {
  /** The stored attribute name: 'PK', 'GSI1PK', 'map'. */
  readonly attribute: string
  readonly template: KeyTemplate
  /** The attribute is the schema field itself: written as the field's stored value, unformatted. */
  readonly plain: boolean
  /** The attribute is written by another index's binding (an index over the table's own keys). */
  readonly shared: boolean
}

export interface IndexModel {
  /** 'primary' or the table's index name. */
  readonly name: string
  /** The first (for a template key, the only) partition-key attribute. */
  readonly pk: KeyAttribute
  /** The first (for a template key, the only) sort-key attribute. */
  readonly sk: KeyAttribute | undefined
  /** Every partition-key attribute in order: one for a template key, up to four item attributes for a multi-attribute key. */
  readonly partition: readonly KeyAttribute[]
  /** Every sort-key attribute in order (empty when the index has none). */
  readonly sort: readonly KeyAttribute[]
  /** Every field the index keys are made of. */
  readonly fields: readonly string[]
  /** Some field is optional: items without it are not in the index. */
  readonly sparse: boolean
}

export interface TimestampNames {
  readonly createdAt: string
  readonly updatedAt: string
}

export interface EntityConfigInput {
  readonly schema: ObjectSchema
  readonly key: { readonly pk: string; readonly sk?: string | undefined }
  readonly indexes?: Readonly<Record<string, { readonly pk?: string | undefined; readonly sk?: string | undefined }>> | undefined
  readonly timestamps?: boolean | { readonly createdAt?: string; readonly updatedAt?: string } | undefined
  readonly keyOnly?: readonly string[] | undefined
  /** A number field for optimistic locking: writes check it and increment it. Added to the schema when absent. */
  readonly version?: string | undefined
  /** The field DynamoDB's TTL reads: stored as epoch seconds (a number, e.g. through epochSeconds()). */
  readonly ttl?: string | undefined
  /** Fields no two items of this entity may share; kept by a marker item per value. */
  readonly unique?: readonly string[] | undefined
  /** The version of the entity's stored shape; recorded on every item put and every item `migrate` rewrites. */
  readonly modelVersion?: number | undefined
  /** Turns an item stored at an older model version (or none) into the current stored shape; applied by reads and by `migrate`. */
  readonly upgrade?: Upgrade | undefined
}

/** An entity's `upgrade`: the item as stored (every attribute) and the model version it was written at, to the current stored shape. */
export type Upgrade = (stored: Record<string, unknown>, from: number | undefined) => Record<string, unknown>

export interface EntityModel {
  readonly name: string
  readonly table: TableSpec
  /** The schema used for encode/decode, with timestamp fields added when enabled. */
  readonly schema: ObjectSchema
  readonly info: SchemaInfo
  readonly primary: IndexModel
  /** Secondary indexes that hold this entity, by index name. */
  readonly indexes: ReadonlyMap<string, IndexModel>
  /** Every index that holds this entity, 'primary' (the table's key) first. */
  readonly byIndex: ReadonlyMap<string, IndexModel>
  /** Primary-key fields, in template order. */
  readonly keyFields: readonly string[]
  /** Fields kept out of the stored attributes and recovered from the primary key on read. */
  readonly keyOnly: ReadonlySet<string>
  readonly timestamps: TimestampNames | undefined
  readonly version: string | undefined
  readonly ttl: string | undefined
  readonly unique: readonly string[]
  /** The current model version, recorded on items in `modelVersionAttribute`; undefined when the entity declares none. */
  readonly modelVersion: number | undefined
  /** The attribute holding each item's model version (set when `modelVersion` is). */
  readonly modelVersionAttribute: string | undefined
  readonly upgrade: Upgrade | undefined
  /** Every attribute that is bookkeeping rather than a schema field (keys, entity attribute). */
  readonly bookkeeping: ReadonlySet<string>
  /** Computed index attributes and the index they belong to, written on put when the index's fields are present. */
  readonly computed: readonly { readonly index: IndexModel; readonly attributes: readonly KeyAttribute[] }[]
  /** Key fields stored as whole seconds (epochSeconds()), with a template that uses each: a Date with milliseconds is refused there. */
  readonly wholeSecondKeys: ReadonlyMap<string, string>
}

export function resolveEntity(table: TableSpec, name: string, config: EntityConfigInput): EntityModel {
  const fail = (message: string): never => {
    throw new DefinitionError(`entity ${name}: ${message}`)
  }
  if (!config || typeof config !== 'object') fail('needs a config object')
  const problem = schemaProblem(config.schema)
  if (problem !== undefined) fail(problem)
  const oneWay = oneWayTransform(config.schema)
  if (oneWay !== undefined) fail(`schema field "${oneWay}" uses a one-way transform (.transform()), which has no stored form: use a codec (z.codec) or a normalising check (trim, toLowerCase) instead`)
  if (!config.key || typeof config.key.pk !== 'string') fail('key.pk must be a key template string')

  const timestamps = resolveTimestamps(config.timestamps)
  let schema = config.schema
  if (timestamps) {
    for (const field of [timestamps.createdAt, timestamps.updatedAt]) {
      if (fieldNames(schema).includes(field)) fail(`timestamp field "${field}" is already a schema field`)
    }
    schema = withFields(schema, { [timestamps.createdAt]: stringField(), [timestamps.updatedAt]: stringField() })
  }
  const version = config.version
  if (version !== undefined) {
    if (timestamps && (version === timestamps.createdAt || version === timestamps.updatedAt)) fail(`version field "${version}" is a timestamp field`)
    if (!fieldNames(schema).includes(version)) schema = withFields(schema, { [version]: versionField() })
  }
  const info = describeSchema(schema)
  if (version !== undefined && !info.fields.get(version)?.storedNumber) fail(`version field "${version}" must be a number`)
  const ttl = config.ttl
  if (ttl !== undefined) {
    const field = info.fields.get(ttl)
    if (!field) fail(`ttl field "${ttl}" is not a schema field`)
    else if (!field.storedNumber) fail(`ttl field "${ttl}" must be stored as epoch seconds (a number): use epochSeconds() for a Date`)
  }
  const modelVersion = config.modelVersion
  if (modelVersion !== undefined && (typeof modelVersion !== 'number' || !Number.isSafeInteger(modelVersion) || modelVersion < 1)) {
    fail(`modelVersion must be a positive whole number (got ${String(modelVersion)})`)
  }
  if (config.upgrade !== undefined && typeof config.upgrade !== 'function') fail('upgrade must be a function (stored, from) => item')
  if (config.upgrade !== undefined && modelVersion === undefined) fail('upgrade needs modelVersion, so each item is upgraded once')
  const modelVersionAttribute = modelVersion === undefined ? undefined : (table.modelVersionAttribute ?? '_mv')
  const keyOnly = new Set(config.keyOnly ?? [])
  const unique = [...(config.unique ?? [])]
  for (const field of unique) {
    const info_ = info.fields.get(field)
    if (!info_) fail(`unique field "${field}" is not a schema field`)
    else if (!info_.storedScalar) fail(`unique field "${field}" must be stored as a string or a number`)
  }

  const parse = (source: string, where: string): KeyTemplate => {
    try {
      return parseTemplate(source, table.rules.delimiter)
    } catch (error) {
      if (error instanceof TemplateSyntaxError) return fail(`${where}: ${error.message}`)
      throw error
    }
  }
  const checkFields = (template: KeyTemplate, where: string) => {
    for (const field of template.fields) {
      const info_ = info.fields.get(field)
      if (!info_) fail(`${where} '${template.source}' uses "${field}", which is not a schema field`)
    }
  }

  // ---- primary key ----
  if (table.sortKey === undefined && config.key.sk !== undefined) fail(`table ${table.name} has no sort key, so key.sk must not be given`)
  if (table.sortKey !== undefined && config.key.sk === undefined) fail(`table ${table.name} has sort key "${table.sortKey}": key.sk is required`)
  const primaryBinding = (attribute: string, source: string): KeyAttribute => {
    const template = parse(source, `key of "${attribute}"`)
    checkFields(template, `key template of "${attribute}"`)
    return { attribute, template, plain: isPlainBinding(attribute, template), shared: false }
  }
  const pk = primaryBinding(table.partitionKey, config.key.pk)
  const sk = table.sortKey !== undefined && config.key.sk !== undefined ? primaryBinding(table.sortKey, config.key.sk) : undefined
  const primary = makeIndex('primary', [pk], sk ? [sk] : [], info)
  for (const field of primary.fields) {
    if (info.fields.get(field)?.optional) fail(`primary key field "${field}" must not be optional`)
  }
  for (const field of keyOnly) {
    if (!info.fields.has(field)) fail(`keyOnly field "${field}" is not a schema field`)
    if (!primary.fields.includes(field)) fail(`keyOnly field "${field}" must be in the primary key, where it is recovered from on read`)
    if (pk.plain && pk.attribute === field) fail(`keyOnly field "${field}" is the key attribute itself`)
  }

  // ---- secondary indexes ----
  const declared = config.indexes ?? {}
  const secondary = table.registry.entries.filter((entry) => entry.kind !== 'table')
  for (const indexName of Object.keys(declared)) {
    const entry = secondary.find((e) => e.name === indexName)
    if (!entry) fail(`index "${indexName}" is not an index of table ${table.name}`)
    else if (isMultiAttribute(entry)) fail(`index ${indexName} is keyed by item attributes (${keyNames(entry)}), which take no templates`)
  }
  const storedField = (attribute: string) => info.fields.has(attribute) && !keyOnly.has(attribute)
  const indexes = new Map<string, IndexModel>()
  for (const entry of secondary) {
    const indexName = entry.name
    const explicit = declared[indexName]
    const resolve = (attribute: string, source: string | undefined): KeyAttribute | undefined => {
      if (source !== undefined) {
        if (attribute === table.partitionKey || attribute === table.sortKey) {
          fail(`index ${indexName}: "${attribute}" is a key of the table; its template comes from key, not indexes`)
        }
        if (info.fields.has(attribute)) fail(`index ${indexName}: "${attribute}" is a schema field; it is written as itself and takes no template`)
        const template = parse(source, `index ${indexName} key "${attribute}"`)
        checkFields(template, `index ${indexName} template of "${attribute}"`)
        return { attribute, template, plain: false, shared: false }
      }
      if (attribute === table.partitionKey) return { ...pk, shared: true }
      if (attribute === table.sortKey && sk) return { ...sk, shared: true }
      if (storedField(attribute)) {
        const type = keyAttributeType((info.fields.get(attribute) as FieldInfo).schema)
        if (type === undefined) fail(`index ${indexName}: key attribute "${attribute}" must be stored as a string, a number or bytes (not null, a list, a map or a boolean)`)
        return { attribute, template: parse(`{${attribute}}`, `index ${indexName}`), plain: true, shared: false }
      }
      return undefined
    }
    const [pkName] = entry.partitionKey as [string]
    const skName = entry.sortKey[0]
    if (isMultiAttribute(entry)) {
      // Every attribute an item attribute: the entity is in the index when it has them all.
      const partition = entry.partitionKey.map((attribute) => resolve(attribute, undefined))
      const sort = entry.sortKey.map((attribute) => resolve(attribute, undefined))
      if (partition.every(isKey) && sort.every(isKey)) indexes.set(indexName, makeIndex(indexName, partition, sort, info))
      continue
    }
    const ipk = resolve(pkName, explicit?.pk)
    const isk = skName === undefined ? undefined : resolve(skName, explicit?.sk)
    if (explicit && skName === undefined && explicit.sk !== undefined) fail(`index ${indexName} has no sort key, so its sk must not be given`)
    const holds = ipk !== undefined && (skName === undefined || isk !== undefined)
    if (!holds) {
      if (explicit) {
        const missing = ipk === undefined ? pkName : skName
        fail(`index ${indexName}: no template for its key "${missing}" (give ${ipk === undefined ? 'pk' : 'sk'})`)
      }
      continue
    }
    indexes.set(indexName, makeIndex(indexName, [ipk], isk ? [isk] : [], info))
  }

  // ---- attribute name clashes ----
  const bookkeeping = new Set<string>()
  const claim = (attribute: string, what: string) => {
    if (info.fields.has(attribute)) fail(`${what} "${attribute}" clashes with the schema field of the same name`)
    bookkeeping.add(attribute)
  }
  if (table.entityAttribute !== undefined) claim(table.entityAttribute, 'entity attribute')
  if (modelVersionAttribute !== undefined) claim(modelVersionAttribute, 'model version attribute')
  for (const index of [primary, ...indexes.values()]) {
    for (const key of keyParts(index)) {
      if (key.plain || key.shared || bookkeeping.has(key.attribute)) continue
      claim(key.attribute, `key attribute of ${index.name}`)
    }
  }
  const computed = [...indexes.values()]
    .map((index) => ({ index, attributes: keyParts(index).filter((k) => !k.plain && !k.shared) }))
    .filter((entry) => entry.attributes.length > 0)
  checkManagedFields([primary, ...indexes.values()], primary, timestamps, version, fail)
  const wholeSecondKeys = new Map<string, string>()
  for (const index of [primary, ...indexes.values()]) {
    for (const key of keyParts(index)) {
      for (const field of key.template.fields) {
        const schema = info.fields.get(field)?.schema
        if (schema && wholeSeconds.has(unwrap(schema as never)) && !wholeSecondKeys.has(field)) wholeSecondKeys.set(field, key.template.source)
      }
    }
  }

  return {
    name,
    table,
    schema,
    info,
    primary,
    indexes,
    byIndex: new Map([['primary', primary], ...indexes]),
    keyFields: primary.fields,
    keyOnly,
    timestamps,
    version,
    ttl,
    unique,
    modelVersion,
    modelVersionAttribute,
    upgrade: config.upgrade,
    bookkeeping,
    computed,
    wholeSecondKeys,
  }
}

/**
 * Fields the library writes itself, in key templates. The version is incremented by DynamoDB on
 * update, so its new value is not known when the request is built: refused in any key. updatedAt
 * changes on every update: refused in the primary key; in an index key it is rewritten on every
 * update, so its template may otherwise use only primary-key fields (always known then).
 */
function checkManagedFields(
  indexes: readonly IndexModel[],
  primary: IndexModel,
  timestamps: TimestampNames | undefined,
  version: string | undefined,
  fail: (message: string) => never,
): void {
  for (const index of indexes) {
    for (const key of keyParts(index)) {
      if (key.shared) continue
      const fields = key.template.fields
      const where = index.name === 'primary' ? 'the primary key' : `index ${index.name}`
      if (version !== undefined && fields.includes(version)) {
        fail(`${where}: '${key.template.source}' uses the version field "${version}", whose new value DynamoDB computes on update; it cannot be in a key`)
      }
      if (timestamps && fields.includes(timestamps.updatedAt)) {
        if (index.name === 'primary') fail(`the primary key '${key.template.source}' uses "${timestamps.updatedAt}", which changes on every update`)
        const others = fields.filter((f) => f !== timestamps.updatedAt && !primary.fields.includes(f))
        if (others.length > 0) {
          fail(
            `${where}: '${key.template.source}' uses "${timestamps.updatedAt}" (rewritten on every update) with ${others.map((f) => `"${f}"`).join(', ')}, ` +
              `which an update need not give; put "${timestamps.updatedAt}" in a key attribute of its own (e.g. the index sort key)`,
          )
        }
      }
    }
  }
}

function makeIndex(name: string, partition: readonly KeyAttribute[], sort: readonly KeyAttribute[], info: SchemaInfo): IndexModel {
  const fields = [...new Set([...partition, ...sort].flatMap((key) => key.template.fields))]
  return { name, pk: partition[0] as KeyAttribute, sk: sort[0], partition, sort, fields, sparse: fields.some((f) => info.fields.get(f)?.optional) }
}

/** Every key attribute of an index, partition first, in key order. */
export function keyParts(index: IndexModel): readonly KeyAttribute[] {
  return index.sort.length === 0 ? index.partition : [...index.partition, ...index.sort]
}

/** An index keyed by several item attributes (partition or sort), rather than one attribute per key. */
export function isMultiAttribute(entry: Pick<IndexEntry, 'partitionKey' | 'sortKey'>): boolean {
  return entry.partitionKey.length > 1 || entry.sortKey.length > 1
}

function keyNames(entry: Pick<IndexEntry, 'partitionKey' | 'sortKey'>): string {
  return [...entry.partitionKey, ...entry.sortKey].join(', ')
}

function isKey(key: KeyAttribute | undefined): key is KeyAttribute {
  return key !== undefined
}

/** A bare `{field}` template on an attribute of the same name: the attribute is the field. */
function isPlainBinding(attribute: string, template: KeyTemplate): boolean {
  return isBareField(template) && template.fields[0] === attribute && template.parts[0]?.kind === 'field' && template.parts[0].pad === undefined
}

function resolveTimestamps(option: EntityConfigInput['timestamps']): TimestampNames | undefined {
  if (!option) return undefined
  if (option === true) return { createdAt: 'createdAt', updatedAt: 'updatedAt' }
  return { createdAt: option.createdAt ?? 'createdAt', updatedAt: option.updatedAt ?? 'updatedAt' }
}
