// The builder every read shares. Builders are immutable: each option returns a new builder,
// so a base query can be refined in several ways. Nothing is computed until the read is sent
// or `.params()` is asked for; the command input is then built once and reused for every page.

import { ValidationError } from '../errors.js'
import { capacityMode, probeFor, withCapacity, type ObserveOptions, type Probe } from '../client/observe.js'
import { decodeCursor, type CursorScope, type Position } from './cursor.js'
import { checkCount, readAll, readCount, readPage, readPages, readTake, type Page, type PageOptions, type ReadSpec } from './reader.js'
import type { SortCondition, SortOperator } from '../expressions/index.js'
import type { IndexEntry } from '../entity/model.js'

type Attrs = Record<string, unknown>

export interface ReadState {
  readonly filters: readonly object[]
  readonly limit: number | undefined
  readonly reverse: boolean
  readonly consistent: boolean
  readonly select: readonly string[] | undefined
  readonly cursor: string | undefined
  readonly sort: SortCondition | undefined
  readonly observe: ObserveOptions | undefined
}

const EMPTY: ReadState = {
  filters: [],
  limit: undefined,
  reverse: false,
  consistent: false,
  select: undefined,
  cursor: undefined,
  sort: undefined,
  observe: undefined,
}

/** What a count reads: DynamoDB's Count, or the decoded items when ownership is checked client-side. */
export interface CountSpec {
  readonly spec: ReadSpec<unknown>
  readonly fromItems: boolean
}

export abstract class ReadBuilder<Filter, Params> {
  protected state: ReadState = EMPTY
  protected built: ReadSpec<unknown> | undefined

  /** A copy of this builder with some options changed. */
  protected with(patch: Partial<ReadState>): this {
    const copy = Object.create(Object.getPrototypeOf(this) as object) as this
    Object.assign(copy, this)
    copy.state = { ...this.state, ...patch }
    copy.built = undefined
    return copy
  }

  /** Who reads, for errors: the entity, collection or table. */
  protected abstract get owner(): string
  protected abstract get operation(): 'query' | 'scan'

  /** Builds the read: command input (before any start key), decoder, cursor scope. */
  protected abstract buildSpec(): ReadSpec<unknown>

  /** The read, built once. Validation, key and cursor errors surface here, before anything is sent. */
  protected spec(): ReadSpec<unknown> {
    return (this.built ??= this.buildSpec())
  }

  /** Only items that match `filter` are returned (a FilterExpression; several `where` calls are ANDed). */
  where(filter: Filter): this {
    return this.with({ filters: [...this.state.filters, filter as object] })
  }

  /**
   * DynamoDB's `Limit`: the most items each request *evaluates*, before any filter. With a
   * filter a page can hold fewer items (even none) while more remain; use `take(n)` to get n
   * matching items.
   */
  limit(n: number): this {
    checkCount({ owner: this.owner, operation: this.operation }, n, 'limit')
    return this.with({ limit: n })
  }

  /** Strongly consistent reads (the table and local indexes only; DynamoDB refuses it on a global index). */
  consistent(on = true): this {
    return this.with({ consistent: on })
  }

  /** Continue after the cursor of a previous page of the same read (undefined: from the start). */
  startAfter(cursor: string | undefined): this {
    return this.with({ cursor })
  }

  /** Names the access pattern this read serves (for hooks and `createCostReport()`). */
  label(label: string): this {
    return this.observe({ label })
  }

  /** Observability options for this read: label, consumedCapacity, hooks. */
  observe(options: ObserveOptions): this {
    return this.with({ observe: { ...this.state.observe, ...options } })
  }

  /** A probe for one read, or undefined when nothing watches and no capacity is asked for. */
  protected probe(operation?: string): Probe | undefined {
    const spec = this.spec()
    return probeFor(spec.observation, this.state.observe, spec.input.TableName as string, spec.entity, operation ?? spec.operation)
  }

  /** The SDK command input of the first request, without sending it. */
  params(): Params {
    const spec = this.spec()
    let input = spec.input
    if (spec.scope.segments > 1) input = { ...input, Segment: 0, TotalSegments: spec.scope.segments }
    const start = spec.start[0]
    if (start !== undefined && start !== null && start !== 0) input = { ...input, ExclusiveStartKey: start }
    return withCapacity(input, capacityMode(spec.observation, this.state.observe)) as Params
  }

  protected sorted(op: SortOperator, a: unknown, b?: unknown): this {
    if (this.state.sort !== undefined) {
      throw new ValidationError(this.owner, this.operation, [
        { path: [], message: `a query takes one sort-key condition; it already has ${this.state.sort.op} (use between for a range)` },
      ])
    }
    if (a === undefined || (op === 'between' && b === undefined)) {
      throw new ValidationError(this.owner, this.operation, [{ path: [], message: `${op} needs ${op === 'between' ? 'two bounds' : 'a bound'}` }])
    }
    return this.with({ sort: { op, a, b } })
  }

  /** Start positions from the cursor given to `startAfter`, checked against this read. */
  protected startPositions(scope: CursorScope): Position[] {
    const cursor = this.state.cursor
    if (cursor === undefined) return new Array<Position>(scope.segments).fill(null)
    return decodeCursor(scope, cursor)
  }

  /** Limit and consistency, shared by every command input. A global index has no consistent reads: refused before sending. */
  protected applyOptions(input: Attrs, index: Pick<IndexEntry, 'name' | 'kind'>): void {
    if (this.state.limit !== undefined) input.Limit = this.state.limit
    if (this.state.consistent) {
      if (index.kind === 'global') {
        throw new ValidationError(this.owner, this.operation, [
          { path: [], message: `consistent(): ${index.name} is a global secondary index, which DynamoDB reads only eventually consistently (the table and local indexes allow it)` },
        ])
      }
      input.ConsistentRead = true
    }
  }
}

/** A read whose pages hold a list of items: entity and table queries and scans. */
export abstract class ItemReadBuilder<T, Filter, Params> extends ReadBuilder<Filter, Params> implements PromiseLike<Page<T>> {
  /** Builds the read; with `count`, the input of `count()` (`Select: 'COUNT'` where DynamoDB can count). */
  protected abstract build(count: boolean): ReadSpec<unknown>

  /** Whether `count()` decodes the items to count them (ownership checked client-side) instead of using DynamoDB's Count. */
  protected countsItems(): boolean {
    return false
  }

  protected buildSpec(): ReadSpec<unknown> {
    return this.build(false)
  }

  /** How `count()` reads. */
  protected countSpec(): CountSpec {
    return { spec: this.build(true), fromItems: this.countsItems() }
  }

  private typed(): ReadSpec<T> {
    return this.spec() as ReadSpec<T>
  }

  /** Every page in turn, until the read is finished or `maxPages` pages were read. */
  async *pages(options?: PageOptions): AsyncGenerator<Page<T>, void, undefined> {
    yield* readPages(this.typed(), options, this.probe())
  }

  /** Every item across pages (up to `maxPages`); `cursor` is set when `maxPages` stopped the read early. */
  all(options?: PageOptions): Promise<Page<T>> {
    return attempt(() => readAll(this.typed(), options, this.probe()))
  }

  /**
   * Up to `n` items that match, reading page after page (up to `maxPages`) as DynamoDB's
   * `Limit` and filters require; the cursor continues right after the last item returned.
   */
  take(n: number, options?: PageOptions): Promise<Page<T>> {
    return attempt(() => readTake(this.typed(), n, options, this.probe()))
  }

  /** The number of matching items, over every page (`Select: 'COUNT'` where the narrowing is server-side). */
  count(): Promise<number> {
    return attempt(() => {
      const { spec, fromItems } = this.countSpec()
      return readCount(spec, fromItems, probeFor(spec.observation, this.state.observe, spec.input.TableName as string, spec.entity, 'count'))
    })
  }

  /** Sends the first request (from `startAfter`'s cursor, if any). */
  then<A = Page<T>, B = never>(
    onfulfilled?: ((value: Page<T>) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return attempt(() => readPage(this.typed(), this.probe())).then(onfulfilled, onrejected)
  }

  /** Sends the first request and handles its failure, as `Promise#catch`. */
  catch<B = never>(onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<Page<T> | B> {
    return this.then(undefined, onrejected)
  }
}

/** Runs `run`, turning a synchronous throw (a build error) into a rejected promise. */
export function attempt<R>(run: () => Promise<R>): Promise<R> {
  try {
    return run()
  } catch (error) {
    return Promise.reject(error)
  }
}
