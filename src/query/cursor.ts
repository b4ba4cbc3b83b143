// Pagination cursors: opaque, URL-safe strings holding where a read stopped (DynamoDB's
// LastEvaluatedKey, one per segment for a parallel scan) and a fingerprint of the read that
// made them (kind, table, entity, index, partition, segments). A cursor that is malformed, or
// was made by another read, is refused with CursorError before anything is sent.
//
// Cursors are not signed: the fingerprint and the checks on the key (exactly this index's key
// attributes, and this partition for a query) catch mix-ups and tampering that changes them,
// not a forgery of a key inside the same partition, which can only move the start of the read.

import { CursorError } from '../errors.js'

type Attrs = Record<string, unknown>

/** Where one segment of a read stands: `null` not started, `0` finished, or the key to continue after. */
export type Position = Attrs | null | 0

export interface CursorScope {
  /** What identifies the read (kind, table, entity, index, partition, segments); hashed into the cursor's fingerprint only when a cursor is made or read. */
  readonly identity: readonly unknown[]
  /** Exactly the attributes a `LastEvaluatedKey` of this read holds. */
  readonly keyAttributes: readonly string[]
  /** For a query: the partition key attributes and values every key of it carries (several for a multi-attribute key). */
  readonly partition: readonly { readonly attribute: string; readonly value: unknown }[] | undefined
  readonly segments: number
}

interface CursorBody {
  q: string
  k?: Attrs
  s?: (Attrs | null | 0)[]
}

/** The cursor for `positions`, or undefined when every segment is finished. */
export function encodeCursor(scope: CursorScope, positions: readonly Position[]): string | undefined {
  let open = false
  for (const position of positions) if (position !== 0) open = true
  if (!open) return undefined
  const body: CursorBody = { q: fingerprint(scope.identity) }
  if (scope.segments === 1) body.k = positions[0] as Attrs
  else body.s = positions as Position[]
  return toBase64Url(JSON.stringify(body))
}

/** The positions a cursor holds; CursorError when it is malformed or made by another read. */
export function decodeCursor(scope: CursorScope, cursor: string): Position[] {
  if (typeof cursor !== 'string' || cursor.length === 0 || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw new CursorError('the cursor is not a cursor string made by sortkey')
  }
  let body: unknown
  try {
    body = JSON.parse(fromBase64Url(cursor))
  } catch {
    throw new CursorError('the cursor is malformed (not a cursor made by sortkey)')
  }
  if (!isObject(body) || typeof body.q !== 'string') throw new CursorError('the cursor is malformed (not a cursor made by sortkey)')
  if (body.q !== fingerprint(scope.identity)) {
    throw new CursorError('the cursor was made by a different read (another entity, index, partition or number of segments)')
  }
  if (scope.segments === 1) {
    if (body.s !== undefined || !isObject(body.k)) throw new CursorError('the cursor is malformed: it holds no key')
    checkKey(scope, body.k)
    return [body.k]
  }
  const list = body.s
  if (body.k !== undefined || !Array.isArray(list) || list.length !== scope.segments) {
    throw new CursorError(`the cursor is malformed: it does not hold ${scope.segments} segment positions`)
  }
  return list.map((position: unknown) => {
    if (position === null || position === 0) return position
    if (!isObject(position)) throw new CursorError('the cursor is malformed: a segment position is not a key')
    checkKey(scope, position)
    return position
  })
}

function checkKey(scope: CursorScope, key: Attrs): void {
  let count = 0
  for (const name in key) {
    count++
    const value = key[name]
    if (!scope.keyAttributes.includes(name) || (typeof value !== 'string' && typeof value !== 'number')) {
      throw new CursorError(`the cursor's key does not match this read's key attributes (${scope.keyAttributes.join(', ')})`)
    }
  }
  if (count !== scope.keyAttributes.length) {
    throw new CursorError(`the cursor's key does not match this read's key attributes (${scope.keyAttributes.join(', ')})`)
  }
  const partition = scope.partition
  if (partition && partition.some((p) => key[p.attribute] !== p.value)) throw new CursorError('the cursor belongs to another partition')
}

/** A short, stable hash of the parts that identify a read (FNV-1a, 32 bits, base 36). */
export function fingerprint(parts: readonly unknown[]): string {
  const text = parts.map((part) => (typeof part === 'number' ? 'n' + String(part) : 's' + String(part))).join('\u0000')
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0).toString(36)
}

function isObject(value: unknown): value is Attrs {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text)
  let binary = ''
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i] as number)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
}
