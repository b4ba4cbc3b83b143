// The parts of an operation that transactions and batches read. Each write operation can turn
// itself into a TransactWriteItems entry; puts and deletes also into a BatchWriteItem request;
// gets into a TransactGetItems / BatchGetItem key. `check` exists only for transactions.

import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb'
import { expressionParams } from '../expressions/index.js'
import { ValidationError } from '../errors.js'
import { encodeKeyValues, primaryKey } from './codec.js'
import { conditionExpression, entityContext } from './expression-input.js'
import type { EntityModel } from './model.js'
import { decodeFailedItem } from './read-operations.js'

type Attrs = Record<string, unknown>
export type TransactWriteItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number]

/** What `transactWrite` needs from each operation. */
export interface TransactionWrite {
  readonly kind: 'put' | 'create' | 'update' | 'upsert' | 'delete' | 'check'
  readonly entity: { readonly model: EntityModel }
  /** The primary key of the item the operation touches (stored form). */
  key(): Attrs
  /** The TransactWriteItems entry, with ReturnValuesOnConditionCheckFailure: ALL_OLD. */
  transactItem(): TransactWriteItem
}

/** Keeps only what a transaction entry may hold from a single-item command input. */
export function transactionPart(params: Attrs): Attrs {
  const part: Attrs = {}
  for (const name of ['TableName', 'Key', 'Item', 'UpdateExpression', 'ConditionExpression', 'ExpressionAttributeNames', 'ExpressionAttributeValues']) {
    if (params[name] !== undefined) part[name] = params[name]
  }
  if (part.ConditionExpression !== undefined) part.ReturnValuesOnConditionCheckFailure = 'ALL_OLD'
  return part
}

/**
 * A condition on a stored item that a transaction needs to hold, without writing the item
 * (`ConditionCheck`). Made by `Entity.check(key, condition)`; only `transactWrite` takes it.
 *
 * @example
 * ```ts
 * import { transactWrite, exists } from 'sortkey'
 *
 * await transactWrite([
 *   User.check({ username: 'alice' }, { username: exists() }), // the user must exist
 *   UserGameMapping.create({ game_id: 'g1', username: 'alice' }),
 * ])
 * ```
 */
export class CheckOperation implements TransactionWrite {
  readonly kind = 'check' as const
  #key: Attrs | undefined

  constructor(
    readonly entity: { readonly model: EntityModel },
    readonly keyInput: Attrs,
    readonly condition: object,
  ) {}

  /** The primary key of the item the condition is checked on (stored form). */
  key(): Attrs {
    const model = this.entity.model
    return (this.#key ??= primaryKey(model, encodeKeyValues(model, this.keyInput, model.keyFields, 'check')))
  }

  transactItem(): TransactWriteItem {
    const model = this.entity.model
    if (!this.condition || Object.keys(this.condition).length === 0) {
      throw new ValidationError(model.name, 'check', [{ path: [], message: 'a check needs a condition' }])
    }
    const ctx = entityContext(model)
    const ConditionExpression = conditionExpression(model, 'check', ctx, this.condition)
    const check: NonNullable<TransactWriteItem['ConditionCheck']> = {
      TableName: model.table.name,
      Key: this.key(),
      ConditionExpression,
      ...expressionParams(ctx),
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    }
    return { ConditionCheck: check }
  }

  /** A check is only meaningful inside `transactWrite([...])`. */
  then(): never {
    throw new ValidationError(this.entity.model.name, 'check', [{ path: [], message: 'a check can only be sent inside transactWrite([...])' }])
  }
}

/** Decodes the stored item a failed transaction entry returned (AttributeValue form), if any. */
export function decodeReasonItem(model: EntityModel, raw: Attrs | undefined, operation: string): Attrs | undefined {
  return raw ? decodeFailedItem(model, raw, operation) : undefined
}
