// Pacing by consumed capacity: a budget of `rate` units a second. A request reserves what requests
// have recently cost before it goes out (so concurrent workers go one after another as the budget
// refills, not all at once) and settles with what DynamoDB says it consumed when it comes back. A
// request waits while the budget is spent; the budget refills continuously and holds at most one
// second's worth, so units consumed per second follow `rate` however large single requests are.
// Throttling pauses every worker.

import { backoffDelay, retryPolicy, sleep, type RetryPolicy } from '../client/retry.js'

export class CapacityPacer {
  #balance: number
  #last: number
  #pausedUntil = 0
  /** What a request has recently cost (a moving average), reserved before each goes out. */
  #estimate = 1
  readonly policy: RetryPolicy = retryPolicy({ maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 10_000 })

  /** `rate`: units a second, or undefined for no limit. */
  constructor(
    readonly rate: number | undefined,
    private readonly clock: () => number = () => performance.now(),
    private readonly wait: (ms: number) => Promise<void> = sleep,
  ) {
    this.#balance = 0
    this.#last = clock()
  }

  /**
   * Resolves when a request may go out (the budget is not overdrawn and no throttling pause is
   * on) to the units it reserved; pass them to `spend` with what it consumed.
   */
  async ready(): Promise<number> {
    for (;;) {
      const now = this.clock()
      if (now < this.#pausedUntil) {
        await this.wait(this.#pausedUntil - now)
        continue
      }
      if (this.rate === undefined) return 0
      this.refill(now)
      if (this.#balance > 0) {
        const reserved = Math.min(this.#estimate, this.rate)
        this.#balance -= reserved
        return reserved
      }
      await this.wait(Math.max(1, Math.ceil((-this.#balance / this.rate) * 1000) + 1))
    }
  }

  /** Settles a request: draws what it consumed, less what `ready` reserved for it. */
  spend(units: number, reserved = 0): void {
    if (this.rate === undefined) return
    const used = units > 0 ? units : 0
    this.#estimate = this.#estimate * 0.8 + used * 0.2
    this.refill(this.clock())
    this.#balance -= used - reserved
  }

  /** Gives back what `ready` reserved for a request that consumed nothing (it failed). */
  release(reserved: number): void {
    if (this.rate === undefined) return
    this.refill(this.clock())
    this.#balance += reserved
  }

  /** After the `attempt`th throttling error in a row: every request waits a jittered, growing pause. */
  throttled(attempt: number): Promise<void> {
    const pause = Math.max(this.policy.baseDelayMs, backoffDelay(this.policy, attempt))
    this.#pausedUntil = Math.max(this.#pausedUntil, this.clock() + pause)
    if (this.rate !== undefined) this.#balance = Math.min(this.#balance, 0)
    return this.wait(this.#pausedUntil - this.clock())
  }

  private refill(now: number): void {
    const rate = this.rate as number
    this.#balance = Math.min(rate, this.#balance + ((now - this.#last) / 1000) * rate)
    this.#last = now
  }
}
