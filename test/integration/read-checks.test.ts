// Checks made before sending, and index keys the library writes itself, against DynamoDB Local:
// consistent() on a global index, select of unknown and nested fields, an index keyed on
// updatedAt, the version field in a key, and epochSeconds() keys with milliseconds.
import { describe, it, expect, beforeAll, expectTypeOf } from 'vitest'
import { z } from 'zod'
import { createTable, defineTable, DefinitionError, epochSeconds, KeyValueError, ValidationError } from '../../src/index.js'
import { uniqueTableName } from '../support/client.js'
import { countingClient } from '../support/counting.js'

const { sender: counting, sent } = countingClient()

const table = defineTable({
  name: uniqueTableName('checks'),
  partitionKey: 'PK',
  sortKey: 'SK',
  indexes: {
    GSI1: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    ByName: { partitionKey: 'PK', sortKey: 'name', type: 'local' },
  },
  client: counting,
})

const User = table.entity('User', {
  schema: z.object({ id: z.string(), name: z.string(), status: z.string(), address: z.object({ city: z.string(), street: z.string() }) }),
  key: { pk: 'USER#{id}', sk: 'PROFILE' },
  indexes: { GSI1: { pk: 'STATUS#{status}', sk: 'UPDATED#{updatedAt}#{id}' } },
  timestamps: true,
})

const Event = table.entity('Event', {
  schema: z.object({ source: z.string(), at: epochSeconds(), expires: epochSeconds() }),
  key: { pk: 'SOURCE#{source}', sk: 'AT#{at:10}' },
  ttl: 'expires',
})

beforeAll(async () => {
  await createTable(table)
  await User.put({ id: 'u1', name: 'Ann', status: 'active', address: { city: 'Oslo', street: 'Main' } })
})

/** Runs `attempt` and returns how many requests it sent. */
async function requestsOf(attempt: () => PromiseLike<unknown>): Promise<number> {
  const before = sent.length
  await attempt().then(
    () => undefined,
    () => undefined,
  )
  return sent.length - before
}

describe('consistent reads', () => {
  it('are refused on a global index before sending, allowed on the table and a local index', async () => {
    await expect(User.query.GSI1({ status: 'active' }).consistent()).rejects.toThrow(/GSI1 is a global secondary index/)
    await expect(User.scan({ index: 'GSI1' }).consistent()).rejects.toThrow(ValidationError)
    expect(await requestsOf(() => User.query.GSI1({ status: 'active' }).consistent())).toBe(0)
    expect((await User.query.primary({ id: 'u1' }).consistent()).items).toHaveLength(1)
    expect((await User.query.ByName({ id: 'u1' }).consistent()).items).toHaveLength(1)
  })
})

describe('select', () => {
  it('refuses an unknown field before sending', async () => {
    const unknown = ['nope'] as never[]
    await expect(User.get({ id: 'u1' }, { select: unknown })).rejects.toThrow(/"nope" is not a field of User/)
    await expect(User.query.primary({ id: 'u1' }).select(unknown)).rejects.toThrow(ValidationError)
    await expect(User.scan().select(['nope.x'] as never[])).rejects.toThrow(ValidationError)
    expect(await requestsOf(() => User.query.primary({ id: 'u1' }).select(unknown))).toBe(0)
  })

  it('returns the value of a nested path under the path, typed', async () => {
    const got = await User.get({ id: 'u1' }, { select: ['name', 'address.city'] })
    expect(got).toEqual({ name: 'Ann', 'address.city': 'Oslo' })
    expectTypeOf(got).toEqualTypeOf<{ name: string; 'address.city'?: string } | undefined>()
    expect((await User.query.primary({ id: 'u1' }).select(['address.city'])).items).toEqual([{ 'address.city': 'Oslo' }])
    expect((await User.scan().select(['address.street'])).items).toEqual([{ 'address.street': 'Main' }])
  })
})

describe('index keys made from fields the library writes', () => {
  it('an index key with updatedAt is rewritten by every update', async () => {
    const before = (await User.query.GSI1({ status: 'active' })).items[0]
    await new Promise((resolve) => setTimeout(resolve, 5))
    await User.update({ id: 'u1' }, { set: { name: 'Anna' } })
    const after = await User.query.GSI1({ status: 'active' }).beginsWith({ updatedAt: (await User.get({ id: 'u1' }))!.updatedAt })
    expect(after.items.map((u) => u.name)).toEqual(['Anna'])
    expect(after.items[0]?.updatedAt).not.toBe(before?.updatedAt)
  })

  it('updatedAt with a field an update need not give, or the version in any key, is refused at definition', () => {
    const t = defineTable({ name: 'checks-def', partitionKey: 'PK', sortKey: 'SK', indexes: { GSI1: { partitionKey: 'G1', sortKey: 'G2' } } })
    const schema = z.object({ id: z.string(), status: z.string() })
    expect(() => t.entity('A', { schema, key: { pk: 'A#{id}', sk: 'A' }, timestamps: true, indexes: { GSI1: { pk: 'X', sk: '{status}#{updatedAt}' } } })).toThrow(
      /uses "updatedAt" \(rewritten on every update\) with "status"/,
    )
    expect(() => t.entity('B', { schema, key: { pk: 'B#{id}', sk: '{updatedAt}' }, timestamps: true })).toThrow(DefinitionError)
    expect(() => t.entity('C', { schema, key: { pk: 'C#{id}', sk: 'C' }, version: 'v', indexes: { GSI1: { pk: 'X', sk: 'V#{v}' } } } as never)).toThrow(
      /version field "v"/,
    )
  })
})

describe('epochSeconds() in a key', () => {
  it('refuses a Date with milliseconds before sending; whole seconds work', async () => {
    const at = new Date('2024-05-01T10:00:00.250Z')
    expect(await requestsOf(() => Event.put({ source: 's', at, expires: at }))).toBe(0)
    await expect(Event.put({ source: 's', at, expires: at })).rejects.toThrow(KeyValueError)
    await expect(Event.get({ source: 's', at })).rejects.toThrow(/milliseconds/)
    // Not in a key (the TTL field), milliseconds are dropped as before.
    await Event.put({ source: 's', at: new Date('2024-05-01T10:00:00Z'), expires: at })
    await Event.put({ source: 's', at: new Date('2024-05-01T10:00:01Z'), expires: at })
    expect((await Event.query.primary({ source: 's' })).items).toHaveLength(2)
  })
})

describe('select of paths into lists', () => {
  const Order = table.entity('Order', {
    schema: z.object({
      id: z.string(),
      lines: z.array(z.object({ sku: z.string(), qty: z.number(), shipped: z.optional(epochSeconds()) })),
      meta: z.record(z.string(), z.number()).optional(),
    }),
    key: { pk: 'ORDER#{id}', sk: 'ORDER' },
  })
  const shipped = new Date('2024-05-01T10:00:00.000Z')

  it('returns each selected element where it was, though DynamoDB packs them; values decoded', async () => {
    await Order.put({ id: 'o1', lines: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 2, shipped }, { sku: 'c', qty: 3 }], meta: { n: 1 } })
    const got = await Order.get({ id: 'o1' }, { select: ['lines[2].sku', 'lines[1].qty', 'lines[1].shipped', 'lines[7].sku', 'meta.n'] })
    expect(got).toEqual({ 'lines[2].sku': 'c', 'lines[1].qty': 2, 'lines[1].shipped': shipped, 'meta.n': 1 })
    expectTypeOf(got).toEqualTypeOf<{ 'lines[2].sku'?: string; 'lines[1].qty'?: number; 'lines[1].shipped'?: Date | undefined; 'lines[7].sku'?: string; 'meta.n'?: number } | undefined>()
    // DynamoDB leaves out lines[0] (it has no `shipped`), so 'c' would come back first
    expect(await Order.get({ id: 'o1' }, { select: ['lines[0].shipped', 'lines[2].sku'] })).toEqual({ 'lines[2].sku': 'c' })
    expect(await Order.get({ id: 'o1' }, { select: ['lines[1].shipped'] })).toEqual({ 'lines[1].shipped': shipped })
    expect(await Order.get({ id: 'o1' }, { select: ['lines[0].shipped'] })).toEqual({})
  })

  it('refuses a path the schema does not have, before sending', async () => {
    const before = sent.length
    await expect(Order.get({ id: 'o1' }, { select: ['lines[0].nope'] as never[] })).rejects.toThrow(ValidationError)
    expect(sent.length).toBe(before)
  })
})
