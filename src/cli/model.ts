// Loading the user's model module and finding its table: any export made by defineTable.
// TypeScript modules are run through tsx (the user's, else ours) unless the process already
// has a loader (`node --import tsx ...`).

import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { extname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Table } from '../table/table.js'
import { CliError, oneLine } from './errors.js'

export type AnyTable = Table

const TYPESCRIPT = new Set(['.ts', '.mts', '.cts', '.tsx'])

export async function loadTable(file: string, pick: string | undefined): Promise<AnyTable> {
  const path = resolve(file)
  if (!existsSync(path)) throw new CliError(`model file ${file} not found`)
  if (TYPESCRIPT.has(extname(path)) && !hasLoader() && !(await registerTsx()) && !(process.features as { typescript?: unknown }).typescript) {
    throw new CliError(`cannot import TypeScript model ${file}: install tsx (npm install --save-dev tsx), or run through a loader: node --import tsx node_modules/.bin/sortkey ...`)
  }
  let module: Record<string, unknown>
  try {
    module = (await import(pathToFileURL(path).href)) as Record<string, unknown>
  } catch (error) {
    throw new CliError(`cannot import ${file}: ${oneLine((error as Error)?.message ?? String(error))}`)
  }
  return pickTable(file, module, pick)
}

/** The table among a module's exports: the only one, or the one `pick` names (export or table name). */
export function pickTable(file: string, module: Record<string, unknown>, pick: string | undefined): AnyTable {
  const found = new Map<AnyTable, string[]>()
  const exports = Object.entries(module)
  // A CommonJS model (module.exports = { table }) arrives as the default export.
  const fallback = module.default
  if (fallback && typeof fallback === 'object' && !isTable(fallback)) exports.push(...Object.entries(fallback))
  for (const [name, value] of exports) {
    if (isTable(value) && !found.get(value)?.includes(name)) found.set(value, [...(found.get(value) ?? []), name])
  }
  const tables = [...found]
  if (pick !== undefined) {
    const match = tables.filter(([table, names]) => names.includes(pick) || table.name === pick)
    if (match.length === 1) return (match[0] as [AnyTable, string[]])[0]
    throw new CliError(`${file} has no table named ${pick}${tables.length ? ` (tables: ${describe(tables)})` : ''}`)
  }
  if (tables.length === 0) throw new CliError(`${file} exports no sortkey table (export the one defineTable returns)`)
  if (tables.length > 1) throw new CliError(`${file} exports several tables (${describe(tables)}): choose one with --table <name>`)
  return (tables[0] as [AnyTable, string[]])[0]
}

function describe(tables: [AnyTable, string[]][]): string {
  return tables.map(([table, names]) => `${names.join('/')} = ${table.name}`).join(', ')
}

/** A sortkey Table, recognised by shape: the model may load another copy of the library (source, CJS, ESM). */
export function isTable(value: unknown): value is AnyTable {
  if (!value || typeof value !== 'object') return false
  const v = value as Record<string, unknown>
  return (
    typeof v.name === 'string' &&
    v.entities instanceof Map &&
    typeof v.spec === 'object' &&
    typeof v.withClient === 'function' &&
    typeof v.entityOf === 'function' &&
    typeof v.parse === 'function'
  )
}

function hasLoader(): boolean {
  const args = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)]
  return args.some((a) => /^--(import|loader|experimental-loader|require)(=|$)|^-r$/.test(a))
}

/** Registers tsx (the project's, else one next to sortkey) in this process; false when there is none. */
async function registerTsx(): Promise<boolean> {
  for (const from of [join(process.cwd(), 'package.json'), import.meta.url]) {
    let loader: string
    try {
      loader = createRequire(from).resolve('tsx')
    } catch {
      continue
    }
    await import(pathToFileURL(loader).href)
    return true
  }
  return false
}
