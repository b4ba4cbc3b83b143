// Item collections: entities that share a partition-key template on one index, read together
// in one query and handed back grouped by entity, each item decoded with its own schema.
// (A game and its players: 'GAME#{game_id}' / '#METADATA#{game_id}' and 'GAME#{game_id}' / 'USER#{username}'.)

import { keyLimitsOf } from '../client/limits.js'
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb'
import type { CommandSender } from '../client/send.js'
import type { Capacity } from '../client/observe.js'
import { compileCondition, compileKeyCondition, EVERY_KEY, hull, oneOf, type Condition, templateScope, type KeyRange, type SortCondition, type SortKeySpec } from '../expressions/index.js'
import { KeyValueProblem } from '../keys/index.js'
import { DefinitionError, IncompleteKeyError, KeyValueError, SortkeyError, ValidationError } from '../errors.js'
import { decodeItem, encodeKeyValues, keyValue } from '../entity/codec.js'
import { encodeConditionForAll, entityContext, withExpressionErrors } from '../entity/expression-input.js'
import type { EntityModel, KeyAttribute } from '../entity/model.js'
import { partitionKey } from './entity-query.js'
import type { EntityRuntime } from '../entity/operation.js'
import { attempt, ReadBuilder } from './builder.js'
import { indexPlan, type IndexPlan } from './plan.js'
import { readAll, readPages, type Page, type PageOptions, type ReadSpec } from './reader.js'
import type { Entity } from '../entity/entity.js'
import type { EntityTypes } from '../entity/types.js'
import type { CollectionItems, CollectionKey } from './types.js'

type Attrs = Record<string, unknown>

interface Member {
  readonly name: string
  readonly model: EntityModel
  readonly plan: IndexPlan
}

/** A page of a collection query: the items grouped by entity name. */
export interface GroupedPage<Items> {
  readonly items: Items
  readonly cursor: string | undefined
  readonly skipped: number
  /** Capacity the read consumed; set when capacity was asked for or a hook watches. */
  readonly capacity?: Capacity
}

interface Entry {
  readonly entity: string
  readonly item: Attrs
}

/**
 * An item collection: entities of one table sharing the partition-key template on `index`
 * (default the table's own key), read in one query and grouped by entity name, each item decoded
 * with its own schema. Checked here, at definition (a `DefinitionError` when the entities do not
 * share a partition-key template there). It sends with `client`, else the first entity's.
 *
 * @example
 * ```ts
 * import { defineCollection } from 'sortkey'
 *
 * const GameWithPlayers = defineCollection('GameWithPlayers', [Game, UserGameMapping])
 * const { Game: [game], UserGameMapping: players } = await GameWithPlayers.query({ game_id: 'g1' })
 * ```
 */
export function defineCollection<const E extends readonly [Entity<EntityTypes>, ...Entity<EntityTypes>[]], const X extends string = 'primary'>(
  name: string,
  entities: E,
  options?: { index?: X; client?: CommandSender },
): Collection<CollectionItems<E>, CollectionKey<E[0], X>> {
  const first = (Array.isArray(entities) ? entities[0] : undefined) as Partial<EntityRuntime> | undefined
  return new Collection(first?.model?.table.name ?? '', name, entities, options?.index ?? 'primary', options?.client ?? first?.client)
}

/**
 * A collection made by `defineCollection`: its `name`, `index` and member `entities`, and
 * `query(key)` to read one partition of it.
 *
 * @example
 * ```ts
 * import { defineCollection } from 'sortkey'
 *
 * const GameWithPlayers = defineCollection('GameWithPlayers', [Game, UserGameMapping])
 * GameWithPlayers.entities // ['Game', 'UserGameMapping']
 * const grouped = await GameWithPlayers.query({ game_id: 'g1' })
 * ```
 */
export class Collection<Items extends Record<string, unknown[]> = Record<string, unknown[]>, Key = Attrs> {
  readonly name: string
  /** The index the collection is read from ('primary' for the table). */
  readonly index: string
  readonly #members: readonly Member[]
  readonly #client: CommandSender | undefined

  constructor(tableName: string, name: string, entities: readonly EntityRuntime[], index: string, client: CommandSender | undefined) {
    const fail = (message: string): never => {
      throw new DefinitionError(`collection ${String(name)}: ${message}`)
    }
    this.name = name
    this.index = index
    this.#client = client
    if (typeof name !== 'string' || name.length === 0) fail('needs a non-empty name')
    if (!Array.isArray(entities) || entities.length === 0) fail('needs at least one entity')
    const members: Member[] = []
    this.#members = members
    for (const entity of entities) {
      const model = (entity as Partial<EntityRuntime> | undefined)?.model
      if (!model) return fail('every member must be an entity of the table')
      if (model.table.name !== tableName) fail(`entity ${model.name} belongs to table ${model.table.name}, not ${tableName}`)
      if (members.some((m) => m.name === model.name)) fail(`entity ${model.name} is listed twice`)
      let plan: IndexPlan
      try {
        plan = indexPlan(model, index)
      } catch (error) {
        if (error instanceof SortkeyError) return fail(`entity ${model.name} is not in ${index === 'primary' ? 'the table' : `index ${index}`}`)
        throw error
      }
      const first = members[0]
      if (first) {
        const a = first.plan.index.partition
        const b = plan.index.partition
        if (a.length !== b.length || a.some((key, i) => key.plain !== b[i]?.plain || key.template.source !== b[i]?.template.source)) {
          fail(`entities ${first.name} and ${model.name} do not share a partition-key template on ${index} ('${sources(a)}' vs '${sources(b)}')`)
        }
      }
      members.push({ name: model.name, model, plan })
    }
  }

  /** The names of the member entities. */
  get entities(): string[] {
    return this.#members.map((m) => m.name)
  }

  /** Every item of the collection under `key`, grouped by entity (awaiting reads every page). */
  query(key: Key): CollectionQuery<Items> {
    return new CollectionQuery<Items>(this.name, this.#members, key as Attrs, this.#client)
  }
}

/**
 * One partition of a collection. Awaiting it reads every page and resolves to the items grouped
 * by entity name; `pages()` and `all({ maxPages })` give grouped pages with a cursor, and it takes
 * the read options every query takes (`where`, `limit`, `startAfter`, `label`, `params`).
 *
 * @example
 * ```ts
 * import { defineCollection } from 'sortkey'
 *
 * const GameWithPlayers = defineCollection('GameWithPlayers', [Game, UserGameMapping])
 * for await (const page of GameWithPlayers.query({ game_id: 'g1' }).pages({ maxPages: 10 })) {
 *   console.log(page.items.UserGameMapping.length, page.cursor)
 * }
 * ```
 */
export class CollectionQuery<Items extends Record<string, unknown[]>> extends ReadBuilder<Condition, QueryCommandInput> implements PromiseLike<Items> {
  readonly collection: string
  readonly key: Attrs
  // Plain fields, not #private: builders are copied with Object.assign.
  private readonly members: readonly Member[]
  private readonly client: CommandSender | undefined

  constructor(collection: string, members: readonly Member[], key: Attrs, client: CommandSender | undefined) {
    super()
    this.collection = collection
    this.members = members
    this.key = key
    this.client = client
  }

  protected get owner(): string {
    return this.collection
  }

  protected get operation(): 'query' {
    return 'query'
  }

  /** Raw sort-key bounds, replacing the range the members' sort-key prefixes give. */
  between(low: string | number, high: string | number): this {
    return this.sorted('between', low, high)
  }

  /** Only items whose sort key starts with this raw stored prefix (within the collection's range). */
  beginsWith(prefix: string): this {
    return this.sorted('beginsWith', prefix)
  }

  /** Descending sort-key order. */
  reverse(on = true): this {
    return this.with({ reverse: on })
  }

  /** Every page in turn, each grouped by entity. */
  async *pages(options?: PageOptions): AsyncGenerator<GroupedPage<Items>, void, undefined> {
    for await (const page of readPages(this.spec() as ReadSpec<Entry>, options, this.probe())) yield this.grouped(page)
  }

  /** Every item across pages (up to `maxPages`), grouped by entity; `cursor` is set when `maxPages` stopped it. */
  all(options?: PageOptions): Promise<GroupedPage<Items>> {
    return attempt(() => readAll(this.spec() as ReadSpec<Entry>, options, this.probe()).then((page) => this.grouped(page)))
  }

  /** Reads every page and resolves to the items grouped by entity name. */
  then<A = Items, B = never>(
    onfulfilled?: ((value: Items) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.all()
      .then((page) => page.items)
      .then(onfulfilled, onrejected)
  }

  private grouped(page: Page<Entry>): GroupedPage<Items> {
    const groups: Record<string, Attrs[]> = {}
    for (const member of this.members) groups[member.name] = []
    for (const entry of page.items) (groups[entry.entity] as Attrs[]).push(entry.item)
    const grouped = { items: groups as unknown as Items, cursor: page.cursor, skipped: page.skipped }
    return page.capacity === undefined ? grouped : { ...grouped, capacity: page.capacity }
  }

  protected buildSpec(): ReadSpec<unknown> {
    const members = this.members
    const lead = members[0] as Member
    const model = lead.model
    const { index } = lead.plan
    const state = this.state
    const key = this.key
    return withExpressionErrors(model, 'query', () => {
      if (key === null || typeof key !== 'object') throw new ValidationError(this.collection, 'query', [{ path: [], message: 'the key input must be an object' }])
      const missing = lead.plan.pkFields.filter((field) => key[field] === undefined)
      if (missing.length > 0) throw new IncompleteKeyError(this.collection, sources(index.partition), missing, `a query of collection ${this.collection}`)
      const encoded = encodeKeyValues(model, key, lead.plan.pkFields, 'query')
      const partition = index.partition.map((part) => ({ attribute: part.attribute, value: keyValue(model, part, encoded) }))
      const ctx = entityContext(model)
      const sk = index.sk
      if (state.sort !== undefined && !sk) throw new ValidationError(this.collection, 'query', [{ path: [], message: `${index.name} has no sort key` }])
      // Raw bounds compare the first sort-key attribute; a multi-attribute sort key has no template prefix to confine them to.
      const range = index.sort.length > 1 ? undefined : collectionScope(members, key)
      const sort: SortKeySpec | undefined = sk && { kind: 'raw', attribute: sk.attribute, scope: range, condition: state.sort as SortCondition | undefined }
      const where = `collection ${this.collection}: sort key "${sk?.attribute ?? ''}"`
      const expression = compileKeyCondition({ where, keys: lead.plan.entry, partition, sort }, ctx)
      const input: Attrs = { TableName: model.table.name }
      if (lead.plan.indexName !== undefined) input.IndexName = lead.plan.indexName
      input.KeyConditionExpression = expression
      const filters: object[] = []
      const attribute = model.table.entityAttribute
      if (attribute !== undefined) {
        filters.push({ [attribute]: members.length === 1 ? lead.name : oneOf(members.map((m) => m.name)) })
      }
      for (const filter of state.filters) filters.push(encodeConditionForAll(members.map((m) => m.model), 'query', filter as Attrs))
      if (filters.length > 0) input.FilterExpression = compileCondition((filters.length === 1 ? filters[0] : { $and: filters }) as never, ctx)
      input.ExpressionAttributeNames = ctx.names
      input.ExpressionAttributeValues = ctx.values
      this.applyOptions(input, lead.plan.entry)
      if (state.reverse) input.ScanIndexForward = false
      const scope = {
        identity: ['collection', model.table.name, this.collection, index.name, ...partition.map((p) => p.value)],
        keyAttributes: lead.plan.keyAttributes,
        partition,
        segments: 1,
      }
      return {
        owner: this.collection,
        operation: 'query',
        input,
        command: (params: Attrs) => new QueryCommand(params as QueryCommandInput),
        decode: memberDecoder(members),
        scope,
        start: this.startPositions(scope),
        context: { entity: this.collection, operation: 'query', key: partitionKey(partition) },
        client: this.client,
        observation: model.table.observation,
        keys: keyLimitsOf(model.table),
        entity: this.collection,
      }
    })
  }
}

function sources(keys: readonly KeyAttribute[]): string {
  return keys.map((key) => key.template.source).join("', '")
}

/**
 * The sort-key range that holds every member's items under `key`: the least range over each
 * member's scope (its literal prefix and the partition fields its sort key repeats), e.g. LGME's
 * '#METADATA#g1' and 'USER#...'. Every key when a member's sort key has no literal prefix.
 */
function collectionScope(members: readonly Member[], key: Attrs): KeyRange {
  let scope: KeyRange | undefined
  for (const { model, plan } of members) {
    const sk = plan.index.sk
    if (!sk || sk.plain) return EVERY_KEY
    let range: KeyRange
    try {
      range = templateScope({
        kind: 'template',
        attribute: sk.attribute,
        template: sk.template,
        rules: model.table.rules,
        fixed: key,
        implied: plan.implied,
        encode: (field, value) => encodeKeyValues(model, { [field]: value }, [field], 'query')[field],
      })
    } catch (error) {
      if (error instanceof KeyValueProblem) throw new KeyValueError(model.name, sk.template.source, error.field, error.value, error.reason)
      throw error
    }
    scope = scope === undefined ? range : hull(scope, range)
  }
  return scope ?? EVERY_KEY
}

/** Identifies each item among the members (entity attribute, else key templates) and decodes it; others are skipped. */
function memberDecoder(members: readonly Member[]): (raw: Attrs) => Entry | undefined {
  const attribute = members[0]?.model.table.entityAttribute
  if (attribute !== undefined) {
    const byName = new Map(members.map((m) => [m.name, m.model]))
    return (raw) => {
      const name = raw[attribute]
      const model = typeof name === 'string' ? byName.get(name) : undefined
      return model ? { entity: model.name, item: decodeItem(model, raw, 'query') } : undefined
    }
  }
  return (raw) => {
    for (const member of members) {
      if (member.plan.owns(raw)) return { entity: member.name, item: decodeItem(member.model, raw, 'query') }
    }
    return undefined
  }
}
