// defineTable: the table, its indexes, and the registry of its entities.

import type { CommandSender } from '../client/send.js'
import { Observation, type CapacityMode, type ObserveOptions, type RequestEvent, type RequestObserver, type ResponseEvent } from '../client/observe.js'
import { DefinitionError, ValidationError } from '../errors.js'
import { defineEntity, Entity } from '../entity/entity.js'
import type { EntityModel, TableSpec } from '../entity/model.js'
import type { TemplateFields } from '../keys/index.js'
import type { CheckTemplate, EntityTypes, InputOf, ItemOf, KeyInput, SetConstraint, TimestampOption } from '../entity/types.js'
import type { AnyObjectSchema } from '../entity/schema-info.js'
import { checkNoCollision } from './collisions.js'
import { identify } from './identify.js'
import { decodeItem } from '../entity/codec.js'
import { tableDefinition, ttlDefinition, type DefinitionOptions, type IndexDefinition, type StreamViewType, type Throughput } from './definition.js'
import { createTable, dropTable } from './lifecycle.js'
import { parseStreamRecord, type StreamChange, type StreamRecordInput } from './streams.js'
import { streamHandler, type StreamHandler, type StreamHandlerOptions, type StreamHandlers } from './stream-handler.js'
import { transactGet, transactWrite, type CapacityResult, type GetResults, type TransactWriteOptions } from './transactions.js'
import { batchGet, batchWrite, type BatchOptions } from './batch.js'
import type { TransactionWrite } from '../entity/transaction-item.js'
import type { GetOperation } from '../entity/read-operations.js'
import type { DeleteOperation, PutOperation } from '../entity/write-operations.js'
import type { CreateTableCommandInput, UpdateTimeToLiveCommandInput } from '@aws-sdk/client-dynamodb'
import { Collection, TableQuery, TableScan, withReads, type TableReadSource } from '../query/index.js'
import type { CollectionItems, CollectionKey, EntityIndexes, IndexTemplates, KnownIndexes, QueryableEntity, ScanOptions, TableQueries } from '../query/index.js'

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
  /** The character between key parts that values may not contain (default `'#'`). */
  delimiter?: string
  /** `'refuse'` (default): a key value containing the delimiter is a `KeyValueError`; `'escape'`: escaped reversibly. */
  keyValues?: 'refuse' | 'escape'
  /** A DynamoDBDocumentClient (from `@aws-sdk/lib-dynamodb`). */
  client?: CommandSender
  /** Capacity `definition()` and `create()` use unless told otherwise: `'PAY_PER_REQUEST'` (default) or provisioned. */
  billing?: 'PAY_PER_REQUEST' | Throughput
  /** The DynamoDB Streams view type `definition()` and `create()` turn on unless told otherwise. */
  stream?: StreamViewType
  /** Ask DynamoDB for the capacity every request consumes (`ReturnConsumedCapacity`); results then carry it. */
  consumedCapacity?: CapacityMode
  /** Called before every request the table and its entities send. */
  onRequest?: (event: RequestEvent) => void
  /** Called after every request (and every retry) with its duration, consumed capacity and error, if any. */
  onResponse?: (event: ResponseEvent) => void
}

export interface EntityConfig<
  S extends AnyObjectSchema,
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
}

/** The entity type `table.entity(...)` returns. */
export type EntityOf<
  N extends string,
  S extends AnyObjectSchema,
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
  indexes: EntityIndexes<I, IX, TablePK, TableSK, PK, SK, Exclude<keyof ItemOf<S, TS, V> & string, KO>>
  setConstraint: SetConstraint<ItemOf<S, TS, V>, IX, TemplateFields<PK> | TemplateFields<NonNullable<SK>>>
}>

export type ParsedItem =
  | { readonly entity: string; readonly item: Record<string, unknown> }
  | { readonly entity: undefined; readonly item: Record<string, unknown> }

// The defaults make the bare `Table` type the type of any table (as `Entity` is of any entity).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export class Table<I extends Record<string, IndexDefinition> = any, TablePK extends string = any, TableSK extends string = any> {
  readonly name: string
  readonly config: Readonly<TableConfig<I>>
  readonly spec: TableSpec
  readonly client: CommandSender | undefined
  readonly #entities: Map<string, Entity>
  #models: EntityModel[] | undefined
  #queries: object | undefined

  constructor(config: TableConfig<I>, entities?: Map<string, Entity>, observation?: Observation) {
    this.config = config
    this.name = config.name
    this.spec = { ...tableSpec(config), observation: observation ?? new Observation(config) }
    this.client = config.client
    this.#entities = entities ?? new Map()
  }

  /** Declares an entity stored in this table. Throws `DefinitionError` when its keys could collide with another entity's. */
  entity<
    const N extends string,
    S extends AnyObjectSchema,
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
    const entity = withReads(defineEntity(this.spec, name, config as never, this.client, (client, ops, probe) => transactWrite(client, ops, undefined, probe)))
    checkNoCollision(this.models, entity.model, this.spec.rules)
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

  /** A copy of the table that sends table-level operations (transactions, batches) with `client`. */
  withClient(client: CommandSender): Table<I, TablePK, TableSK> {
    return new Table({ ...this.config, client }, this.#entities, this.spec.observation)
  }

  /**
   * Adds an observer — `createCostReport()`, a logger — that sees every request the table, its
   * copies and its entities send; returns a function that removes it.
   */
  observe(observer: RequestObserver): () => void {
    return (this.spec.observation as Observation).add(observer)
  }

  /**
   * Sends puts, creates, updates, deletes and checks of any entities as one all-or-nothing
   * transaction. Over 100 operations, two on one item, or an item over 400 KB is a LimitError
   * before sending; a cancellation is a TransactionCanceledError with one reason per operation.
   */
  async transactWrite(ops: readonly TransactionWrite[], options?: TransactWriteOptions): Promise<CapacityResult> {
    refuseUniqueWrites(ops, 'transactWrite')
    return transactWrite(this.client, ops, options)
  }

  /** Reads up to 100 items of any entities in one consistent snapshot, as a typed tuple (with a non-enumerable `capacity` when asked for). */
  transactGet<const Ops extends readonly GetOperation<unknown>[]>(ops: Ops, options?: ObserveOptions): Promise<GetResults<Ops> & CapacityResult> {
    return transactGet(this.client, ops, options)
  }

  /**
   * Writes any number of puts and deletes, 25 per request, retrying what DynamoDB leaves
   * unprocessed; what is still unwritten after the last attempt is thrown in a BatchWriteError.
   */
  async batchWrite(ops: readonly (PutOperation<unknown, unknown> | DeleteOperation<unknown>)[], options?: BatchOptions): Promise<{ written: number } & CapacityResult> {
    refuseUniqueWrites(ops, 'batchWrite')
    return batchWrite(this.client, ops, options)
  }

  /** Reads any number of items, 100 per request, in request order (undefined where absent). */
  batchGet<const Ops extends readonly GetOperation<unknown>[]>(ops: Ops, options?: BatchOptions & { consistent?: boolean }): Promise<GetResults<Ops> & CapacityResult> {
    return batchGet(this.client, ops, options)
  }

  /**
   * Queries that can meet any entity, one per index (and `primary`), keyed by raw stored values:
   * `table.query.primary({ PK: 'GAME#g1' }).between('#METADATA#g1', 'USER$')`. Each item is
   * identified and decoded (`{ entity, item }`); an item no entity claims has `entity: undefined`.
   */
  get query(): TableQueries<I, TablePK, TableSK> {
    if (!this.#queries) {
      const source = this.readSource()
      const queries: Record<string, (key: Record<string, string | number>) => TableQuery> = {}
      for (const index of ['primary', ...Object.keys(this.spec.indexes)]) queries[index] = (key) => new TableQuery(source, index, key)
      this.#queries = Object.freeze(queries)
    }
    return this.#queries as TableQueries<I, TablePK, TableSK>
  }

  /** Every item of the table (or `index`), identified and decoded; `{ segments: n }` for a parallel scan. */
  scan(options?: ScanOptions<keyof I & string>): TableScan {
    return new TableScan(this.readSource(), options)
  }

  /**
   * An item collection: entities sharing the partition-key template on `index` (default the
   * table), read in one query and grouped by entity name. Checked here, at definition.
   */
  collection<const E extends readonly [Entity<EntityTypes>, ...Entity<EntityTypes>[]], const X extends string = 'primary'>(
    name: string,
    entities: E,
    options?: { index?: X },
  ): Collection<CollectionItems<E>, CollectionKey<E[0], X>> {
    return new Collection(this.name, name, entities, options?.index ?? 'primary', this.client)
  }

  private readSource(): TableReadSource {
    return { spec: this.spec, client: this.client, parse: (raw) => this.parse(raw) }
  }

  /**
   * The `CreateTableCommandInput` for this table: attribute definitions for every key attribute
   * (and only those), key schemas, indexes with projections, billing (the table's `billing`,
   * else `PAY_PER_REQUEST`) and streams.
   */
  definition(options?: DefinitionOptions): CreateTableCommandInput {
    const billing = options?.billing ?? this.config.billing
    const stream = options?.stream ?? this.config.stream
    return tableDefinition(this.config, this.models, { ...options, ...(billing ? { billing } : {}), ...(stream ? { stream } : {}) })
  }

  /** The `UpdateTimeToLiveCommandInput` for the `ttl` field entities declare; undefined when none does. */
  ttlDefinition(): UpdateTimeToLiveCommandInput | undefined {
    return ttlDefinition(this.name, this.models)
  }

  /**
   * Creates the table, waits until it and its indexes are ACTIVE and turns on TTL when an
   * entity declares `ttl` (with `wait: false`, only sends CreateTable). For tests and local work.
   */
  async create(options?: DefinitionOptions & { wait?: boolean }): Promise<void> {
    await createTable(this.requireClient(), this.definition(options), this.ttlDefinition(), options?.wait ?? true)
  }

  /** Deletes the table and waits until it is gone (unless `wait: false`); false when it did not exist. For tests and local work. */
  async drop(options?: { wait?: boolean }): Promise<boolean> {
    return dropTable(this.requireClient(), this.name, options?.wait ?? true)
  }

  /**
   * A DynamoDB Streams record (as Lambda receives it) as a typed change: `eventName`, `entity`,
   * the entity's `key` fields, and `newItem` / `oldItem` decoded with its schema. A record no
   * entity claims comes back with `entity: undefined` and raw attributes. Give `entities` to get
   * a union typed by them (records of other entities then come back unclaimed).
   */
  parseStreamRecord(record: StreamRecordInput): StreamChange
  parseStreamRecord<const E extends readonly Entity<EntityTypes>[]>(record: StreamRecordInput, options: { entities: E }): StreamChange<E[number]>
  parseStreamRecord(record: StreamRecordInput, options?: { entities?: readonly Entity<EntityTypes>[] }): StreamChange {
    return parseStreamRecord(this.name, this.streamModels(options?.entities), record)
  }

  /**
   * A Lambda handler for the table's stream: each record goes to the callback for its entity and
   * event (`{ Message: { insert(item) {...} } }`), in order. At the first failure it stops and
   * reports that record in `batchItemFailures` (enable `ReportBatchItemFailures` on the event
   * source mapping), so only it and the records after it are retried.
   */
  streamHandler<const E extends readonly Entity<EntityTypes>[] = readonly Entity[]>(
    handlers: StreamHandlers<E[number]>,
    options?: StreamHandlerOptions<E>,
  ): StreamHandler {
    const models = this.streamModels(options?.entities)
    for (const name of Object.keys(handlers)) {
      if (!models.some((m) => m.name === name)) throw new DefinitionError(`streamHandler: table ${this.name} has no entity ${name}${options?.entities ? ' among the entities given' : ''}`)
    }
    return streamHandler((record) => parseStreamRecord(this.name, models, record), handlers as never, options ?? {})
  }

  private streamModels(entities: readonly Entity<EntityTypes>[] | undefined): readonly EntityModel[] {
    if (!entities) return this.models
    return entities.map((entity) => {
      if (this.#entities.get(entity.name)?.model !== entity.model) throw new DefinitionError(`entity ${entity.name} is not an entity of table ${this.name}`)
      return entity.model
    })
  }

  private requireClient(): CommandSender {
    if (!this.client) throw new DefinitionError(`table ${this.name} has no client: pass client to defineTable, or use withClient(client)`)
    return this.client
  }
}

export function defineTable<
  const I extends Record<string, IndexDefinition> = Record<never, IndexDefinition>,
  const TablePK extends string = string,
  const TableSK extends string = never,
>(config: TableConfig<I> & { partitionKey: TablePK; sortKey?: TableSK }): Table<I, TablePK, TableSK> {
  return new Table<I, TablePK, TableSK>(config)
}

/** Writes of entities with unique fields keep their markers only when sent on their own. */
function refuseUniqueWrites(ops: readonly { kind: string; entity: { model: EntityModel } }[], where: string): void {
  for (const op of ops) {
    const model = op.entity.model
    if (op.kind !== 'check' && model.unique.length > 0) {
      throw new ValidationError(model.name, where, [
        { path: [], message: `${model.name} has unique fields (${model.unique.join(', ')}), whose markers a ${where} cannot keep: send its ${op.kind} on its own` },
      ])
    }
  }
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
  const indexes: Record<string, { partitionKey: string; sortKey?: string | undefined }> = {}
  for (const [name, index] of Object.entries(config.indexes ?? {})) {
    if (name === 'primary') fail(`"primary" is reserved for the table's own key; rename the index`)
    if (!index || typeof index.partitionKey !== 'string' || index.partitionKey.length === 0) fail(`index ${name} needs a partitionKey attribute`)
    if (index.sortKey !== undefined && index.sortKey === index.partitionKey) fail(`index ${name}: partitionKey and sortKey must differ`)
    if (index.type === 'local' && index.partitionKey !== config.partitionKey) fail(`local index ${name} must share the table's partition key "${config.partitionKey}"`)
    indexes[name] = { partitionKey: index.partitionKey, sortKey: index.sortKey }
  }
  if (entityAttribute !== undefined) {
    const keyAttributes = [config.partitionKey, config.sortKey, ...Object.values(indexes).flatMap((i) => [i.partitionKey, i.sortKey])]
    if (keyAttributes.includes(entityAttribute)) fail(`entityAttribute "${entityAttribute}" is also a key attribute`)
  }
  return { name: config.name, partitionKey: config.partitionKey, sortKey: config.sortKey, indexes, entityAttribute, rules: { delimiter, keyValues } }
}

/** Type helper: the schema output of an entity. */
export type ItemOfEntity<E> = E extends Entity<infer T> ? T['item'] : never
