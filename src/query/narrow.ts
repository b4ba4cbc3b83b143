// Which items a read returns as an entity's, and how it decodes them.
//
// With an entity attribute, the read filters on it server-side (`#_type = :entity`) and the
// decoder only confirms it. Without one, the key condition narrows by the entity's literal
// sort-key prefix where it has one, and the decoder checks that the item's primary key parses
// with the entity's templates: an item that does not (another entity sharing a prefix, or a
// bare-timestamp sort key with no prefix at all) is skipped and counted, never decoded as this
// entity.

import { parseKey } from '../keys/index.js'
import { decodeItem } from '../entity/codec.js'
import type { EntityModel, KeyAttribute } from '../entity/model.js'
import { decodeSelected } from '../entity/read-operations.js'
import { selection } from '../entity/selection.js'

type Attrs = Record<string, unknown>

/** True when the stored item belongs to the entity (by entity attribute, else by key templates). */
export type Owns = (raw: Attrs) => boolean

export function ownsTest(model: EntityModel, checks: readonly KeyAttribute[]): Owns {
  const attribute = model.table.entityAttribute
  if (attribute !== undefined) {
    const name = model.name
    return (raw) => raw[attribute] === name
  }
  const rules = model.table.rules
  if (checks.length === 0) return () => true
  return (raw) => {
    for (let i = 0; i < checks.length; i++) {
      const key = checks[i] as KeyAttribute
      const value = raw[key.attribute]
      if (typeof value !== 'string' || parseKey(key.template, value, rules) === undefined) return false
    }
    return true
  }
}

/** Decodes one stored item as the entity's, or undefined when it is not the entity's. */
export type Decode<T> = (raw: Attrs) => T | undefined

export function entityDecoder(model: EntityModel, owns: Owns, select: readonly string[] | undefined, operation: string): Decode<Attrs> {
  if (select === undefined) return (raw) => (owns(raw) ? decodeItem(model, raw, operation) : undefined)
  // The projection also reads key attributes (for cursors and the ownership check); only the
  // selected fields, and the keys that key-only fields come from, are decoded.
  const attributes = selection(model, select, operation).attributes
  return (raw) => {
    if (!owns(raw)) return undefined
    const picked: Attrs = {}
    for (let i = 0; i < attributes.length; i++) {
      const name = attributes[i] as string
      if (raw[name] !== undefined) picked[name] = raw[name]
    }
    return decodeSelected(model, picked, select, operation)
  }
}

/** For counting: `true` for the entity's items, without decoding them. */
export function countDecoder(owns: Owns): Decode<true> {
  return (raw) => (owns(raw) ? true : undefined)
}

/** Primary-key template checks for an entity: every templated key attribute, for reads that fix none of them. */
export function primaryChecks(model: EntityModel): KeyAttribute[] {
  return [model.primary.pk, model.primary.sk].filter((key): key is KeyAttribute => key !== undefined && !key.plain)
}
