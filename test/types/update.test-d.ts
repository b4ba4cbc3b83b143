import { describe, it, expectTypeOf } from 'vitest'
import { z } from 'zod'
import { defineTable, lt } from '../../src/index.js'

const table = defineTable({ name: 'types-update', partitionKey: 'PK', sortKey: 'SK' })

const Game = table.entity('Game', {
  schema: z.object({
    game_id: z.string(),
    map: z.string(),
    people: z.number(),
    open_timestamp: z.string().optional(),
    tags: z.array(z.string()),
    labels: z.set(z.string()).optional(),
  }),
  key: { pk: 'GAME#{game_id}', sk: '#METADATA#{game_id}' },
  version: 'version',
})

const Counter = table.entity('Counter', {
  schema: z.object({ n: z.number().int(), hits: z.number() }),
  key: { pk: 'COUNTER#{n:6}', sk: 'COUNTER' },
})

describe('update shapes', () => {
  it('accepts each clause on fields of the right kind', () => {
    Game.update({ game_id: 'g' }, { set: { map: 'x' }, remove: ['open_timestamp'], add: { people: 1 } })
    Game.update({ game_id: 'g' }, { subtract: { people: 1 }, append: { tags: ['a'] }, delete: { labels: new Set(['a']) } })
    Game.update({ game_id: 'g' }, { set: { 'tags[0]': 'first' } })
  })

  it('refuses what cannot be right', () => {
    // @ts-expect-error map is a string
    Game.update({ game_id: 'g' }, { set: { map: 1 } })
    // @ts-expect-error people is required, so it cannot be removed
    Game.update({ game_id: 'g' }, { remove: ['people'] })
    // @ts-expect-error game_id is the key; use move()
    Game.update({ game_id: 'g' }, { set: { game_id: 'h' } })
    // @ts-expect-error add takes numbers or sets
    Game.update({ game_id: 'g' }, { add: { map: 'x' } })
    // @ts-expect-error append takes list fields
    Game.update({ game_id: 'g' }, { append: { people: [1] } })
    // @ts-expect-error conditions are typed against the item
    Game.update({ game_id: 'g' }, { add: { people: 1 } }, { condition: { people: lt('50') } })
    // @ts-expect-error subtract takes number fields
    Game.update({ game_id: 'g' }, { subtract: { tags: 1 } })
    // @ts-expect-error delete takes set fields
    Game.update({ game_id: 'g' }, { delete: { tags: ['a'] } })
    // @ts-expect-error prepend takes list fields
    Game.update({ game_id: 'g' }, { prepend: { labels: new Set(['a']) } })
    // @ts-expect-error a set field is added to with a set
    Game.update({ game_id: 'g' }, { add: { labels: 1 } })
    // @ts-expect-error no such field
    Game.update({ game_id: 'g' }, { add: { nope: 1 } })
    // @ts-expect-error a numeric key field cannot be added to either
    Counter.update({ n: 1 }, { add: { n: 1 } })
    // @ts-expect-error nor set if absent
    Counter.update({ n: 1 }, { setIfNotExists: { n: 2 } })
    Counter.update({ n: 1 }, { add: { hits: 1 }, setIfNotExists: { hits: 0 } })
  })

  it('expectedVersion only on an entity with a version field', () => {
    Game.update({ game_id: 'g' }, { add: { people: 1 } }, { expectedVersion: 3 })
    Game.delete({ game_id: 'g' }, { expectedVersion: 3 })
    // @ts-expect-error Counter has no version field
    Counter.update({ n: 1 }, { add: { hits: 1 } }, { expectedVersion: 3 })
    // @ts-expect-error nor on delete
    Counter.delete({ n: 1 }, { expectedVersion: 3 })
    Counter.delete({ n: 1 }, { returnValues: 'ALL_OLD' })
  })

  it('returnValues decides the result type', async () => {
    expectTypeOf(await Game.update({ game_id: 'g' }, { add: { people: 1 } })).toEqualTypeOf<void>()
    const after = await Game.update({ game_id: 'g' }, { add: { people: 1 } }, { returnValues: 'ALL_NEW' })
    expectTypeOf(after.people).toEqualTypeOf<number>()
    expectTypeOf(after.version).toEqualTypeOf<number>()
    const changed = await Game.update({ game_id: 'g' }, { add: { people: 1 } }, { returnValues: 'UPDATED_NEW' })
    expectTypeOf(changed.people).toEqualTypeOf<number | undefined>()
  })

  it('the version is optional on put and typed on reads', async () => {
    Game.put({ game_id: 'g', map: 'm', people: 1, tags: [] })
    Game.put({ game_id: 'g', map: 'm', people: 1, tags: [], version: 3 })
    const game = await Game.get({ game_id: 'g' })
    expectTypeOf(game?.version).toEqualTypeOf<number | undefined>()
  })
})

const tableWithGsi = defineTable({
  name: 'types-update-gsi',
  partitionKey: 'PK',
  sortKey: 'SK',
  indexes: { GSI1: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK' } },
})
const Order = tableWithGsi.entity('Order', {
  schema: z.object({
    customerId: z.string(),
    orderId: z.string(),
    status: z.enum(['PENDING', 'SHIPPED']),
    createdAt: z.string(),
    total: z.number(),
  }),
  key: { pk: 'CUSTOMER#{customerId}', sk: 'ORDER#{orderId}' },
  indexes: { GSI1: { pk: 'CUSTOMER#{customerId}', sk: '{status}#{createdAt}' } },
})

describe('index keys never go stale, at the type level', () => {
  it('refuses setting part of an index key template', () => {
    // @ts-expect-error status feeds GSI1's sort key '{status}#{createdAt}': createdAt must be set too
    Order.update({ customerId: 'c', orderId: 'o' }, { set: { status: 'SHIPPED' } })
    Order.update({ customerId: 'c', orderId: 'o' }, { set: { status: 'SHIPPED', createdAt: '2024-01-01' } })
    Order.update({ customerId: 'c', orderId: 'o' }, { set: { total: 5 } })
    // customerId comes from the key, so the partition template never needs it in set
    Order.update({ customerId: 'c', orderId: 'o' }, { set: { status: 'PENDING', createdAt: 'x', total: 1 } }, { returnValues: 'ALL_NEW' })
  })

  it('a two-field partition template counts too; a one-field template or one of key fields does not', () => {
    const Visit = tableWithGsi.entity('Visit', {
      schema: z.object({ id: z.string(), region: z.string(), city: z.string(), at: z.string(), note: z.string() }),
      key: { pk: 'VISIT#{id}', sk: 'VISIT' },
      indexes: { GSI1: { pk: 'PLACE#{region}#{city}', sk: 'AT#{at}' } },
    })
    // @ts-expect-error region feeds GSI1's partition key 'PLACE#{region}#{city}': city must be set too
    Visit.update({ id: 'v' }, { set: { region: 'eu' } })
    Visit.update({ id: 'v' }, { set: { region: 'eu', city: 'Oslo' } })
    Visit.update({ id: 'v' }, { set: { at: 'x', note: 'n' } })
    const Stay = tableWithGsi.entity('Stay', {
      schema: z.object({ id: z.string(), guest: z.string(), at: z.string() }),
      key: { pk: 'STAY#{id}', sk: 'STAY' },
      indexes: { GSI1: { pk: 'GUEST#{guest}', sk: 'AT#{at}' } },
    })
    expectTypeOf<typeof Stay.types.setConstraint>().toEqualTypeOf<object>()
  })
})

const Shipment = table.entity('Shipment', {
  schema: z.object({
    id: z.string(),
    address: z.object({ city: z.string(), zip: z.string().optional(), geo: z.object({ lat: z.number() }) }),
    lines: z.array(z.object({ sku: z.string(), qty: z.number(), notes: z.array(z.string()).optional(), at: z.date().optional() })),
    counts: z.record(z.string(), z.number()).optional(),
    tags: z.set(z.string()).optional(),
    deep: z.object({ a: z.object({ b: z.object({ c: z.object({ d: z.string() }) }) }) }).optional(),
  }),
  key: { pk: 'SHIPMENT#{id}', sk: 'SHIPMENT' },
})

describe('nested paths in update clauses', () => {
  it('accepts a path into a map, a list element and a record entry, typed as the value there', () => {
    Shipment.update({ id: 'o' }, { set: { 'address.city': 'Oslo', 'lines[0].qty': 2, 'address.geo.lat': 1.5, 'lines[3].at': new Date() } })
    Shipment.update({ id: 'o' }, { setIfNotExists: { 'address.zip': '0150' } })
    Shipment.update({ id: 'o' }, { add: { 'lines[0].qty': 1, 'counts.views': 1 }, subtract: { 'address.geo.lat': 1 } })
    Shipment.update({ id: 'o' }, { append: { 'lines[0].notes': ['fragile'] }, prepend: { 'lines[1].notes': ['first'] } })
    Shipment.update({ id: 'o' }, { remove: ['address.zip', 'lines[2]', 'counts.views', 'lines[0].notes'] })
    Shipment.update({ id: 'o' }, { set: { 'deep.a.b.c': { d: 'x' } } })
  })

  it('refuses a wrong value, a path that does not exist, or one the clause cannot take', () => {
    // @ts-expect-error city is a string
    Shipment.update({ id: 'o' }, { set: { 'address.city': 5 } })
    // @ts-expect-error qty is a number
    Shipment.update({ id: 'o' }, { set: { 'lines[0].qty': 'two' } })
    // @ts-expect-error address has no street
    Shipment.update({ id: 'o' }, { set: { 'address.street': 'Main' } })
    // @ts-expect-error a list index is a number
    Shipment.update({ id: 'o' }, { set: { 'lines[x].qty': 1 } })
    // @ts-expect-error sku is a string, not a counter
    Shipment.update({ id: 'o' }, { add: { 'lines[0].sku': 1 } })
    // @ts-expect-error city is required inside address, so it cannot be removed
    Shipment.update({ id: 'o' }, { remove: ['address.city'] })
    // @ts-expect-error no such nested path to remove
    Shipment.update({ id: 'o' }, { remove: ['address.nope'] })
    // @ts-expect-error append takes lists
    Shipment.update({ id: 'o' }, { append: { 'lines[0].qty': [1] } })
    // @ts-expect-error subtract takes numbers
    Shipment.update({ id: 'o' }, { subtract: { 'address.city': 1 } })
    // @ts-expect-error paths stop three levels below a field
    Shipment.update({ id: 'o' }, { set: { 'deep.a.b.c.d': 'x' } })
  })

  it('upsert takes top-level fields only in its clauses', () => {
    Shipment.upsert({ id: 'o', address: { city: 'Oslo', geo: { lat: 1 } }, lines: [] }, { add: { tags: new Set(['a']) } })
    // @ts-expect-error a nested path needs its map to exist, which an upsert cannot promise
    Shipment.upsert({ id: 'o', address: { city: 'Oslo', geo: { lat: 1 } }, lines: [] }, { add: { 'counts.views': 1 } })
    // @ts-expect-error required fields must be given: the item may be created
    Shipment.upsert({ id: 'o' })
  })

  it('select of nested paths returns their values, typed', async () => {
    const got = await Shipment.get({ id: 'o' }, { select: ['id', 'address.city', 'lines[0].qty', 'counts.views'] })
    expectTypeOf(got).toEqualTypeOf<{ id: string; 'address.city'?: string; 'lines[0].qty'?: number; 'counts.views'?: number } | undefined>()
    // @ts-expect-error no such path
    Shipment.get({ id: 'o' }, { select: ['address.street'] })
  })
})
