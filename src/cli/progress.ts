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
