// Reads that can meet any entity: queryTable(table).<index>(rawKey) and scanTable(table). Keys and sort
// bounds are raw stored values; every item is identified and decoded by the table (entity
// attribute, or key patterns), and an item no entity claims is returned with `entity:
// undefined` and its raw attributes, never dropped.

import { keyLimitsOf } from '../client/limits.js'
import { QueryCommand, ScanCommand, type QueryCommandInput, type ScanCommandInput } from '@aws-sdk/lib-dynamodb'
import type { CommandSender } from '../client/send.js'
import { compileCondition, compileKeyCondition, createContext, givenSortRun, ExpressionError, type Condition, type ExpressionContext, type SortCondition } from '../expressions/index.js'
import { ValidationError } from '../errors.js'
import type { IndexEntry, TableSpec } from '../entity/model.js'
import { ItemReadBuilder } from './builder.js'
import { checkSegments, type ScanOptions } from './entity-scan.js'
import type { CursorScope, Position } from './cursor.js'
import type { ReadSpec } from './reader.js'

type Attrs = Record<string, unknown>

/** A stored item identified by the table: its entity's name and decoded item, or `entity: undefined` and the raw item. */
export type MixedItem =
  | { readonly entity: string; readonly item: Record<string, unknown> }
  | { readonly entity: undefined; readonly item: Record<string, unknown> }

/** What table-level reads need from the table. */
export interface TableReadSource {
  readonly spec: TableSpec
  readonly client: CommandSender | undefined
  readonly parse: (raw: Attrs) => MixedItem
}

export type RawKeyValue = string | number

function owner(spec: TableSpec): string {
  return `table ${spec.name}`
}

function indexEntry(spec: TableSpec, index: string, operation: 'query' | 'scan'): IndexEntry {
  const entry = spec.registry.get(index)
  if (!entry) throw new ValidationError(owner(spec), operation, [{ path: [], message: `no index "${index}" on table ${spec.name}` }])
  return entry
}

function tableContext(spec: TableSpec, keyAttributes: readonly string[]): ExpressionContext {
  const names = new Set(keyAttributes)
  if (spec.entityAttribute !== undefined) names.add(spec.entityAttribute)
  return createContext({ literalNames: names })
}

function withErrors<T>(spec: TableSpec, operation: string, build: () => T): T {
  try {
    return build()
  } catch (error) {
    if (error instanceof ExpressionError) throw new ValidationError(owner(spec), operation, [{ path: [], message: error.message }], { cause: error })
    throw error
  }
}

function filterOf(filters: readonly object[], ctx: ExpressionContext): string | undefined {
  if (filters.length === 0) return undefined
  return compileCondition((filters.length === 1 ? filters[0] : { $and: filters }) as never, ctx)
}

/** The read a table-wide query or scan sends: items decoded by the table, no entity for hooks. */
function tableReadSpec(source: TableReadSource, operation: 'query' | 'scan', input: Attrs, scope: CursorScope, start: Position[], key: Attrs): ReadSpec<unknown> {
  const spec = source.spec
  return {
    owner: owner(spec),
    operation,
    input,
    command: operation === 'query' ? (params: Attrs) => new QueryCommand(params as QueryCommandInput) : (params: Attrs) => new ScanCommand(params as ScanCommandInput),
    decode: source.parse,
    scope,
    start,
    context: { entity: owner(spec), operation, key },
    client: source.client,
    observation: spec.observation,
    keys: keyLimitsOf(spec),
    entity: undefined,
  }
}

function isKeyValue(value: unknown): value is RawKeyValue {
  return (typeof value === 'string' && value.length > 0) || (typeof value === 'number' && Number.isFinite(value))
}

/**
 * `queryTable(table).<index>(rawKey)`: every item of one partition, whatever its entity, each as
 * `{ entity, item }`. Keys and sort-key bounds are raw stored values.
 *
 * @example
 * ```ts
 * import { queryTable } from 'sortkey'
 *
 * const { items } = await queryTable(table).InvertedIndex({ SK: 'USER#alice' }).beginsWith('GAME#').all()
 * ```
 */
export class TableQuery extends ItemReadBuilder<MixedItem, Condition, QueryCommandInput> {
  readonly source: TableReadSource
  readonly index: string
  readonly key: Readonly<Record<string, RawKeyValue>>

  constructor(source: TableReadSource, index: string, key: Readonly<Record<string, RawKeyValue>>) {
    super()
    this.source = source
    this.index = index
    this.key = key
  }

  protected get owner(): string {
    return owner(this.source.spec)
  }

  protected get operation(): 'query' {
    return 'query'
  }

  /** Sort keys starting with the raw string `prefix`. */
  beginsWith(prefix: string): this {
    return this.sorted('beginsWith', prefix)
  }

  /** Raw sort-key values from `low` through `high`, both included (e.g. `'#METADATA#g1'` to `'USER$'`). */
  between(low: RawKeyValue, high: RawKeyValue): this {
    return this.sorted('between', low, high)
  }

  /** Sort keys after this raw stored value. */
  gt(bound: RawKeyValue): this {
    return this.sorted('gt', bound)
  }

  /** Sort keys from this raw stored value on. */
  gte(bound: RawKeyValue): this {
    return this.sorted('gte', bound)
  }

  /** Sort keys before this raw stored value. */
  lt(bound: RawKeyValue): this {
    return this.sorted('lt', bound)
  }

  /** Sort keys up to this raw stored value, included. */
  lte(bound: RawKeyValue): this {
    return this.sorted('lte', bound)
  }

  /** Descending sort-key order. */
  reverse(on = true): this {
    return this.with({ reverse: on })
  }

  protected build(count: boolean): ReadSpec<unknown> {
    const spec = this.source.spec
    const state = this.state
    return withErrors(spec, 'query', () => {
      const entry = indexEntry(spec, this.index, 'query')
      const keyAttributes = entry.keyAttributes
      const ctx = tableContext(spec, keyAttributes)
      const key = this.key
      const fail = (message: string): never => {
        throw new ValidationError(owner(spec), 'query', [{ path: [], message }])
      }
      if (key === null || typeof key !== 'object') fail('the key must be an object')
      for (const name in key) if (!entry.partitionKey.includes(name) && !entry.sortKey.includes(name)) fail(`"${name}" is not a key attribute of ${this.index}`)
      const partition = entry.partitionKey.map((attribute) => {
        const value = key[attribute]
        if (!isKeyValue(value)) fail(`the key needs "${attribute}" (a non-empty string or a number)`)
        return { attribute, value }
      })
      if (entry.sortKey.length === 0 && state.sort !== undefined) fail(`${this.index} has no sort key`)
      for (const attribute of entry.sortKey) if (key[attribute] !== undefined && !isKeyValue(key[attribute])) fail(`"${attribute}" must be a non-empty string or a number`)
      // Sort attributes the key gives are equalities, left to right (several for a multi-attribute key); a condition is on the next one.
      const where = `sort key "${entry.sortKey.join('", "')}"`
      const run = givenSortRun(where, entry.sortKey, (attribute) => key[attribute] !== undefined)
      const last = run === entry.sortKey.length && run > 0 && state.sort !== undefined ? run - 1 : run
      const sortEquals = entry.sortKey.slice(0, last).map((attribute) => ({ attribute, value: key[attribute] }))
      const next = entry.sortKey[last]
      const sort = next === undefined ? undefined : { kind: 'raw' as const, attribute: next, equals: key[next], condition: state.sort as SortCondition | undefined }
      const expression = compileKeyCondition({ where, keys: entry, partition, sortEquals, sort }, ctx)
      const input: Attrs = { TableName: spec.name }
      if (entry.indexName !== undefined) input.IndexName = entry.indexName
      input.KeyConditionExpression = expression
      const filter = filterOf(state.filters, ctx)
      if (filter !== undefined) input.FilterExpression = filter
      if (count) input.Select = 'COUNT'
      input.ExpressionAttributeNames = ctx.names
      input.ExpressionAttributeValues = ctx.values
      this.applyOptions(input, entry)
      if (state.reverse) input.ScanIndexForward = false
      const scope = {
        identity: ['query', spec.name, '*', this.index, ...partition.map((p) => p.value)],
        keyAttributes,
        partition,
        segments: 1,
      }
      return tableReadSpec(this.source, 'query', input, scope, this.startPositions(scope), Object.fromEntries(partition.map((p) => [p.attribute, p.value])))
    })
  }
}

/**
 * `scanTable(table, options)`: every item of the table or an index, whatever its entity, each as
 * `{ entity, item }`.
 *
 * @example
 * ```ts
 * import { scanTable } from 'sortkey'
 *
 * for await (const page of scanTable(table).pages()) {
 *   for (const { entity, item } of page.items) if (entity === undefined) console.log('unclaimed', item)
 * }
 * ```
 */
export class TableScan extends ItemReadBuilder<MixedItem, Condition, ScanCommandInput> {
  readonly source: TableReadSource
  readonly index: string
  readonly segments: number
  private readonly entry: IndexEntry

  constructor(source: TableReadSource, options: ScanOptions | undefined) {
    super()
    this.source = source
    this.index = options?.index ?? 'primary'
    this.segments = checkSegments(owner(source.spec), options?.segments)
    this.entry = indexEntry(source.spec, this.index, 'scan')
  }

  protected get owner(): string {
    return owner(this.source.spec)
  }

  protected get operation(): 'scan' {
    return 'scan'
  }

  protected build(count: boolean): ReadSpec<unknown> {
    const spec = this.source.spec
    const state = this.state
    return withErrors(spec, 'scan', () => {
      const keyAttributes = this.entry.keyAttributes
      const ctx = tableContext(spec, keyAttributes)
      const input: Attrs = { TableName: spec.name }
      if (this.entry.indexName !== undefined) input.IndexName = this.entry.indexName
      const filter = filterOf(state.filters, ctx)
      if (filter !== undefined) input.FilterExpression = filter
      if (count) input.Select = 'COUNT'
      if (Object.keys(ctx.names).length > 0) input.ExpressionAttributeNames = ctx.names
      if (Object.keys(ctx.values).length > 0) input.ExpressionAttributeValues = ctx.values
      this.applyOptions(input, this.entry)
      const scope = {
        identity: ['scan', spec.name, '*', this.index, this.segments],
        keyAttributes,
        partition: undefined,
        segments: this.segments,
      }
      return tableReadSpec(this.source, 'scan', input, scope, this.startPositions(scope), {})
    })
  }
}
