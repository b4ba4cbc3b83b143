// The report of `sortkey migrate` as lines of text.

import type { ChangeKind } from '../migrate/plan.js'
import type { MigrateReport } from '../migrate/report.js'
import { toJson } from './render.js'

const KINDS: readonly ChangeKind[] = ['current', 'index-keys', 'fields', 'upgrade', 'rekey']

/** The report as lines of text (what `sortkey migrate` prints). */
export function formatReport(report: MigrateReport): string[] {
  const lines: string[] = []
  const verb = report.dryRun ? 'would rewrite' : 'rewrote'
  const seconds = (report.durationMs / 1000).toFixed(1)
  lines.push(
    `${report.dryRun ? 'dry run of ' : ''}migrate ${report.table}${report.complete ? '' : ' (stopped; run again to resume)'}: scanned ${report.scanned}, current ${report.current}, ` +
      `${verb} ${report.rewritten}, ${report.dryRun ? 'would re-key' : 're-keyed'} ${report.rekeyed}, failed ${report.failed.length} in ${seconds}s`,
  )
  for (const [entity, counts] of Object.entries(report.byEntity)) {
    lines.push(`  ${entity}: ${KINDS.filter((k) => counts[k] > 0).map((k) => `${k} ${counts[k]}`).join(', ')}`)
  }
  const others = [
    report.upgraded ? `upgraded ${report.upgraded}` : '',
    report.unknown ? `unknown ${report.unknown} (no entity claims them; left alone)` : '',
    report.newer ? `newer ${report.newer} (written by a newer model; left alone)` : '',
    report.gone ? `gone ${report.gone} (deleted meanwhile)` : '',
    report.conflicts ? `conflicts ${report.conflicts} (changed meanwhile; redone)` : '',
  ].filter(Boolean)
  if (others.length > 0) lines.push(`  ${others.join(', ')}`)
  lines.push(`  capacity: ${round(report.capacity.read)} RCU read, ${round(report.capacity.write)} WCU written`)
  for (const failure of report.failed) lines.push(`  failed ${failure.entity ?? '(unknown)'} ${toJson(failure.key)}: ${failure.message}`)
  // Examples preview a dry run; a real run's report stays short.
  for (const example of report.dryRun ? report.examples : []) {
    lines.push(`  example ${example.entity} ${example.kind}:`, `    before ${toJson(example.before)}`, `    after  ${toJson(example.after)}`)
  }
  return lines
}

function round(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1)
}
