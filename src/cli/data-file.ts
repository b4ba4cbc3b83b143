// The one reader of item files, for every command that reads data (seed, view --data,
// export-workbench --data). It takes every format sortkey writes and DynamoDB JSON:
//
// - stored items (DocumentClient JSON), one a line or as a JSON array: seed files;
// - `{ "entity": ..., "item": ... }` lines of `sortkey scan --json` (items in application form);
// - a NoSQL Workbench model (`export-workbench`'s or Workbench's own): its table's TableData;
// - `aws dynamodb scan` / `query` output: `{ "Items": [...] }`;
// - DynamoDB's export to S3: `{ "Item": {...} }` lines; and items in DynamoDB JSON as they are.
//
// Every entry comes out as a stored item, or a problem with where it was (`line 12`, `item 3`).

import { readFileSync } from 'node:fs'
import { unmarshall } from '@aws-sdk/util-dynamodb'
import { reviveJson } from '../schema/index.js'
import { CliError, oneLine } from './errors.js'
import type { AnyTable } from './model.js'
import { reason } from './seed-plan.js'

type Attrs = Record<string, unknown>

export type DataEntry =
  | { readonly where: string; readonly raw: Attrs; readonly problem?: undefined }
  | { readonly where: string; readonly raw?: undefined; readonly problem: string }

/** What reading needs of the table: its name, its partition key and its entities. */
export type DataTable = Pick<AnyTable, 'name' | 'spec' | 'entities'>

export interface DataFile {
  readonly entries: DataEntry[]
  /** `JSON lines`, `a NoSQL Workbench model`, ...: for messages. */
  readonly format: string
}

export function readDataFile(table: DataTable, file: string): DataFile {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new CliError(code === 'ENOENT' ? `data file ${file} not found` : `cannot read ${file}: ${oneLine((error as Error).message)}`)
  }
  return parseDataText(table, text, file)
}

const SCAN_OUTPUT = new Set(['Items', 'Count', 'ScannedCount', 'LastEvaluatedKey', 'ConsumedCapacity', 'NextToken'])

export function parseDataText(table: DataTable, text: string, file = 'the data file'): DataFile {
  const whole = wholeJson(text)
  if (Array.isArray(whole)) return { entries: whole.map((value, i) => entry(table, `item ${i + 1}`, value)), format: 'a JSON array' }
  if (isObject(whole) && Array.isArray(whole.DataModel)) return workbench(table, whole.DataModel, file)
  if (isObject(whole) && Array.isArray(whole.Items) && Object.keys(whole).every((k) => SCAN_OUTPUT.has(k))) {
    return { entries: whole.Items.map((value, i) => dynamoEntry(`item ${i + 1}`, value)), format: 'DynamoDB scan output' }
  }
  if (isObject(whole)) return { entries: [entry(table, 'item 1', whole)], format: 'one JSON object' }
  if (whole === undefined && text.trimStart().startsWith('[')) {
    // An array that does not parse: say so once rather than once per line.
    try {
      JSON.parse(text)
    } catch (error) {
      throw new CliError(`${file} is not valid JSON: ${oneLine((error as Error).message)}`)
    }
  }
  const entries: DataEntry[] = []
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch (error) {
      entries.push({ where: `line ${i + 1}`, problem: `invalid JSON: ${oneLine((error as Error).message)}` })
      continue
    }
    entries.push(entry(table, `line ${i + 1}`, value))
  }
  return { entries, format: 'JSON lines' }
}

/** The text as one JSON value, when it is one (a JSON lines file of several lines is not). */
function wholeJson(text: string): unknown {
  const start = text.trimStart()[0]
  if (start !== '[' && start !== '{') return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function workbench(table: DataTable, models: unknown[], file: string): DataFile {
  const tables = models.filter(isObject)
  const chosen = tables.length === 1 ? tables[0] : tables.find((t) => t.TableName === table.name)
  if (!chosen) {
    throw new CliError(`${file} is a NoSQL Workbench model without table ${table.name} (tables: ${tables.map((t) => String(t.TableName)).join(', ') || 'none'})`)
  }
  const data = Array.isArray(chosen.TableData) ? chosen.TableData : []
  return { entries: data.map((value, i) => dynamoEntry(`TableData item ${i + 1}`, value)), format: 'a NoSQL Workbench model' }
}

/** One JSON value of a list or a line, by its shape. */
function entry(table: DataTable, where: string, value: unknown): DataEntry {
  if (!isObject(value)) return { where, problem: 'not a JSON object' }
  const keys = Object.keys(value)
  if (keys.length === 1 && keys[0] === 'Item' && isObject(value.Item)) return dynamoEntry(where, value.Item) // export to S3
  if (keys.includes('item') && keys.every((k) => k === 'entity' || k === 'item') && isObject(value.item)) return scanEntry(table, where, value.entity, value.item)
  if (isDescriptor(value[table.spec.partitionKey])) return dynamoEntry(where, value)
  return { where, raw: value }
}

/** An item in DynamoDB JSON: `{ "PK": { "S": "USER#alice" }, ... }`. */
function dynamoEntry(where: string, value: unknown): DataEntry {
  if (!isObject(value)) return { where, problem: 'not a JSON object' }
  const bad = Object.entries(value).find(([, v]) => !isDescriptor(v))
  if (bad) return { where, problem: `not DynamoDB JSON: attribute ${bad[0]} is ${oneLine(JSON.stringify(bad[1]) ?? 'undefined')}` }
  const number = numberProblem(value)
  if (number) return { where, problem: `invalid DynamoDB JSON: ${number}` }
  try {
    return { where, raw: unmarshall(value as never) }
  } catch (error) {
    return { where, problem: `invalid DynamoDB JSON: ${oneLine((error as Error).message)}` }
  }
}

/** A line of `sortkey scan --json`: the item in application form, stored again through its entity. */
function scanEntry(table: DataTable, where: string, name: unknown, item: Attrs): DataEntry {
  if (name === null || name === undefined) return { where, raw: item } // no entity claimed it: printed as stored
  const entity = typeof name === 'string' ? table.entities.get(name) : undefined
  if (!entity) return { where, problem: `${JSON.stringify(name)} is not an entity of ${table.name} (entities: ${[...table.entities.keys()].join(', ')})` }
  try {
    const put = (entity as unknown as { put(item: unknown): { params(): { Item: Attrs } } }).put(reviveJson(entity.schema, item))
    return { where, raw: put.params().Item }
  } catch (error) {
    return { where, problem: reason(entity.name, error) }
  }
}

/**
 * A number unmarshall would turn into NaN or Infinity, or round: the first one, described.
 * Whole numbers of any size are fine (they become bigints).
 */
function numberProblem(value: unknown, path = ''): string | undefined {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const problem = numberProblem(v, `${path}[${i}]`)
      if (problem) return problem
    }
    return undefined
  }
  if (!isObject(value)) return undefined
  for (const [key, v] of Object.entries(value)) {
    const here = path === '' ? key : `${path}.${key}`
    if (key === 'N' || key === 'NS') {
      for (const text of key === 'N' ? [v] : Array.isArray(v) ? v : []) {
        if (typeof text !== 'string' || !/^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return `${path}: ${JSON.stringify(text)} is not a number`
        if (/^-?\d+$/.test(text)) continue
        const digits = text.replace(/[eE].*$/, '').replace(/[-.]/g, '').replace(/^0+/, '').replace(/0+$/, '')
        if (!Number.isFinite(Number(text)) || digits.length > 17) return `${path}: ${text} does not fit a JavaScript number`
      }
    } else {
      const problem = numberProblem(v, here)
      if (problem) return problem
    }
  }
  return undefined
}

const TYPES = new Set(['S', 'N', 'B', 'BOOL', 'NULL', 'M', 'L', 'SS', 'NS', 'BS'])

/** `{ "S": "..." }`: one DynamoDB type code and its value. A key attribute is never a map in DocumentClient form, so this tells the forms apart. */
function isDescriptor(value: unknown): boolean {
  if (!isObject(value)) return false
  const keys = Object.keys(value)
  return keys.length === 1 && TYPES.has(keys[0] as string)
}

function isObject(value: unknown): value is Attrs {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
