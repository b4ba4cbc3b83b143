// Sample payments: the reference model's four rows (times written as ISO 8601 UTC, shards
// computed by `shardFor` rather than copied) and a few more, so that a day's payments spread
// over several shards and an account has payments past the 90-day window.
import { table, Payment, type PaymentItem } from './model.js'
import { shardFor } from './patterns.js'
import { batchWrite } from '../../src/index.js'

const payment = (AccountID: string, at: string, Status: PaymentItem['Status'], DataBlob: string): PaymentItem => {
  const ScheduledTime = new Date(`${at}Z`)
  return { AccountID, ScheduledTime, Status, DataBlob, 'Sharded-GSI-PK': shardFor(AccountID, ScheduledTime) }
}

export const PAYMENTS: PaymentItem[] = [
  payment('Account1', '2019-09-25T01:01:01', 'PENDING', 'PaymentInfo Here'),
  payment('Account1', '2019-09-26T02:02:02', 'PENDING', 'PaymentInfo Here'),
  payment('Account1', '2019-09-24T01:01:01', 'PROCESSED', 'PaymentInfo Here'),
  payment('Account2', '2019-09-24T01:01:01', 'SCHEDULED', 'PaymentInfo Here'),
  payment('Account2', '2019-09-25T09:30:00', 'PENDING', 'rent, 950.00 EUR'),
  payment('Account3', '2019-09-25T06:15:00', 'PENDING', 'electricity, 61.20 EUR'),
  payment('Account3', '2019-09-25T10:00:00', 'PROCESSED', 'phone, 19.99 EUR'),
  payment('Account3', '2019-09-25T17:45:00', 'PENDING', 'gym, 35.00 EUR'),
  payment('Account4', '2019-09-25T12:00:00', 'PENDING', 'insurance, 112.40 EUR'),
  payment('Account5', '2019-09-25T12:00:00', 'PENDING', 'loan, 400.00 EUR'),
  payment('Account1', '2019-12-20T08:00:00', 'SCHEDULED', 'card bill'),
  payment('Account1', '2020-01-15T08:00:00', 'SCHEDULED', 'card bill'),
]

export async function seed(): Promise<number> {
  const { written } = await batchWrite(PAYMENTS.map((p) => Payment.put(p)))
  return written
}
