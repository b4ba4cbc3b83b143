// transactWrite / transactGet: any entities' operations in one all-or-nothing request, checked
// against DynamoDB's limits before sending, with one reason per operation when DynamoDB cancels.

import { TransactGetCommand, TransactWriteCommand, type TransactGetCommandInput, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb'
import { awsErrorName, requireClient, type CommandSender } from '../client/send.js'
import { probeFor, type Capacity, type ObserveOptions, type Probe } from '../client/observe.js'
import { LimitError, TransactionCanceledError, ValidationError, type CancellationReason } from '../errors.js'
import { decodeReasonItem, type TransactionWrite } from '../entity/transaction-item.js'
import type { GetOperation } from '../entity/read-operations.js'
import { checkItemSize, keyIdentity, MAX_TRANSACTION_ITEMS } from './limits.js'

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
 * Sends puts, creates, updates, deletes and checks of any entities as one all-or-nothing
 * transaction. Over 100 operations, two on one item, or an item over 400 KB is a `LimitError`
 * before sending; a cancellation is a `TransactionCanceledError` with one reason per operation.
 * Sends with `options.client`, else the first operation's entity's client.
 *
 * @example
 * ```ts
 * import { transactWrite } from 'sortkey'
 *
 * await transactWrite(
 *   [
 *     UserGameMapping.create({ game_id: 'g1', username: 'alice' }),
 *     Game.update({ game_id: 'g1' }, { add: { people: 1 } }, { condition: { people: { lt: 50 } } }),
 *   ],
 *   { token: 'join-g1-alice' }, // ClientRequestToken: a retry within 10 minutes is not applied twice
 * )
 * ```
 */
export async function transactWrite(ops: readonly TransactionWrite[], options?: TransactWriteOptions): Promise<CapacityResult> {
  refuseUniqueWrites(ops, 'transactWrite')
  return sendTransaction(clientOf(ops, options), ops, options)
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
    if (entry.Put?.Item) checkItemSize(entry.Put.Item, `transactWrite operation #${index} (${model.name}.${op.kind})`)
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
  try {
    if (watch === undefined) {
      await sender.send(new TransactWriteCommand(params))
      return {}
    }
    const input = { ...params, ReturnConsumedCapacity: watch.mode }
    const pending = watch.start('TransactWriteItems', input)
    let output: Record<string, unknown>
    try {
      output = (await sender.send(new TransactWriteCommand(input))) as Record<string, unknown>
    } catch (error) {
      const mapped = cancellation(error, ops.map((op) => ({ model: op.entity.model, kind: op.kind, key: () => op.key() })))
      watch.fail(pending, mapped)
      throw mapped
    }
    watch.end(pending, output)
    return probe === undefined ? withCapacityOf({}, watch) : {}
  } catch (error) {
    throw cancellation(error, ops.map((op) => ({ model: op.entity.model, kind: op.kind, key: () => op.key() })))
  }
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
  let output: { Responses?: { Item?: Attrs }[] }
  try {
    if (probe === undefined) {
      output = (await sender.send(new TransactGetCommand(params))) as typeof output
    } else {
      const input = { ...params, ReturnConsumedCapacity: probe.mode }
      const pending = probe.start('TransactGetItems', input)
      try {
        output = (await sender.send(new TransactGetCommand(input))) as typeof output
      } catch (error) {
        const mapped = cancellation(error, ops.map((op) => ({ model: op.entity.model, kind: 'get', key: () => op.key() })))
        probe.fail(pending, mapped)
        throw mapped
      }
      probe.end(pending, output as Attrs)
    }
  } catch (error) {
    throw cancellation(error, ops.map((op) => ({ model: op.entity.model, kind: 'get', key: () => op.key() })))
  }
  const responses = output.Responses ?? []
  return withCapacityOf(ops.map((op, i) => op.decode(responses[i]?.Item)), probe) as GetResults<Ops> & CapacityResult
}

function checkCount(count: number, what: string): void {
  if (count === 0) throw new LimitError('transaction-empty', `${what}: no operations given`)
  if (count > MAX_TRANSACTION_ITEMS) {
    throw new LimitError('transaction-size', `${what}: ${count} operations; DynamoDB allows at most ${MAX_TRANSACTION_ITEMS} in one transaction`)
  }
}

interface Described {
  model: TransactionWrite['entity']['model']
  kind: string
  key: () => Attrs
}

/** TransactionCanceledException becomes TransactionCanceledError with one reason per operation. */
function cancellation(error: unknown, ops: readonly Described[]): unknown {
  if (awsErrorName(error) !== 'TransactionCanceledException') return error
  const raw = (error as { CancellationReasons?: { Code?: string; Message?: string; Item?: Attrs }[] }).CancellationReasons ?? []
  const reasons: CancellationReason[] = ops.map((op, index) => {
    const reason = raw[index]
    return {
      index,
      entity: op.model.name,
      operation: op.kind,
      key: op.key(),
      code: reason?.Code ?? 'Unknown',
      message: reason?.Message,
      item: decodeReasonItem(op.model, reason?.Item, op.kind),
    }
  })
  return new TransactionCanceledError(reasons, { cause: error })
}
