// A small shop: customers and their orders in one table, an index of orders by status.
// The table gets its client from the AWS SDK's usual configuration, as an application's does.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { z } from 'zod'
import { defineTable } from 'sortkey'

export const table = defineTable({
  name: process.env.SHOP_TABLE ?? 'shop',
  partitionKey: 'PK',
  sortKey: 'SK',
  indexes: { ByStatus: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK' } },
  client: DynamoDBDocumentClient.from(new DynamoDBClient({})),
})

export const Customer = table.entity('Customer', {
  schema: z.object({
    customerId: z.string(),
    name: z.string(),
    email: z.email(),
    orders: z.number().int().nonnegative().default(0),
  }),
  key: { pk: 'CUSTOMER#{customerId}', sk: 'PROFILE' },
})

export const Order = table.entity('Order', {
  schema: z.object({
    customerId: z.string(),
    orderId: z.string(),
    status: z.enum(['PLACED', 'SHIPPED', 'CANCELLED']),
    total: z.number().nonnegative(),
  }),
  key: { pk: 'CUSTOMER#{customerId}', sk: 'ORDER#{orderId}' },
  indexes: { ByStatus: { pk: 'STATUS#{status}', sk: 'ORDER#{orderId}' } },
})
