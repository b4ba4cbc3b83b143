// Reading a seed file: JSON lines (one item a line) or a JSON array of items. Each entry keeps
// where it came from (`line 12`, `item 3`) so problems can be reported against it.

import { readFileSync } from 'node:fs'
import { extname } from 'node:path'
import { CliError, oneLine } from './errors.js'

export type SeedEntry =
  | { readonly where: string; readonly raw: Record<string, unknown>; readonly problem?: undefined }
  | { readonly where: string; readonly raw?: undefined; readonly problem: string }

export function readSeedFile(file: string): SeedEntry[] {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new CliError(code === 'ENOENT' ? `seed file ${file} not found` : `cannot read ${file}: ${oneLine((error as Error).message)}`)
  }
  return parseSeedText(text, extname(file).toLowerCase() === '.json' ? 'json' : 'jsonl', file)
}

export function parseSeedText(text: string, format: 'json' | 'jsonl', file = 'the seed file'): SeedEntry[] {
  if (format === 'json') {
    let items: unknown
    try {
      items = JSON.parse(text)
    } catch (error) {
      throw new CliError(`${file} is not valid JSON: ${oneLine((error as Error).message)}`)
    }
    if (!Array.isArray(items)) throw new CliError(`${file} must hold a JSON array of items (or use .jsonl, one item a line)`)
    return items.map((item, i) => entry(`item ${i + 1}`, item))
  }
  const entries: SeedEntry[] = []
  const lines = text.split('\n')
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue
    let item: unknown
    try {
      item = JSON.parse(line)
    } catch (error) {
      entries.push({ where: `line ${i + 1}`, problem: `invalid JSON: ${oneLine((error as Error).message)}` })
      continue
    }
    entries.push(entry(`line ${i + 1}`, item))
  }
  return entries
}

function entry(where: string, item: unknown): SeedEntry {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return { where, problem: 'not a JSON object' }
  return { where, raw: item as Record<string, unknown> }
}
