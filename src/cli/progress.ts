// A progress bar on stderr while items are written (shown only on a terminal), from cli-progress.

import cliProgress from 'cli-progress'

export interface Progress {
  update(done: number): void
  stop(): void
}

export function progressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || total === 0) return { update() {}, stop() {} }
  const bar = new cliProgress.SingleBar(
    { stream, format: `${label} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}`, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  )
  bar.start(total, 0)
  return {
    update: (done) => bar.update(done),
    stop: () => bar.stop(),
  }
}

/** What a long-running command reports as it goes. */
export interface RateProgress {
  readonly done: number
  /** Items per second so far. */
  readonly perSecond: number
  /** The rest of the line: "rewritten 10, failed 0". */
  readonly detail: string
}

/**
 * Progress with items per second and an ETA: a bar on a terminal (when the total is known), plain
 * lines at most every `everyMs` otherwise (logs, CI).
 */
export function rateProgress(label: string, total: number | undefined, io: { err(text: string): void; readonly stderr: NodeJS.WriteStream }, everyMs = 2_000): { update(p: RateProgress): void; stop(): void } {
  if (io.stderr.isTTY && total !== undefined && total > 0) {
    const bar = new cliProgress.SingleBar(
      { stream: io.stderr, format: `${label} [{bar}] {percentage}% | {value}/{total} items | {speed} items/s | ETA {eta_formatted} | {detail}`, hideCursor: true, clearOnComplete: true, etaBuffer: 50 },
      cliProgress.Presets.shades_classic,
    )
    bar.start(total, 0, { speed: '0', detail: '' })
    return {
      // ItemCount is DynamoDB's estimate (refreshed about every six hours): the bar grows when it falls short.
      update: (p) => {
        if (p.done > bar.getTotal()) bar.setTotal(p.done)
        bar.update(p.done, { speed: p.perSecond.toFixed(0), detail: p.detail })
      },
      stop: () => bar.stop(),
    }
  }
  let last = -Infinity
  return {
    update(p) {
      const now = performance.now()
      if (now - last < everyMs) return
      last = now
      const eta = total !== undefined && total > p.done && p.perSecond > 0 ? `, ETA ${Math.ceil((total - p.done) / p.perSecond)}s` : ''
      io.err(`${label}: ${p.done}${total !== undefined ? `/~${total}` : ''} items, ${p.perSecond.toFixed(0)} items/s${eta}, ${p.detail}`)
    },
    stop() {},
  }
}
