// A plain-text table: the first column left-aligned, the others right-aligned, a rule under the
// header and above the total line.

export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], total?: readonly string[]): string[] {
  const all = total ? [header, ...rows, total] : [header, ...rows]
  const widths = header.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)))
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number)))
      .join('  ')
      .trimEnd()
  const rule = widths.map((w) => '-'.repeat(w)).join('  ')
  const lines = [line(header), rule, ...rows.map(line)]
  if (total) lines.push(rule, line(total))
  return lines
}
