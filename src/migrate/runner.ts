// One scan segment of a migration: read a page, plan and write each item (a few at a time),
// then move the segment's checkpoint past the page. A write that finds the item changed since
// it was read reads it again and plans again; throttling pauses, paced reads and writes wait.

import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb'
import type { CommandSender } from '../client/send.js'
import { execute } from '../client/executor.js'
import { probeFor, type Capacity, type Observation } from '../client/observe.js'
import { isRetryable, runPool } from '../client/retry.js'
import { needsUpgrade } from '../entity/codec.js'
import { ConditionFailedError, TransactionCanceledError } from '../errors.js'
import type { CapacityPacer } from './pacer.js'
import { planItem, primaryKeyOf as keyOf, type ChangePlan, type PlanContext } from './plan.js'
import type { SegmentPosition } from './checkpoint.js'
import type { Tally } from './report.js'
import { MIGRATE_LABEL, migrationTransaction, needsTransaction, sendMigrationTransaction, sendUpdate } from './write.js'

type Attrs = Record<string, unknown>

export interface RunContext {
  readonly table: string
  readonly client: CommandSender
  readonly observation: Observation | undefined
  readonly plan: PlanContext
  /** The Scan input every page sends, before its segment and start key. */
  readonly scanInput: Attrs
  readonly segments: number
  readonly dryRun: boolean
  readonly concurrency: number
  readonly maxAttempts: number
  readonly reads: CapacityPacer
  readonly writes: CapacityPacer
  readonly tally: Tally
  readonly positions: SegmentPosition[]
  /** True once the run must stop after the pages in progress (stopped, or another segment failed). */
  stopped(): boolean
  /** Saves the checkpoint and reports progress, after a page. */
  pageDone(): Promise<void>
}

/** Migrates one segment from its checkpointed position until it is done or the run stops. */
export async function runSegment(run: RunContext, segment: number): Promise<void> {
  while (run.positions[segment] !== 'done' && !run.stopped()) {
    const position = run.positions[segment] as Attrs | null
    const page = await paced(run, 'read', () => scanPage(run, segment, position))
    const done = new Array<boolean>(page.items.length).fill(false)
    await runPool(
      page.items.map((_, i) => i),
      run.concurrency,
      async (i) => {
        if (run.stopped()) return
        await migrateItem(run, page.items[i] as Attrs)
        done[i] = true
      },
    )
    const finished = done.indexOf(false)
    if (finished === -1) run.positions[segment] = page.last ?? 'done'
    // Stopped inside the page: items are taken in order and each taken one finishes, so the done ones are a prefix.
    else if (finished > 0) run.positions[segment] = keyOf(run.plan.spec, page.items[finished - 1] as Attrs)
    await run.pageDone()
  }
}

interface ScanPage {
  readonly items: Attrs[]
  readonly last: Attrs | undefined
}

async function scanPage(run: RunContext, segment: number, position: Attrs | null): Promise<Metered<ScanPage>> {
  const input: Attrs = { ...run.scanInput }
  if (run.segments > 1) Object.assign(input, { Segment: segment, TotalSegments: run.segments })
  if (position !== null) input.ExclusiveStartKey = position
  const output = await sendMetered<{ Items?: Attrs[]; LastEvaluatedKey?: Attrs }>(run, undefined, 'Scan', new ScanCommand(input as never), input, {})
  return { value: { items: output.value.Items ?? [], last: output.value.LastEvaluatedKey }, capacity: output.capacity }
}

interface Metered<T> {
  readonly value: T
  readonly capacity: Capacity | undefined
}

/** Sends one command through the executor, asking for and returning the capacity it consumed. */
async function sendMetered<T>(run: RunContext, entity: string | undefined, command: 'Scan' | 'GetItem', sdkCommand: { input: unknown }, input: Attrs, key: Attrs): Promise<Metered<T>> {
  const probe = probeFor(run.observation, { label: MIGRATE_LABEL, consumedCapacity: 'TOTAL' }, run.table, entity, 'migrate', 'TOTAL') as NonNullable<ReturnType<typeof probeFor>>
  input.ReturnConsumedCapacity = probe.mode
  const value = await execute<T>(run.client, { action: command, command: sdkCommand, input, context: { entity: entity ?? `table ${run.table}`, operation: 'migrate', key } }, probe)
  return { value, capacity: probe.capacity() }
}

/**
 * Waits for the pacer, sends, and draws what was consumed; throttling that outlasted the SDK's
 * own retries pauses every request of the pacer and tries again.
 */
async function paced<T>(run: RunContext, kind: 'read' | 'write', attempt: () => Promise<Metered<T>>): Promise<T> {
  const pacer = kind === 'read' ? run.reads : run.writes
  for (let tries = 1; ; tries++) {
    const reserved = await pacer.ready()
    try {
      const { value, capacity } = await attempt()
      // DynamoDB reports capacity for every request; should it not, count one unit.
      const units = capacity === undefined ? 1 : kind === 'read' ? capacity.read : capacity.write
      pacer.spend(units, reserved)
      if (kind === 'read') run.tally.state.readCapacity += units
      else run.tally.state.writeCapacity += units
      return value
    } catch (error) {
      pacer.release(reserved)
      if (!isRetryable(error) || tries >= pacer.policy.maxAttempts) throw error
      await pacer.throttled(tries)
    }
  }
}

/** Brings one stored item to the current model, re-reading it when a concurrent write got there first. */
async function migrateItem(run: RunContext, raw: Attrs): Promise<void> {
  const tally = run.tally
  tally.state.scanned++
  let stored = raw
  for (let attempt = 1; ; attempt++) {
    const plan = planItem(run.plan, stored)
    if (plan.kind === 'invalid') return tally.fail(plan.entity, plan.key, plan.error)
    const upgrading = plan.kind !== 'unknown' && plan.kind !== 'newer' && plan.model.upgrade !== undefined && needsUpgrade(plan.model, stored)
    if (plan.kind === 'unknown' || plan.kind === 'newer' || plan.kind === 'current' || run.dryRun) return tally.count(plan, upgrading)
    let outcome: 'written' | 'conflict'
    try {
      outcome = await write(run, plan)
    } catch (error) {
      return tally.fail(plan.entity, plan.key, error)
    }
    if (outcome === 'written') return tally.count(plan, upgrading)
    tally.state.conflicts++
    if (attempt >= run.maxAttempts) {
      return tally.fail(plan.entity, plan.key, new Error(`the item kept changing while it was migrated (${attempt} attempts)`))
    }
    const fresh = await reread(run, plan)
    if (fresh === undefined) {
      tally.state.gone++
      return
    }
    stored = fresh
  }
}

/** Writes a plan; 'conflict' when the item was changed (or deleted) since it was read. */
async function write(run: RunContext, plan: ChangePlan): Promise<'written' | 'conflict'> {
  if (!needsTransaction(plan)) {
    try {
      await paced(run, 'write', async () => ({ value: undefined, capacity: await sendUpdate(run, plan) }))
      return 'written'
    } catch (error) {
      if (error instanceof ConditionFailedError) return 'conflict'
      throw error
    }
  }
  const transaction = migrationTransaction(plan)
  try {
    await paced(run, 'write', async () => ({ value: undefined, capacity: await sendMigrationTransaction(run, transaction) }))
    return 'written'
  } catch (error) {
    if (!(error instanceof TransactionCanceledError)) throw error
    const reason = (index: number | undefined) => (index === undefined ? undefined : error.reasons[index]?.code)
    if (reason(transaction.create) === 'ConditionalCheckFailed') {
      throw new Error(`another item is already stored under the new key ${JSON.stringify(plan.newKey)}`, { cause: error })
    }
    if (reason(transaction.guard) === 'ConditionalCheckFailed' || error.reasons.some((r) => r.code === 'TransactionConflict')) return 'conflict'
    throw error
  }
}

/** The item as stored now (strongly consistent), or undefined when it was deleted. */
async function reread(run: RunContext, plan: ChangePlan): Promise<Attrs | undefined> {
  const input: Attrs = { TableName: run.table, Key: plan.key, ConsistentRead: true }
  const output = await paced(run, 'read', () => sendMetered<{ Item?: Attrs }>(run, plan.entity, 'GetItem', new GetCommand(input as never), input, plan.key))
  return output.Item
}
