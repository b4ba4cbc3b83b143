// Retrying work DynamoDB leaves undone (unprocessed batch items, throttling): exponential
// backoff with full jitter, bounded in attempts and in delay. An error retrying cannot fix (a
// missing table, denied access, no region, a refused connection, a refused request) stops the
// whole batch at once: nothing more is sent, and what was not done is handed back with it.

import { integerOption } from './options.js'

export interface RetryOptions {
  /** Attempts per request, the first included (default 12; 1 to 100). */
  maxAttempts?: number
  /** The first retry waits up to this long, in ms (default 50; 0 to 60,000). */
  baseDelayMs?: number
  /** No single wait is longer than this, in ms (default 5,000; 0 to 600,000). */
  maxDelayMs?: number
}

export interface RetryPolicy {
  readonly maxAttempts: number
  readonly baseDelayMs: number
  readonly maxDelayMs: number
}

/** The policy of `options`; a value that is not an integer in range is a ValidationError naming it. */
export function retryPolicy(options: RetryOptions = {}, owner = 'batch', operation = 'retry'): RetryPolicy {
  return {
    maxAttempts: integerOption(owner, operation, 'maxAttempts', options.maxAttempts, 1, 100, 12),
    baseDelayMs: integerOption(owner, operation, 'baseDelayMs', options.baseDelayMs, 0, 60_000, 50),
    maxDelayMs: integerOption(owner, operation, 'maxDelayMs', options.maxDelayMs, 0, 600_000, 5_000),
  }
}

/** Full jitter: a uniform wait in [0, min(max, base * 2^(attempt - 1))]. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1))
  return Math.floor(random() * ceiling)
}

export function sleep(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms))
}

const RETRYABLE = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'InternalFailure',
  'ServiceUnavailable',
  'LimitExceededException',
  'TransactionInProgressException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  // dropped connections (a refused one is not retried: nothing is listening)
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ECONNABORTED',
  'EAI_AGAIN',
])

/** Errors that mean "try again later" rather than "this request cannot succeed". */
export function isRetryable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false
  const e = error as { name?: unknown; code?: unknown; retryable?: unknown; awsName?: unknown; $metadata?: { httpStatusCode?: unknown } }
  if (typeof e.retryable === 'boolean' && typeof e.awsName === 'string') return e.retryable // a RequestFailedError already said
  if (typeof e.name === 'string' && RETRYABLE.has(e.name)) return true
  if (typeof e.code === 'string' && RETRYABLE.has(e.code)) return true
  const status = e.$metadata?.httpStatusCode
  return typeof status === 'number' && status >= 500
}

/** Runs `task` for each input with at most `concurrency` in flight; resolves when all are done, rejects with the first failure (no new task starts after it). */
export async function runPool<T>(inputs: readonly T[], concurrency: number, task: (input: T) => Promise<void>): Promise<void> {
  let next = 0
  let failure: { error: unknown } | undefined
  const worker = async () => {
    while (failure === undefined && next < inputs.length) {
      const input = inputs[next++] as T
      try {
        await task(input)
      } catch (error) {
        failure ??= { error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, inputs.length)) }, worker))
  if (failure) throw failure.error
}

export interface Drained<E> {
  /** What is not done, in request order. */
  readonly left: E[]
  /** How many were done. */
  readonly done: number
  /** The error that stranded what is left: the one that stopped the batch, or the last failed attempt of the first chunk left over. */
  readonly cause: unknown
}

/**
 * Sends every chunk (at most `concurrency` in flight) and re-sends what comes back unprocessed,
 * or what was throttled, with backoff and full jitter, until done or out of attempts. `send`
 * returns the entries still unprocessed. An error that is not retryable stops everything: no
 * chunk is sent or retried after it, and every entry not done is left over.
 */
export async function drain<E extends { index: number }>(
  chunks: readonly E[][],
  policy: RetryPolicy,
  concurrency: number,
  send: (pending: E[], attempt: number) => Promise<E[]>,
  onProgress?: (done: number) => void,
): Promise<Drained<E>> {
  let done = 0
  let stopped: { error: unknown } | undefined
  const left: E[] = []
  const causes = new Map<E, unknown>()
  let next = 0
  const runChunk = async (chunk: E[]) => {
    let pending = chunk
    let lastError: unknown
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > 1) await sleep(backoffDelay(policy, attempt - 1))
      if (stopped !== undefined) break
      let unprocessed: E[]
      try {
        unprocessed = await send(pending, attempt)
        lastError = undefined
      } catch (error) {
        if (!isRetryable(error)) {
          stopped ??= { error }
          break
        }
        lastError = error
        unprocessed = pending
      }
      done += pending.length - unprocessed.length
      onProgress?.(done)
      pending = unprocessed
      if (attempt >= policy.maxAttempts) break
    }
    for (const entry of pending) {
      left.push(entry)
      if (lastError !== undefined) causes.set(entry, lastError)
    }
  }
  const worker = async () => {
    while (next < chunks.length) {
      const chunk = chunks[next++] as E[]
      if (stopped !== undefined) left.push(...chunk)
      else await runChunk(chunk)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, chunks.length)) }, worker))
  left.sort((a, b) => a.index - b.index)
  const first = left[0]
  return { left, done, cause: stopped !== undefined ? stopped.error : first === undefined ? undefined : causes.get(first) }
}
