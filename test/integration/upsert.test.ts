import { describe, it, expect, beforeAll, expectTypeOf } from 'vitest'
import { z } from 'zod'
import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { defineTable, createTable, transactWrite, ConditionFailedError, IncompleteKeyError, TransactionCanceledError, UniqueConstraintError, ValidationError, lt, notExists } from '../../src/index.js'
import { localClient, uniqueTableName } from '../support/client.js'
import { countingClient } from '../support/counting.js'
import { failure } from '../support/failure.js'

const client = localClient()
const table = defineTable({
  name: uniqueTableName('upsert'),
  partitionKey: 'PK',
  sortKey: 'SK',
  indexes: { GSI1: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK' } },
  client,
})

// The summary row of a hotel: how many rooms are booked, kept by upsert as reservations come in.
const Hotel = table.entity('Hotel', {
  schema: z.object({
    hotelId: z.string(),
    name: z.string(),
    city: z.string().optional(),
    booked: z.number().int().nonnegative().default(0),
    guests: z.array(z.string()).default([]),
    tier: z.enum(['basic', 'premium']).default('basic'),
  }),
  key: { pk: 'HOTEL#{hotelId}', sk: 'SUMMARY' },
  indexes: { GSI1: { pk: 'HOTELS', sk: 'HOTEL#{hotelId}' } },
  timestamps: true,
  version: 'version',
})

const Reservation = table.entity('Reservation', {
  schema: z.object({ hotelId: z.string(), reservationId: z.string(), guest: z.string() }),
  key: { pk: 'HOTEL#{hotelId}', sk: 'RES#{reservationId}' },
})

const Guest = table.entity('Guest', {
  schema: z.object({ guest: z.string(), status: z.enum(['ACTIVE', 'BANNED']) }),
  key: { pk: 'GUEST#{guest}', sk: 'GUEST' },
})

const Member = table.entity('Member', {
  schema: z.object({ id: z.string(), email: z.string(), city: z.string().optional(), joined: z.string().optional() }),
  key: { pk: 'MEMBER#{id}', sk: 'MEMBER' },
  indexes: { GSI1: { pk: 'CITY#{city}', sk: 'JOINED#{joined}' } },
  unique: ['email'],
})

async function raw(key: Record<string, unknown>) {
  return (await client.send(new GetCommand({ TableName: table.name, Key: key }))).Item
}

beforeAll(async () => {
  await createTable(table)
})

describe('upsert', () => {
  it('creates a missing item with its keys, index keys, defaults, timestamps and version 1', async () => {
    await Hotel.upsert({ hotelId: 'h1', name: 'Grand' })
    const stored = await raw({ PK: 'HOTEL#h1', SK: 'SUMMARY' })
    expect(stored).toMatchObject({ PK: 'HOTEL#h1', SK: 'SUMMARY', GSI1PK: 'HOTELS', GSI1SK: 'HOTEL#h1', _type: 'Hotel', hotelId: 'h1', name: 'Grand', booked: 0, guests: [], tier: 'basic', version: 1 })
    expect(stored?.createdAt).toBe(stored?.updatedAt)
    const hotel = await Hotel.get({ hotelId: 'h1' })
    expect(hotel).toMatchObject({ hotelId: 'h1', name: 'Grand', booked: 0, version: 1 })
  })

  it('updates an existing item: only the given fields change, createdAt stays, the version goes to 2', async () => {
    await Hotel.upsert({ hotelId: 'h2', name: 'Plaza', city: 'Oslo', tier: 'premium' }, { add: { booked: 3 } })
    const first = await raw({ PK: 'HOTEL#h2', SK: 'SUMMARY' })
    await new Promise((resolve) => setTimeout(resolve, 5))
    const after = await Hotel.upsert({ hotelId: 'h2', name: 'Plaza Hotel' }, { returnValues: 'ALL_NEW' })
    expectTypeOf(after).toEqualTypeOf<typeof Hotel.types.item>()
    expect(after).toMatchObject({ name: 'Plaza Hotel', city: 'Oslo', tier: 'premium', booked: 3, version: 2, createdAt: first?.createdAt })
    expect(after.updatedAt > (first?.updatedAt as string)).toBe(true)
  })

  it('counts from nothing: add on a missing item starts at the amount, then adds', async () => {
    await Hotel.upsert({ hotelId: 'h3', name: 'Inn' }, { add: { booked: 1 }, append: { guests: ['ann'] } })
    await Hotel.upsert({ hotelId: 'h3', name: 'Inn' }, { add: { booked: 1 }, append: { guests: ['bob'] } })
    expect(await Hotel.get({ hotelId: 'h3' })).toMatchObject({ booked: 2, guests: ['ann', 'bob'], version: 2 })
  })

  it('returnValues: ALL_OLD is undefined for a created item and the old item after', async () => {
    const none = await Hotel.upsert({ hotelId: 'h4', name: 'Lodge' }, { returnValues: 'ALL_OLD' })
    expect(none).toBeUndefined()
    const old = await Hotel.upsert({ hotelId: 'h4', name: 'Lodge 2' }, { returnValues: 'ALL_OLD' })
    expect(old?.name).toBe('Lodge')
    const changed = await Hotel.upsert({ hotelId: 'h4', name: 'Lodge 3' }, { returnValues: 'UPDATED_NEW' })
    expect(changed).toMatchObject({ name: 'Lodge 3', version: 3 })
  })

  it('a failed condition is a ConditionFailedError with the stored item', async () => {
    await Hotel.upsert({ hotelId: 'h5', name: 'Full' }, { add: { booked: 10 } })
    const error = await failure(Hotel.upsert({ hotelId: 'h5', name: 'Full' }, { add: { booked: 1 }, condition: { booked: lt(10) } }))
    expect(error).toBeInstanceOf(ConditionFailedError)
    expect((error as ConditionFailedError).operation).toBe('upsert')
    expect((error as ConditionFailedError).item).toMatchObject({ hotelId: 'h5', booked: 10 })
  })

  it('is lazy and shows its UpdateItem input', () => {
    const params = Hotel.upsert({ hotelId: 'h6', name: 'Lazy' }, { add: { booked: 1 } }).params()
    expect(params.UpdateExpression).toContain('if_not_exists')
    expect(params.UpdateExpression).toMatch(/ADD .*#n\d+ :v\d+/)
    expect(params.ConditionExpression).toBeUndefined()
    expect(params.Key).toEqual({ PK: 'HOTEL#h6', SK: 'SUMMARY' })
  })

  it('refuses a bad item before sending: a missing required field, a wrong value, an unknown field, a field given twice, a nested path', async () => {
    const { sender, sent } = countingClient()
    const H = Hotel.withClient(sender)
    const cases: [() => PromiseLike<unknown>, string][] = [
      [() => H.upsert({ hotelId: 'h7' } as never), 'name'],
      [() => H.upsert({ hotelId: 'h7', name: 5 } as never), 'name'],
      [() => H.upsert({ hotelId: 'h7', name: 'x', stars: 5 } as never), 'stars'],
      [() => H.upsert({ hotelId: 'h7', name: 'x', booked: 1 }, { add: { booked: 1 } }), 'booked'],
      [() => H.upsert({ hotelId: 'h7', name: 'x' }, { add: { booked: -1 } }), 'booked'],
      [() => H.upsert({ hotelId: 'h7', name: 'x' }, { add: { 'rooms.deluxe': 1 } } as never), 'rooms.deluxe'],
      [() => H.upsert({ hotelId: 'h7', name: 'x' }, { add: { name: 1 } } as never), 'name'],
    ]
    for (const [run, field] of cases) {
      const error = await failure(run())
      expect(error).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).message).toContain('Hotel')
      expect((error as ValidationError).message).toContain(field)
    }
    expect(sent).toEqual([])
  })

  it('an index template needs all its fields, as for update', async () => {
    const { sender, sent } = countingClient()
    const error = await failure(Member.withClient(sender).upsert({ id: 'm0', email: 'm0@example.com', city: 'Oslo' }))
    expect(error).toBeInstanceOf(IncompleteKeyError)
    expect(sent).toEqual([])
    await Member.upsert({ id: 'm0', email: 'm0@example.com', city: 'Oslo', joined: '2024' })
    expect(await raw({ PK: 'MEMBER#m0', SK: 'MEMBER' })).toMatchObject({ GSI1PK: 'CITY#Oslo', GSI1SK: 'JOINED#2024' })
  })
})

describe('upsert and unique values', () => {
  async function marker(value: string) {
    return raw({ PK: `_unique#Member#email#${value}`, SK: '_unique' })
  }

  it('claims the value when it creates the item, and moves it when it changes', async () => {
    await Member.upsert({ id: 'm1', email: 'one@example.com' })
    expect(await marker('one@example.com')).toBeDefined()
    await Member.upsert({ id: 'm1', email: 'two@example.com' })
    expect(await marker('one@example.com')).toBeUndefined()
    expect(await marker('two@example.com')).toBeDefined()
    expect(await Member.get({ id: 'm1' })).toMatchObject({ email: 'two@example.com' })
  })

  it('a value another item holds is a UniqueConstraintError, and nothing changes', async () => {
    await Member.upsert({ id: 'm2', email: 'taken@example.com' })
    const error = await failure(Member.upsert({ id: 'm3', email: 'taken@example.com' }))
    expect(error).toBeInstanceOf(UniqueConstraintError)
    expect(await Member.get({ id: 'm3' })).toBeUndefined()
  })
})

describe('a summary row kept by upsert in a transaction', () => {
  const reserve = (hotelId: string, reservationId: string, guest: string) =>
    transactWrite([
      Guest.check({ guest }, { status: 'ACTIVE' }),
      Reservation.create({ hotelId, reservationId, guest }),
      // A missing summary row is created (booked = 1); a full hotel fails this condition.
      Hotel.upsert({ hotelId, name: 'Harbour' }, { add: { booked: 1 }, condition: { $or: [{ booked: notExists() }, { booked: lt(2) }] } }),
    ])

  it('creates the missing row, counts, and refuses a full hotel with a reason that says so', async () => {
    await Guest.put({ guest: 'ann', status: 'ACTIVE' })
    await Guest.put({ guest: 'eve', status: 'BANNED' })
    await reserve('t1', 'r1', 'ann') // no summary row yet: created, not "full"
    expect(await Hotel.get({ hotelId: 't1' })).toMatchObject({ booked: 1, version: 1, name: 'Harbour' })
    await reserve('t1', 'r2', 'ann')
    const full = await failure(reserve('t1', 'r3', 'ann'))
    expect(full).toBeInstanceOf(TransactionCanceledError)
    const reasons = (full as TransactionCanceledError).failed
    expect(reasons.map((r) => [r.index, r.operation, r.code])).toEqual([[2, 'upsert', 'ConditionalCheckFailed']])
    expect(reasons[0]?.item).toMatchObject({ booked: 2 })
    const banned = await failure(reserve('t2', 'r4', 'eve'))
    expect((banned as TransactionCanceledError).failed.map((r) => r.index)).toEqual([0])
    expect(await Hotel.get({ hotelId: 't2' })).toBeUndefined()
    expect(await Hotel.get({ hotelId: 't1' })).toMatchObject({ booked: 2, version: 2 })
    expect(await Reservation.get({ hotelId: 't1', reservationId: 'r3' })).toBeUndefined()
  })
})
