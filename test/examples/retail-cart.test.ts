// The retail-cart example against DynamoDB Local: every access pattern, with exact answers.
import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { beforeAll, describe, expect, it } from 'vitest'
import { ConditionFailedError, TransactionCanceledError, ValidationError, dropTable, createTable, tableDefinition } from '../../src/index.js'
import { client } from '../../examples/lib/client.js'
import { CartItem, table, type CartLine } from '../../examples/retail-cart/model.js'
import * as p from '../../examples/retail-cart/patterns.js'
import { seed } from '../../examples/retail-cart/seed.js'

/** A line as `customer status#time sku count×price [order]`, to compare answers in order. */
const brief = (lines: CartLine[]) => lines.map((l) => `${l.CustomerID} ${l.Status}#${l.CreatedAt.toISOString()} ${l.ItemSKU} ${l.Count}×${l.Price}${l.OrderID ? ` ${l.OrderID}` : ''}`)
const at = (iso: string) => new Date(iso)

beforeAll(async () => {
  await dropTable(table)
  await createTable(table)
})

describe('retail-cart example', () => {
  it('defines CartTable as the reference model does', () => {
    expect(tableDefinition(table)).toEqual({
      TableName: process.env.CART_TABLE ?? 'CartTable',
      AttributeDefinitions: [
        { AttributeName: 'CustomerID', AttributeType: 'S' },
        { AttributeName: 'Status#Date', AttributeType: 'S' },
        { AttributeName: 'ItemSKU', AttributeType: 'S' },
        { AttributeName: 'OrderID', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'CustomerID', KeyType: 'HASH' },
        { AttributeName: 'Status#Date', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'GSI-SKU',
          KeySchema: [
            { AttributeName: 'ItemSKU', KeyType: 'HASH' },
            { AttributeName: 'Status#Date', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
        {
          // a multi-attribute sort key: several RANGE elements, in order
          IndexName: 'OrdersBySKU',
          KeySchema: [
            { AttributeName: 'ItemSKU', KeyType: 'HASH' },
            { AttributeName: 'OrderID', KeyType: 'RANGE' },
            { AttributeName: 'CustomerID', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    })
  })

  it('seeds the corrected lines, stored in the design’s shape', async () => {
    expect(await seed()).toBe(9)
    const { Item } = await client.send(new GetCommand({ TableName: table.name, Key: { CustomerID: 'Liz', 'Status#Date': 'PURCHASED#2019-11-26T22:46:26.000Z' } }))
    expect(Item).toEqual({ CustomerID: 'Liz', 'Status#Date': 'PURCHASED#2019-11-26T22:46:26.000Z', ItemSKU: 'd9bl3', Price: 34.99, Count: 1, Status: 'PURCHASED', OrderID: 'ORD-1126-LIZ' })
  })

  it("lists a customer's active, saved and purchased lines, newest first", async () => {
    expect(brief(await p.activeItems('Sue'))).toEqual(['Sue ACTIVE#2019-10-05T10:07:17.000Z b932s 1×67.99', 'Sue ACTIVE#2019-10-03T12:33:16.000Z ef9ca 1×4.99'])
    expect(brief(await p.savedItems('Sue'))).toEqual(['Sue SAVED#2019-10-07T08:24:22.000Z 72f49 1×12.49'])
    expect(brief(await p.purchasedItems('Sue'))).toEqual(['Sue PURCHASED#2019-09-14T16:02:51.000Z d9bl3 1×34.99 ORD-0914-SUE'])
    expect(brief(await p.activeItems('Liz'))).toEqual(['Liz ACTIVE#2019-11-27T09:15:00.000Z 72f49 2×12.49'])
    expect(await p.savedItems('Chad')).toEqual([])
    expect(await p.activeItems('Nobody')).toEqual([])
  })

  it('finds the customers with a SKU in a status through GSI-SKU, newest first', async () => {
    expect(brief(await p.customersWithSku('72f49', 'ACTIVE'))).toEqual([
      'Liz ACTIVE#2019-11-27T09:15:00.000Z 72f49 2×12.49',
      'Chad ACTIVE#2019-10-08T21:11:42.000Z 72f49 1×12.49',
      'Ana ACTIVE#2019-10-08T07:45:10.000Z 72f49 3×12.49',
    ])
    expect(brief(await p.customersWithSku('72f49', 'SAVED'))).toEqual(['Sue SAVED#2019-10-07T08:24:22.000Z 72f49 1×12.49'])
    expect(brief(await p.customersWithSku('d9bl3', 'PURCHASED'))).toEqual([
      'Liz PURCHASED#2019-11-26T22:46:26.000Z d9bl3 1×34.99 ORD-1126-LIZ',
      'Sue PURCHASED#2019-09-14T16:02:51.000Z d9bl3 1×34.99 ORD-0914-SUE',
    ])
  })

  it('finds the orders a product was bought in through the multi-attribute, sparse OrdersBySKU', async () => {
    expect(brief(await p.ordersWithSku('d9bl3'))).toEqual([
      'Sue PURCHASED#2019-09-14T16:02:51.000Z d9bl3 1×34.99 ORD-0914-SUE',
      'Liz PURCHASED#2019-11-26T22:46:26.000Z d9bl3 1×34.99 ORD-1126-LIZ',
    ])
    expect(brief(await p.ordersWithSkuFrom('d9bl3', 'ORD-1'))).toEqual(['Liz PURCHASED#2019-11-26T22:46:26.000Z d9bl3 1×34.99 ORD-1126-LIZ'])
    expect(await p.orderHasSku('d9bl3', 'ORD-1126-LIZ', 'Liz')).toBe(true)
    expect(await p.orderHasSku('d9bl3', 'ORD-1126-LIZ', 'Sue')).toBe(false)
    // lines that are not purchased carry no OrderID, so they are not in the index
    expect(await p.ordersWithSku('72f49')).toEqual([])
  })

  it('narrows that to one day with between', async () => {
    expect(brief(await p.customersWithSkuOn('72f49', 'ACTIVE', '2019-10-08'))).toEqual([
      'Chad ACTIVE#2019-10-08T21:11:42.000Z 72f49 1×12.49',
      'Ana ACTIVE#2019-10-08T07:45:10.000Z 72f49 3×12.49',
    ])
    expect(await p.customersWithSkuOn('72f49', 'ACTIVE', '2019-10-09')).toEqual([])
    expect(await p.customersWithSkuOn('72f49', 'SAVED', '2019-10-08')).toEqual([])
  })

  it('adds and updates a cart line', async () => {
    const added = await p.addToCart({ CustomerID: 'Sue', ItemSKU: 'a77e1', Price: 19.5, Count: 1, at: at('2019-10-09T08:00:00Z') })
    expect(added).toEqual({ CustomerID: 'Sue', Status: 'ACTIVE', CreatedAt: at('2019-10-09T08:00:00Z'), ItemSKU: 'a77e1', Price: 19.5, Count: 1 })
    expect(await p.updateCartLine(added, { Count: 2 })).toEqual({ ...added, Count: 2 })
    expect(brief(await p.activeItems('Sue'))).toEqual([
      'Sue ACTIVE#2019-10-09T08:00:00.000Z a77e1 2×19.5',
      'Sue ACTIVE#2019-10-05T10:07:17.000Z b932s 1×67.99',
      'Sue ACTIVE#2019-10-03T12:33:16.000Z ef9ca 1×4.99',
    ])
    expect(await Promise.resolve(p.updateCartLine({ CustomerID: 'Sue', Status: 'ACTIVE', CreatedAt: at('2019-01-01T00:00:00Z') }, { Count: 5 })).catch((e: unknown) => e)).toBeInstanceOf(ConditionFailedError)
    expect(() => CartItem.put({ ...added, Status: 'PURCHASED' }).params()).toThrow(ValidationError) // a purchase needs its order
  })

  it('moves a line from active to saved (delete + create in one transaction), and back', async () => {
    expect(await p.saveForLater('Sue', at('2019-10-05T10:07:17Z'), at('2019-10-09T08:05:00Z'))).toEqual({
      CustomerID: 'Sue',
      Status: 'SAVED',
      CreatedAt: at('2019-10-09T08:05:00Z'),
      ItemSKU: 'b932s',
      Price: 67.99,
      Count: 1,
    })
    expect(brief(await p.activeItems('Sue'))).toEqual(['Sue ACTIVE#2019-10-09T08:00:00.000Z a77e1 2×19.5', 'Sue ACTIVE#2019-10-03T12:33:16.000Z ef9ca 1×4.99'])
    expect(brief(await p.savedItems('Sue'))).toEqual(['Sue SAVED#2019-10-09T08:05:00.000Z b932s 1×67.99', 'Sue SAVED#2019-10-07T08:24:22.000Z 72f49 1×12.49'])
    expect(await p.saveForLater('Sue', at('2019-10-05T10:07:17Z'))).toBeUndefined() // already moved

    expect(brief([(await p.moveToCart('Ana', at('2019-10-02T18:30:00Z'), at('2019-10-09T09:00:00Z'))) as CartLine])).toEqual(['Ana ACTIVE#2019-10-09T09:00:00.000Z ef9ca 2×4.99'])
    expect(await p.savedItems('Ana')).toEqual([])
    expect(brief(await p.customersWithSku('ef9ca', 'ACTIVE'))).toEqual(['Ana ACTIVE#2019-10-09T09:00:00.000Z ef9ca 2×4.99', 'Sue ACTIVE#2019-10-03T12:33:16.000Z ef9ca 1×4.99'])
  })

  it('checks out every active line into one order, in one transaction', async () => {
    const order = await p.checkout('Sue', 'ORD-1009-SUE', { at: at('2019-10-09T08:10:00Z') })
    expect(brief(order)).toEqual(['Sue PURCHASED#2019-10-09T08:10:00.001Z a77e1 2×19.5 ORD-1009-SUE', 'Sue PURCHASED#2019-10-09T08:10:00.000Z ef9ca 1×4.99 ORD-1009-SUE'])
    expect(await p.activeItems('Sue')).toEqual([])
    expect(brief(await p.purchasedItems('Sue'))).toEqual([
      'Sue PURCHASED#2019-10-09T08:10:00.001Z a77e1 2×19.5 ORD-1009-SUE',
      'Sue PURCHASED#2019-10-09T08:10:00.000Z ef9ca 1×4.99 ORD-1009-SUE',
      'Sue PURCHASED#2019-09-14T16:02:51.000Z d9bl3 1×34.99 ORD-0914-SUE',
    ])
    expect(brief(await p.savedItems('Sue'))).toEqual(['Sue SAVED#2019-10-09T08:05:00.000Z b932s 1×67.99', 'Sue SAVED#2019-10-07T08:24:22.000Z 72f49 1×12.49']) // saved lines stay
    expect(await p.checkout('Sue', 'ORD-EMPTY')).toEqual([])
  })

  it('cancels a checkout when the cart changed after the customer confirmed it', async () => {
    const line = await p.addToCart({ CustomerID: 'Chad', ItemSKU: 'ef9ca', Price: 4.99, Count: 1, at: at('2019-10-10T10:00:00Z') })
    const confirmed = await p.activeItems('Chad')
    await p.updateCartLine(line, { Count: 3 }) // changed in another tab
    const error = await p.checkout('Chad', 'ORD-1010-CHAD', { lines: confirmed, at: at('2019-10-10T10:05:00Z') }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TransactionCanceledError)
    expect((error as TransactionCanceledError).failed.map((r) => [r.index, r.entity, r.operation, r.code])).toEqual([[0, 'CartItem', 'delete', 'ConditionalCheckFailed']])
    expect(brief(await p.activeItems('Chad'))).toEqual(['Chad ACTIVE#2019-10-10T10:00:00.000Z ef9ca 3×4.99', 'Chad ACTIVE#2019-10-08T21:11:42.000Z 72f49 1×12.49'])
    expect(await p.purchasedItems('Chad')).toEqual([])
    expect(brief(await p.checkout('Chad', 'ORD-1010-CHAD', { at: at('2019-10-10T10:06:00Z') }))).toEqual([
      'Chad PURCHASED#2019-10-10T10:06:00.001Z ef9ca 3×4.99 ORD-1010-CHAD',
      'Chad PURCHASED#2019-10-10T10:06:00.000Z 72f49 1×12.49 ORD-1010-CHAD',
    ])
  })
})
