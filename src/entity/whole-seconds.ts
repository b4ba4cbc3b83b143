// Key fields whose codec drops milliseconds (epochSeconds()). In a key, two Dates in one second
// would make one key and the second write would overwrite the first, so a Date with milliseconds
// is refused there.

import { KeyValueError } from '../errors.js'

/** Schemas made by epochSeconds(). */
export { wholeSecondsCodecs as wholeSeconds } from '../schema/index.js'

/** Refuses a Date with milliseconds in a key field stored as whole seconds (`fields`: field -> template). */
export function checkWholeSeconds(entity: string, fields: ReadonlyMap<string, string>, values: Readonly<Record<string, unknown>>): void {
  if (fields.size === 0) return
  for (const [field, template] of fields) {
    const value = values[field]
    if (value instanceof Date && value.getTime() % 1000 !== 0) {
      throw new KeyValueError(
        entity,
        template,
        field,
        value,
        'is a Date with milliseconds, which epochSeconds() drops: two Dates in one second would make one key. Round it to whole seconds, or store it with isoDate()',
      )
    }
  }
}
