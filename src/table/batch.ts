// batchWrite / batchGet: any number of items, chunked to DynamoDB's limits, run with bounded
// concurrency, and retried — unprocessed items and throttling alike — with backoff and full
// jitter. Whatever is still not done after the last attempt comes back in a typed error: nothing
// is ever dropped.

import { BatchGetCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb'
import { requireClient, type CommandSender } from '../client/send.js'
import { execute, checkItem, type EndObserved } from '../client/executor.js'
import { drain, retryPolicy, type RetryOptions, type RetryPolicy } from '../client/retry.js'
import { integerOption } from '../client/options.js'
import { keyLimitsOf, MAX_BATCH_BYTES, MAX_BATCH_GET, MAX_BATCH_WRITE } from '../client/limits.js'
import type { ObserveOptions, Probe } from '../client/observe.js'
import { BatchGetError, BatchWriteError, LimitError } from '../errors.js'
import type { GetOperation } from '../entity/read-operations.js'
import type { DeleteOperation, PutOperation } from '../entity/write-operations.js'
import { keyIdentity } from './limits.js'
import { clientOf, refuseUniqueWrites, tableProbe, withCapacityOf, type CapacityResult, type ClientOption, type GetResults } from './transactions.js'

type Attrs = Record<string, unknown>

export interface BatchOptions extends RetryOptions, ObserveOptions, ClientOption {
  /** Requests in flight at once (default 4; 1 to 100). */
  concurrency?: number
  /** Called after each request with the number of items done so far and the total. */
  onProgress?: (progress: { done: number; total: number }) => void
}

/** The checked retry policy and concurrency of a batch: a NaN, negative or fractional option is a ValidationError naming it. */
function batchSettings(options: BatchOptions, owner: string, operation: string): { policy: RetryPolicy; concurrency: number } {
  return { policy: retryPolicy(options, owner, operation), concurrency: integerOption(owner, operation, 'concurrency', options.concurrency, 1, 100, 4) }
}

type WriteOp = PutOperation<unknown, unknown> | DeleteOperation<unknown>

interface WriteEntry {
  /** Position in the caller's list: what is left over is reported in this order. */
  index: number
  table: string
  request: Attrs
  op: WriteOp
  size: number
}

/**
 * Writes any number of puts and deletes, 25 per request (at most 16 MB), `concurrency` requests
 * at a time, retrying what DynamoDB leaves unprocessed with exponential backoff and full jitter.
 * What is still unwritten after the last attempt is thrown in a `BatchWriteError`, never dropped.
 * Duplicate keys and conditional writes are refused before sending.
 *
 * @example
 * ```ts
 * import { batchWrite } from 'sortkey'
 *
 * const users = [{ username: 'alice', name: 'Alice', email: 'alice@example.com', joined: new Date() }]
 * const { written } = await batchWrite(
 *   [...users.map((user) => User.put(user)), Game.delete({ game_id: 'g0' })],
 *   { onProgress: ({ done, total }) => console.log(`${done}/${total}`) },
 * )
 * ```
 */
export async function batchWrite(ops: readonly WriteOp[], options: BatchOptions = {}): Promise<{ written: number } & CapacityResult> {
  const owner = ops[0]?.entity.model.name ?? 'batchWrite'
  const { policy, concurrency } = batchSettings(options, owner, 'batchWrite')
  if (ops.length === 0) return { written: 0 }
  refuseUniqueWrites(ops, 'batchWrite')
  const entries = writeEntries(ops)
  const sender = requireClient(clientOf(ops, options), 'batchWrite')
  const probe = tableProbe(ops, options, 'batchWrite')
  const progress = options.onProgress
  const { left, done, cause } = await drain(chunkWrites(entries), policy, concurrency, (pending, attempt) =>
    sendBatch(sender, BatchWriteCommand, 'BatchWriteItem', 'batchWrite', { RequestItems: group(pending) }, attempt, probe, (output) =>
      matchUnprocessed(pending, (output as { UnprocessedItems?: Record<string, Attrs[]> }).UnprocessedItems),
    ), progress && ((count) => progress({ done: count, total: entries.length })))
  if (left.length > 0) {
    const unprocessed = left.map((entry) => ({
      entity: entry.op.entity.model.name,
      kind: 'PutRequest' in entry.request ? ('put' as const) : ('delete' as const),
      key: entry.op.key(),
      request: entry.request,
    }))
    throw new BatchWriteError(unprocessed, done, cause === undefined ? undefined : { cause })
  }
  return withCapacityOf({ written: done }, probe)
}

/** Sends one batch request through the executor (its items were checked before the first): the probe sees the attempt, what it consumed and how much DynamoDB left unprocessed. */
async function sendBatch<E>(
  client: CommandSender,
  command: new (input: never) => unknown,
  action: 'BatchWriteItem' | 'BatchGetItem',
  operation: 'batchWrite' | 'batchGet',
  input: Attrs,
  attempt: number,
  probe: Probe | undefined,
  unprocessedOf: (output: Attrs) => E[],
): Promise<E[]> {
  if (probe !== undefined) input.ReturnConsumedCapacity = probe.mode
  let unprocessed: E[] | undefined
  const end: EndObserved = (watch, pending, output) => {
    unprocessed = unprocessedOf(output)
    watch.end(pending, output, { unprocessed: unprocessed.length })
  }
  const output = await execute<Attrs>(
    client,
    { action, command: new command(input as never), input, attempt, checked: true, context: { entity: probe?.entity, operation, key: undefined } },
    probe,
    end,
  )
  return unprocessed ?? unprocessedOf((output ?? {}) as Attrs)
}

function writeEntries(ops: readonly WriteOp[]): WriteEntry[] {
  const seen = new Map<string, number>()
  return ops.map((op, index) => {
    const model = op.entity.model
    const request = op.batchRequest() as Attrs
    const id = keyIdentity(model.table.name, op.key())
    const earlier = seen.get(id)
    if (earlier !== undefined) {
      throw new LimitError(
        'batch-duplicate-key',
        `batchWrite: operations #${earlier} and #${index} (${model.name}) have the same key ${JSON.stringify(op.key())}; DynamoDB refuses duplicate keys in one batch`,
      )
    }
    seen.set(id, index)
    const put = (request as { PutRequest?: { Item: Attrs } }).PutRequest
    const owner = () => ({ entity: model.name, operation: `batchWrite #${index}` })
    const keys = keyLimitsOf(model.table)
    let size = 1024
    if (put) {
      const checked = checkItem(put.Item, owner, keys)
      put.Item = checked.item
      size = checked.size
    } else {
      checkItem((request as { DeleteRequest: { Key: Attrs } }).DeleteRequest.Key, owner, keys)
    }
    return { index, table: model.table.name, request, op, size }
  })
}

/** Chunks of at most 25 requests and at most 16 MB. */
function chunkWrites(entries: readonly WriteEntry[]): WriteEntry[][] {
  const chunks: WriteEntry[][] = []
  let chunk: WriteEntry[] = []
  let bytes = 0
  for (const entry of entries) {
    if (chunk.length === MAX_BATCH_WRITE || (chunk.length > 0 && bytes + entry.size > MAX_BATCH_BYTES)) {
      chunks.push(chunk)
      chunk = []
      bytes = 0
    }
    chunk.push(entry)
    bytes += entry.size
  }
  if (chunk.length > 0) chunks.push(chunk)
  return chunks
}

function group(entries: readonly { table: string; request: Attrs }[]): Record<string, Attrs[]> {
  const byTable: Record<string, Attrs[]> = {}
  for (const entry of entries) (byTable[entry.table] ??= []).push(entry.request)
  return byTable
}

/** The entries DynamoDB handed back, matched by key so each keeps its operation. */
function matchUnprocessed(pending: readonly WriteEntry[], unprocessed: Record<string, Attrs[]> | undefined): WriteEntry[] {
  if (!unprocessed) return []
  const wanted = new Set<string>()
  for (const [table, requests] of Object.entries(unprocessed)) {
    for (const request of requests) wanted.add(keyIdentity(table, requestKey(pending, table, request)))
  }
  if (wanted.size === 0) return []
  return pending.filter((entry) => wanted.has(keyIdentity(entry.table, entry.op.key())))
}

function requestKey(pending: readonly WriteEntry[], table: string, request: Attrs): Attrs {
  const put = (request as { PutRequest?: { Item: Attrs } }).PutRequest
  if (!put) return (request as { DeleteRequest: { Key: Attrs } }).DeleteRequest.Key
  // A put comes back whole; keep only the key attributes of the table.
  const sample = pending.find((entry) => entry.table === table)
  const key: Attrs = {}
  for (const name of Object.keys(sample?.op.key() ?? {})) key[name] = put.Item[name]
  return key
}

// ---- batchGet ---------------------------------------------------------------------------

interface GetEntry {
  index: number
  table: string
  key: Attrs
  id: string
  op: GetOperation<unknown>
}

/**
 * Reads any number of items, 100 keys per request, retrying unprocessed keys; resolves to a typed
 * tuple in request order (`undefined` where absent). Keys still unread after the last attempt are
 * thrown in a `BatchGetError` with everything that was read.
 *
 * @example
 * ```ts
 * import { batchGet } from 'sortkey'
 *
 * const [alice, bob] = await batchGet([User.get({ username: 'alice' }), User.get({ username: 'bob' })])
 * ```
 */
export async function batchGet<const Ops extends readonly GetOperation<unknown>[]>(
  ops: Ops,
  options: BatchOptions & { consistent?: boolean } = {},
): Promise<GetResults<Ops> & CapacityResult> {
  const owner = ops[0]?.entity.model.name ?? 'batchGet'
  const { policy, concurrency } = batchSettings(options, owner, 'batchGet')
  if (ops.length === 0) return [] as unknown as GetResults<Ops> & CapacityResult
  const entries = getEntries(ops)
  const sender = requireClient(clientOf(ops, options), 'batchGet')
  const found = new Map<string, Attrs>()
  const chunks: GetEntry[][] = []
  for (let i = 0; i < entries.length; i += MAX_BATCH_GET) chunks.push(entries.slice(i, i + MAX_BATCH_GET))
  const probe = tableProbe(ops, options, 'batchGet')
  const progress = options.onProgress
  const { left, cause } = await drain(chunks, policy, concurrency, (pending, attempt) =>
    sendBatch(sender, BatchGetCommand, 'BatchGetItem', 'batchGet', { RequestItems: getRequest(pending, options.consistent) }, attempt, probe, (output) => collect(pending, output)),
    progress && ((count) => progress({ done: count, total: entries.length })))
  const items = ops.map((op, i) => op.decode(found.get((entries[i] as GetEntry).id)))
  if (left.length > 0) {
    const unprocessed = left.map((e) => ({ entity: e.op.entity.model.name, key: e.key }))
    throw new BatchGetError(unprocessed, items, cause === undefined ? undefined : { cause })
  }
  return withCapacityOf(items, probe) as GetResults<Ops> & CapacityResult

  /** Keeps the items a response holds; returns the entries DynamoDB left unprocessed. */
  function collect(pending: GetEntry[], response: Attrs): GetEntry[] {
    const output = response as {
      Responses?: Record<string, Attrs[]>
      UnprocessedKeys?: Record<string, { Keys?: Attrs[] }>
    }
    const byId = new Map(pending.map((e) => [e.id, e]))
    for (const [table, items] of Object.entries(output.Responses ?? {})) {
      const keyNames = Object.keys(pending.find((e) => e.table === table)?.key ?? {})
      for (const item of items) {
        const key: Attrs = {}
        for (const name of keyNames) key[name] = item[name]
        const entry = byId.get(keyIdentity(table, key))
        if (entry) found.set(entry.id, item)
      }
    }
    const again = new Set<string>()
    for (const [table, request] of Object.entries(output.UnprocessedKeys ?? {})) {
      for (const key of request.Keys ?? []) again.add(keyIdentity(table, key))
    }
    return pending.filter((e) => again.has(e.id))
  }
}

function getEntries(ops: readonly GetOperation<unknown>[]): GetEntry[] {
  const seen = new Map<string, number>()
  return ops.map((op, index) => {
    const model = op.entity.model
    const key = op.key()
    const id = keyIdentity(model.table.name, key)
    const earlier = seen.get(id)
    if (earlier !== undefined) {
      throw new LimitError(
        'batch-duplicate-key',
        `batchGet: operations #${earlier} and #${index} (${model.name}) have the same key ${JSON.stringify(key)}; DynamoDB refuses duplicate keys in one batch`,
      )
    }
    seen.set(id, index)
    checkItem(key, () => ({ entity: model.name, operation: `batchGet #${index}` }), keyLimitsOf(model.table))
    return { index, table: model.table.name, key, id, op }
  })
}

function getRequest(entries: readonly GetEntry[], consistent: boolean | undefined): Record<string, { Keys: Attrs[]; ConsistentRead?: boolean }> {
  const request: Record<string, { Keys: Attrs[]; ConsistentRead?: boolean }> = {}
  for (const entry of entries) {
    const table = (request[entry.table] ??= { Keys: [], ...(consistent ? { ConsistentRead: true } : {}) })
    table.Keys.push(entry.key)
  }
  return request
}
