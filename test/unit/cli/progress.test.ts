// Progress off a terminal: plain lines with items per second and an ETA, at most one per interval.
import { describe, expect, it } from 'vitest'
import { rateProgress } from '../../../src/cli/progress.js'

describe('rateProgress (not a terminal)', () => {
  it('prints a line with the rate and ETA, then waits for the interval', () => {
    const lines: string[] = []
    const io = { err: (t: string) => void lines.push(t), stderr: { isTTY: false } as NodeJS.WriteStream }
    const progress = rateProgress('migrate t', 1_000, io, 60_000)
    progress.update({ done: 100, perSecond: 50, detail: 'rewritten 10, failed 0' })
    progress.update({ done: 200, perSecond: 50, detail: 'rewritten 20, failed 0' })
    progress.stop()
    expect(lines).toEqual(['migrate t: 100/~1000 items, 50 items/s, ETA 18s, rewritten 10, failed 0'])
  })

  it('without a known total, no ETA', () => {
    const lines: string[] = []
    const progress = rateProgress('m', undefined, { err: (t: string) => void lines.push(t), stderr: { isTTY: false } as NodeJS.WriteStream }, 0)
    progress.update({ done: 5, perSecond: 2.4, detail: 'x' })
    expect(lines).toEqual(['m: 5 items, 2 items/s, x'])
  })
})
