// Retry timing for work DynamoDB leaves undone (unprocessed batch items, throttling):
// exponential backoff with full jitter, bounded in attempts and in delay.

export interface RetryOptions {
  /** Attempts per request, the first included (default 12). */
  maxAttempts?: number
  /** The first retry waits up to this long (default 50 ms). */
  baseDelayMs?: number
  /** No single wait is longer than this (default 5,000 ms). */
  maxDelayMs?: number
}

export interface RetryPolicy {
  readonly maxAttempts: number
  readonly baseDelayMs: number
  readonly maxDelayMs: number
}

export function retryPolicy(options: RetryOptions = {}): RetryPolicy {
  return {
    maxAttempts: Math.max(1, options.maxAttempts ?? 12),
    baseDelayMs: Math.max(0, options.baseDelayMs ?? 50),
    maxDelayMs: Math.max(0, options.maxDelayMs ?? 5_000),
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
  'ServiceUnavailable',
  'LimitExceededException',
])

/** Errors that mean "try again later" rather than "this request is wrong". */
export function isRetryable(error: unknown): boolean {
  const name = error && typeof error === 'object' ? (error as { name?: unknown }).name : undefined
  return typeof name === 'string' && RETRYABLE.has(name)
}

/** Runs `task` for each input with at most `concurrency` in flight; resolves when all are done. */
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
