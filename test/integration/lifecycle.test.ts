// createTable(table) / dropTable(table) against DynamoDB Local: the created table is the definition (keys,
// indexes, projections, capacity, stream), TTL is on, and drop waits until the table is gone.
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb'
import { defineTable, epochSeconds, createTable, tableDefinition, dropTable } from '../../src/index.js'
import { localClient, uniqueTableName } from '../support/client.js'

describe('table lifecycle', () => {
  it('creates the table its definition describes, waits until ACTIVE, turns on TTL, and drops it', async () => {
    const client = localClient()
    const table = defineTable({
      name: uniqueTableName('lifecycle'),
      partitionKey: 'PK',
      sortKey: 'SK',
      indexes: {
        GSI1: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK', projection: 'KEYS_ONLY' },
        ByCustomer: { partitionKey: 'customer', projection: { include: ['total'] } },
        ByTotal: { partitionKey: 'PK', sortKey: 'total', type: 'local' },
      },
      billing: { read: 3, write: 2 },
      stream: 'NEW_AND_OLD_IMAGES',
      client,
    })
    table.entity('Order', {
      schema: z.object({ id: z.string(), customer: z.string(), status: z.string(), total: z.number(), expiresAt: epochSeconds() }),
      key: { pk: 'ORDER#{id}', sk: 'ORDER' },
      indexes: { GSI1: { pk: 'STATUS#{status}', sk: '{id}' } },
      ttl: 'expiresAt',
    })
    await createTable(table)
    const described = (await client.send(new DescribeTableCommand({ TableName: table.name }))).Table
    const definition = tableDefinition(table)
    expect(described?.TableStatus).toBe('ACTIVE')
    expect(described?.KeySchema).toEqual(definition.KeySchema)
    expect(new Set(described?.AttributeDefinitions?.map((a) => `${a.AttributeName}:${a.AttributeType}`))).toEqual(
      new Set(['PK:S', 'SK:S', 'GSI1PK:S', 'GSI1SK:S', 'customer:S', 'total:N']),
    )
    const gsis = new Map(described?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i]))
    expect(gsis.get('GSI1')?.Projection).toEqual({ ProjectionType: 'KEYS_ONLY' })
    expect(gsis.get('ByCustomer')?.Projection).toEqual({ ProjectionType: 'INCLUDE', NonKeyAttributes: ['total', '_type'] }) // the entity attribute is projected too
    expect(gsis.get('ByCustomer')?.ProvisionedThroughput).toMatchObject({ ReadCapacityUnits: 3, WriteCapacityUnits: 2 })
    expect(described?.LocalSecondaryIndexes?.map((i) => [i.IndexName, i.KeySchema])).toEqual([['ByTotal', definition.LocalSecondaryIndexes?.[0]?.KeySchema]])
    expect(described?.ProvisionedThroughput).toMatchObject({ ReadCapacityUnits: 3, WriteCapacityUnits: 2 })
    expect(described?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' })
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: table.name }))
    expect(ttl.TimeToLiveDescription).toMatchObject({ AttributeName: 'expiresAt', TimeToLiveStatus: 'ENABLED' })

    expect(await dropTable(table)).toBe(true)
    await expect(client.send(new DescribeTableCommand({ TableName: table.name }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' })
    expect(await dropTable(table)).toBe(false)
  })
})
