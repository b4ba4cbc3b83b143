// The one executor: every request sortkey sends to DynamoDB goes through `execute`, which
// checks it against DynamoDB's limits and value rules (nothing is sent when one is broken),
// tells the hooks and counts capacity, sends it, and turns whatever comes back as an error into
// one of sortkey's errors. Batches retry through it (retry.ts); unique markers and versions are
// requests built around it, never senders of their own.

import { ConditionFailedError, ItemExistsError, LimitError, RequestFailedError, SortkeyError, TransactionCanceledError, type CancellationReason } from '../errors.js'
import {
  checkExpression,
  checkItemSize,
  fieldOf,
  checkValueSize,
  cleanAttributes,
  measureAttributes,
  MAX_BATCH_GET,
  MAX_BATCH_WRITE,
  MAX_ITEM_BYTES,
  MAX_SUBSTITUTION_BYTES,
  MAX_TRANSACTION_BYTES,
  MAX_TRANSACTION_ITEMS,
  ownerOf,
  type KeyLimits,
  type Owner,
} from './limits.js'
import type { DynamoAction, Pending, Probe } from './observe.js'
import { isRetryable } from './retry.js'
import { awsErrorName, type CommandSender, type ContextSource, type RequestContext } from './send.js'

type Attrs = Record<string, unknown>

/** One request: the DynamoDB action, its exact command input, and who it is for. */
export interface Request {
  readonly action: DynamoAction
  /** The SDK command (lib-dynamodb) built on `input`: the command keeps the input object, so what the checks clean is what is sent. */
  readonly command: unknown
  /** The command input (DocumentClient form). Values a map holds as undefined are dropped from it before sending. */
  readonly input: Attrs
  /** Entity, operation and key, for errors; a function is called only when something fails. */
  readonly context: ContextSource
  /** The table's key attributes and their byte limits. */
  readonly keys?: KeyLimits | undefined
  /** 1 for the first attempt; a batch's retries count up. */
  readonly attempt?: number
  /** The values were already checked (a batch checks every item before its first request). */
  readonly checked?: boolean
}

/**
 * Called with an observed request's output instead of `probe.end`, for a caller that reports
 * more than the output holds (a read's returned items, a batch's unprocessed count).
 */
export type EndObserved = (probe: Probe, pending: Pending, output: Attrs) => void

/**
 * Checks `request` against DynamoDB's limits, sends it (observed by `probe` when given) and maps
 * any error to a sortkey error. Throws before sending when a limit or value rule is broken.
 */
export function execute<T = Attrs>(client: CommandSender, request: Request, probe?: Probe, end?: EndObserved): Promise<T> {
  if (probe !== undefined) return executeObserved(client, request, probe, end)
  // Unobserved (the common case): one promise step, not an async function's frame.
  try {
    if (request.checked !== true) checkRequest(request)
  } catch (error) {
    return Promise.reject(error)
  }
  let sent: Promise<unknown>
  try {
    sent = Promise.resolve(client.send(request.command))
  } catch (error) {
    return Promise.reject(mapError(error, request.context))
  }
  return sent.then(undefined, (error: unknown) => {
    throw mapError(error, request.context)
  }) as Promise<T>
}

async function executeObserved<T>(client: CommandSender, request: Request, probe: Probe, end: EndObserved | undefined): Promise<T> {
  if (request.checked !== true) checkRequest(request)
  const command = request.command
  const pending = probe.start(request.action, request.input, request.attempt)
  let output: Attrs
  try {
    output = ((await client.send(command)) ?? {}) as Attrs
  } catch (error) {
    const mapped = mapError(error, request.context)
    probe.fail(pending, mapped)
    throw mapped
  }
  if (end !== undefined) end(probe, pending, output)
  else probe.end(pending, output)
  return output as T
}

function resolve(source: ContextSource): RequestContext {
  if (typeof source === 'function') return source()
  if ('requestContext' in source) return source.requestContext()
  return source
}

// ---- limits ------------------------------------------------------------------------------

/** Checks a request's items, keys, expressions and values; cleans undefined map values out of the input. */
export function checkRequest(request: Request): void {
  const input = request.input as Attrs & { Item?: Attrs; Key?: Attrs }
  const owner: Owner = request.context
  switch (request.action) {
    case 'PutItem':
      input.Item = checkItem(input.Item as Attrs, owner, request.keys).item
      checkSubstitutions(input, owner, request.keys)
      return
    case 'GetItem':
    case 'DeleteItem':
    case 'UpdateItem':
      if (input.Key) measureAttributes(input.Key, owner, request.keys)
      checkSubstitutions(input, owner, request.keys)
      return
    case 'Query':
    case 'Scan':
      checkSubstitutions(input, owner, request.keys)
      return
    case 'TransactWriteItems':
      checkTransactWrite(input, request)
      return
    case 'TransactGetItems':
      checkTransactGet(input, request)
      return
    case 'BatchWriteItem':
      checkBatch(input, owner, MAX_BATCH_WRITE, (requests) => (requests as unknown[]).length)
      return
    case 'BatchGetItem':
      checkBatch(input, owner, MAX_BATCH_GET, (request) => ((request as { Keys?: unknown[] }).Keys ?? []).length)
  }
}

/** Checks an item to be written (put, a transaction's put, a batch's put) or a key; returns it (cleaned when it had to be) and its size. */
export function checkItem(item: Attrs, owner: Owner, keys: KeyLimits | undefined): { item: Attrs; size: number } {
  const measured = measureAttributes(item, owner, keys)
  checkItemSize(measured.size, owner)
  return { item: measured.unclean ? cleanAttributes(item) : item, size: measured.size }
}

/**
 * Checks expression strings (4 KB each) and ExpressionAttributeValues: each value is checked
 * like an item's, none may be over 400 KB, names and values together not over 2 MB, and a value
 * a key condition compares with a key attribute not over that key's limit. Returns their size.
 */
function checkSubstitutions(input: Attrs, owner: Owner, keys: KeyLimits | undefined): number {
  // Each expression read by name: a loop over the names would be a keyed read on every request.
  if (input.UpdateExpression !== undefined) checkExpression(input.UpdateExpression, 'UpdateExpression', owner)
  if (input.ConditionExpression !== undefined) checkExpression(input.ConditionExpression, 'ConditionExpression', owner)
  if (input.KeyConditionExpression !== undefined) checkExpression(input.KeyConditionExpression, 'KeyConditionExpression', owner)
  if (input.FilterExpression !== undefined) checkExpression(input.FilterExpression, 'FilterExpression', owner)
  if (input.ProjectionExpression !== undefined) checkExpression(input.ProjectionExpression, 'ProjectionExpression', owner)
  const values = input.ExpressionAttributeValues as Attrs | undefined
  if (values === undefined) return 0
  const measured = measureAttributes(values, owner, undefined, input)
  if (measured.unclean) input.ExpressionAttributeValues = cleanAttributes(values)
  let size = measured.size
  if (size > MAX_ITEM_BYTES) {
    for (const placeholder in values) {
      if (values[placeholder] !== undefined) checkValueSize(measureAttributes({ [placeholder]: values[placeholder] }, owner).size, fieldOf(placeholder, input), owner)
    }
  }
  const names = input.ExpressionAttributeNames as Attrs | undefined
  if (names !== undefined && size > MAX_SUBSTITUTION_BYTES / 2) size += measureAttributes(names, owner).size
  if (size > MAX_SUBSTITUTION_BYTES) {
    const { entity, operation } = ownerOf(owner)
    throw new LimitError('expression-values-size', `${entity ? `${entity}.` : ''}${operation}: expression names and values are about ${size} bytes; DynamoDB's limit is ${MAX_SUBSTITUTION_BYTES} bytes (2 MB)`, { entity })
  }
  const keyCondition = input.KeyConditionExpression
  if (typeof keyCondition === 'string' && keys !== undefined && measured.size > 1024) checkKeyConditionValues(keyCondition, values, input, owner, keys)
  return measured.size
}

/** A key condition's value is a key value: over the key's byte limit, nothing can match, and DynamoDB refuses it. */
function checkKeyConditionValues(keyCondition: string, values: Attrs, input: Attrs, owner: Owner, keys: KeyLimits): void {
  for (const placeholder in values) {
    const value = values[placeholder]
    if (typeof value !== 'string' || !new RegExp(`${placeholder}(?!\\w)`).test(keyCondition)) continue
    const field = fieldOf(placeholder, input)
    const limit = keys.get(field)
    if (limit !== undefined) measureAttributes({ [field]: value }, owner, keys)
  }
}

function checkTransactWrite(input: Attrs, request: Request): void {
  const items = (input.TransactItems ?? []) as Record<string, Attrs | undefined>[]
  const owner: Owner = request.context
  checkTransactionCount(items.length, owner)
  let total = 0
  for (let i = 0; i < items.length; i++) {
    const entry = items[i] as Record<string, Attrs | undefined>
    const part: Owner = () => {
      const context = resolve(request.context)
      const described = context.parts?.[i]
      return { entity: described?.entity, operation: `${context.operation} #${i}${described ? ` (${described.operation})` : ''}` }
    }
    const put = entry.Put
    if (put !== undefined) {
      const measured = measureAttributes(put.Item as Attrs, part, request.keys)
      checkItemSize(measured.size, part)
      if (measured.unclean) put.Item = cleanAttributes(put.Item as Attrs)
      total += measured.size + checkSubstitutions(put, part, request.keys)
      continue
    }
    const other = entry.Update ?? entry.Delete ?? entry.ConditionCheck
    if (other === undefined) continue
    total += measureAttributes(other.Key as Attrs, part, request.keys).size + checkSubstitutions(other, part, request.keys)
  }
  if (total > MAX_TRANSACTION_BYTES) {
    throw new LimitError('transaction-bytes', `transactWrite: the transaction is about ${total} bytes; DynamoDB's limit is ${MAX_TRANSACTION_BYTES} bytes (4 MB)`)
  }
}

function checkTransactGet(input: Attrs, request: Request): void {
  const items = (input.TransactItems ?? []) as { Get?: Attrs }[]
  const owner: Owner = request.context
  checkTransactionCount(items.length, owner)
  for (const entry of items) if (entry.Get?.Key) measureAttributes(entry.Get.Key as Attrs, owner, request.keys)
}

function checkTransactionCount(count: number, owner: Owner): void {
  if (count > MAX_TRANSACTION_ITEMS) {
    const { operation } = ownerOf(owner)
    throw new LimitError('transaction-size', `${operation}: ${count} operations; DynamoDB allows at most ${MAX_TRANSACTION_ITEMS} in one transaction`)
  }
}

function checkBatch(input: Attrs, owner: Owner, max: number, count: (request: unknown) => number): void {
  let total = 0
  for (const request of Object.values((input.RequestItems ?? {}) as Attrs)) total += count(request)
  if (total > max) {
    const { operation } = ownerOf(owner)
    throw new LimitError('batch-size', `${operation}: ${total} requests in one ${operation === 'batchGet' ? 'BatchGetItem' : 'BatchWriteItem'}; DynamoDB allows at most ${max}`)
  }
}

// ---- errors ------------------------------------------------------------------------------

/**
 * Turns an error from the SDK (or the network) into a sortkey error: a failed condition into
 * ItemExistsError / ConditionFailedError, a canceled transaction into TransactionCanceledError
 * with one reason per operation, anything else into RequestFailedError. sortkey's own errors pass.
 */
export function mapError(error: unknown, source: ContextSource): unknown {
  if (error instanceof SortkeyError) return error
  const name = awsErrorName(error) ?? 'Error'
  const context = resolve(source)
  if (name === 'ConditionalCheckFailedException') {
    const raw = (error as { Item?: Attrs }).Item
    const key = context.key ?? {}
    const item = raw && context.decodeFailedItem ? context.decodeFailedItem(raw) : undefined
    if (context.operation === 'create') return new ItemExistsError(context.entity ?? '(table)', key, { cause: error })
    return new ConditionFailedError(context.entity ?? '(table)', context.operation, key, item, { cause: error })
  }
  if (name === 'TransactionCanceledException' && context.parts !== undefined) return cancellation(error, context)
  const message = (error as { message?: unknown } | undefined)?.message
  const detail = typeof message === 'string' && message !== '' ? message : String(error)
  return new RequestFailedError(context.entity, context.operation, name, detail, isRetryable(error), { cause: error })
}

function cancellation(error: unknown, context: RequestContext): TransactionCanceledError {
  const raw = (error as { CancellationReasons?: { Code?: string; Message?: string; Item?: Attrs }[] }).CancellationReasons ?? []
  const parts = context.parts ?? []
  const reasons: CancellationReason[] = parts.map((part, index) => {
    const reason = raw[index]
    return {
      index,
      entity: part.entity,
      operation: part.operation,
      key: part.key(),
      code: reason?.Code ?? 'Unknown',
      message: reason?.Message,
      item: reason?.Item && part.decodeItem ? part.decodeItem(reason.Item) : undefined,
    }
  })
  return new TransactionCanceledError(reasons, { cause: error })
}

/** Sends a control-plane command (CreateTable, DescribeTable, ListTables, ...): no limits to check; errors mapped. */
export async function executeControl<T>(client: CommandSender, command: unknown, operation: string, table?: string): Promise<T> {
  try {
    return (await client.send(command)) as T
  } catch (error) {
    throw mapError(error, { entity: table, operation, key: undefined })
  }
}
