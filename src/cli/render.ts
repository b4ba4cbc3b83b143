// Items as a readable, aligned text table; values are shortened to fit a column.

const MAX_WIDTH = 40

export function renderTable(items: readonly Record<string, unknown>[], maxWidth = MAX_WIDTH): string {
  const columns: string[] = []
  const seen = new Set<string>()
  for (const item of items) {
    for (const name of Object.keys(item)) {
      if (!seen.has(name)) {
        seen.add(name)
        columns.push(name)
      }
    }
  }
  const rows = items.map((item) => columns.map((c) => shorten(cell(item[c]), maxWidth)))
  const header = columns.map((c) => shorten(c, maxWidth))
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] as string))))
  const line = (cells: readonly string[]) => cells.map((c, i) => c + ' '.repeat((widths[i] as number) - width(c))).join('  ').trimEnd()
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

/** One value as table text. */
export function cell(value: unknown): string {
  if (value === undefined) return ''
  if (value === null) return 'null'
  if (typeof value === 'string') return value.replace(/\r?\n/g, '⏎')
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()
  if (value instanceof Uint8Array) return `<${value.length} bytes>`
  if (value instanceof Set) return `{${[...value].map(cell).join(', ')}}`
  return toJson(value)
}

/** JSON that also holds what JSON cannot: bigints as strings, sets as arrays, bytes as base64. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return v.toString()
    if (v instanceof Set) return [...(v as Set<unknown>)]
    if (v instanceof Uint8Array) return Buffer.from(v).toString('base64')
    return v
  })
}

function shorten(text: string, max: number): string {
  const chars = [...text]
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
}

function width(text: string): number {
  return [...text].length
}
