import { describe, it, expect } from 'vitest'
import { decodeCursor, encodeCursor, fingerprint, type CursorScope } from '../../../src/query/cursor.js'
import { CursorError } from '../../../src/index.js'

const scope: CursorScope = {
  identity: ['query', 't', 'Order', 'primary', 'CUSTOMER#c1'],
  keyAttributes: ['PK', 'SK'],
  partition: [{ attribute: 'PK', value: 'CUSTOMER#c1' }],
  segments: 1,
}

describe('cursors', () => {
  it('round-trip a key, URL-safe, unicode included', () => {
    const key = { PK: 'CUSTOMER#c1', SK: 'ORDER#ü€😀/+?' }
    const cursor = encodeCursor(scope, [key]) as string
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(decodeCursor(scope, cursor)).toEqual([key])
  })

  it('are undefined when every segment is finished', () => {
    expect(encodeCursor(scope, [0])).toBeUndefined()
    expect(encodeCursor({ ...scope, segments: 3, partition: undefined }, [0, 0, 0])).toBeUndefined()
  })

  it('hold one position per segment for a parallel scan', () => {
    const parallel: CursorScope = { identity: ['scan'], keyAttributes: ['PK', 'SK'], partition: undefined, segments: 3 }
    const positions = [0, null, { PK: 'A', SK: 'B' }] as const
    const cursor = encodeCursor(parallel, [...positions]) as string
    expect(decodeCursor(parallel, cursor)).toEqual([0, null, { PK: 'A', SK: 'B' }])
    expect(() => decodeCursor({ ...parallel, segments: 4 }, cursor)).toThrow(CursorError)
    expect(() => decodeCursor(scope, cursor)).toThrow(CursorError)
  })

  it('fingerprints differ by every part', () => {
    const base = ['query', 't', 'Order', 'primary', 'CUSTOMER#c1']
    const prints = new Set([
      fingerprint(base),
      fingerprint(['scan', ...base.slice(1)]),
      fingerprint(['query', 't', 'Customer', 'primary', 'CUSTOMER#c1']),
      fingerprint(['query', 't', 'Order', 'GSI1', 'CUSTOMER#c1']),
      fingerprint(['query', 't', 'Order', 'primary', 'CUSTOMER#c2']),
      fingerprint(['query', 't', 'Order', 'primary', 5]),
      fingerprint(['query', 't', 'Order', 'primary', '5']),
    ])
    expect(prints.size).toBe(7)
  })

  const encode = (body: unknown) => Buffer.from(JSON.stringify(body), 'utf8').toString('base64url')

  it.each([
    ['empty', ''],
    ['not base64url', 'ab+/'],
    ['not JSON', Buffer.from('{nope', 'utf8').toString('base64url')],
    ['invalid UTF-8', Buffer.from([0xff, 0xfe]).toString('base64url')],
    ['an array', encode([1])],
    ['no fingerprint', encode({ k: { PK: 'CUSTOMER#c1', SK: 'x' } })],
    ['another fingerprint', encode({ q: 'other', k: { PK: 'CUSTOMER#c1', SK: 'x' } })],
    ['no key', encode({ q: fingerprint(scope.identity) })],
    ['a missing attribute', encode({ q: fingerprint(scope.identity), k: { PK: 'CUSTOMER#c1' } })],
    ['an extra attribute', encode({ q: fingerprint(scope.identity), k: { PK: 'CUSTOMER#c1', SK: 'x', GSI1PK: 'y' } })],
    ['a non-scalar value', encode({ q: fingerprint(scope.identity), k: { PK: 'CUSTOMER#c1', SK: { S: 'x' } } })],
    ['another partition', encode({ q: fingerprint(scope.identity), k: { PK: 'CUSTOMER#c2', SK: 'x' } })],
    ['segment positions on a query', encode({ q: fingerprint(scope.identity), s: [null] })],
  ])('refuses %s', (_, cursor) => {
    expect(() => decodeCursor(scope, cursor)).toThrow(CursorError)
  })
})
