// Watching requests: hooks that see every command sortkey sends, and the capacity DynamoDB
// reports for it. Nothing here runs unless something asked: senders call `probeFor(...)`, get
// undefined when no hook and no capacity mode is set, and send exactly as they would without
// this file. A probe stands for one logical operation (a get; a query across its pages; a batch
// with its retries; a unique write's read and transaction) and sums what its requests consumed.

import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb'

/** How much capacity detail DynamoDB returns (`ReturnConsumedCapacity`). */
export type CapacityMode = 'TOTAL' | 'INDEXES'

/** The DynamoDB API action a request calls. */
export type DynamoAction =
  | 'GetItem'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'Query'
  | 'Scan'
  | 'BatchGetItem'
  | 'BatchWriteItem'
  | 'TransactGetItems'
  | 'TransactWriteItems'

/** Capacity units consumed, summed over an operation's requests. */
export interface Capacity {
  /** Every capacity unit consumed (DynamoDB's `CapacityUnits`, summed). */
  readonly total: number
  /** Read capacity units: what reads (get, query, scan, batchGet, transactGet) consumed. */
  readonly read: number
  /** Write capacity units: what writes consumed. */
  readonly write: number
  /** With `consumedCapacity: 'INDEXES'`: the units the base table itself consumed. */
  readonly table?: number
  /** With `consumedCapacity: 'INDEXES'`: the units each secondary index consumed, by index name. */
  readonly indexes?: Readonly<Record<string, number>>
}

/** What a hook sees before a request is sent. */
export interface RequestEvent {
  /** Identifies the logical operation: every request of one operation (pages, retries, a unique write's read) shares it. */
  readonly call: number
  /** The table the operation is on. */
  readonly table: string
  /** The entity (or collection) the operation is on; undefined for table-wide reads and for batches and transactions over several entities. */
  readonly entity: string | undefined
  /** sortkey's operation: `get`, `put`, `create`, `update`, `delete`, `query`, `scan`, `count`, `batchWrite`, `batchGet`, `transactWrite`, `transactGet`. */
  readonly operation: string
  /** The access-pattern label given to the operation, if any. */
  readonly label: string | undefined
  /** The DynamoDB action this request calls. */
  readonly command: DynamoAction
  /** The exact command input sent (DocumentClient form). */
  readonly input: Readonly<Record<string, unknown>>
  /** 1 for the first attempt; a batch's retries of unprocessed or throttled items count up. */
  readonly attempt: number
}

/** What a hook sees after a request came back (or failed). */
export interface ResponseEvent extends RequestEvent {
  /** Wall time of the request, in milliseconds. */
  readonly durationMs: number
  /** The capacity this request consumed (undefined when DynamoDB reported none, e.g. on an error). */
  readonly capacity: Capacity | undefined
  /** `ConsumedCapacity` as DynamoDB returned it (always a list here). */
  readonly consumedCapacity: readonly ConsumedCapacity[] | undefined
  /** Retries the AWS SDK made inside this request with its own retry strategy (`$metadata.attempts - 1`). */
  readonly sdkRetries: number
  /**
   * Query and Scan: items DynamoDB read (`ScannedCount`), items that passed the filter (`Count`),
   * and items the caller got (after the entity check; a `take` may stop inside a page).
   */
  readonly items?: { readonly read: number; readonly matched: number; readonly returned: number }
  /** BatchWriteItem / BatchGetItem: requests DynamoDB left unprocessed (retried, or reported in the error). */
  readonly unprocessed?: number
  /** The error the request failed with, if it did: a sortkey error (`RequestFailedError` keeps the SDK's error as `cause`). */
  readonly error?: unknown
}

/** Something that watches requests: a logger, a metrics exporter, `createCostReport()`. */
export interface RequestObserver {
  /** Called before each request is sent. */
  onRequest?(event: RequestEvent): void
  /** Called after each request (and each retry), with its duration, capacity and error, if any. */
  onResponse?(event: ResponseEvent): void
}

/** Per-operation observability options (`label` names the access pattern). */
export interface ObserveOptions {
  /** The access pattern this operation serves, e.g. `'find open games by map'`. */
  label?: string
  /** Ask DynamoDB for the capacity consumed (overrides the table's setting). */
  consumedCapacity?: CapacityMode
  /** Called before each request of this operation (after the table's hooks). */
  onRequest?: (event: RequestEvent) => void
  /** Called after each request of this operation (after the table's hooks). */
  onResponse?: (event: ResponseEvent) => void
}

/** An operation's result with what it cost (`op.withMeta()`). */
export interface Metered<R> {
  readonly result: R
  /** Capacity consumed by every request the operation made. */
  readonly capacity: Capacity | undefined
  /** Requests sent (a unique write sends a read and a transaction). */
  readonly requests: number
}

/** The table-wide settings: hooks and capacity mode. Shared by a table and its `withClient` copies, and read by its entities. */
export class Observation {
  /** Capacity mode every request asks for (undefined: only when a hook watches). */
  readonly capacity: CapacityMode | undefined
  #observers: readonly RequestObserver[] = []
  /** True when anything watches or capacity is asked for: the one thing senders check. */
  active: boolean

  constructor(options: { consumedCapacity?: CapacityMode | undefined; onRequest?: ((event: RequestEvent) => void) | undefined; onResponse?: ((event: ResponseEvent) => void) | undefined } = {}) {
    this.capacity = options.consumedCapacity
    if (options.onRequest || options.onResponse) this.#observers = [{ onRequest: options.onRequest, onResponse: options.onResponse }]
    this.active = this.capacity !== undefined || this.#observers.length > 0
  }

  get observers(): readonly RequestObserver[] {
    return this.#observers
  }

  /** Adds an observer; returns a function that removes it. */
  add(observer: RequestObserver): () => void {
    this.#observers = [...this.#observers, observer]
    this.active = true
    return () => {
      this.#observers = this.#observers.filter((o) => o !== observer)
      this.active = this.capacity !== undefined || this.#observers.length > 0
    }
  }
}

function hasHooks(options: ObserveOptions | undefined): boolean {
  return options !== undefined && (options.onRequest !== undefined || options.onResponse !== undefined)
}

/** The capacity mode an operation asks for, or undefined when nothing watches it (its input then carries no `ReturnConsumedCapacity`). */
export function capacityMode(observation: Observation | undefined, options: ObserveOptions | undefined, force?: CapacityMode): CapacityMode | undefined {
  const own = options?.consumedCapacity
  if (own !== undefined) return own
  if (observation !== undefined && observation.active) return observation.capacity ?? force ?? 'TOTAL'
  return force ?? (hasHooks(options) ? 'TOTAL' : undefined)
}

/** The command input with `ReturnConsumedCapacity`, or as it is without a mode. */
export function withCapacity<P extends object>(input: P, mode: CapacityMode | undefined): P {
  return mode === undefined ? input : { ...input, ReturnConsumedCapacity: mode }
}

let calls = 0

/**
 * A probe for one logical operation, or undefined when nothing watches it and no capacity was
 * asked for (the common case: a property check or two, nothing allocated).
 */
export function probeFor(
  observation: Observation | undefined,
  options: ObserveOptions | undefined,
  table: string,
  entity: string | undefined,
  operation: string,
  force?: CapacityMode,
): Probe | undefined {
  if (force === undefined && (observation === undefined || !observation.active) && (options === undefined || (options.consumedCapacity === undefined && !hasHooks(options)))) {
    return undefined
  }
  const mode = capacityMode(observation, options, force) ?? 'TOTAL'
  let observers = observation?.observers ?? []
  if (hasHooks(options)) observers = [...observers, { onRequest: options?.onRequest, onResponse: options?.onResponse }]
  return new Probe(observers, mode, table, entity, operation, options?.label)
}

/** A request that was sent and has not come back yet. */
export interface Pending {
  readonly event: RequestEvent
  readonly start: number
}

const READS: ReadonlySet<DynamoAction> = new Set<DynamoAction>(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems'])

export class Probe {
  readonly call = ++calls
  /** Requests sent so far. */
  requests = 0
  #total = new CapacitySum()
  #round = new CapacitySum()

  constructor(
    readonly observers: readonly RequestObserver[],
    readonly mode: CapacityMode,
    readonly table: string,
    /** The entity every request is on (a table-level operation over several entities clears it). */
    public entity: string | undefined,
    readonly operation: string,
    readonly label: string | undefined,
  ) {}

  /** Tells the observers a request is about to go out. */
  start(command: DynamoAction, input: Readonly<Record<string, unknown>>, attempt = 1): Pending {
    this.requests++
    const event: RequestEvent = { call: this.call, table: this.table, entity: this.entity, operation: this.operation, label: this.label, command, input, attempt }
    for (const observer of this.observers) if (observer.onRequest) notify(observer, 'onRequest', event)
    return { event, start: performance.now() }
  }

  /** Records what a request consumed and tells the observers. */
  end(pending: Pending, output: Record<string, unknown>, extra?: { items?: ResponseEvent['items']; unprocessed?: number }): void {
    const durationMs = performance.now() - pending.start
    const raw = output.ConsumedCapacity as ConsumedCapacity | ConsumedCapacity[] | undefined
    const consumed = raw === undefined ? undefined : Array.isArray(raw) ? raw : [raw]
    let capacity: Capacity | undefined
    if (consumed !== undefined && consumed.length > 0) {
      const one = new CapacitySum()
      one.add(consumed, READS.has(pending.event.command))
      capacity = one.value()
      this.#total.add(consumed, READS.has(pending.event.command))
      this.#round.add(consumed, READS.has(pending.event.command))
    }
    const event: ResponseEvent = { ...pending.event, durationMs, capacity, consumedCapacity: consumed, sdkRetries: sdkRetries(output), ...extra }
    for (const observer of this.observers) if (observer.onResponse) notify(observer, 'onResponse', event)
  }

  /** Tells the observers a request failed. */
  fail(pending: Pending, error: unknown): void {
    const durationMs = performance.now() - pending.start
    const event: ResponseEvent = { ...pending.event, durationMs, capacity: undefined, consumedCapacity: undefined, sdkRetries: sdkRetries(error), error }
    for (const observer of this.observers) if (observer.onResponse) notify(observer, 'onResponse', event)
  }

  /** What every request so far consumed; undefined when DynamoDB reported nothing. */
  capacity(): Capacity | undefined {
    return this.#total.value()
  }

  /** What the requests since the last call consumed (a page's share of a read). */
  takeRound(): Capacity | undefined {
    const value = this.#round.value()
    this.#round = new CapacitySum()
    return value
  }
}

function sdkRetries(from: unknown): number {
  const attempts = (from as { $metadata?: { attempts?: unknown } } | undefined)?.$metadata?.attempts
  return typeof attempts === 'number' && attempts > 1 ? attempts - 1 : 0
}

/** A hook that throws must not fail the request it watches: its error is logged. */
function notify<K extends 'onRequest' | 'onResponse'>(observer: RequestObserver, hook: K, event: ResponseEvent | RequestEvent): void {
  try {
    ;(observer[hook] as (event: RequestEvent) => void).call(observer, event)
  } catch (error) {
    console.error(`sortkey: an ${hook} hook threw`, error)
  }
}

/** Sums `ConsumedCapacity` entries into a `Capacity`. */
export class CapacitySum {
  #seen = false
  #total = 0
  #read = 0
  #write = 0
  #table: number | undefined
  #indexes: Record<string, number> | undefined

  /** Adds DynamoDB's entries; `read` says how to split `CapacityUnits` when it does not give read and write units apart. */
  add(entries: readonly ConsumedCapacity[], read: boolean): void {
    for (const entry of entries) {
      this.#seen = true
      const units = entry.CapacityUnits ?? (entry.ReadCapacityUnits ?? 0) + (entry.WriteCapacityUnits ?? 0)
      this.#total += units
      if (entry.ReadCapacityUnits !== undefined || entry.WriteCapacityUnits !== undefined) {
        this.#read += entry.ReadCapacityUnits ?? 0
        this.#write += entry.WriteCapacityUnits ?? 0
      } else if (read) {
        this.#read += units
      } else {
        this.#write += units
      }
      if (entry.Table) this.#table = (this.#table ?? 0) + (entry.Table.CapacityUnits ?? 0)
      for (const group of [entry.GlobalSecondaryIndexes, entry.LocalSecondaryIndexes]) {
        if (!group) continue
        this.#indexes ??= {}
        for (const [name, index] of Object.entries(group)) this.#indexes[name] = (this.#indexes[name] ?? 0) + (index.CapacityUnits ?? 0)
      }
    }
  }

  /** Adds a summed capacity (a report's totals). */
  addCapacity(capacity: Capacity): void {
    this.#seen = true
    this.#total += capacity.total
    this.#read += capacity.read
    this.#write += capacity.write
    if (capacity.table !== undefined) this.#table = (this.#table ?? 0) + capacity.table
    if (capacity.indexes) {
      this.#indexes ??= {}
      for (const [name, units] of Object.entries(capacity.indexes)) this.#indexes[name] = (this.#indexes[name] ?? 0) + units
    }
  }

  value(): Capacity | undefined {
    if (!this.#seen) return undefined
    const capacity: { -readonly [K in keyof Capacity]: Capacity[K] } = { total: this.#total, read: this.#read, write: this.#write }
    if (this.#table !== undefined) capacity.table = this.#table
    if (this.#indexes !== undefined) capacity.indexes = { ...this.#indexes }
    return capacity
  }
}
