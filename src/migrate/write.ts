// Writing one item's plan, conditional on the item being exactly as it was read: an UpdateItem
// that sets and removes only what differs, or — for a new primary key, or unique values that
// change — one transaction that also creates the new item, deletes the old one and moves the
// unique markers. A concurrent writer makes the condition fail; the runner then reads again.

import { UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb'
import { requireClient, type CommandSender } from '../client/send.js'
import { execute } from '../client/executor.js'
import { keyLimitsOf } from '../client/limits.js'
import { probeFor, type Capacity, type Observation } from '../client/observe.js'
import { createContext, expressionParams, type ExpressionContext } from '../expressions/index.js'
import type { EntityModel } from '../entity/model.js'
import type { TransactionWrite, TransactWriteItem } from '../entity/transaction-item.js'
import { markerChanges, markerKey, MARKER_SORT_KEY } from '../entity/unique.js'
import { sendTransaction } from '../table/transactions.js'
import type { ChangePlan } from './plan.js'

type Attrs = Record<string, unknown>

/** Requests a migration sends are labelled so hooks and cost reports can tell them from the application's. */
export const MIGRATE_LABEL = 'migrate'

/** How a write sends: the client and the table's observation (hooks see migration requests too). */
export interface WriteTarget {
  readonly client: CommandSender | undefined
  readonly observation: Observation | undefined
}

/**
 * The condition that holds only while the item is as it was read: its version (entities with
 * optimistic locking), or every attribute read equal and every attribute the model could add
 * still absent.
 */
export function unchangedCondition(ctx: ExpressionContext, plan: ChangePlan, extra: readonly string[] = []): string {
  const model = plan.model
  const before = plan.before
  const parts = [`attribute_exists(${ctx.path([model.table.partitionKey])})`]
  const version = model.version
  if (version !== undefined && typeof before[version] === 'number') {
    parts.push(`${ctx.path([version])} = ${ctx.value(before[version])}`)
    return parts.join(' AND ')
  }
  for (const name in before) {
    if (name === model.table.partitionKey || name === model.table.sortKey) continue
    parts.push(`${ctx.path([name])} = ${ctx.value(before[name])}`)
  }
  const absent = new Set([...model.info.fields.keys(), ...model.bookkeeping, ...extra])
  for (const name of absent) if (!(name in before)) parts.push(`attribute_not_exists(${ctx.path([name])})`)
  return parts.join(' AND ')
}

/** The UpdateItem input for an in-place rewrite (`set` and `remove` of a plan that keeps its key). */
export function updateInput(plan: ChangePlan): UpdateCommandInput {
  const ctx = createContext()
  const sets = Object.keys(plan.set).map((name) => `${ctx.path([name])} = ${ctx.value(plan.set[name])}`)
  const removes = plan.remove.map((name) => ctx.path([name]))
  const clauses: string[] = []
  if (sets.length > 0) clauses.push('SET ' + sets.join(', '))
  if (removes.length > 0) clauses.push('REMOVE ' + removes.join(', '))
  const ConditionExpression = unchangedCondition(ctx, plan, Object.keys(plan.set))
  return { TableName: plan.model.table.name, Key: plan.key, UpdateExpression: clauses.join(' '), ConditionExpression, ...expressionParams(ctx) }
}

/** A raw entry of a migration transaction. */
class MigrationWrite implements TransactionWrite {
  constructor(
    readonly entity: { readonly model: EntityModel },
    readonly kind: 'put' | 'delete' | 'update',
    readonly itemKey: Attrs,
    readonly entry: TransactWriteItem,
  ) {}

  key(): Attrs {
    return this.itemKey
  }

  transactItem(): TransactWriteItem {
    return this.entry
  }
}

/** Where each part of a migration transaction sits, to tell a race from a clash when it is canceled. */
export interface MigrationTransaction {
  readonly ops: readonly TransactionWrite[]
  /** Index of the entry whose condition guards the item as read. */
  readonly guard: number
  /** Index of the entry that creates the item under its new key (re-keying), if any. */
  readonly create: number | undefined
}

/** The transaction for a plan that moves the item to a new key or changes a unique value. */
export function migrationTransaction(plan: ChangePlan): MigrationTransaction {
  const model = plan.model
  const entity = { model }
  const rekey = plan.kind === 'rekey'
  const ops: TransactionWrite[] = []
  let create: number | undefined
  if (rekey) {
    const ctx = createContext()
    const put = { TableName: model.table.name, Item: plan.after, ConditionExpression: `attribute_not_exists(${ctx.path([model.table.partitionKey])})`, ...expressionParams(ctx) }
    create = ops.push(new MigrationWrite(entity, 'put', plan.newKey, { Put: put })) - 1
    const guard = createContext()
    const remove = { TableName: model.table.name, Key: plan.key, ConditionExpression: unchangedCondition(guard, plan), ...expressionParams(guard), ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const }
    ops.push(new MigrationWrite(entity, 'delete', plan.key, { Delete: remove }))
  } else {
    ops.push(new MigrationWrite(entity, 'update', plan.key, { Update: { ...(updateInput(plan) as NonNullable<TransactWriteItem['Update']>), ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } }))
  }
  const guard = ops.length - 1
  ops.push(...markerChanges(model, plan.newKey, plan.before, plan.after))
  if (rekey) for (const field of model.unique) ops.push(...movedMarker(model, field, plan))
  return { ops, guard, create }
}

/** A unique value the item keeps while its key changes: its marker now names the new key as owner. */
function movedMarker(model: EntityModel, field: string, plan: ChangePlan): MigrationWrite[] {
  const value = plan.after[field]
  if (value === undefined || value === null || !Object.is(plan.before[field], value)) return []
  const key = markerKey(model, field, value)
  const ctx = createContext()
  const Item: Attrs = { ...key, owner: JSON.stringify(plan.newKey) }
  if (model.table.entityAttribute !== undefined) Item[model.table.entityAttribute] = MARKER_SORT_KEY
  const ConditionExpression = `attribute_not_exists(${ctx.path([model.table.partitionKey])}) OR ${ctx.path(['owner'])} = ${ctx.value(JSON.stringify(plan.key))}`
  return [new MigrationWrite({ model }, 'put', key, { Put: { TableName: model.table.name, Item, ConditionExpression, ...expressionParams(ctx) } })]
}

/** True when the plan needs a transaction rather than one UpdateItem. */
export function needsTransaction(plan: ChangePlan): boolean {
  return plan.kind === 'rekey' || (plan.model.unique.length > 0 && plan.model.unique.some((f) => f in plan.set || plan.remove.includes(f)))
}

/** Sends an in-place rewrite; resolves to the capacity it consumed. ConditionFailedError when the item changed. */
export async function sendUpdate(target: WriteTarget, plan: ChangePlan): Promise<Capacity | undefined> {
  const model = plan.model
  const probe = probeFor(target.observation, { label: MIGRATE_LABEL, consumedCapacity: 'TOTAL' }, model.table.name, model.name, 'migrate') as NonNullable<ReturnType<typeof probeFor>>
  const input = { ...updateInput(plan), ReturnConsumedCapacity: probe.mode }
  const client = requireClient(target.client, `table ${model.table.name}`)
  await execute(client, { action: 'UpdateItem', command: new UpdateCommand(input), input, context: { entity: model.name, operation: 'migrate', key: plan.key }, keys: keyLimitsOf(model.table) }, probe)
  return probe.capacity()
}

/** Sends a migration transaction; resolves to the capacity it consumed. TransactionCanceledError when it was canceled. */
export async function sendMigrationTransaction(target: WriteTarget, transaction: MigrationTransaction): Promise<Capacity | undefined> {
  const result = await sendTransaction(target.client, transaction.ops, { label: MIGRATE_LABEL, consumedCapacity: 'TOTAL' })
  return result.capacity
}
