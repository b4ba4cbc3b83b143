// DynamoDB's hard limits, checked before sending so the error names what is over and why.

import { LimitError } from '../errors.js'

export const MAX_TRANSACTION_ITEMS = 100
export const MAX_ITEM_BYTES = 400 * 1024
export const MAX_BATCH_WRITE = 25
export const MAX_BATCH_GET = 100
/** BatchWriteItem's request size limit. */
export const MAX_BATCH_BYTES = 16 * 1024 * 1024

/**
 * The size DynamoDB counts for an item: attribute names plus values (strings as UTF-8, numbers
 * about one byte per two digits plus one, binary by length, lists and maps with 3 bytes overhead
 * plus 1 per element). Close enough to refuse what DynamoDB would refuse.
 */
export function itemSize(item: Record<string, unknown>): number {
  let size = 0
  for (const name in item) {
    const value = item[name]
    if (value === undefined) continue
    size += Buffer.byteLength(name, 'utf8') + valueSize(value)
  }
  return size
}

function valueSize(value: unknown): number {
  if (value === null || typeof value === 'boolean') return 1
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8')
  if (typeof value === 'number' || typeof value === 'bigint') return Math.ceil(String(value).replace(/^-|\.|e.*$/g, '').length / 2) + 1
  if (value instanceof Uint8Array) return value.byteLength
  if (value instanceof Set) {
    let size = 0
    for (const element of value) size += valueSize(element)
    return size
  }
  if (Array.isArray(value)) {
    let size = 3
    for (const element of value) size += 1 + valueSize(element)
    return size
  }
  if (typeof value === 'object') {
    let size = 3
    for (const [key, element] of Object.entries(value as Record<string, unknown>)) {
      if (element !== undefined) size += 1 + Buffer.byteLength(key, 'utf8') + valueSize(element)
    }
    return size
  }
  return String(value).length
}

export function checkItemSize(item: Record<string, unknown>, what: string): number {
  const size = itemSize(item)
  if (size > MAX_ITEM_BYTES) {
    throw new LimitError('item-size', `${what}: the item is about ${size} bytes; DynamoDB's limit is ${MAX_ITEM_BYTES} bytes (400 KB)`)
  }
  return size
}

/** A stable identity for an item's key within a table, for duplicate checks and matching. */
export function keyIdentity(table: string, key: Record<string, unknown>): string {
  const names = Object.keys(key).sort()
  let id = table
  for (const name of names) id += '\u0000' + name + '\u0000' + JSON.stringify(key[name])
  return id
}
