// Entity.query.<index>(key): the items of one entity in one partition of the table or of an
// index, in sort-key order.

import { keyLimitsOf } from '../client/limits.js'
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb'
import type { Condition } from '../expressions/index.js'
import { entityContext, withExpressionErrors } from '../entity/expression-input.js'
import type { EntityRuntime } from '../entity/operation.js'
import { ItemReadBuilder } from './builder.js'
import { entityFilter, entityKeyCondition, finishEntityInput } from './entity-input.js'
import { countDecoder, entityDecoder, keyNarrowing } from './narrow.js'
import type { IndexPlan } from './plan.js'
import type { Selected, SelectPath } from '../entity/types.js'
import type { ReadSpec } from './reader.js'

type Attrs = Record<string, unknown>

/** The partition a query reads as a key object, for hooks and errors. */
export function partitionKey(partition: readonly { readonly attribute: string; readonly value: unknown }[]): Attrs {
  const key: Attrs = {}
  for (const p of partition) key[p.attribute] = p.value
  return key
}

/** Sort-key fields for `beginsWith`: the last one given may be a prefix of its stored (string) form. */
export type PrefixInput<Sk> = { [K in keyof Sk]?: Sk[K] | string }

/**
 * `Entity.query.<index>(key)`: the items of one entity in one partition of the table or an index,
 * in sort-key order. It is immutable (every option returns a new query) and lazy: `await` sends
 * one request and resolves to a page `{ items, cursor, skipped }`; `pages()`, `all()`, `take(n)`
 * and `count()` read further; `params()` shows the QueryCommand input.
 *
 * @example
 * ```ts
 * import { gt } from 'sortkey'
 *
 * const open = await Game.query.OpenGamesIndex({ map: 'Green Grasslands' }).take(10)
 * const page = await Order.query.primary({ customerId: 'c1' }).between({ year: 2023 }, { year: 2024 }).reverse().limit(20)
 * const next = await Order.query.primary({ customerId: 'c1' }).startAfter(page.cursor)
 * const big = await Order.query.primary({ customerId: 'c1' }).where({ total: gt(100) }).count()
 * ```
 */
export class EntityQuery<Item, Sk = Record<string, unknown>, Out = Item, Prefix = PrefixInput<Sk> | string> extends ItemReadBuilder<Out, Condition<Item>, QueryCommandInput> {
  readonly entity: EntityRuntime
  readonly plan: IndexPlan
  readonly key: Attrs

  constructor(entity: EntityRuntime, plan: IndexPlan, key: Attrs) {
    super()
    this.entity = entity
    this.plan = plan
    this.key = key
  }

  protected get owner(): string {
    return this.entity.model.name
  }

  protected get operation(): 'query' {
    return 'query'
  }

  /** Sort keys that start with these leading fields; the last one given is a prefix (a string is a raw stored prefix). */
  beginsWith(prefix: Prefix): this {
    return this.sorted('beginsWith', prefix)
  }

  /** Sort keys from `low` through `high`, both included; a partial key includes every key it starts. */
  between(low: Sk | string | number, high: Sk | string | number): this {
    return this.sorted('between', low, high)
  }

  /** Sort keys after `bound` (after every key a partial bound starts). */
  gt(bound: Sk | string | number): this {
    return this.sorted('gt', bound)
  }

  /** Sort keys from `bound` on (from the first key a partial bound starts). */
  gte(bound: Sk | string | number): this {
    return this.sorted('gte', bound)
  }

  /** Sort keys before `bound` (before every key a partial bound starts). */
  lt(bound: Sk | string | number): this {
    return this.sorted('lt', bound)
  }

  /** Sort keys up to `bound` (through every key a partial bound starts). */
  lte(bound: Sk | string | number): this {
    return this.sorted('lte', bound)
  }

  /** Descending sort-key order. */
  reverse(on = true): this {
    return this.with({ reverse: on })
  }

  /**
   * Read only these fields (a ProjectionExpression); items hold just them. A path into a map or
   * list ('address.city', 'lines[0].qty') is a key of its own holding the value there, decoded and typed.
   */
  select<const F extends SelectPath<Item>>(fields: readonly F[]): EntityQuery<Item, Sk, Selected<Item, F>, Prefix> {
    return this.with({ select: fields }) as unknown as EntityQuery<Item, Sk, Selected<Item, F>, Prefix>
  }

  /** Without an entity attribute, items are told apart by key pattern after reading, so a count reads them. */
  protected override countsItems(): boolean {
    return this.plan.entityAttribute === undefined
  }

  protected build(count: boolean): ReadSpec<unknown> {
    const model = this.entity.model
    const plan = this.plan
    const state = this.state
    return withExpressionErrors(model, 'query', () => {
      const ctx = entityContext(model)
      const input: Attrs = { TableName: model.table.name }
      if (plan.indexName !== undefined) input.IndexName = plan.indexName
      const key = entityKeyCondition(plan, this.key, state.sort, ctx)
      input.KeyConditionExpression = key.expression
      const filter = entityFilter(plan, keyNarrowing(plan, true), state.filters, ctx)
      if (filter !== undefined) input.FilterExpression = filter
      finishEntityInput(input, plan, state.select, count, ctx)
      this.applyOptions(input, plan.entry)
      if (state.reverse) input.ScanIndexForward = false
      const scope = {
        identity: ['query', model.table.name, model.name, plan.index.name, ...key.partition.map((p) => p.value)],
        keyAttributes: plan.keyAttributes,
        partition: key.partition,
        segments: 1,
      }
      return {
        owner: model.name,
        operation: 'query',
        input,
        command: (params: Attrs) => new QueryCommand(params as QueryCommandInput),
        decode: count ? countDecoder(plan.owns) : entityDecoder(plan, plan.owns, state.select, 'query'),
        scope,
        start: this.startPositions(scope),
        context: { entity: model.name, operation: 'query', key: partitionKey(key.partition) },
        client: this.entity.client,
        observation: model.table.observation,
        keys: keyLimitsOf(model.table),
        entity: model.name,
      }
    })
  }
}
