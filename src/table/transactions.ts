// transactWrite / transactGet: any entities' operations in one all-or-nothing request, checked
// against DynamoDB's limits before sending, with one reason per operation when DynamoDB cancels.

import { TransactGetCommand, TransactWriteCommand, type TransactGetCommandInput, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb'
import { awsErrorName, requireClient, type CommandSender } from '../client/send.js'
import { LimitError, TransactionCanceledError, type CancellationReason } from '../errors.js'
import { decodeReasonItem, type TransactionWrite } from '../entity/transaction-item.js'
import type { GetOperation } from '../entity/read-operations.js'
import { checkItemSize, keyIdentity, MAX_TRANSACTION_ITEMS } from './limits.js'

type Attrs = Record<string, unknown>

export interface TransactWriteOptions {
  /** ClientRequestToken: makes retries of the same transaction idempotent (for 10 minutes). */
  token?: string
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

export async function transactWrite(client: CommandSender | undefined, ops: readonly TransactionWrite[], options?: TransactWriteOptions): Promise<void> {
  const params = transactWriteParams(ops, options)
  const sender = requireClient(client, 'transactWrite')
  try {
    await sender.send(new TransactWriteCommand(params))
  } catch (error) {
    throw cancellation(error, ops.map((op) => ({ model: op.entity.model, kind: op.kind, key: () => op.key() })))
  }
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

export async function transactGet<const Ops extends readonly GetOperation<unknown>[]>(client: CommandSender | undefined, ops: Ops): Promise<GetResults<Ops>> {
  const params = transactGetParams(ops)
  const sender = requireClient(client, 'transactGet')
  let output: { Responses?: { Item?: Attrs }[] }
  try {
    output = (await sender.send(new TransactGetCommand(params))) as typeof output
  } catch (error) {
    throw cancellation(error, ops.map((op) => ({ model: op.entity.model, kind: 'get', key: () => op.key() })))
  }
  const responses = output.Responses ?? []
  return ops.map((op, i) => op.decode(responses[i]?.Item)) as GetResults<Ops>
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
