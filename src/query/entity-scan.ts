// Entity.scan(): every item of one entity in the table or an index, optionally as a parallel
// scan of `segments` segments read concurrently.

import { keyLimitsOf } from '../client/limits.js'
import { ScanCommand, type ScanCommandInput } from '@aws-sdk/lib-dynamodb'
import type { Condition } from '../expressions/index.js'
import { ValidationError } from '../errors.js'
import { entityContext, withExpressionErrors } from '../entity/expression-input.js'
import type { EntityRuntime } from '../entity/operation.js'
import { ItemReadBuilder } from './builder.js'
import { entityFilter, finishEntityInput } from './entity-input.js'
import { countDecoder, entityDecoder, keyNarrowing, ownsTest, primaryChecks, type Owns } from './narrow.js'
import { indexPlan, type IndexPlan } from './plan.js'
import type { ReadSpec } from './reader.js'
import type { Selected, SelectPath } from '../entity/types.js'

type Attrs = Record<string, unknown>

export interface ScanOptions<Index extends string = string> {
  /** Scan this index instead of the table (e.g. a sparse index). */
  index?: Index
  /** A parallel scan: this many segments, read concurrently and merged (1 to 1,000,000). */
  segments?: number
}

const MAX_SEGMENTS = 1_000_000

export function checkSegments(owner: string, segments: unknown): number {
  if (segments === undefined) return 1
  if (typeof segments !== 'number' || !Number.isSafeInteger(segments) || segments < 1 || segments > MAX_SEGMENTS) {
    throw new ValidationError(owner, 'scan', [{ path: [], message: `segments must be an integer from 1 to ${MAX_SEGMENTS}, got ${String(segments)}` }])
  }
  return segments
}

const scanOwners = new WeakMap<IndexPlan, Owns>()

/**
 * `Entity.scan(options)`: every item of one entity in the table or an index, other entities' items
 * left out. `{ segments: n }` reads the `n` segments of a parallel scan concurrently, with one cursor
 * for all of them. The same `where` / `limit` / `pages` / `all` / `take` / `count` as a query.
 *
 * @example
 * ```ts
 * import { gte } from 'sortkey'
 *
 * const { items } = await Game.scan({ index: 'OpenGamesIndex' }).all()
 * const people = await Game.scan({ segments: 4 }).where({ people: gte(40) }).count()
 * ```
 */
export class EntityScan<Item, Out = Item> extends ItemReadBuilder<Out, Condition<Item>, ScanCommandInput> {
  readonly entity: EntityRuntime
  readonly plan: IndexPlan
  readonly segments: number

  constructor(entity: EntityRuntime, options: ScanOptions | undefined) {
    super()
    this.entity = entity
    this.plan = indexPlan(entity.model, options?.index ?? 'primary', 'scan')
    this.segments = checkSegments(entity.model.name, options?.segments)
  }

  protected get owner(): string {
    return this.entity.model.name
  }

  protected get operation(): 'scan' {
    return 'scan'
  }

  /** Read only these fields (a ProjectionExpression); items hold just them. A nested path ('address.city') is a key of its own holding the value there, decoded and typed. */
  select<const F extends SelectPath<Item>>(fields: readonly F[]): EntityScan<Item, Selected<Item, F>> {
    return this.with({ select: fields }) as unknown as EntityScan<Item, Selected<Item, F>>
  }

  /** Without an entity attribute, items are told apart by key pattern after reading, so a count reads them. */
  protected override countsItems(): boolean {
    return this.plan.entityAttribute === undefined
  }

  /** A scan fixes no key, so without an entity attribute every templated primary key attribute is checked. */
  private owns(): Owns {
    let owns = scanOwners.get(this.plan)
    if (!owns) scanOwners.set(this.plan, (owns = ownsTest(this.entity.model, primaryChecks(this.entity.model), this.plan.entityAttribute)))
    return owns
  }

  protected build(count: boolean): ReadSpec<unknown> {
    const model = this.entity.model
    const plan = this.plan
    const state = this.state
    return withExpressionErrors(model, 'scan', () => {
      const ctx = entityContext(model)
      const input: Attrs = { TableName: model.table.name }
      if (plan.indexName !== undefined) input.IndexName = plan.indexName
      // Without an entity attribute, the literal prefixes of the primary key narrow the scan server-side.
      const filter = entityFilter(plan, keyNarrowing(plan, false), state.filters, ctx, 'scan')
      if (filter !== undefined) input.FilterExpression = filter
      finishEntityInput(input, plan, state.select, count, ctx)
      this.applyOptions(input, plan.entry)
      const scope = {
        identity: ['scan', model.table.name, model.name, plan.index.name, this.segments],
        keyAttributes: plan.keyAttributes,
        partition: undefined,
        segments: this.segments,
      }
      const owns = this.owns()
      return {
        owner: model.name,
        operation: 'scan',
        input,
        command: (params: Attrs) => new ScanCommand(params as ScanCommandInput),
        decode: count ? countDecoder(owns) : entityDecoder(plan, owns, state.select, 'scan'),
        scope,
        start: this.startPositions(scope),
        context: { entity: model.name, operation: 'scan', key: {} },
        client: this.entity.client,
        observation: model.table.observation,
        keys: keyLimitsOf(model.table),
        entity: model.name,
      }
    })
  }
}
