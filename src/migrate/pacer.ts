// Pacing by consumed capacity: a budget of `rate` units a second that requests draw from after
// they come back (DynamoDB says what each consumed). A request waits while the budget is spent;
// the budget refills continuously and holds at most one second's worth, so the units consumed
// per second follow `rate` however large single requests are. Throttling pauses every worker.

import { backoffDelay, retryPolicy, sleep, type RetryPolicy } from '../client/retry.js'

export class CapacityPacer {
  #balance: number
  #last: number
  #pausedUntil = 0
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

  /** Resolves when a request may go out: the budget is not overdrawn and no throttling pause is on. */
  async ready(): Promise<void> {
    for (;;) {
      const now = this.clock()
      if (now < this.#pausedUntil) {
        await this.wait(this.#pausedUntil - now)
        continue
      }
      if (this.rate === undefined) return
      this.refill(now)
      if (this.#balance > 0) return
      await this.wait(Math.max(1, Math.ceil((-this.#balance / this.rate) * 1000) + 1))
    }
  }

  /** Draws what a request consumed from the budget. */
  spend(units: number): void {
    if (this.rate === undefined || !(units > 0)) return
    this.refill(this.clock())
    this.#balance -= units
  }

  /** After the `attempt`th throttling error in a row: every request waits a jittered, growing pause. */
  throttled(attempt: number): Promise<void> {
    const pause = Math.max(this.policy.baseDelayMs, backoffDelay(this.policy, attempt))
    this.#pausedUntil = Math.max(this.#pausedUntil, this.clock() + pause)
    if (this.rate !== undefined) this.#balance = Math.min(this.#balance, 0)
    return this.ready()
  }

  private refill(now: number): void {
    const rate = this.rate as number
    this.#balance = Math.min(rate, this.#balance + ((now - this.#last) / 1000) * rate)
    this.#last = now
  }
}
