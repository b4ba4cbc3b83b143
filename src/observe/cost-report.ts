// createCostReport(): an in-process collector of what each access pattern costs. Attach it to a
// table (`table.observe(report)`, or `onResponse: report.onResponse`); it groups responses by
// label (or by entity, operation and index when an operation has none) and keeps capacity,
// requests, items read against items returned, and latency. `format()` prints the table and
// points out waste it can measure: filters that discard most of what was read, scans, and
// queries that read whole partitions for want of a sort-key condition.

import type { DynamoAction, RequestObserver, ResponseEvent } from '../client/observe.js'
import { formatTable } from './format.js'

export interface CostReportOptions {
  /** A label whose queries and scans return less than this share of the items they read is flagged (default 0.5). */
  wasteThreshold?: number
}

/** One access pattern's costs. */
export interface CostRow {
  /** The operation's label, or `Entity.operation [index]` for operations without one. */
  readonly label: string
  /** Logical operations (a query across its pages, a batch with its retries, count once). */
  readonly operations: number
  /** Requests sent, retries included. */
  readonly requests: number
  /** Capacity units consumed (as DynamoDB reported them). */
  readonly capacity: { readonly read: number; readonly write: number; readonly total: number }
  /** Queries and scans: items DynamoDB read, items that passed the filter, items returned to the caller. */
  readonly items: { readonly read: number; readonly matched: number; readonly returned: number } | undefined
  /** Request latency in milliseconds. */
  readonly latencyMs: { readonly p50: number; readonly p95: number; readonly p99: number; readonly max: number }
  /** Requests that failed (conditions, throttling, …). */
  readonly errors: number
  /** Retries: a batch's further attempts, and the AWS SDK's own retries. */
  readonly retries: number
  /** The DynamoDB actions the pattern called. */
  readonly commands: readonly DynamoAction[]
}

/** Waste the report could measure. */
export interface CostHint {
  readonly label: string
  readonly kind: 'scan' | 'sort-key' | 'filter-waste'
  readonly message: string
}

export interface CostReport extends RequestObserver {
  /** Records one response (bound: can be passed on its own as `onResponse`). */
  readonly onResponse: (event: ResponseEvent) => void
  /** A row per label, costliest first. */
  rows(): CostRow[]
  /** Waste found so far. */
  hints(): CostHint[]
  /** The table, a total line and the hints, as text. */
  format(): string
  /** Prints `format()` line by line (default `console.log`). */
  print(log?: (line: string) => void): void
  /** Forgets everything recorded. */
  reset(): void
}

interface Bucket {
  readonly label: string
  readonly order: number
  readonly calls: Set<number>
  requests: number
  read: number
  write: number
  total: number
  itemsRead: number
  itemsMatched: number
  itemsReturned: number
  hasItems: boolean
  scans: number
  scanRead: number
  scanCapacity: number
  /** Query requests whose key condition does not constrain the sort key. */
  wide: number
  wideRead: number
  wideReturned: number
  errors: number
  retries: number
  readonly commands: Set<DynamoAction>
  readonly durations: number[]
}

/** The label of an operation without one: `Entity.operation`, and the index it reads. */
export function defaultLabel(event: Pick<ResponseEvent, 'entity' | 'operation' | 'input'>): string {
  const index = event.input.IndexName
  const name = event.entity === undefined ? event.operation : `${event.entity}.${event.operation}`
  return typeof index === 'string' ? `${name} ${index}` : name
}

/** True when a query's key condition constrains the sort key (a key condition is `pk = :v [AND <sort-key condition>]`). */
function narrowsSortKey(input: Readonly<Record<string, unknown>>): boolean {
  const condition = input.KeyConditionExpression
  return typeof condition === 'string' && /\sAND\s/i.test(condition)
}

/**
 * A request observer that groups responses by label (operations without one by
 * `Entity.operation index`) and keeps, per label, operations, requests, read and write units, items
 * read against items returned, retries, errors and latency percentiles. It points out waste it can
 * measure: scans, reads that return less than `wasteThreshold` of what they read, and queries
 * without a sort-key condition that discard much of their partition.
 *
 * @example
 * ```ts
 * import { createCostReport } from 'sortkey'
 *
 * const report = createCostReport({ wasteThreshold: 0.5 })
 * const stop = table.observe(report)
 * await Game.query.OpenGamesIndex({ map: 'Green Grasslands' }).label('open games by map').take(10)
 * report.print()
 * stop()
 * ```
 */
export function createCostReport(options: CostReportOptions = {}): CostReport {
  const threshold = options.wasteThreshold ?? 0.5
  let buckets = new Map<string, Bucket>()

  const bucketOf = (label: string): Bucket => {
    let bucket = buckets.get(label)
    if (!bucket) {
      bucket = {
        label,
        order: buckets.size,
        calls: new Set(),
        requests: 0,
        read: 0,
        write: 0,
        total: 0,
        itemsRead: 0,
        itemsMatched: 0,
        itemsReturned: 0,
        hasItems: false,
        scans: 0,
        scanRead: 0,
        scanCapacity: 0,
        wide: 0,
        wideRead: 0,
        wideReturned: 0,
        errors: 0,
        retries: 0,
        commands: new Set(),
        durations: [],
      }
      buckets.set(label, bucket)
    }
    return bucket
  }

  const onResponse = (event: ResponseEvent): void => {
    const bucket = bucketOf(event.label ?? defaultLabel(event))
    bucket.calls.add(event.call)
    bucket.requests++
    bucket.commands.add(event.command)
    bucket.durations.push(event.durationMs)
    if (event.error !== undefined) bucket.errors++
    bucket.retries += (event.attempt > 1 ? 1 : 0) + event.sdkRetries
    const capacity = event.capacity
    if (capacity) {
      bucket.read += capacity.read
      bucket.write += capacity.write
      bucket.total += capacity.total
    }
    const items = event.items
    if (items) {
      bucket.hasItems = true
      bucket.itemsRead += items.read
      bucket.itemsMatched += items.matched
      bucket.itemsReturned += items.returned
      if (event.command === 'Scan') {
        bucket.scans++
        bucket.scanRead += items.read
        bucket.scanCapacity += capacity?.total ?? 0
      } else if (!narrowsSortKey(event.input)) {
        bucket.wide++
        bucket.wideRead += items.read
        bucket.wideReturned += items.returned
      }
    }
  }

  const rows = (): CostRow[] =>
    [...buckets.values()]
      .sort((a, b) => b.total - a.total || a.order - b.order)
      .map((b) => ({
        label: b.label,
        operations: b.calls.size,
        requests: b.requests,
        capacity: { read: b.read, write: b.write, total: b.total },
        items: b.hasItems ? { read: b.itemsRead, matched: b.itemsMatched, returned: b.itemsReturned } : undefined,
        latencyMs: latency(b.durations),
        errors: b.errors,
        retries: b.retries,
        commands: [...b.commands],
      }))

  const hints = (): CostHint[] => {
    const found: CostHint[] = []
    for (const b of [...buckets.values()].sort((x, y) => x.order - y.order)) {
      if (b.scans > 0) {
        found.push({
          label: b.label,
          kind: 'scan',
          message: `${b.label}: ${plural(b.scans, 'Scan request')} read ${plural(b.scanRead, 'item')} (${units(b.scanCapacity)} RCU) — a scan reads the whole table or index; on a hot path, serve this pattern with a query (an index keyed for it)`,
        })
      }
      const queryRead = b.itemsRead - b.scanRead
      if (b.wide > 0 && b.wideRead > 0 && b.wideReturned < threshold * b.wideRead) {
        found.push({
          label: b.label,
          kind: 'sort-key',
          message: `${b.label}: queries with no sort-key condition read ${plural(b.wideRead, 'item')} and returned ${b.wideReturned} (${pct(b.wideRead - b.wideReturned, b.wideRead)} discarded) — the partition holds other items; narrow the sort key (a literal prefix in the sort-key template, or a sort-key condition) so they are not read`,
        })
      } else if (b.scans === 0 && queryRead > 0 && b.itemsReturned < threshold * b.itemsRead) {
        found.push({
          label: b.label,
          kind: 'filter-waste',
          message: `${b.label}: read ${plural(b.itemsRead, 'item')} and returned ${b.itemsReturned} (${pct(b.itemsRead - b.itemsReturned, b.itemsRead)} discarded by filters) — capacity pays for what is read; move the condition into the key (a sort-key condition, or an index)`,
        })
      }
    }
    return found
  }

  const format = (): string => {
    const all = rows()
    if (all.length === 0) return '(no requests recorded)'
    const header = ['access pattern', 'ops', 'reqs', 'RCU', 'WCU', 'CU/op', 'read', 'returned', 'p50 ms', 'p95 ms', 'p99 ms', 'retries', 'errors']
    const body = all.map((r) => [
      r.label,
      String(r.operations),
      String(r.requests),
      units(r.capacity.read),
      units(r.capacity.write),
      units(r.operations > 0 ? r.capacity.total / r.operations : 0),
      r.items ? String(r.items.read) : '-',
      r.items ? String(r.items.returned) : '-',
      ms(r.latencyMs.p50),
      ms(r.latencyMs.p95),
      ms(r.latencyMs.p99),
      String(r.retries),
      String(r.errors),
    ])
    const sum = (pick: (r: CostRow) => number) => all.reduce((n, r) => n + pick(r), 0)
    const total = [
      'total',
      String(sum((r) => r.operations)),
      String(sum((r) => r.requests)),
      units(sum((r) => r.capacity.read)),
      units(sum((r) => r.capacity.write)),
      '',
      String(sum((r) => r.items?.read ?? 0)),
      String(sum((r) => r.items?.returned ?? 0)),
      '',
      '',
      '',
      String(sum((r) => r.retries)),
      String(sum((r) => r.errors)),
    ]
    const lines = formatTable(header, body, total)
    const found = hints()
    if (found.length > 0) {
      lines.push('', 'waste:')
      for (const hint of found) lines.push(`  - ${hint.message}`)
    }
    return lines.join('\n')
  }

  return {
    onResponse,
    rows,
    hints,
    format,
    print(log = console.log) {
      for (const line of format().split('\n')) log(line)
    },
    reset() {
      buckets = new Map()
    },
  }
}

/** Nearest-rank percentiles. */
function latency(durations: readonly number[]): CostRow['latencyMs'] {
  if (durations.length === 0) return { p50: 0, p95: 0, p99: 0, max: 0 }
  const sorted = [...durations].sort((a, b) => a - b)
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] as number }
}

function units(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1)
}

function ms(n: number): string {
  return n.toFixed(1)
}

function pct(part: number, whole: number): string {
  return `${Math.round((part / whole) * 100)}%`
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}
