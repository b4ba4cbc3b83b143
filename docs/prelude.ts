// The model the guides' examples use. A ```ts block in the docs may use any name exported here
// without importing it (the docs test imports it into the block unless the block declares the
// name itself); a block that declares its own model is self-contained and preferred.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { z } from 'zod'
import { defineTable, isoDate } from 'sortkey'

export const client = DynamoDBDocumentClient.from(new DynamoDBClient({}))

export const table = defineTable({
  name: 'battle-royale',
  partitionKey: 'PK',
  sortKey: 'SK',
  indexes: {
    OpenGamesIndex: { partitionKey: 'map', sortKey: 'open_timestamp' }, // plain item attributes
    InvertedIndex: { partitionKey: 'SK', sortKey: 'PK' }, // the table's keys, swapped
    GSI1: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK' }, // overloaded: computed per entity
  },
  client,
})

export const User = table.entity('User', {
  schema: z.object({ username: z.string(), name: z.string(), email: z.email(), joined: isoDate() }),
  key: { pk: 'USER#{username}', sk: '#METADATA#{username}' },
  indexes: { GSI1: { pk: 'EMAIL#{email}', sk: 'USER' } },
  timestamps: true,
})

export const Game = table.entity('Game', {
  schema: z.object({
    game_id: z.string(),
    map: z.string(),
    creator: z.string(),
    people: z.number().int().min(0).max(50),
    open_timestamp: z.string().optional(), // the game is in OpenGamesIndex only while this is set
    start_time: z.string().optional(),
    tags: z.array(z.string()).optional(),
  }),
  key: { pk: 'GAME#{game_id}', sk: '#METADATA#{game_id}' },
})

export const UserGameMapping = table.entity('UserGameMapping', {
  schema: z.object({ game_id: z.string(), username: z.string(), place: z.enum(['gold', 'silver', 'bronze']).optional() }),
  key: { pk: 'GAME#{game_id}', sk: 'USER#{username}' },
})

export const Order = table.entity('Order', {
  schema: z.object({
    customerId: z.string(),
    year: z.number().int(),
    seq: z.number().int(),
    status: z.enum(['OPEN', 'SHIPPED']),
    total: z.number(),
    address: z.object({ city: z.string(), street: z.string() }),
    labels: z.set(z.string()).optional(),
  }),
  key: { pk: 'CUSTOMER#{customerId}', sk: 'ORDER#{year:4}#{seq:6}' },
  indexes: { GSI1: { pk: 'STATUS#{status}', sk: 'ORDER#{year:4}#{seq:6}' } },
})
