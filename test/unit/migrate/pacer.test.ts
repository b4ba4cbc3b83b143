// The capacity pacer on a simulated clock: whatever each request consumes, units consumed per
// second follow the rate; throttling pauses every request; no rate means no waiting.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CapacityPacer } from '../../../src/migrate/pacer.js'

function simulated() {
  let now = 0
  return {
    clock: () => now,
    wait: async (ms: number) => {
      now += ms
    },
    get now() {
      return now
    },
  }
}

describe('CapacityPacer', () => {
  it('property: over a long run, consumed units per second stay within a request of the rate', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 500 }), fc.array(fc.double({ min: 0.5, max: 50, noNaN: true }), { minLength: 50, maxLength: 300 }), async (rate, costs) => {
        const time = simulated()
        const pacer = new CapacityPacer(rate, time.clock, time.wait)
        let spent = 0
        for (const cost of costs) {
          const reserved = await pacer.ready()
          pacer.spend(cost, reserved)
          spent += cost
        }
        const seconds = time.now / 1000
        // the budget starts empty and holds at most one second: spent - last request <= rate * elapsed
        expect(spent - (costs.at(-1) as number)).toBeLessThanOrEqual(rate * seconds + 1e-6)
        // and it never waits longer than the spending requires
        expect(seconds).toBeLessThanOrEqual(spent / rate + 0.01 * costs.length)
      }),
      { numRuns: 50 },
    )
  })

  it('without a rate it never waits; throttling pauses the next request', async () => {
    const time = simulated()
    const pacer = new CapacityPacer(undefined, time.clock, time.wait)
    pacer.spend(1_000)
    await pacer.ready()
    expect(time.now).toBe(0)
    await pacer.throttled(1)
    expect(time.now).toBeGreaterThanOrEqual(100)
    const before = time.now
    await pacer.ready()
    expect(time.now).toBe(before)
  })
})
