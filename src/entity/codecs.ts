// Ready-made zod codecs for values DynamoDB cannot hold as they are.

import { z } from 'zod'
import { wholeSeconds } from './whole-seconds.js'

/**
 * A zod codec for a `Date` stored as an ISO 8601 string: sortable, and usable in key templates.
 * Reads give a `Date` back.
 *
 * @example
 * ```ts
 * import { z } from 'zod'
 * import { defineTable, isoDate } from 'sortkey'
 *
 * const events = defineTable({ name: 'events', partitionKey: 'PK', sortKey: 'SK' })
 * const Event = events.entity('Event', {
 *   schema: z.object({ source: z.string(), at: isoDate() }),
 *   key: { pk: 'SOURCE#{source}', sk: 'AT#{at}' }, // stored as 'AT#2026-01-31T12:00:00.000Z'
 * })
 * ```
 */
export function isoDate() {
  return z.codec(z.iso.datetime(), z.date(), {
    decode: (text) => new Date(text),
    encode: (date) => date.toISOString(),
  })
}

/**
 * A zod codec for a `Date` stored as whole epoch seconds: the form DynamoDB's TTL reads.
 * Milliseconds are dropped; in a key template a Date with milliseconds is refused (two such Dates
 * in one second would make one key).
 *
 * @example
 * ```ts
 * import { z } from 'zod'
 * import { defineTable, epochSeconds } from 'sortkey'
 *
 * const sessions = defineTable({ name: 'sessions', partitionKey: 'PK' })
 * const Session = sessions.entity('Session', {
 *   schema: z.object({ id: z.string(), expiresAt: epochSeconds() }),
 *   key: { pk: 'SESSION#{id}' },
 *   ttl: 'expiresAt', // DynamoDB deletes the item after this time
 * })
 * ```
 */
export function epochSeconds() {
  const codec = z.codec(z.number().int().nonnegative(), z.date(), {
    decode: (seconds) => new Date(seconds * 1000),
    encode: (date) => Math.floor(date.getTime() / 1000),
  })
  wholeSeconds.add(codec)
  return codec
}
