// Ready-made codecs for values DynamoDB cannot hold as they are. They are built from zod's core
// classes, so they fit in classic and mini object schemas alike and load neither flavour; wrap one
// with `z.optional(...)` (either flavour) to make the field optional.

import { $ZodCodec, $ZodDate, $ZodISODateTime, $ZodNumberFormat, _date, _gte, _int, _isoDateTime } from 'zod/v4/core'

/**
 * Schemas made by epochSeconds(): it drops milliseconds, so in a key two Dates in one second would
 * make one key; the entity layer refuses a Date with milliseconds in such a key field.
 */
export const wholeSecondsCodecs = new WeakSet<object>()

/** A Date field stored as an ISO 8601 string. */
export type IsoDateCodec = $ZodCodec<$ZodISODateTime, $ZodDate>
/** A Date field stored as whole epoch seconds. */
export type EpochSecondsCodec = $ZodCodec<$ZodNumberFormat, $ZodDate>

/**
 * A Date stored as an ISO 8601 string (sortable, usable in key templates).
 *
 * @example
 * ```ts
 * import * as z from 'zod/mini'
 * import { isoDate } from 'sortkey'
 *
 * const schema = z.object({ id: z.string(), createdAt: isoDate(), shippedOn: z.optional(isoDate()) })
 * ```
 */
export function isoDate(): IsoDateCodec {
  return new $ZodCodec({
    type: 'pipe',
    in: _isoDateTime($ZodISODateTime, {}),
    out: _date($ZodDate, {}),
    transform: (text: string) => new Date(text),
    reverseTransform: (date: Date) => date.toISOString(),
  } as never) as IsoDateCodec
}

/**
 * A Date stored as whole epoch seconds: the form DynamoDB's TTL reads. Milliseconds are dropped;
 * in a key template a Date with milliseconds is refused (two such Dates in one second would make
 * one key).
 *
 * @example
 * ```ts
 * import { z } from 'zod'
 * import { epochSeconds } from 'sortkey'
 *
 * const schema = z.object({ sessionId: z.string(), expiresAt: epochSeconds() })
 * ```
 */
export function epochSeconds(): EpochSecondsCodec {
  const codec = new $ZodCodec({
    type: 'pipe',
    in: _int($ZodNumberFormat, { checks: [_gte(0)] } as never),
    out: _date($ZodDate, {}),
    transform: (seconds: number) => new Date(seconds * 1000),
    reverseTransform: (date: Date) => Math.floor(date.getTime() / 1000),
  } as never) as EpochSecondsCodec
  wholeSecondsCodecs.add(codec)
  return codec
}
