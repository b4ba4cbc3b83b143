// The retail cart design (LDC design challenge): every line of every customer's cart, saved
// list and order history in one table, `CartTable`. The sort key `Status#Date` holds the line's
// status and the time it entered that status, so one `begins_with` reads a customer's active
// cart, saved items or purchases, newest first; `GSI-SKU` turns that around per product.
// `OrdersBySKU` is keyed by the lines' own attributes (a multi-attribute key): only purchased
// lines carry an `OrderID`, so it holds the orders each product was bought in.
import { z } from 'zod'
import { defineTable, isoDate } from '../../src/index.js'
import { client } from '../lib/client.js'

export const table = defineTable({
  name: process.env.CART_TABLE ?? 'CartTable',
  partitionKey: 'CustomerID',
  sortKey: 'Status#Date',
  indexes: {
    'GSI-SKU': { partitionKey: 'ItemSKU', sortKey: 'Status#Date' },
    // Sparse and multi-attribute: ItemSKU, then OrderID and CustomerID compared left to right.
    OrdersBySKU: { partitionKey: 'ItemSKU', sortKey: ['OrderID', 'CustomerID'] },
  },
  // The design's items carry no entity attribute.
  entityAttribute: false,
  client,
})

export const CartStatus = z.enum(['ACTIVE', 'SAVED', 'PURCHASED'])
export type CartStatus = z.infer<typeof CartStatus>

/**
 * A cart line. Fields are named as the design's attributes, so a stored line is the design's
 * item: `CustomerID`, `Status#Date` (`{Status}#{CreatedAt}`), `ItemSKU`, `Price`, `Count`,
 * `Status`, and `OrderID` once purchased. `CreatedAt` lives only in the sort key.
 */
export const CartItem = table.entity('CartItem', {
  schema: z.object({
    CustomerID: z.string(),
    Status: CartStatus,
    CreatedAt: isoDate(),
    ItemSKU: z.string(),
    Price: z.number().nonnegative(),
    Count: z.number().int().positive(),
    OrderID: z.string().optional(),
  }).refine((line) => (line.Status === 'PURCHASED') === (line.OrderID !== undefined), {
    message: 'a PURCHASED line carries an OrderID, and only a PURCHASED line does',
    path: ['OrderID'],
  }),
  key: { pk: '{CustomerID}', sk: '{Status}#{CreatedAt}' },
  keyOnly: ['CreatedAt'],
})

export type CartLine = typeof CartItem.types.item
