// The plan of one item (pure): what the current model stores for it, and the kind of change.
// Properties: planning the planned item finds it current (a rerun changes nothing); attributes
// the model does not maintain are never dropped; an upgrade runs only below the model version.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { defineTable, type Table } from '../../../src/index.js'
import { planItem, type ChangePlan, type PlanContext } from '../../../src/migrate/plan.js'
import { sameValue } from '../../../src/migrate/equal.js'

type Attrs = Record<string, unknown>

function context(table: Table): PlanContext {
  return { spec: table.spec, now: '2026-01-01T00:00:00.000Z', identify: (raw) => table.entityOf(raw)?.model }
}

const table = defineTable({ name: 'plans', partitionKey: 'PK', sortKey: 'SK', indexes: { GSI1: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK' }, ByCity: { partitionKey: 'city', sortKey: 'SK' } } })
table.entity('User', {
  schema: z.object({ id: z.string(), email: z.string(), city: z.string().optional(), tier: z.string().default('free'), born: z.iso.date().optional() }),
  key: { pk: 'USER#{id}', sk: 'USER' },
  indexes: { GSI1: { pk: 'EMAIL#{email}', sk: 'USER' } },
})
const plan = (raw: Attrs) => planItem(context(table), raw)

describe('planItem', () => {
  it('a missing index key is an index-keys change; the default of a new field is filled', () => {
    const p = plan({ PK: 'USER#1', SK: 'USER', _type: 'User', id: '1', email: 'a@x.io' }) as ChangePlan
    expect(p.kind).toBe('index-keys')
    expect(p.set).toEqual({ GSI1PK: 'EMAIL#a@x.io', GSI1SK: 'USER', tier: 'free' })
    expect(p.remove).toEqual([])
  })

  it('only a default missing is a fields change; a stale index key of an unset field is removed', () => {
    expect(plan({ PK: 'USER#1', SK: 'USER', _type: 'User', id: '1', email: 'a@x.io', GSI1PK: 'EMAIL#a@x.io', GSI1SK: 'USER' })).toMatchObject({ kind: 'fields', set: { tier: 'free' } })
    const stale = plan({ PK: 'USER#1', SK: 'USER', _type: 'User', id: '1', email: 'b@x.io', tier: 'free', GSI1PK: 'EMAIL#a@x.io', GSI1SK: 'USER' }) as ChangePlan
    expect(stale).toMatchObject({ kind: 'index-keys', set: { GSI1PK: 'EMAIL#b@x.io' } })
  })

  it('keeps attributes no model maintains; no entity claims an item: unknown', () => {
    const p = plan({ PK: 'USER#1', SK: 'USER', _type: 'User', id: '1', email: 'a@x.io', legacyNote: 'keep me' }) as ChangePlan
    expect(p.after.legacyNote).toBe('keep me')
    expect(p.remove).toEqual([])
    expect(plan({ PK: 'OTHER', SK: 'X', _type: 'Ghost' })).toEqual({ kind: 'unknown', key: { PK: 'OTHER', SK: 'X' } })
  })

  it('an item that does not validate is invalid, with its key and the schema issue', () => {
    const p = plan({ PK: 'USER#1', SK: 'USER', _type: 'User', id: '1' })
    expect(p).toMatchObject({ kind: 'invalid', entity: 'User', key: { PK: 'USER#1', SK: 'USER' } })
    expect((p as { error: Error }).error.message).toMatch(/email/)
  })

  it('a key value the model refuses (the delimiter) fails the item, naming the field; odd text elsewhere is kept', () => {
    const bad = plan({ PK: 'USER#1', SK: 'USER', _type: 'User', id: '1', email: 'a#b@x.io' })
    expect(bad).toMatchObject({ kind: 'invalid', entity: 'User' })
    expect((bad as unknown as { error: { code: string; field: string } }).error).toMatchObject({ code: 'KEY_VALUE', field: 'email' })
    const odd = plan({ PK: 'USER#1', SK: 'USER', _type: 'User', id: '1', email: 'a@x.io', city: '\ud800 lone', note: { $ne: 1 } }) as ChangePlan
    expect(odd.after).toMatchObject({ city: '\ud800 lone', note: { $ne: 1 } })
  })

  it('property: planning what the plan stores finds it current, and nothing unmaintained is dropped', () => {
    const stored = fc.record(
      {
        id: fc.stringMatching(/^[a-z0-9]{1,8}$/),
        email: fc.stringMatching(/^[a-z]{1,6}@[a-z]{1,4}\.io$/),
        city: fc.option(fc.stringMatching(/^[A-Z][a-z]{1,6}$/), { nil: undefined }),
        tier: fc.option(fc.constantFrom('free', 'pro'), { nil: undefined }),
        GSI1PK: fc.option(fc.string(), { nil: undefined }),
        GSI1SK: fc.option(fc.string(), { nil: undefined }),
        extra: fc.option(fc.oneof(fc.string(), fc.integer(), fc.array(fc.integer()), fc.dictionary(fc.stringMatching(/^[a-z]{1,3}$/), fc.boolean())), { nil: undefined }),
      },
      { requiredKeys: ['id', 'email'] },
    )
    fc.assert(
      fc.property(stored, (fields) => {
        const raw: Attrs = { PK: `USER#${fields.id}`, SK: 'USER', _type: 'User' }
        for (const [k, v] of Object.entries(fields)) if (v !== undefined) raw[k] = v
        const first = plan(raw) as ChangePlan
        expect(first.kind).not.toBe('invalid')
        if (raw.extra !== undefined) expect(sameValue(first.after.extra, raw.extra)).toBe(true)
        expect(first.after.GSI1PK).toBe(`EMAIL#${fields.email}`)
        if (fields.city !== undefined) expect(first.after.city).toBe(fields.city)
        const second = plan(first.after) as ChangePlan
        expect(second.kind).toBe('current')
        expect(second.set).toEqual({})
        expect(second.remove).toEqual([])
      }),
    )
  })
})

describe('planItem with an upgrade', () => {
  const versioned = defineTable({ name: 'versioned', partitionKey: 'PK', sortKey: 'SK', modelVersionAttribute: 'schemaVersion' })
  const seen: (number | undefined)[] = []
  versioned.entity('Person', {
    schema: z.object({ id: z.string(), name: z.string() }),
    key: { pk: 'P#{id}', sk: 'P' },
    modelVersion: 3,
    upgrade: ({ fullName, ...rest }, from) => {
      seen.push(from)
      return { ...rest, name: fullName ?? rest.name }
    },
  })
  const plan = (raw: Attrs) => planItem(context(versioned), raw)

  it('renames below the model version and records it; at or above it the upgrade does not run', () => {
    const p = plan({ PK: 'P#1', SK: 'P', _type: 'Person', fullName: 'Ada', id: '1', schemaVersion: 2 }) as ChangePlan
    expect(p).toMatchObject({ kind: 'upgrade', set: { name: 'Ada', schemaVersion: 3 }, remove: ['fullName'] })
    expect(seen).toEqual([2])
    seen.length = 0
    expect(plan(p.after).kind).toBe('current')
    expect(plan({ PK: 'P#1', SK: 'P', _type: 'Person', id: '1', name: 'Ada', schemaVersion: 4 })).toEqual({ kind: 'newer', entity: 'Person', key: { PK: 'P#1', SK: 'P' } })
    expect(seen).toEqual([])
  })

  it('a primary-key change is a rekey with the new key', () => {
    const moved = defineTable({ name: 'moved', partitionKey: 'PK', sortKey: 'SK' })
    moved.entity('Doc', { schema: z.object({ id: z.string() }), key: { pk: 'D#{id}', sk: 'D#{id}' } })
    const p = planItem(context(moved), { PK: 'D#7', SK: 'DOC', _type: 'Doc', id: '7' }) as ChangePlan
    expect(p).toMatchObject({ kind: 'rekey', key: { PK: 'D#7', SK: 'DOC' }, newKey: { PK: 'D#7', SK: 'D#7' } })
  })
})

describe('sameValue', () => {
  it('compares sets without order, bytes by content, maps by keys', () => {
    expect(sameValue(new Set(['a', 'b']), new Set(['b', 'a']))).toBe(true)
    expect(sameValue(new Set([1]), new Set([2]))).toBe(false)
    expect(sameValue(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true)
    expect(sameValue({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true)
    expect(sameValue({ a: 1 }, { a: 1, b: undefined })).toBe(false)
    expect(sameValue([1], { 0: 1 })).toBe(false)
  })

  it('property: a value equals its structured clone and not a changed copy', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(sameValue(value, structuredClone(value))).toBe(true)
        expect(sameValue({ v: value }, { v: value, extra: 1 })).toBe(false)
      }),
    )
  })
})
