// The shop's tests, as an application writes them with sortkey/testing: a fresh table for this
// file on the DynamoDB Local of the global setup, typed fixtures, a reset before each test, and
// clients that record or misbehave.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ValidationError, scanTable } from 'sortkey'
import { faultyClient, recordingClient, testClient, testTable } from 'sortkey/testing'
import { shop, ShopError } from '../app.js'
import { Customer, Order, table } from '../model.js'

const db = testTable(table)
const entities = { Customer: db.entity(Customer), Order: db.entity(Order) }
const app = shop(entities)

beforeAll(() => db.create())
beforeEach(() => db.reset())
afterAll(() => db.drop())

const alice = { customerId: 'c1', name: 'Alice', email: 'alice@example.com' }

describe('placing orders', () => {
  it('stores the order and counts it on the customer', async () => {
    await db.seed(Customer, [alice])
    await app.placeOrder('c1', 'o1', 42)
    expect(await app.orders('c1')).toEqual([{ customerId: 'c1', orderId: 'o1', status: 'PLACED', total: 42 }])
    expect(await entities.Customer.get({ customerId: 'c1' })).toMatchObject({ orders: 1 })
  })

  it('refuses a customer that does not exist, and writes nothing', async () => {
    await expect(app.placeOrder('nobody', 'o1', 42)).rejects.toThrow(new ShopError('no customer nobody'))
    expect((await scanTable(db.table).all()).items).toEqual([])
  })

  it('sends one transaction holding the order and the customer update', async () => {
    await db.seed(Customer, [alice])
    const recorder = recordingClient(db.client)
    await shop({ Customer: entities.Customer.withClient(recorder), Order: entities.Order.withClient(recorder) }).placeOrder('c1', 'o2', 10)
    expect(recorder.names()).toEqual(['TransactWrite'])
    expect(recorder.writes().map((w) => [w.kind, w.via, w.item?.SK ?? w.key?.SK])).toEqual([
      ['put', 'TransactWrite', 'ORDER#o2'],
      ['update', 'TransactWrite', 'PROFILE'],
    ])
  })
})

describe('cancelling orders', () => {
  it('cancels a placed order', async () => {
    await db.seed(Order, [{ customerId: 'c1', orderId: 'o1', status: 'PLACED', total: 5 }])
    expect(await app.cancelOrder('c1', 'o1')).toMatchObject({ status: 'CANCELLED' })
    expect(await app.placed()).toEqual([])
  })

  it('leaves a shipped order alone and says why, from the stored item', async () => {
    await db.seed(Order, [{ customerId: 'c1', orderId: 'o1', status: 'SHIPPED', total: 5 }])
    await expect(app.cancelOrder('c1', 'o1')).rejects.toThrow(new ShopError('order o1 is SHIPPED'))
  })
})

describe('fixtures', () => {
  it('are validated by their entity before anything is written', async () => {
    const bad = [{ customerId: 'c1', orderId: 'o1', status: 'PLACED', total: 5 }, { customerId: 'c1', orderId: 'o2', status: 'LOST', total: 5 }]
    const error = await db.seed(Order, bad as never).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect(error).toMatchObject({ entity: 'Order', issues: [{ path: ['status'] }] })
    expect((await scanTable(db.table).all()).items).toEqual([])
  })
})

describe('when DynamoDB misbehaves', () => {
  it('imports every customer through throttling and unprocessed items', async () => {
    const flaky = faultyClient(
      testClient(),
      [
        { on: 'BatchWrite', fault: 'throttle', times: 2 },
        { on: 'BatchWrite', fault: 'unprocessed', fraction: 0.5 },
      ],
      { seed: 7 },
    )
    const customers = Array.from({ length: 60 }, (_, i) => ({ customerId: `c${i}`, name: `C ${i}`, email: `c${i}@example.com` }))
    expect(await shop({ ...entities, Customer: entities.Customer.withClient(flaky) }).importCustomers(customers)).toBe(60)
    expect(flaky.count('throttle')).toBe(2)
    expect(flaky.withheld()).toBeGreaterThan(0)
    expect((await scanTable(db.table).all()).items).toHaveLength(60)
  })

  it('tells a missing customer from a taken order id by the transaction cancellation reasons', async () => {
    const flaky = faultyClient(testClient(), [{ on: 'TransactWrite', fault: 'transactionCanceled', reasons: ['ConditionalCheckFailed', 'None'] }])
    const flakyShop = shop({ Customer: entities.Customer.withClient(flaky), Order: entities.Order.withClient(flaky) })
    await expect(flakyShop.placeOrder('c1', 'o1', 1)).rejects.toThrow(new ShopError('order o1 already exists'))
  })

  it('a failed condition hands the stored item to the caller', async () => {
    await db.seed(Order, [{ customerId: 'c1', orderId: 'o1', status: 'PLACED', total: 5 }])
    const flaky = faultyClient(testClient(), [{ on: 'Update', fault: 'conditionFailed', times: 1 }])
    await expect(shop({ ...entities, Order: entities.Order.withClient(flaky) }).cancelOrder('c1', 'o1')).rejects.toThrow(new ShopError('order o1 is PLACED'))
    expect(flaky.injected).toMatchObject([{ command: 'Update', fault: 'conditionFailed' }])
  })

  it('a timed-out order may have been placed: placing it again says so', async () => {
    await db.seed(Customer, [alice])
    const flaky = faultyClient(testClient(), [{ on: 'TransactWrite', fault: 'timeout', applied: true, times: 1 }])
    const flakyShop = shop({ Customer: entities.Customer.withClient(flaky), Order: entities.Order.withClient(flaky) })
    await expect(flakyShop.placeOrder('c1', 'o1', 1)).rejects.toMatchObject({ code: 'REQUEST_FAILED', awsName: 'TimeoutError' })
    await expect(flakyShop.placeOrder('c1', 'o1', 1)).rejects.toThrow(new ShopError('order o1 already exists'))
    expect(await entities.Customer.get({ customerId: 'c1' })).toMatchObject({ orders: 1 })
  })
})
