// Runs every bank-payments access pattern against whatever endpoint the AWS SDK is configured for
// (`npm run examples` points it at an embedded DynamoDB Local) and prints what each returns.
import { table, type PaymentItem } from './model.js'
import * as p from './patterns.js'
import { seed } from './seed.js'
import type { RequestObserver } from '../../src/index.js'
import { dropTable, createTable } from '../../src/index.js'

const show = (payments: PaymentItem[]) =>
  payments.map((x) => `${x.AccountID} ${x.ScheduledTime.toISOString()} ${x.Status} [shard ${x['Sharded-GSI-PK']}]`).join(' | ') || '(none)'

export async function run(log: (line: string) => void = console.log, observer?: RequestObserver): Promise<void> {
  const detach = observer && table.observe(observer) // npm run examples: the cost report
  await dropTable(table)
  await createTable(table)
  log(`loaded ${await seed()} payments`)

  const scheduled = await p.schedulePayment({ AccountID: 'Account2', ScheduledTime: new Date('2019-09-25T15:00:00Z'), DataBlob: 'water, 28.00 EUR' })
  log(`schedule a payment (conditional insert): ${show([scheduled])}`)
  const again = await Promise.resolve(p.schedulePayment({ AccountID: 'Account2', ScheduledTime: new Date('2019-09-25T15:00:00Z'), DataBlob: 'twice' })).then(
    () => 'written twice?!',
    (error: Error) => `${error.name}: ${error.message}`,
  )
  log(`schedule it again: ${again}`)
  log(`Account1's payments in the 90 days from 2019-09-24: ${show(await p.upcomingPayments('Account1', new Date('2019-09-24T00:00:00Z')))}`)
  log(`PENDING payments on 2019-09-25, all shards merged: ${show(await p.paymentsByDate('2019-09-25', 'PENDING'))}`)
  const processed = await p.markProcessed('Account3', new Date('2019-09-25T06:15:00Z'))
  log(`mark Account3's 06:15 payment processed: ${show([processed])}`)
  log(`PROCESSED payments on 2019-09-25: ${show(await p.paymentsByDate('2019-09-25', 'PROCESSED'))}`)
  detach?.()
}
