import { describe, expect, it } from 'vitest'
import { drain, isRetryable, retryPolicy } from '../../../src/client/retry.js'
import { mapError } from '../../../src/client/executor.js'
import { RequestFailedError, ValidationError } from '../../../src/errors.js'

const named = (name: string, extra: object = {}) => Object.assign(new Error(name), { name, ...extra })
const entries = (n: number) => Array.from({ length: n }, (_, index) => ({ index }))
const chunksOf = (list: { index: number }[], size: number) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, i * size + size))
const fast = retryPolicy({ maxAttempts: 3, baseDelayMs: 0 })

describe('retry classification', () => {
  it('retries throttling, 5xx, timeouts and dropped connections; not a missing table, denied access, a refused connection or no region', () => {
    for (const name of ['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded', 'InternalServerError', 'TimeoutError']) expect(isRetryable(named(name))).toBe(true)
    expect(isRetryable(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBe(true)
    expect(isRetryable(named('Whatever', { $metadata: { httpStatusCode: 503 } }))).toBe(true)
    for (const name of ['ResourceNotFoundException', 'AccessDeniedException', 'ValidationException', 'UnrecognizedClientException']) expect(isRetryable(named(name, { $metadata: { httpStatusCode: 400 } }))).toBe(false)
    expect(isRetryable(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(false)
    expect(isRetryable(new Error('Region is missing'))).toBe(false)
  })

  it('maps any SDK error to a RequestFailedError that keeps it as cause and says whether to retry', () => {
    const cause = named('ThrottlingException')
    const mapped = mapError(cause, { entity: 'Doc', operation: 'get', key: undefined }) as RequestFailedError
    expect(mapped).toBeInstanceOf(RequestFailedError)
    expect(mapped.message).toBe('Doc.get: ThrottlingException: ThrottlingException')
    expect(mapped.cause).toBe(cause)
    expect(mapped.retryable).toBe(true)
    expect(isRetryable(mapped)).toBe(true)
    const refused = mapError(Object.assign(new AggregateError([]), { code: 'ECONNREFUSED' }), { entity: undefined, operation: 'batchWrite', key: undefined }) as RequestFailedError
    expect(refused.awsName).toBe('ECONNREFUSED')
    expect(refused.retryable).toBe(false)
  })
})

describe('retry options', () => {
  it.each([
    ['maxAttempts', NaN],
    ['maxAttempts', 0],
    ['maxAttempts', Infinity],
    ['maxAttempts', 2.5],
    ['baseDelayMs', -1],
    ['maxDelayMs', NaN],
  ])('%s: %s is a ValidationError naming it', (name, value) => {
    const error = (() => {
      try {
        retryPolicy({ [name]: value }, 'Doc', 'batchWrite')
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues[0]?.path).toEqual([name])
    expect((error as ValidationError).message).toContain(`Doc.batchWrite: invalid input — ${name}: must be an integer`)
  })
})

describe('drain', () => {
  it('stops at once on an error retrying cannot fix: no chunk is sent after it, all not done are left over', async () => {
    const list = entries(100)
    const sent: number[] = []
    const stop = named('ResourceNotFoundException')
    const result = await drain(chunksOf(list, 25), fast, 1, async (pending) => {
      sent.push(pending[0]?.index as number)
      if (pending[0]?.index === 25) throw stop
      return []
    })
    expect(sent).toEqual([0, 25])
    expect(result.done).toBe(25)
    expect(result.left.map((e) => e.index)).toEqual(list.slice(25).map((e) => e.index))
    expect(result.cause).toBe(stop)
  })

  it('retries a retryable error up to maxAttempts; the cause is the error that stranded the items left', async () => {
    const list = entries(50)
    let calls = 0
    const result = await drain(chunksOf(list, 25), fast, 2, async (pending) => {
      calls++
      if ((pending[0]?.index as number) >= 25) throw named('TimeoutError')
      if (calls === 1) throw named('ThrottlingException')
      return []
    })
    expect(result.done).toBe(25)
    expect(result.left).toHaveLength(25)
    expect((result.cause as Error).name).toBe('TimeoutError')
  })

  it('items DynamoDB keeps leaving unprocessed are left over with no error as cause', async () => {
    const result = await drain(chunksOf(entries(10), 25), fast, 4, async (pending) => pending.slice(0, 2))
    expect(result.left.map((e) => e.index)).toEqual([0, 1])
    expect(result.cause).toBeUndefined()
  })
})
