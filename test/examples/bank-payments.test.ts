// The bank-payments example against DynamoDB Local: every access pattern, with exact answers.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import { beforeAll, describe, expect, it } from 'vitest'
import { ConditionFailedError, ItemExistsError, dropTable, createTable, tableDefinition } from '../../src/index.js'
import { client } from '../../examples/lib/client.js'
import { table, type PaymentItem } from '../../examples/bank-payments/model.js'
import * as p from '../../examples/bank-payments/patterns.js'
import { seed } from '../../examples/bank-payments/seed.js'

const brief = (payments: PaymentItem[]) => payments.map((x) => `${x.AccountID} ${x.ScheduledTime.toISOString()} ${x.Status} ${x['Sharded-GSI-PK']}`)
const at = (iso: string) => new Date(iso)

beforeAll(async () => {
  await dropTable(table)
  await createTable(table)
})

describe('bank-payments example', () => {
  it('defines PaymentScheduler as the reference model does', () => {
    expect(tableDefinition(table)).toEqual({
      TableName: process.env.PAYMENTS_TABLE ?? 'PaymentScheduler',
      AttributeDefinitions: [
        { AttributeName: 'AccountID', AttributeType: 'S' },
        { AttributeName: 'ScheduledTime', AttributeType: 'S' },
        { AttributeName: 'Sharded-GSI-PK', AttributeType: 'S' },
        { AttributeName: 'Status#Time', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'AccountID', KeyType: 'HASH' },
        { AttributeName: 'ScheduledTime', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'Query_All_Scheduled_Payments',
          KeySchema: [
            { AttributeName: 'Sharded-GSI-PK', KeyType: 'HASH' },
            { AttributeName: 'Status#Time', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    })
  })

  it('computes a stable shard in 0–4 from account and time, spread over the shards', () => {
    expect(p.shardFor('Account1', at('2019-09-25T01:01:01Z'))).toBe('2')
    expect(p.shardFor('Account1', at('2019-09-26T02:02:02Z'))).toBe('1')
    const counts = new Map<string, number>()
    for (let i = 0; i < 5000; i++) {
      const shard = p.shardFor(`Account${i % 97}`, new Date(Date.UTC(2019, 8, 25) + i * 60_000))
      counts.set(shard, (counts.get(shard) ?? 0) + 1)
    }
    expect([...counts.keys()].sort()).toEqual(['0', '1', '2', '3', '4'])
    for (const n of counts.values()) expect(Math.abs(n - 1000)).toBeLessThan(150)
  })

  it('seeds the payments, stored in the design’s shape', async () => {
    expect(await seed()).toBe(12)
    const { Item } = await client.send(new GetCommand({ TableName: table.name, Key: { AccountID: 'Account1', ScheduledTime: '2019-09-25T01:01:01.000Z' } }))
    expect(Item).toEqual({
      AccountID: 'Account1',
      ScheduledTime: '2019-09-25T01:01:01.000Z',
      Status: 'PENDING',
      DataBlob: 'PaymentInfo Here',
      'Sharded-GSI-PK': '2',
      'Status#Time': 'PENDING#2019-09-25T01:01:01.000Z',
    })
  })

  it('schedules a payment with a conditional insert', async () => {
    expect(await p.schedulePayment({ AccountID: 'Account2', ScheduledTime: at('2019-09-25T15:00:00Z'), DataBlob: 'water, 28.00 EUR' })).toEqual({
      AccountID: 'Account2',
      ScheduledTime: at('2019-09-25T15:00:00Z'),
      Status: 'PENDING',
      DataBlob: 'water, 28.00 EUR',
      'Sharded-GSI-PK': '0',
    })
    const again = await Promise.resolve(p.schedulePayment({ AccountID: 'Account2', ScheduledTime: at('2019-09-25T15:00:00Z'), DataBlob: 'twice' })).catch((e: unknown) => e)
    expect(again).toBeInstanceOf(ItemExistsError)
    const { Item } = await client.send(new GetCommand({ TableName: table.name, Key: { AccountID: 'Account2', ScheduledTime: '2019-09-25T15:00:00.000Z' } }))
    expect(Item?.DataBlob).toBe('water, 28.00 EUR')
  })

  it("lists an account's payments in the next 90 days, in time order", async () => {
    expect(brief(await p.upcomingPayments('Account1', at('2019-09-24T00:00:00Z')))).toEqual([
      'Account1 2019-09-24T01:01:01.000Z PROCESSED 0',
      'Account1 2019-09-25T01:01:01.000Z PENDING 2',
      'Account1 2019-09-26T02:02:02.000Z PENDING 1',
      'Account1 2019-12-20T08:00:00.000Z SCHEDULED 2',
    ])
    expect(brief(await p.upcomingPayments('Account1', at('2019-09-25T01:01:01Z'), 1))).toEqual(['Account1 2019-09-25T01:01:01.000Z PENDING 2']) // both ends included
    expect(brief(await p.upcomingPayments('Account1', at('2019-12-21T00:00:00Z')))).toEqual(['Account1 2020-01-15T08:00:00.000Z SCHEDULED 4'])
    expect(await p.upcomingPayments('Account9', at('2019-09-24T00:00:00Z'))).toEqual([])
  })

  it('reads a day’s payments in a status across all five shards, merged in time order', async () => {
    expect(brief(await p.paymentsByDate('2019-09-25', 'PENDING'))).toEqual([
      'Account1 2019-09-25T01:01:01.000Z PENDING 2',
      'Account3 2019-09-25T06:15:00.000Z PENDING 2',
      'Account2 2019-09-25T09:30:00.000Z PENDING 3',
      'Account4 2019-09-25T12:00:00.000Z PENDING 1',
      'Account5 2019-09-25T12:00:00.000Z PENDING 1',
      'Account2 2019-09-25T15:00:00.000Z PENDING 0',
      'Account3 2019-09-25T17:45:00.000Z PENDING 2',
    ])
    expect(brief(await p.paymentsByDate('2019-09-24', 'PROCESSED'))).toEqual(['Account1 2019-09-24T01:01:01.000Z PROCESSED 0'])
    expect(brief(await p.paymentsByDate('2019-09-24', 'SCHEDULED'))).toEqual(['Account2 2019-09-24T01:01:01.000Z SCHEDULED 3'])
    expect(await p.paymentsByDate('2019-09-27', 'PENDING')).toEqual([])
    // No one partition holds them: each shard answers for its own.
    const { Items = [] } = await client.send(
      new QueryCommand({
        TableName: table.name,
        IndexName: 'Query_All_Scheduled_Payments',
        KeyConditionExpression: '#s = :s AND begins_with(#t, :t)',
        ExpressionAttributeNames: { '#s': 'Sharded-GSI-PK', '#t': 'Status#Time' },
        ExpressionAttributeValues: { ':s': '2', ':t': 'PENDING#2019-09-25' },
      }),
    )
    expect(Items.map((i) => i.AccountID)).toEqual(['Account1', 'Account3', 'Account3'])
  })

  it('marks a pending payment processed, moving it in the index; only once', async () => {
    expect(brief([await p.markProcessed('Account3', at('2019-09-25T06:15:00Z'))])).toEqual(['Account3 2019-09-25T06:15:00.000Z PROCESSED 2'])
    const { Item } = await client.send(new GetCommand({ TableName: table.name, Key: { AccountID: 'Account3', ScheduledTime: '2019-09-25T06:15:00.000Z' } }))
    expect(Item?.['Status#Time']).toBe('PROCESSED#2019-09-25T06:15:00.000Z')
    expect(brief(await p.paymentsByDate('2019-09-25', 'PROCESSED'))).toEqual(['Account3 2019-09-25T06:15:00.000Z PROCESSED 2', 'Account3 2019-09-25T10:00:00.000Z PROCESSED 3'])
    expect(brief(await p.paymentsByDate('2019-09-25', 'PENDING')).map((s) => s.split(' ').slice(0, 2).join(' '))).toEqual([
      'Account1 2019-09-25T01:01:01.000Z',
      'Account2 2019-09-25T09:30:00.000Z',
      'Account4 2019-09-25T12:00:00.000Z',
      'Account5 2019-09-25T12:00:00.000Z',
      'Account2 2019-09-25T15:00:00.000Z',
      'Account3 2019-09-25T17:45:00.000Z',
    ])
    expect(await Promise.resolve(p.markProcessed('Account3', at('2019-09-25T06:15:00Z'))).catch((e: unknown) => e)).toBeInstanceOf(ConditionFailedError)
  })
})
