// The bank payments access patterns, one function each, with plain arguments.
import { Payment, SHARDS, type PaymentItem, type PaymentStatus, type Shard } from './model.js'

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * The write shard of a payment: a hash of its account and time, modulo the number of shards.
 * Computed rather than random, so payments spread evenly over the five index partitions and a
 * payment's shard can be worked out again from its key. (sortkey has no sharding helper: the
 * shard is a plain attribute the application fills in.)
 */
export function shardFor(AccountID: string, ScheduledTime: Date): Shard {
  let hash = 0x811c9dc5 // FNV-1a, 32 bits
  for (const char of `${AccountID}#${ScheduledTime.toISOString()}`) {
    hash ^= char.codePointAt(0) as number
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return SHARDS[hash % SHARDS.length] as Shard
}

/**
 * Schedule a payment: a conditional insert (`attribute_not_exists`), refused with
 * ItemExistsError when the account already has a payment at that time. New payments are PENDING.
 */
export function schedulePayment(payment: { AccountID: string; ScheduledTime: Date; DataBlob: string; Status?: PaymentStatus }): PromiseLike<PaymentItem> {
  return Payment.create({
    ...payment,
    Status: payment.Status ?? 'PENDING',
    'Sharded-GSI-PK': shardFor(payment.AccountID, payment.ScheduledTime),
  })
}

/** An account's payments from `from` through the next `days` days (90 by default), in time order: `ScheduledTime BETWEEN :from AND :to`. */
export async function upcomingPayments(AccountID: string, from: Date = new Date(), days = 90): Promise<PaymentItem[]> {
  const to = new Date(from.getTime() + days * DAY_MS)
  const { items } = await Payment.query.primary({ AccountID }).between({ ScheduledTime: from }, { ScheduledTime: to }).all()
  return items
}

/**
 * Every payment of a day (`YYYY-MM-DD`, UTC) in a status, across accounts: one query per shard
 * (`Sharded-GSI-PK = :shard AND begins_with(Status#Time, 'PENDING#2019-09-25')`), sent together,
 * and the five sorted lists merged into one in `Status#Time` order.
 */
export async function paymentsByDate(day: string, Status: PaymentStatus): Promise<PaymentItem[]> {
  const shards = await Promise.all(
    SHARDS.map(async (shard) => {
      const { items } = await Payment.query.Query_All_Scheduled_Payments({ 'Sharded-GSI-PK': shard, Status }).beginsWith({ ScheduledTime: day }).all()
      return items
    }),
  )
  // Each shard's list is in Status#Time order already; payments at the same time (in one shard
  // or several) are put in account order, so the answer does not depend on the shards.
  return shards.flat().sort((a, b) => a.ScheduledTime.getTime() - b.ScheduledTime.getTime() || a.AccountID.localeCompare(b.AccountID))
}

/** Mark a pending payment processed (the end-of-day job): `Status#Time` is rewritten in the same request. */
export function markProcessed(AccountID: string, ScheduledTime: Date) {
  return Payment.update({ AccountID, ScheduledTime }, { set: { Status: 'PROCESSED' } }, { condition: { Status: 'PENDING' }, returnValues: 'ALL_NEW' })
}
