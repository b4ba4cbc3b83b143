// Operators against DynamoDB Local: comparisons of two attributes, size() of nested paths, in a
// condition and in a filter; and the JSON injection the branded operators exist to stop.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { z } from 'zod'
import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { ConditionFailedError, ValidationError, attr, between, createTable, dropTable, defineTable, eq, gt, gte, lt, ne, oneOf, size } from '../../src/index.js'
import { localClient, uniqueTableName } from '../support/client.js'
import { countingClient } from '../support/counting.js'

const real = localClient()
const { sender, sent } = countingClient()
const table = defineTable({ name: uniqueTableName('ops'), partitionKey: 'PK', sortKey: 'SK', client: sender })

const Stock = table.entity('Stock', {
  schema: z.object({
    shop: z.string(),
    sku: z.string(),
    stock: z.number(),
    reserved: z.number(),
    limit: z.number().optional(),
    address: z.object({ lines: z.array(z.string()), zip: z.string() }),
  }),
  key: { pk: 'SHOP#{shop}', sk: 'SKU#{sku}' },
})

const Member = table.entity('Member', {
  schema: z.object({ id: z.string(), role: z.string(), name: z.string() }),
  key: { pk: 'MEMBER#{id}', sk: 'MEMBER' },
})

const items = [
  { shop: 's1', sku: 'a', stock: 5, reserved: 3, limit: 4, address: { lines: ['1 Main St', 'Floor 2', 'Oslo'], zip: '0150' } },
  { shop: 's1', sku: 'b', stock: 2, reserved: 2, limit: 9, address: { lines: ['2 Side St'], zip: '0151' } },
  { shop: 's1', sku: 'c', stock: 1, reserved: 4, address: { lines: ['3 Back St', 'Bergen'], zip: '5003' } },
]

beforeAll(async () => {
  await createTable(table)
  for (const item of items) await Stock.put(item)
  await Member.put({ id: 'bob', role: 'admin', name: 'Bob' })
})

afterAll(async () => {
  await dropTable(table)
})

const skus = async (filter: Parameters<ReturnType<typeof Stock.query.primary>['where']>[0]) =>
  (await Stock.query.primary({ shop: 's1' }).where(filter).all()).items.map((i) => i.sku).sort()

describe('comparisons of two attributes', () => {
  it('filter: stock >= reserved, stock > reserved, stock = reserved', async () => {
    expect(await skus({ stock: gte(attr('reserved')) })).toEqual(['a', 'b'])
    expect(await skus({ stock: gt(attr('reserved')) })).toEqual(['a'])
    expect(await skus({ stock: eq(attr('reserved')) })).toEqual(['b'])
    expect(await skus({ stock: attr('reserved') })).toEqual(['b'])
    expect(await skus({ reserved: ne(attr('stock')) })).toEqual(['a', 'c'])
  })

  it('filter: between an attribute and a value, oneOf with an attribute', async () => {
    expect(await skus({ reserved: between(attr('stock'), 10) })).toEqual(['b', 'c'])
    expect(await skus({ stock: between(0, attr('limit')) })).toEqual(['b'])
    expect(await skus({ stock: oneOf([attr('reserved'), 1]) })).toEqual(['b', 'c'])
  })

  it('condition: an update holds only while stock >= reserved', async () => {
    await Stock.update({ shop: 's1', sku: 'a' }, { add: { reserved: 1 } }, { condition: { stock: gte(attr('reserved')) } })
    expect((await Stock.get({ shop: 's1', sku: 'a' }))?.reserved).toBe(4)
    const error = await Stock.update({ shop: 's1', sku: 'c' }, { add: { reserved: 1 } }, { condition: { stock: gte(attr('reserved')) } }).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(ConditionFailedError)
    expect((await Stock.get({ shop: 's1', sku: 'c' }))?.reserved).toBe(4)
  })

  it('an attribute the entity does not have is refused before anything is sent', async () => {
    const before = sent.length
    await expect(Stock.query.primary({ shop: 's1' }).where({ stock: gte(attr('reservd')) })).rejects.toThrow(/attr\('reservd'\), which is not an attribute of Stock/)
    await expect(Stock.delete({ shop: 's1', sku: 'a' }, { condition: { stock: gt(attr('address.street')) } })).rejects.toThrow(ValidationError)
    expect(sent.length).toBe(before)
  })
})

describe('size() of nested paths', () => {
  it('filter: the number of address lines', async () => {
    expect(await skus({ 'address.lines': size(gt(2)) })).toEqual(['a'])
    expect(await skus({ 'address.lines': size(between(1, 2)) })).toEqual(['b', 'c'])
    expect(await skus({ 'address.zip': size(eq(4)) })).toEqual(['a', 'b', 'c'])
  })

  it('size compared with another attribute', async () => {
    expect(await skus({ 'address.lines': size(lt(attr('stock'))) })).toEqual(['a', 'b'])
    expect(await skus({ 'address.lines': size(gte(attr('stock'))) })).toEqual(['c'])
  })

  it('condition: holds while the nested list has more than two lines', async () => {
    await Stock.update({ shop: 's1', sku: 'a' }, { set: { stock: 6 } }, { condition: { 'address.lines': size(gt(2)) } })
    await expect(Stock.update({ shop: 's1', sku: 'a' }, { set: { stock: 7 } }, { condition: { 'address.lines': size(gt(3)) } })).rejects.toThrow(ConditionFailedError)
    expect((await Stock.get({ shop: 's1', sku: 'a' }))?.stock).toBe(6)
  })
})

describe('an operator written in JSON is a value, never an operator', () => {
  it("condition: { role: JSON.parse('{\"ne\":\"x\"}') } on admin bob is refused, and nothing is sent", async () => {
    const role = JSON.parse('{"ne":"x"}') as string
    const before = sent.length
    const error = await Member.update({ id: 'bob' }, { set: { name: 'Mallory' } }, { condition: { role } }).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).message).toMatch(/Member/)
    expect((error as ValidationError).message).toMatch(/role/)
    expect((error as ValidationError).message).toMatch(/operators are functions/)
    expect(sent.length - before).toBe(0)
    const stored = await real.send(new GetCommand({ TableName: table.name, Key: Member.key({ id: 'bob' }) }))
    expect(stored.Item?.name).toBe('Bob')
  })

  it('the same JSON in a filter is refused, and a JSON string operand is just a string', async () => {
    const before = sent.length
    await expect(Member.query.primary({ id: 'bob' }).where({ role: JSON.parse('{"ne":"x"}') as string })).rejects.toThrow(ValidationError)
    expect(sent.length - before).toBe(0)
    expect((await Member.query.primary({ id: 'bob' }).where({ role: ne(JSON.parse('"x"') as string) })).items).toHaveLength(1)
    await expect(Member.update({ id: 'bob' }, { set: { name: 'Mallory' } }, { condition: { role: JSON.parse('"user"') as string } })).rejects.toThrow(ConditionFailedError)
  })
})
