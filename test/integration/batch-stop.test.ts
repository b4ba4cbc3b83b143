// Batches stop at once on an error retrying cannot fix, and hand back every item not done with
// that error as the cause. Faults are injected in front of DynamoDB Local; a missing table is real.
import { describe, it, expect, beforeAll } from 'vitest'
import { z } from 'zod'
import { BatchGetCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb'
import { defineTable, createTable, batchWrite, batchGet, BatchWriteError, BatchGetError, RequestFailedError } from '../../src/index.js'
import { localClient, uniqueTableName } from '../support/client.js'
import { describeError } from '../../src/cli/errors.js'

const real = localClient()
const table = defineTable({ name: uniqueTableName('batch-stop'), partitionKey: 'PK', sortKey: 'SK', client: real })
const Item = table.entity('Item', { schema: z.object({ id: z.string(), n: z.number() }), key: { pk: 'ITEM#{id}', sk: 'ITEM' } })

beforeAll(async () => {
  await createTable(table)
})

/** An error as the SDK (or Node's network stack) raises it. */
function sdkError(name: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 }, ...extra })
}

const NON_RETRYABLE: [string, () => Error][] = [
  ['a missing table', () => sdkError('ResourceNotFoundException', 'Requested resource not found')],
  ['denied access', () => sdkError('AccessDeniedException', 'User is not authorized to perform dynamodb:BatchWriteItem')],
  ['a refused request', () => sdkError('ValidationException', 'One or more parameter values were invalid')],
  ['no region', () => new Error('Region is missing')],
  ['a refused connection', () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' })],
  ['bad credentials', () => sdkError('UnrecognizedClientException', 'The security token included in the request is invalid')],
]

/** Passes requests to DynamoDB Local, failing the `failOn`-th batch request (1-based) with `fault()`; counts requests. */
function faulty(fault: () => Error, failOn: number) {
  const stats = { requests: 0 }
  return {
    stats,
    async send(command: unknown): Promise<unknown> {
      if (command instanceof BatchWriteCommand || command instanceof BatchGetCommand) {
        stats.requests++
        if (stats.requests >= failOn) throw fault()
      }
      return real.send(command as never)
    },
  }
}

describe('a batch stops at once on an error retrying cannot fix', () => {
  for (const [what, fault] of NON_RETRYABLE) {
    it(`batchWrite: ${what}`, async () => {
      const client = faulty(fault, 2)
      const ops = Array.from({ length: 100 }, (_, i) => Item.put({ id: `${what}-${i}`, n: i }))
      const error = await batchWrite(ops, { client, concurrency: 1, baseDelayMs: 1 }).then(() => undefined, (e: unknown) => e)
      expect(error).toBeInstanceOf(BatchWriteError)
      const batch = error as BatchWriteError
      // The first chunk of 25 was written; the second failed; the other two were never sent.
      expect(client.stats.requests).toBe(2)
      expect(batch.written).toBe(25)
      expect(batch.unprocessed.map((u) => u.key)).toEqual(ops.slice(25).map((op) => op.key()))
      expect(batch.cause).toBeInstanceOf(RequestFailedError)
      expect((batch.cause as RequestFailedError).cause).toBeInstanceOf(Error)
      expect((batch.cause as RequestFailedError).retryable).toBe(false)
      const firstLine = batch.message.split('\n')[0] as string
      expect(firstLine).toContain(fault().message)
      expect(batch.message.length).toBeLessThan(400)
      expect(describeError(batch)).toContain('75 item(s) not written')
    })

    it(`batchGet: ${what}`, async () => {
      const client = faulty(fault, 1)
      const ops = Array.from({ length: 250 }, (_, i) => Item.get({ id: `get-${i}` }))
      const error = await batchGet(ops, { client, concurrency: 2, baseDelayMs: 1 }).then(() => undefined, (e: unknown) => e)
      expect(error).toBeInstanceOf(BatchGetError)
      const batch = error as BatchGetError
      expect(client.stats.requests).toBeLessThanOrEqual(2) // the two in flight; the third chunk never sent, nothing retried
      expect(batch.unprocessed).toHaveLength(250)
      expect(batch.cause).toBeInstanceOf(RequestFailedError)
      expect(batch.message.split('\n')[0]).toContain(fault().message)
    })
  }

  it('a missing table on DynamoDB Local: one request, all 60 items handed back, cause ResourceNotFoundException', async () => {
    const ghost = defineTable({ name: uniqueTableName('batch-ghost'), partitionKey: 'PK', sortKey: 'SK', client: real })
    const Ghost = ghost.entity('Ghost', { schema: z.object({ id: z.string() }), key: { pk: 'G#{id}', sk: 'G' } })
    let requests = 0
    const counting = { send: (c: unknown) => (requests++, real.send(c as never)) }
    const error = await batchWrite(Array.from({ length: 60 }, (_, i) => Ghost.put({ id: `${i}` })), { client: counting, concurrency: 1 }).then(() => undefined, (e: unknown) => e)
    expect(error).toBeInstanceOf(BatchWriteError)
    expect(requests).toBe(1)
    expect((error as BatchWriteError).unprocessed).toHaveLength(60)
    expect(((error as BatchWriteError).cause as RequestFailedError).awsName).toBe('ResourceNotFoundException')
  })

  it('in one batch, items stranded by a timeout name the timeout even when another chunk was throttled', async () => {
    let throttled = false
    const client = {
      async send(command: unknown): Promise<unknown> {
        if (command instanceof BatchWriteCommand) {
          const items = Object.values(command.input.RequestItems ?? {})[0] as { PutRequest?: { Item?: { id?: string } } }[]
          if (items.some((r) => r.PutRequest?.Item?.id?.startsWith('t'))) throw sdkError('TimeoutError', 'socket timed out', { $metadata: {} })
          if (!throttled) {
            throttled = true
            throw sdkError('ThrottlingException', 'Rate exceeded')
          }
        }
        return real.send(command as never)
      },
    }
    // 25 good items (first chunk, throttled once then written), then 8 that always time out.
    const ops = [...Array.from({ length: 25 }, (_, i) => Item.put({ id: `ok${i}`, n: i })), ...Array.from({ length: 8 }, (_, i) => Item.put({ id: `t${i}`, n: i }))]
    const error = await batchWrite(ops, { client, maxAttempts: 3, baseDelayMs: 1, concurrency: 2 }).then(() => undefined, (e: unknown) => e)
    expect(error).toBeInstanceOf(BatchWriteError)
    expect((error as BatchWriteError).written).toBe(25)
    expect((error as BatchWriteError).unprocessed).toHaveLength(8)
    expect(((error as BatchWriteError).cause as RequestFailedError).awsName).toBe('TimeoutError')
  })
})
