// tableDefinition(table): the example's table equals the original design's, and every option
// (projections, local indexes, capacity per table and index, streams, TTL) lands where
// DynamoDB expects it.
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { defineTable, DefinitionError, epochSeconds, tableDefinition, ttlDefinition } from '../../../src/index.js'
import { table as gameTable } from '../../../examples/game-player/model.js'
import { table as messagesTable } from '../../../examples/messaging/model.js'

const key = (pk: string, sk: string) => [
  { AttributeName: pk, KeyType: 'HASH' },
  { AttributeName: sk, KeyType: 'RANGE' },
]

describe('the game-player example', () => {
  // The lab's create_table.py, add_secondary_index.py and add_inverted_index.py, in one CreateTable.
  const original = {
    TableName: 'battle-royale',
    AttributeDefinitions: [
      { AttributeName: 'PK', AttributeType: 'S' },
      { AttributeName: 'SK', AttributeType: 'S' },
      { AttributeName: 'map', AttributeType: 'S' },
      { AttributeName: 'open_timestamp', AttributeType: 'S' },
    ],
    KeySchema: key('PK', 'SK'),
    GlobalSecondaryIndexes: [
      { IndexName: 'OpenGamesIndex', KeySchema: key('map', 'open_timestamp'), Projection: { ProjectionType: 'ALL' }, ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } },
      { IndexName: 'InvertedIndex', KeySchema: key('SK', 'PK'), Projection: { ProjectionType: 'ALL' }, ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } },
    ],
    BillingMode: 'PROVISIONED',
    ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
  }

  it('with the design’s capacity, is the original table', () => {
    expect(tableDefinition(gameTable, { billing: { read: 1, write: 1 } })).toEqual(original)
  })

  it('on demand by default, with the same keys and indexes', () => {
    const { GlobalSecondaryIndexes, ProvisionedThroughput: _, ...rest } = original
    expect(tableDefinition(gameTable)).toEqual({
      ...rest,
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: GlobalSecondaryIndexes.map(({ ProvisionedThroughput: __, ...index }) => index),
    })
    expect(ttlDefinition(gameTable)).toBeUndefined()
  })
})

describe('the messaging example', () => {
  it('is Cruddur’s schema-load table, with the stream its Lambda reads', () => {
    const { AttributeDefinitions, ...rest } = tableDefinition(messagesTable)
    // DynamoDB holds attribute definitions as a set; the original lists message_group_uuid first.
    expect(new Set(AttributeDefinitions?.map((a) => `${a.AttributeName}:${a.AttributeType}`))).toEqual(new Set(['message_group_uuid:S', 'pk:S', 'sk:S']))
    expect(AttributeDefinitions).toHaveLength(3)
    expect(rest).toEqual({
      TableName: 'cruddur-messages',
      KeySchema: key('pk', 'sk'),
      GlobalSecondaryIndexes: [
        {
          IndexName: 'message-group-sk-index',
          KeySchema: key('message_group_uuid', 'sk'),
          Projection: { ProjectionType: 'ALL' },
          ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
        },
      ],
      BillingMode: 'PROVISIONED',
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    })
  })
})

describe('definition options', () => {
  const table = defineTable({
    name: 'orders',
    partitionKey: 'PK',
    sortKey: 'SK',
    indexes: {
      ByStatus: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK', projection: 'KEYS_ONLY', throughput: { read: 5, write: 2 } },
      ByCustomer: { partitionKey: 'customer', projection: { include: ['total', 'status'] } },
      ByDate: { partitionKey: 'PK', sortKey: 'placedAt', type: 'local' },
    },
    stream: 'NEW_AND_OLD_IMAGES',
  })
  table.entity('Order', {
    schema: z.object({ id: z.string(), customer: z.string(), status: z.string(), total: z.number(), placedAt: z.number(), expiresAt: epochSeconds() }),
    key: { pk: 'ORDER#{id}', sk: 'ORDER' },
    indexes: { ByStatus: { pk: 'STATUS#{status}', sk: '{customer}#{id}' } },
    ttl: 'expiresAt',
  })

  it('projections, local indexes, per-index capacity, streams from the table config', () => {
    const def = tableDefinition(table, { billing: { read: 10, write: 4 }, indexes: { ByCustomer: { read: 3, write: 3 } } })
    expect(def.AttributeDefinitions).toEqual([
      { AttributeName: 'PK', AttributeType: 'S' },
      { AttributeName: 'SK', AttributeType: 'S' },
      { AttributeName: 'GSI1PK', AttributeType: 'S' },
      { AttributeName: 'GSI1SK', AttributeType: 'S' },
      { AttributeName: 'customer', AttributeType: 'S' },
      { AttributeName: 'placedAt', AttributeType: 'N' },
    ])
    expect(def.GlobalSecondaryIndexes).toEqual([
      { IndexName: 'ByStatus', KeySchema: key('GSI1PK', 'GSI1SK'), Projection: { ProjectionType: 'KEYS_ONLY' }, ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 2 } },
      {
        IndexName: 'ByCustomer',
        KeySchema: [{ AttributeName: 'customer', KeyType: 'HASH' }],
        // the entity attribute is projected too, so entity reads through the index can tell entities apart
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['total', 'status', '_type'] },
        ProvisionedThroughput: { ReadCapacityUnits: 3, WriteCapacityUnits: 3 },
      },
    ])
    expect(def.LocalSecondaryIndexes).toEqual([{ IndexName: 'ByDate', KeySchema: key('PK', 'placedAt'), Projection: { ProjectionType: 'ALL' } }])
    expect(def.ProvisionedThroughput).toEqual({ ReadCapacityUnits: 10, WriteCapacityUnits: 4 })
    expect(def.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' })
    expect(tableDefinition(table, { stream: 'KEYS_ONLY' }).StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'KEYS_ONLY' })
  })

  it('on demand, index capacity is left out', () => {
    expect(tableDefinition(table).GlobalSecondaryIndexes?.every((i) => i.ProvisionedThroughput === undefined)).toBe(true)
    expect(tableDefinition(table).BillingMode).toBe('PAY_PER_REQUEST')
  })

  it('gives the UpdateTimeToLive input for the entity’s ttl field', () => {
    expect(ttlDefinition(table)).toEqual({ TableName: 'orders', TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true } })
  })

  it('refuses capacity that cannot work and entities that disagree on TTL', () => {
    expect(() => tableDefinition(table, { billing: { read: 0, write: 1 } })).toThrow(DefinitionError)
    expect(() => tableDefinition(table, { indexes: { ByCustomer: { read: 1, write: 1 } } })).toThrow(/needs provisioned billing/)
    expect(() => tableDefinition(table, { billing: { read: 1, write: 1 }, indexes: { Nope: { read: 1, write: 1 } } })).toThrow(/index "Nope", which the table does not have/)
    expect(() => tableDefinition(table, { billing: { read: 1, write: 1 }, indexes: { ByDate: { read: 1, write: 1 } } })).toThrow(/local index ByDate/)
    table.entity('Session', { schema: z.object({ id: z.string(), until: z.number() }), key: { pk: 'S#{id}', sk: 'S' }, ttl: 'until' })
    expect(() => ttlDefinition(table)).toThrow('table orders: DynamoDB keeps one TTL attribute per table, but entities declare "expiresAt" (Order), "until" (Session)')
  })
})
