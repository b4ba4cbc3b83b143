// Ready-made zod codecs for values DynamoDB cannot hold as they are.

import { z } from 'zod'
import { wholeSeconds } from './whole-seconds.js'

/** A Date stored as an ISO 8601 string (sortable, usable in key templates). */
export function isoDate() {
  return z.codec(z.iso.datetime(), z.date(), {
    decode: (text) => new Date(text),
    encode: (date) => date.toISOString(),
  })
}

/**
 * A Date stored as whole epoch seconds: the form DynamoDB's TTL reads. Milliseconds are dropped;
 * in a key template a Date with milliseconds is refused (two such Dates in one second would make
 * one key).
 */
export function epochSeconds() {
  const codec = z.codec(z.number().int().nonnegative(), z.date(), {
    decode: (seconds) => new Date(seconds * 1000),
    encode: (date) => Math.floor(date.getTime() / 1000),
  })
  wholeSeconds.add(codec)
  return codec
}
