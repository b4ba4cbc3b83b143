import type { CommandSender } from '../client/send.js'
import { Observation, type CapacityMode, type RequestEvent, type RequestObserver, type ResponseEvent } from '../client/observe.js'
import { DefinitionError } from '../errors.js'
import { defineEntity, Entity } from '../entity/entity.js'
import type { EntityModel, TableSpec } from '../entity/model.js'
import type { TemplateFields } from '../keys/index.js'
import type { CheckTemplate, InputOf, ItemOf, KeyInput, SetConstraint, TimestampOption } from '../entity/types.js'
import type { ObjectSchema } from '../schema/index.js'
import { checkNoCollision } from './collisions.js'
import { TableIndexes } from './registry.js'
import { identify } from './identify.js'
import { decodeItem } from '../entity/codec.js'
import type { IndexDefinition, StreamViewType, Throughput } from './definition.js'
import { sendTransaction } from './transactions.js'
import { withReads } from '../query/attach.js'
import type { EntityIndexes, IndexTemplates, KnownIndexes, QueryableEntity } from '../query/index.js'

export type { IndexDefinition } from './definition.js'

export interface TableConfig<I extends Record<string, IndexDefinition> = Record<string, IndexDefinition>> {
  name: string
  /** The partition key attribute, e.g. `'PK'`. */
  partitionKey: string
  /** The sort key attribute, e.g. `'SK'`; leave out for a table without one. */
  sortKey?: string
  /** Global (and local) secondary indexes by name. */
  indexes?: I
  /** Attribute holding each item's entity name (default `'_type'`); `false` tells entities apart by key patterns alone. */
  entityAttribute?: string | false
  /** Attribute recording the model version of items of entities that declare `modelVersion` (default `'_mv'`). */
  modelVersionAttribute?: string
  /** The character between key parts that values may not contain (default `'#'`). */
  delimiter?: string
  /** `'refuse'` (default): a key value containing the delimiter is a `KeyValueError`; `'escape'`: escaped reversibly. */
  keyValues?: 'refuse' | 'escape'
  /** A DynamoDBDocumentClient (from `@aws-sdk/lib-dynamodb`). */
  client?: CommandSender
  /** Capacity `tableDefinition` and `createTable` use unless told otherwise: `'PAY_PER_REQUEST'` (default) or provisioned. */
  billing?: 'PAY_PER_REQUEST' | Throughput
  /** The DynamoDB Streams view type `tableDefinition` and `createTable` turn on unless told otherwise. */
  stream?: StreamViewType
  /** Ask DynamoDB for the capacity every request consumes (`ReturnConsumedCapacity`); results then carry it. */
  consumedCapacity?: CapacityMode
  /** Called before every request the table and its entities send. */
  onRequest?: (event: RequestEvent) => void
  /** Called after every request (and every retry) with its duration, consumed capacity and error, if any. */
  onResponse?: (event: ResponseEvent) => void
}

export interface EntityConfig<
  S extends ObjectSchema,
  PK extends string,
  SK extends string | undefined,
  TI extends string,
  TS extends TimestampOption,
  Fields extends string,
  V extends string | undefined = undefined,
  IX = Record<never, IndexTemplates>,
  KO extends string = never,
> {
  schema: S
  /** Key templates of the table's partition and sort key, e.g. `{ pk: 'USER#{username}', sk: '#METADATA#{username}' }`. */
  key: { pk: PK & CheckTemplate<PK, Fields>; sk?: SK & CheckTemplate<NonNullable<SK>, Fields> }
  /** Templates for computed index keys (`GSI1PK`); indexes keyed by plain attributes need none. */
  indexes?: IX & KnownIndexes<IX, TI>
  /** Add `createdAt` / `updatedAt` (ISO strings), or name them. */
  timestamps?: TS
  /** Fields kept out of the stored attributes and recovered from the primary key on read. */
  keyOnly?: readonly (KO & (TemplateFields<PK> | TemplateFields<NonNullable<SK>>))[]
  /** Optimistic locking: a number field every write checks and increments (added to the schema when absent). */
  version?: V
  /** The field DynamoDB's TTL deletes items by: stored as epoch seconds (use `epochSeconds()` for a Date). */
  ttl?: Fields
  /** Fields no two items of this entity may share (e.g. `['email']`), kept by marker items in the same transaction as each write. */
  unique?: readonly Fields[]
  /**
   * The version of this entity's stored shape (a positive whole number). Every put records it on the
   * item (in the table's `modelVersionAttribute`), and `migrate` records it on every item it rewrites.
   */
  modelVersion?: number
  /**
   * Turns an item stored before `modelVersion` (`from`: the version it was written at, undefined
   * when it carries none) into the current stored shape, e.g. a renamed field. Reads apply it to
   * old items; `migrate` rewrites them once. Keys and bookkeeping attributes are recomputed.
   */
  upgrade?: (stored: Record<string, unknown>, from: number | undefined) => Record<string, unknown>
}

/** The entity type `table.entity(...)` returns. */
export type EntityOf<
  N extends string,
  S extends ObjectSchema,
  PK extends string,
  SK extends string | undefined,
  TS,
  V = undefined,
  I extends Record<string, IndexDefinition> = Record<never, IndexDefinition>,
  IX = Record<never, IndexTemplates>,
  TablePK = never,
  TableSK = never,
  KO = never,
> = QueryableEntity<{
  name: N
  schema: S
  item: ItemOf<S, TS, V>
  input: InputOf<S, TS, V>
  key: KeyInput<ItemOf<S, TS, V>, TemplateFields<PK> | TemplateFields<NonNullable<SK>>>
  // key-only fields are not stored, so indexes keyed on them do not hold the entity
  indexes: EntityIndexes<I, IX, TablePK, TableSK, PK, SK, ItemOf<S, TS, V>, KO>
  setConstraint: SetConstraint<ItemOf<S, TS, V>, IX, TemplateFields<PK> | TemplateFields<NonNullable<SK>>>
  versioned: V extends string ? true : false
  // Written out rather than named: one alias more per entity is measurable at 100 entities.
  nested: [S['_zod']['def']['shape'][keyof S['_zod']['def']['shape']]['_zod']['output']] extends [string | number | boolean | bigint | symbol | null | undefined] ? false : true
}>

/** What the table-level functions (`tableDefinition`, `createTable`, `parseStreamRecord`, ...) read from a table: any `Table` fits. */
export interface TableHandle {
  readonly name: string
  readonly config: Readonly<TableConfig>
  readonly spec: TableSpec
  readonly client: CommandSender | undefined
  readonly entities: ReadonlyMap<string, Entity>
  readonly models: readonly EntityModel[]
  parse(raw: Record<string, unknown>): ParsedItem
}

export type ParsedItem =
  | { readonly entity: string; readonly item: Record<string, unknown> }
  | { readonly entity: undefined; readonly item: Record<string, unknown> }

/**
 * A table returned by `defineTable`. It holds the definition (`name`, `config`, `spec`,
 * `client`, `entities`, `models`) and declares entities (`entity`), identifies stored items
 * (`parse`, `entityOf`), gives copies bound to another client (`withClient`) and adds request
 * observers (`observe`). The bare type `Table` is the type of any table.
 *
 * @example
 * ```ts
 * const raw = { PK: 'GAME#g1', SK: '#METADATA#g1', _type: 'Game', game_id: 'g1', map: 'Juicy Jungle', creator: 'alice', people: 3 }
 * const parsed = table.parse(raw) // { entity: 'Game', item: { game_id: 'g1', ... } }
 * const entity = table.entityOf(raw) // the Game entity
 *
 * const local = table.withClient(client) // same table, another client
 * const stop = table.observe({ onResponse: (event) => console.log(event.command, event.durationMs) })
 * stop()
 * ```
 */
// The defaults make the bare `Table` type the type of any table (as `Entity` is of any entity).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export class Table<I extends Record<string, IndexDefinition> = any, TablePK extends string = any, TableSK extends string = any> {
  readonly name: string
  readonly config: Readonly<TableConfig<I>>
  readonly spec: TableSpec
  readonly client: CommandSender | undefined
  readonly #entities: Map<string, Entity>
  #models: EntityModel[] | undefined

  constructor(config: TableConfig<I>, entities?: Map<string, Entity>, shared?: Pick<TableSpec, 'observation' | 'registry'>) {
    this.config = config
    this.name = config.name
    const spec = tableSpec(config)
    this.spec = { ...spec, observation: shared?.observation ?? new Observation(config), registry: shared?.registry ?? spec.registry }
    this.client = config.client
    this.#entities = entities ?? new Map()
  }

  /** Declares an entity stored in this table. Throws `DefinitionError` when its keys could collide with another entity's. */
  entity<
    const N extends string,
    S extends ObjectSchema,
    const PK extends string,
    const SK extends string | undefined = undefined,
    const TS extends TimestampOption = undefined,
    const V extends string | undefined = undefined,
    const IX extends Readonly<Record<string, IndexTemplates>> = Record<never, IndexTemplates>,
    const KO extends string = never,
  >(
    name: N,
    config: EntityConfig<S, PK, SK, keyof I & string, TS, keyof ItemOf<S, TS> & string, V, IX, KO>,
  ): EntityOf<N, S, PK, SK, TS, V, I, IX, TablePK, TableSK, KO> {
    if (typeof name !== 'string' || name.length === 0) throw new DefinitionError('an entity needs a non-empty name')
    if (this.#entities.has(name)) throw new DefinitionError(`table ${this.name} already has an entity named ${name}`)
    const entity = withReads(defineEntity(this.spec, name, config as never, this.client, (client, ops, probe) => sendTransaction(client, ops, undefined, probe)))
    checkNoCollision(this.models, entity.model, this.spec.rules)
    ;(this.spec.registry as TableIndexes).add(entity.model)
    this.#entities.set(name, entity)
    this.#models = undefined
    return entity as unknown as EntityOf<N, S, PK, SK, TS, V, I, IX, TablePK, TableSK, KO>
  }

  /** The entities declared so far, by name. */
  get entities(): ReadonlyMap<string, Entity> {
    return this.#entities
  }

  /** Entity plans, for the layers that read every entity (identification, collections). */
  get models(): readonly EntityModel[] {
    return (this.#models ??= [...this.#entities.values()].map((e) => e.model))
  }

  /**
   * Identifies a stored item (DocumentClient form) and decodes it with its entity's schema.
   * An item no entity claims comes back with `entity: undefined` and the raw item, never dropped.
   */
  parse(raw: Record<string, unknown>): ParsedItem {
    const model = identify(this.models, raw)
    if (!model) return { entity: undefined, item: raw }
    return { entity: model.name, item: decodeItem(model, raw, 'parse') }
  }

  /** The entity that owns a stored item, or undefined. */
  entityOf(raw: Record<string, unknown>): Entity | undefined {
    const model = identify(this.models, raw)
    return model ? this.#entities.get(model.name) : undefined
  }

  /** A copy of the table that sends with `client` (for `queryTable`, `scanTable`, `createTable`, `dropTable`); its entities keep theirs. */
  withClient(client: CommandSender): Table<I, TablePK, TableSK> {
    return new Table({ ...this.config, client }, this.#entities, this.spec)
  }

  /**
   * Adds an observer — `createCostReport()`, a logger — that sees every request the table, its
   * copies and its entities send; returns a function that removes it.
   */
  observe(observer: RequestObserver): () => void {
    return (this.spec.observation as Observation).add(observer)
  }
}

/**
 * Declares a DynamoDB table: its key attributes, its secondary indexes and the client it sends
 * with. Entities are then declared on it with `table.entity(name, config)`; table-level features
 * (transactions, batches, collections, table-wide reads, streams, the table definition) are free
 * functions that take the table or its entities' operations.
 *
 * Throws a `DefinitionError` for a definition that cannot work (a name shorter than 3 characters,
 * an index reusing the partition key as its sort key, a delimiter that is not one printable
 * character, an entity attribute that is also a key attribute).
 *
 * @example
 * ```ts
 * import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
 * import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
 * import { z } from 'zod'
 * import { defineTable } from 'sortkey'
 *
 * const table = defineTable({
 *   name: 'app',
 *   partitionKey: 'PK',
 *   sortKey: 'SK',
 *   indexes: { GSI1: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK' } },
 *   client: DynamoDBDocumentClient.from(new DynamoDBClient({})),
 * })
 *
 * const User = table.entity('User', {
 *   schema: z.object({ username: z.string(), email: z.email() }),
 *   key: { pk: 'USER#{username}', sk: 'PROFILE' },
 *   indexes: { GSI1: { pk: 'EMAIL#{email}', sk: 'USER' } },
 * })
 *
 * await User.put({ username: 'alice', email: 'alice@example.com' })
 * ```
 */
export function defineTable<
  const I extends Record<string, IndexDefinition> = Record<never, IndexDefinition>,
  const TablePK extends string = string,
  const TableSK extends string = never,
>(config: TableConfig<I> & { partitionKey: TablePK; sortKey?: TableSK }): Table<I, TablePK, TableSK> {
  return new Table<I, TablePK, TableSK>(config)
}

function tableSpec(config: TableConfig<Record<string, IndexDefinition>>): TableSpec {
  const fail = (message: string): never => {
    throw new DefinitionError(`table ${config?.name ?? '(unnamed)'}: ${message}`)
  }
  if (!config || typeof config.name !== 'string' || config.name.length < 3) fail('name must be a string of at least 3 characters')
  if (typeof config.partitionKey !== 'string' || config.partitionKey.length === 0) fail('partitionKey must name an attribute')
  if (config.sortKey !== undefined && (typeof config.sortKey !== 'string' || config.sortKey.length === 0)) fail('sortKey must name an attribute')
  if (config.sortKey === config.partitionKey) fail('partitionKey and sortKey must differ')
  const delimiter = config.delimiter ?? '#'
  if (delimiter.length !== 1 || delimiter.charCodeAt(0) > 0x7e || delimiter.charCodeAt(0) < 0x21 || /[{}%0-9]/.test(delimiter)) {
    fail(`delimiter must be one printable ASCII character other than a digit, '{', '}' and '%' (got ${JSON.stringify(delimiter)})`)
  }
  const keyValues = config.keyValues ?? 'refuse'
  if (keyValues !== 'refuse' && keyValues !== 'escape') fail(`keyValues must be 'refuse' or 'escape'`)
  const entityAttribute = config.entityAttribute === false ? undefined : (config.entityAttribute ?? '_type')
  const indexKeys: string[] = []
  for (const [name, index] of Object.entries(config.indexes ?? {})) {
    if (name === 'primary') fail(`"primary" is reserved for the table's own key; rename the index`)
    if (!index || typeof index !== 'object') fail(`index ${name} needs a partitionKey attribute`)
    const pk = indexKeyAttributes(index.partitionKey, `index ${name}: partitionKey`, fail)
    const sk = index.sortKey === undefined ? [] : indexKeyAttributes(index.sortKey, `index ${name}: sortKey`, fail)
    if (pk.length === 0) fail(`index ${name} needs a partitionKey attribute`)
    const repeated = [...pk, ...sk].find((attribute, i, all) => all.indexOf(attribute) !== i)
    if (repeated !== undefined) fail(`index ${name}: "${repeated}" appears twice in its key; partitionKey and sortKey must differ`)
    if (index.type === 'local') {
      if (pk.length !== 1 || pk[0] !== config.partitionKey) fail(`local index ${name} must share the table's partition key "${config.partitionKey}"`)
      if (sk.length > 1) fail(`local index ${name}: a local index has one sort-key attribute (multi-attribute keys are for global indexes)`)
    }
    indexKeys.push(...pk, ...sk)
  }
  const modelVersionAttribute = config.modelVersionAttribute ?? '_mv'
  if (typeof modelVersionAttribute !== 'string' || modelVersionAttribute.length === 0) fail('modelVersionAttribute must name an attribute')
  if (modelVersionAttribute === entityAttribute) fail(`modelVersionAttribute "${modelVersionAttribute}" is also the entity attribute`)
  const tableKeys = [config.partitionKey, config.sortKey, ...indexKeys]
  if (tableKeys.includes(modelVersionAttribute)) fail(`modelVersionAttribute "${modelVersionAttribute}" is also a key attribute`)
  if (entityAttribute !== undefined && tableKeys.includes(entityAttribute)) fail(`entityAttribute "${entityAttribute}" is also a key attribute`)
  const registry = new TableIndexes(config)
  return { name: config.name, partitionKey: config.partitionKey, sortKey: config.sortKey, entityAttribute, modelVersionAttribute, rules: { delimiter, keyValues }, registry }
}

/** DynamoDB's limit on the attributes of one multi-attribute index key (partition or sort). */
const MAX_KEY_ATTRIBUTES = 4

/** An index key as declared: one attribute name, or a list of 1 to 4 distinct attribute names. */
function indexKeyAttributes(key: unknown, where: string, fail: (message: string) => never): string[] {
  const names = typeof key === 'string' ? [key] : Array.isArray(key) ? (key as unknown[]) : fail(`${where} must be an attribute name or a list of 1 to ${MAX_KEY_ATTRIBUTES}`)
  if (names.length === 0 || names.length > MAX_KEY_ATTRIBUTES) fail(`${where} has ${names.length} attributes; DynamoDB takes 1 to ${MAX_KEY_ATTRIBUTES}`)
  for (const name of names) if (typeof name !== 'string' || name.length === 0) fail(`${where}: ${JSON.stringify(name)} is not an attribute name`)
  return names as string[]
}

/** Type helper: the schema output of an entity. */
export type ItemOfEntity<E> = E extends Entity<infer T> ? T['item'] : never
