// transactWrite / transactGet: any entities' operations in one all-or-nothing request, checked
// against DynamoDB's limits before sending, with one reason per operation when DynamoDB cancels.

import { TransactGetCommand, TransactWriteCommand, type TransactGetCommandInput, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb'
import { requireClient, type CommandSender, type PartContext } from '../client/send.js'
import { execute } from '../client/executor.js'
import { keyLimitsOf, MAX_TRANSACTION_ITEMS } from '../client/limits.js'
import { probeFor, type Capacity, type ObserveOptions, type Probe } from '../client/observe.js'
import { LimitError, ValidationError } from '../errors.js'
import { decodeReasonItem, type TransactionWrite } from '../entity/transaction-item.js'
import type { GetOperation } from '../entity/read-operations.js'
import { keyIdentity } from './limits.js'

type Attrs = Record<string, unknown>

/** The client a table-level operation sends with: `client` when given, else the first operation's entity's. */
export interface ClientOption {
  /** A DynamoDBDocumentClient to send with instead of the operations' own. */
  client?: CommandSender
}

export interface TransactWriteOptions extends ObserveOptions, ClientOption {
  /** ClientRequestToken: makes retries of the same transaction idempotent (for 10 minutes). */
  token?: string
}

/**
 * Sends puts, creates, updates, upserts, deletes and checks of any entities as one all-or-nothing
 * transaction. Over 100 operations, two on one item, or an item over 400 KB is a `LimitError`
 * before sending; a cancellation is a `TransactionCanceledError` with one reason per operation.
 * Sends with `options.client`, else the first operation's entity's client.
 *
 * @example
 * ```ts
 * import { transactWrite, lt } from 'sortkey'
 *
 * await transactWrite(
 *   [
 *     UserGameMapping.create({ game_id: 'g1', username: 'alice' }),
 *     Game.update({ game_id: 'g1' }, { add: { people: 1 } }, { condition: { people: lt(50) } }),
 *   ],
 *   { token: 'join-g1-alice' }, // ClientRequestToken: a retry within 10 minutes is not applied twice
 * )
 * ```
 */
export async function transactWrite(ops: readonly (TransactionWrite | CompositeWrite)[], options?: TransactWriteOptions): Promise<CapacityResult> {
  const writes = ops.flatMap((op) => ('parts' in op ? op.parts() : [op]))
  refuseUniqueWrites(writes, 'transactWrite')
  return sendTransaction(clientOf(ops, options), writes, options)
}

/** An operation made of several writes (a move: a delete and a create), which a transaction takes part by part. */
export interface CompositeWrite {
  readonly entity: TransactionWrite['entity']
  /** The transaction entries this write stands for, in order. */
  parts(): readonly TransactionWrite[]
}

/**
 * Reads up to 100 items of any entities in one consistent snapshot, as a typed tuple
 * (`undefined` where absent), with a non-enumerable `capacity` when capacity was asked for.
 *
 * @example
 * ```ts
 * import { transactGet } from 'sortkey'
 *
 * const [game, player] = await transactGet([Game.get({ game_id: 'g1' }), UserGameMapping.get({ game_id: 'g1', username: 'alice' })])
 * ```
 */
export async function transactGet<const Ops extends readonly GetOperation<unknown>[]>(ops: Ops, options?: ObserveOptions & ClientOption): Promise<GetResults<Ops> & CapacityResult> {
  return sendTransactGet(clientOf(ops, options), ops, options)
}

export function clientOf(ops: readonly { readonly entity: object }[], options: ClientOption | undefined): CommandSender | undefined {
  // Operations built by an entity carry its client (EntityRuntime).
  return options?.client ?? (ops[0]?.entity as { readonly client?: CommandSender } | undefined)?.client
}

/** Writes of entities with unique fields keep their markers only when sent on their own. */
export function refuseUniqueWrites(ops: readonly { kind: string; entity: { model: TransactionWrite['entity']['model'] } }[], where: string): void {
  for (const op of ops) {
    const model = op.entity.model
    if (op.kind !== 'check' && model.unique.length > 0) {
      throw new ValidationError(model.name, where, [
        { path: [], message: `${model.name} has unique fields (${model.unique.join(', ')}), whose markers a ${where} cannot keep: send its ${op.kind} on its own` },
      ])
    }
  }
}

/** The TransactWriteItems input for `ops`, refused with LimitError when over DynamoDB's limits. */
export function transactWriteParams(ops: readonly TransactionWrite[], options: TransactWriteOptions = {}): TransactWriteCommandInput {
  checkCount(ops.length, 'transactWrite')
  const seen = new Map<string, number>()
  const TransactItems = ops.map((op, index) => {
    const entry = op.transactItem()
    const model = op.entity.model
    const id = keyIdentity(model.table.name, op.key())
    const earlier = seen.get(id)
    if (earlier !== undefined) {
      throw new LimitError(
        'transaction-same-item',
        `transactWrite: operations #${earlier} and #${index} (${model.name}.${op.kind}) touch the same item ${JSON.stringify(op.key())}; DynamoDB refuses two operations on one item in a transaction`,
      )
    }
    seen.set(id, index)
    return entry
  })
  return { TransactItems, ...(options.token ? { ClientRequestToken: options.token } : {}) }
}

/** What a transaction or batch consumed, when capacity was asked for or a hook watches. */
export interface CapacityResult {
  readonly capacity?: Capacity
}

/**
 * Sends `ops` as one transaction. `probe` is given when the transaction serves another
 * operation (a write of an entity with unique fields): its requests are counted there.
 */
export async function sendTransaction(client: CommandSender | undefined, ops: readonly TransactionWrite[], options?: TransactWriteOptions, probe?: Probe): Promise<CapacityResult> {
  const params = transactWriteParams(ops, options)
  const sender = requireClient(client, 'transactWrite')
  const watch = probe ?? tableProbe(ops, options, 'transactWrite')
  const input = watch === undefined ? params : { ...params, ReturnConsumedCapacity: watch.mode }
  const context = () => ({ entity: undefined, operation: 'transactWrite', key: undefined, parts: ops.map((op) => part(op.entity.model, op.kind, op)) })
  await execute(sender, { action: 'TransactWriteItems', command: new TransactWriteCommand(input), input, context, keys: keysOf(ops) }, watch)
  return probe === undefined ? withCapacityOf({}, watch) : {}
}

/** How a cancellation reason names one operation of a transaction. */
function part(model: TransactionWrite['entity']['model'], kind: string, op: { key(): Attrs }): PartContext {
  return { entity: model.name, operation: kind, key: () => op.key(), decodeItem: (raw) => decodeReasonItem(model, raw, kind) }
}

function keysOf(ops: readonly { readonly entity: { readonly model: TransactionWrite['entity']['model'] } }[]) {
  const table = ops[0]?.entity.model.table
  return table === undefined ? undefined : keyLimitsOf(table)
}

/** A probe for a table-level operation over `ops`: the table is the first op's, the entity named when all ops share it. */
export function tableProbe(ops: readonly { readonly entity: { readonly model: TransactionWrite['entity']['model'] } }[], options: ObserveOptions | undefined, operation: string): Probe | undefined {
  const table = ops[0]?.entity.model.table
  if (table === undefined) return undefined
  const first = ops[0]?.entity.model.name
  const probe = probeFor(table.observation, options, table.name, first, operation)
  if (probe !== undefined && !ops.every((op) => op.entity.model.name === first)) probe.entity = undefined
  return probe
}

/** Adds the probe's capacity to a result object (tuples get it as a non-enumerable property, so they still compare and print as plain tuples). */
export function withCapacityOf<R extends object>(result: R, probe: Probe | undefined): R & CapacityResult {
  const capacity = probe?.capacity()
  if (capacity === undefined) return result
  if (Array.isArray(result)) Object.defineProperty(result, 'capacity', { value: capacity, enumerable: false, configurable: true })
  else (result as { capacity?: Capacity }).capacity = capacity
  return result
}

export type GetResults<Ops extends readonly GetOperation<unknown>[]> = { -readonly [K in keyof Ops]: Ops[K] extends GetOperation<infer R> ? R | undefined : never }

export function transactGetParams(ops: readonly GetOperation<unknown>[]): TransactGetCommandInput {
  checkCount(ops.length, 'transactGet')
  return {
    TransactItems: ops.map((op) => {
      const params = op.params()
      const get: Attrs = { TableName: params.TableName, Key: params.Key }
      if (params.ProjectionExpression) {
        get.ProjectionExpression = params.ProjectionExpression
        get.ExpressionAttributeNames = params.ExpressionAttributeNames
      }
      return { Get: get as NonNullable<NonNullable<TransactGetCommandInput['TransactItems']>[number]['Get']> }
    }),
  }
}

async function sendTransactGet<const Ops extends readonly GetOperation<unknown>[]>(
  client: CommandSender | undefined,
  ops: Ops,
  options?: ObserveOptions,
): Promise<GetResults<Ops> & CapacityResult> {
  const params = transactGetParams(ops)
  const sender = requireClient(client, 'transactGet')
  const probe = tableProbe(ops, options, 'transactGet')
  const input = probe === undefined ? params : { ...params, ReturnConsumedCapacity: probe.mode }
  const context = () => ({ entity: undefined, operation: 'transactGet', key: undefined, parts: ops.map((op) => part(op.entity.model, 'get', op)) })
  const output = await execute<{ Responses?: { Item?: Attrs }[] }>(
    sender,
    { action: 'TransactGetItems', command: new TransactGetCommand(input), input, context, keys: keysOf(ops) },
    probe,
  )
  const responses = output.Responses ?? []
  return withCapacityOf(ops.map((op, i) => op.decode(responses[i]?.Item)), probe) as GetResults<Ops> & CapacityResult
}

function checkCount(count: number, what: string): void {
  if (count === 0) throw new LimitError('transaction-empty', `${what}: no operations given`)
  if (count > MAX_TRANSACTION_ITEMS) {
    throw new LimitError('transaction-size', `${what}: ${count} operations; DynamoDB allows at most ${MAX_TRANSACTION_ITEMS} in one transaction`)
  }
}
