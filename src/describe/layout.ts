// Stored items as each index sees them: an item is in an index when it carries the index's key
// attributes (so sparse items are absent), grouped by the index's partition key and ordered by
// its sort key the way DynamoDB orders them (numbers by value, strings and binary by bytes).

import { indexKeys, type DescribableTable, type IdentifyingTable } from './source.js'

type Attrs = Record<string, unknown>

/** A stored item and the entity it belongs to (undefined when no entity claims it). */
export interface ViewItem {
  readonly entity: string | undefined
  readonly item: Attrs
  /** Why the item fails its entity's schema (`amount: Invalid input: expected number`), when it does. */
  readonly problem?: string
}

export interface Partition {
  /** The partition key value. */
  readonly key: unknown
  /** Positions in the item list, in sort-key order. */
  readonly items: readonly number[]
}

export interface IndexLayout {
  readonly name: string
  /** The partition-key attribute (the first, for a multi-attribute key). */
  readonly partitionKey: string
  readonly sortKey: string | undefined
  /** Every key attribute in order (several for a multi-attribute key); items are grouped and ordered by all of them. */
  readonly partitionKeys: readonly string[]
  readonly sortKeys: readonly string[]
  /** Partitions in key order (DynamoDB's own order is by hash, which means nothing to a reader). */
  readonly partitions: readonly Partition[]
  /** Items in the index. */
  readonly count: number
}

/** Each stored item with the entity that claims it (by entity attribute or key pattern), and why it is invalid if it is. */
export function identifyItems(table: Pick<IdentifyingTable, 'entityOf' | 'parse'>, items: readonly Attrs[]): ViewItem[] {
  return items.map((item) => {
    let entity: string | undefined
    try {
      entity = table.entityOf(item)?.name
    } catch {
      entity = undefined
    }
    if (entity === undefined) return { entity, item }
    try {
      table.parse(item)
    } catch (error) {
      return { entity, item, problem: problemText(error) }
    }
    return { entity, item }
  })
}

/** A validation error as one line: `path: message; ...` for schema issues, else its message. */
export function problemText(error: unknown): string {
  const e = error as { issues?: { path: (string | number)[]; message: string }[]; message?: string }
  if (Array.isArray(e.issues) && e.issues.length > 0) return e.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(item)'}: ${i.message}`).join('; ')
  return (e.message ?? String(error)).replace(/\s*\n\s*/g, ' ')
}

/** The items `index` ('primary' for the table) holds, by partition, in sort-key order. */
export function layoutIndex(table: DescribableTable, index: string, items: readonly ViewItem[]): IndexLayout {
  const keys = indexKeys(table, index)
  const [partitionKey, ...morePartition] = keys.partitionKey as [string, ...string[]]
  const sortKeys = keys.sortKey
  const groups = new Map<string, { key: unknown; items: number[]; rest: unknown[] }>()
  let count = 0
  items.forEach(({ item }, position) => {
    // An item is in the index only when it has every key attribute (a multi-attribute key has several).
    if (!keys.partitionKey.every((name) => isKeyValue(item[name])) || !sortKeys.every((name) => isKeyValue(item[name]))) return
    const rest = morePartition.map((name) => item[name])
    const id = [item[partitionKey], ...rest].map(identity).join('\u0000')
    let group = groups.get(id)
    if (!group) groups.set(id, (group = { key: item[partitionKey], items: [], rest }))
    group.items.push(position)
    count++
  })
  const byKey = (a: readonly unknown[], b: readonly unknown[]) => {
    for (let i = 0; i < a.length; i++) {
      const order = compareKeyValues(a[i], b[i])
      if (order !== 0) return order
    }
    return 0
  }
  const partitions = [...groups.values()].sort((a, b) => byKey([a.key, ...a.rest], [b.key, ...b.rest])).map(({ key, items }) => ({ key, items }))
  if (sortKeys.length > 0) {
    const sortOf = (position: number) => sortKeys.map((name) => (items[position] as ViewItem).item[name])
    for (const partition of partitions) partition.items.sort((a, b) => byKey(sortOf(a), sortOf(b)) || a - b)
  }
  return { name: index, partitionKey, sortKey: sortKeys[0], partitionKeys: keys.partitionKey, sortKeys, partitions, count }
}

/** A value DynamoDB accepts as a key: a non-empty string, a number, or non-empty binary. */
function isKeyValue(value: unknown): boolean {
  if (typeof value === 'string') return value.length > 0
  if (typeof value === 'number' || typeof value === 'bigint') return true
  return value instanceof Uint8Array && value.length > 0
}

function identity(value: unknown): string {
  if (typeof value === 'string') return `S${value}`
  if (typeof value === 'number' || typeof value === 'bigint') return `N${String(value)}`
  return `B${Buffer.from(value as Uint8Array).toString('base64')}`
}

/** DynamoDB's key order: numbers by value, strings by UTF-8 bytes (code points), binary by bytes; numbers before strings before binary when mixed. */
export function compareKeyValues(a: unknown, b: unknown): number {
  const rank = (v: unknown) => (typeof v === 'number' || typeof v === 'bigint' ? 0 : typeof v === 'string' ? 1 : 2)
  const ra = rank(a)
  const rb = rank(b)
  if (ra !== rb) return ra - rb
  if (ra === 0) return Number(a) < Number(b) ? -1 : Number(a) > Number(b) ? 1 : 0
  if (ra === 1) return compareCodePoints(a as string, b as string)
  return Buffer.compare(Buffer.from(a as Uint8Array), Buffer.from(b as Uint8Array))
}

function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) as number
    const y = b.codePointAt(i) as number
    if (x !== y) return x - y
    if (x > 0xffff) i++
  }
  return a.length - b.length
}
