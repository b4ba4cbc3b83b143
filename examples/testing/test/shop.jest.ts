// The same kit under jest: a fresh table for this file, typed fixtures, a reset before each test,
// and a recording client. (vitest users: see shop.test.ts.)
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { faultyClient, recordingClient, testTable } from 'sortkey/testing'
import { shop, ShopError } from '../app.js'
import { Customer, Order, table } from '../model.js'

const db = testTable(table)
const entities = { Customer: db.entity(Customer), Order: db.entity(Order) }
const app = shop(entities)

beforeAll(() => db.create())
beforeEach(() => db.reset())
afterAll(() => db.drop())

describe('the shop under jest', () => {
  it('places an order for a seeded customer in one transaction', async () => {
    await db.seed(Customer, [{ customerId: 'c1', name: 'Alice', email: 'alice@example.com' }])
    const recorder = recordingClient(db.client)
    await shop({ Customer: entities.Customer.withClient(recorder), Order: entities.Order.withClient(recorder) }).placeOrder('c1', 'o1', 42)
    expect(recorder.names()).toEqual(['TransactWrite'])
    expect(await app.orders('c1')).toEqual([{ customerId: 'c1', orderId: 'o1', status: 'PLACED', total: 42 }])
  })

  it('reads the reason of a cancelled transaction', async () => {
    const flaky = faultyClient(db.client, [{ on: 'TransactWrite', fault: 'transactionCanceled', reasons: ['None', 'ConditionalCheckFailed'] }])
    const flakyShop = shop({ Customer: entities.Customer.withClient(flaky), Order: entities.Order.withClient(flaky) })
    await expect(flakyShop.placeOrder('c1', 'o1', 1)).rejects.toThrow(new ShopError('no customer c1'))
  })
})
