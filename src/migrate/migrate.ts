// migrate(table, options): bring every stored item to what the current model stores for it.

import { requireClient } from '../client/send.js'
import type { Table } from '../table/table.js'
import { scanTable } from '../table/reads.js'
import { checkCheckpoint, type SegmentPosition } from './checkpoint.js'
import { resolveOptions, type MigrateOptions } from './options.js'
import { CapacityPacer } from './pacer.js'
import type { PlanContext } from './plan.js'
import { Tally, type MigrateReport } from './report.js'
import { runSegment, type RunContext } from './runner.js'

type Attrs = Record<string, unknown>

/**
 * Evolves a live table to its current model: scans every item (in parallel segments), works out
 * what the model stores for it — primary and index keys, the entity attribute, defaults of new
 * fields, the entity's `upgrade` for items written at an older `modelVersion` — and rewrites only
 * the items that differ, each conditional on being as it was read (a concurrent write makes it
 * read the item again and start over). An item whose primary key changes is created under its new
 * key and deleted under the old one in one transaction. A second run finds nothing to do.
 *
 * Paced by `maxWcu` / `maxRcu` (capacity units consumed per second), resumable from a
 * `checkpoint`, and with `dryRun` only counted. Invalid options are a `ValidationError` before
 * anything is sent; items that cannot be migrated are listed in the report's `failed`, with keys.
 *
 * @example
 * ```ts
 * import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
 * import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
 * import { defineTable, migrate } from 'sortkey'
 * import { z } from 'zod'
 *
 * const table = defineTable({
 *   name: 'app',
 *   partitionKey: 'PK',
 *   sortKey: 'SK',
 *   indexes: { GSI1: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK' } },
 *   client: DynamoDBDocumentClient.from(new DynamoDBClient({})),
 * })
 * table.entity('User', {
 *   schema: z.object({ username: z.string(), email: z.string() }),
 *   key: { pk: 'USER#{username}', sk: 'USER' },
 *   indexes: { GSI1: { pk: 'EMAIL#{email}', sk: 'USER' } }, // new: existing users need GSI1 keys
 * })
 *
 * const preview = await migrate(table, { dryRun: true })
 * console.log(preview.byEntity.User) // { current: 0, 'index-keys': 1200, ... }
 * const report = await migrate(table, { segments: 4, maxWcu: 200, checkpoint: './migrate.checkpoint' })
 * console.log(report.rewritten, report.failed)
 * ```
 */
export async function migrate(table: Table, options?: MigrateOptions): Promise<MigrateReport> {
  const o = resolveOptions(table.name, options)
  const client = requireClient(o.client ?? table.client, `table ${table.name}`)
  const started = performance.now()
  let positions: SegmentPosition[] = new Array<SegmentPosition>(o.segments).fill(null)
  let tally = new Tally(o.examples)
  const loaded = o.checkpoint ? await o.checkpoint.load() : undefined
  if (loaded !== undefined) {
    const state = checkCheckpoint(loaded, table.name, o.segments)
    positions = [...state.positions]
    tally = new Tally(o.examples, state.tally)
  }
  const priorMs = tally.state.durationMs
  const spec = table.spec
  const models = new Map(table.models.map((m) => [m.name, m]))
  const plan: PlanContext = {
    spec,
    now: new Date().toISOString(),
    identify: (raw: Attrs) => {
      const own = table.entityOf(raw)?.model
      if (own !== undefined || o.identify === undefined) return own
      const name = o.identify(raw)
      return name === undefined ? undefined : models.get(name)
    },
  }
  // The scan builder makes the input (table, page size); the runner adds segment and start key per page.
  const { Segment: _segment, TotalSegments: _total, ExclusiveStartKey: _start, ReturnConsumedCapacity: _capacity, ...scanInput } = scanTable(table).limit(o.pageSize).params() as Attrs
  let failure: { error: unknown } | undefined
  let saving: Promise<void> = Promise.resolve()
  const elapsed = () => performance.now() - started
  const run: RunContext = {
    table: table.name,
    client,
    observation: spec.observation,
    plan,
    scanInput,
    segments: o.segments,
    dryRun: o.dryRun,
    concurrency: o.concurrency,
    maxAttempts: o.maxAttempts,
    reads: new CapacityPacer(o.maxRcu),
    writes: new CapacityPacer(o.maxWcu),
    tally,
    positions,
    stopped: () => failure !== undefined || o.signal?.aborted === true,
    pageDone: async () => {
      tally.state.durationMs = priorMs + elapsed()
      const store = o.checkpoint
      if (store !== undefined) {
        const state = { table: table.name, segments: o.segments, positions: [...positions], tally: structuredClone(tally.state) }
        saving = saving.then(() => store.save(state))
        await saving
      }
      if (o.onProgress) {
        const s = tally.state
        const ms = elapsed()
        o.onProgress({
          scanned: s.scanned,
          current: s.current,
          rewritten: s.rewritten,
          rekeyed: s.rekeyed,
          failed: s.failed.length,
          segmentsDone: positions.filter((p) => p === 'done').length,
          segments: o.segments,
          elapsedMs: ms,
          itemsPerSecond: ms > 0 ? (s.scanned - (loaded?.tally.scanned ?? 0)) / (ms / 1000) : 0,
          capacity: { read: s.readCapacity, write: s.writeCapacity },
        })
      }
    },
  }
  const segments = Array.from({ length: o.segments }, (_, segment) =>
    runSegment(run, segment).catch((error: unknown) => {
      failure ??= { error }
    }),
  )
  await Promise.all(segments)
  await saving
  tally.state.durationMs = priorMs + elapsed()
  if (failure !== undefined) throw failure.error
  return tally.report(table.name, o.dryRun, positions.every((p) => p === 'done'))
}
