// The application code under test. It takes the entities it works with, so tests can hand it
// the copies sortkey/testing binds to a test table (production passes nothing: the model's own).
import { ConditionFailedError, TransactionCanceledError, batchWrite, transactWrite, exists } from 'sortkey'
import * as model from './model.js'

type Entities = { Customer: typeof model.Customer; Order: typeof model.Order }

export class ShopError extends Error {}

export function shop({ Customer, Order }: Entities = model) {
  return {
    /** Places an order and counts it on the customer, atomically; the customer must exist. */
    async placeOrder(customerId: string, orderId: string, total: number) {
      try {
        await transactWrite([
          Order.create({ customerId, orderId, status: 'PLACED', total }),
          Customer.update({ customerId }, { add: { orders: 1 } }, { condition: { customerId: exists() } }),
        ])
      } catch (error) {
        if (error instanceof TransactionCanceledError) {
          const reason = error.failed[0]
          if (reason?.entity === 'Customer') throw new ShopError(`no customer ${customerId}`)
          if (reason?.entity === 'Order' && reason.code === 'ConditionalCheckFailed') throw new ShopError(`order ${orderId} already exists`)
        }
        throw error
      }
    },

    /** Cancels a placed order; an order already shipped stays as it is. */
    async cancelOrder(customerId: string, orderId: string) {
      try {
        return await Order.update({ customerId, orderId }, { set: { status: 'CANCELLED' } }, { condition: { status: 'PLACED' }, returnValues: 'ALL_NEW' })
      } catch (error) {
        if (error instanceof ConditionFailedError) throw new ShopError(`order ${orderId} is ${String(error.item?.status ?? 'missing')}`)
        throw error
      }
    },

    /** The customer's orders, newest order id first. */
    async orders(customerId: string) {
      const { items } = await Order.query.primary({ customerId }).reverse().all()
      return items
    },

    /** Orders waiting to be shipped, across customers. */
    async placed() {
      const { items } = await Order.query.ByStatus({ status: 'PLACED' }).all()
      return items
    },

    /** Imports customers in bulk (batches of 25, retried until DynamoDB took them all). */
    async importCustomers(customers: { customerId: string; name: string; email: string }[]) {
      const { written } = await batchWrite(customers.map((c) => Customer.put(c)))
      return written
    },
  }
}
