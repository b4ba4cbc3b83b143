// Sample cart lines derived from the design (the reference model's sample rows are inconsistent:
// title-case statuses, a `Shipped` status outside the design, a `Status` attribute that
// disagrees with the sort key, numbers stored as strings). Here the sort key's status is the
// truth, statuses are upper case, prices and counts are numbers, purchased lines carry an order.
import { CartItem, table, type CartLine } from './model.js'
import { batchWrite } from '../../src/index.js'

const line = (CustomerID: string, Status: CartLine['Status'], at: string, ItemSKU: string, Price: number, Count: number, OrderID?: string): CartLine => ({
  CustomerID,
  Status,
  CreatedAt: new Date(`${at}Z`),
  ItemSKU,
  Price,
  Count,
  ...(OrderID ? { OrderID } : {}),
})

export const LINES: CartLine[] = [
  // The reference model's five rows, corrected.
  line('Liz', 'PURCHASED', '2019-11-26T22:46:26', 'd9bl3', 34.99, 1, 'ORD-1126-LIZ'),
  line('Chad', 'ACTIVE', '2019-10-08T21:11:42', '72f49', 12.49, 1),
  line('Sue', 'ACTIVE', '2019-10-03T12:33:16', 'ef9ca', 4.99, 1),
  line('Sue', 'SAVED', '2019-10-07T08:24:22', '72f49', 12.49, 1),
  line('Sue', 'ACTIVE', '2019-10-05T10:07:17', 'b932s', 67.99, 1),
  // A few more, so every pattern has something to find.
  line('Liz', 'ACTIVE', '2019-11-27T09:15:00', '72f49', 12.49, 2),
  line('Ana', 'ACTIVE', '2019-10-08T07:45:10', '72f49', 12.49, 3),
  line('Ana', 'SAVED', '2019-10-02T18:30:00', 'ef9ca', 4.99, 2),
  line('Sue', 'PURCHASED', '2019-09-14T16:02:51', 'd9bl3', 34.99, 1, 'ORD-0914-SUE'),
]

export async function seed(): Promise<number> {
  const { written } = await batchWrite(LINES.map((l) => CartItem.put(l)))
  return written
}
