// The bank payments design (the LDC "account that schedules payments" lab): `PaymentScheduler`
// holds each account's scheduled payments by time. The nightly and two-minute batch jobs need
// every payment of a day and status across all accounts — a single partition for that would be
// a hot key at a million writes a day, so the index `Query_All_Scheduled_Payments` spreads it
// over five partitions: `Sharded-GSI-PK` is a shard number `0`–`4` chosen at write time.
import { z } from 'zod'
import { defineTable, isoDate } from '../../src/index.js'
import { client } from '../lib/client.js'

export const table = defineTable({
  name: process.env.PAYMENTS_TABLE ?? 'PaymentScheduler',
  partitionKey: 'AccountID',
  sortKey: 'ScheduledTime',
  indexes: {
    Query_All_Scheduled_Payments: { partitionKey: 'Sharded-GSI-PK', sortKey: 'Status#Time' },
  },
  entityAttribute: false,
  client,
})

/** The shards of the index's partition key: a write picks one, a read of a day asks each. */
export const SHARDS = ['0', '1', '2', '3', '4'] as const
export type Shard = (typeof SHARDS)[number]

export const PaymentStatus = z.enum(['SCHEDULED', 'PENDING', 'PROCESSED'])
export type PaymentStatus = z.infer<typeof PaymentStatus>

export const Payment = table.entity('Payment', {
  schema: z.object({
    AccountID: z.string(),
    ScheduledTime: isoDate(),
    Status: PaymentStatus,
    DataBlob: z.string(),
    // The index partition: a plain attribute, named as in the design.
    'Sharded-GSI-PK': z.enum(SHARDS),
  }),
  key: { pk: '{AccountID}', sk: '{ScheduledTime}' },
  indexes: {
    // `Status#Time` is computed from the status and the scheduled time, and rewritten whenever
    // the status changes.
    Query_All_Scheduled_Payments: { sk: '{Status}#{ScheduledTime}' },
  },
})

export type PaymentItem = typeof Payment.types.item
