// Which items a read returns as an entity's, and how it decodes them.
//
// With an entity attribute, the read filters on it server-side (`#_type = :entity`) and the
// decoder only confirms it. Without one, the key condition narrows by the entity's literal
// sort-key prefix where it has one, and the decoder checks that the item's primary key parses
// with the entity's templates: an item that does not (another entity sharing a prefix, or a
// bare-timestamp sort key with no prefix at all) is skipped and counted, never decoded as this
// entity.

import { parseKey } from '../keys/index.js'
import { beginsWith } from '../expressions/index.js'
import { decodeItem, recoverFromKeys } from '../entity/codec.js'
import { ValidationError } from '../errors.js'
import type { IndexPlan } from './plan.js'
import type { EntityModel, KeyAttribute } from '../entity/model.js'
import { decodeSelected } from '../entity/read-operations.js'
import { selection } from '../entity/selection.js'

type Attrs = Record<string, unknown>

/** True when the stored item belongs to the entity (by entity attribute, else by key templates). */
export type Owns = (raw: Attrs) => boolean

export function ownsTest(model: EntityModel, checks: readonly KeyAttribute[], attribute: string | undefined): Owns {
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

export function entityDecoder(plan: IndexPlan, owns: Owns, select: readonly string[] | undefined, operation: string): Decode<Attrs> {
  const model = plan.model
  const projected = plan.projected
  if (select === undefined && projected === undefined) return (raw) => (owns(raw) ? decodeItem(model, raw, operation) : undefined)
  const fields = select ?? (projected as readonly string[])
  if (projected !== undefined && select !== undefined) {
    const missing = select.filter((name) => !projected.includes(/^[^.[]+/.exec(name)?.[0] ?? name))
    if (missing.length > 0) {
      throw new ValidationError(model.name, operation, [{ path: [missing[0] as string], message: `select: index ${plan.index.name} does not project "${missing[0]}" (it projects ${projected.join(', ')})` }])
    }
  }
  // The projection also reads key attributes (for cursors and the ownership check); only the
  // selected fields, and the keys that key-only fields come from, are decoded. A field the index
  // does not project but a key holds is parsed back from that key.
  const chosen = selection(model, fields, operation)
  const attributes = chosen.attributes
  const fromKeys = projected === undefined ? [] : chosen.fields.filter((field) => !model.keyOnly.has(field))
  return (raw) => {
    if (!owns(raw)) return undefined
    const picked: Attrs = {}
    for (let i = 0; i < attributes.length; i++) {
      const name = attributes[i] as string
      if (raw[name] !== undefined) picked[name] = raw[name]
    }
    if (fromKeys.length > 0) recoverFromKeys(model, raw, plan.keySources, fromKeys, picked)
    return decodeSelected(model, picked, fields, operation)
  }
}

/** For counting: `true` for the entity's items, without decoding them. */
export function countDecoder(owns: Owns): Decode<true> {
  return (raw) => (owns(raw) ? true : undefined)
}

/**
 * Filters that keep a read to the entity's items by the literal prefixes of its primary key, for
 * reads that tell items apart by key templates (no entity attribute on the index): none when the
 * entity attribute does it. A query narrows so only where an index projecting keys only stands in
 * for the entity attribute (its key condition already narrows the sort key), and its filter cannot
 * name the index's own key attributes, so they are left out there.
 */
export function keyNarrowing(plan: IndexPlan, query: boolean): object[] {
  if (plan.entityAttribute !== undefined || (query && plan.model.table.entityAttribute === undefined)) return []
  const narrowing: object[] = []
  for (const key of primaryChecks(plan.model)) {
    if (key.template.prefix.length === 0) continue
    if (query && (plan.entry.partitionKey.includes(key.attribute) || plan.entry.sortKey.includes(key.attribute))) continue
    narrowing.push({ [key.attribute]: beginsWith(key.template.prefix) })
  }
  return narrowing
}

/** Primary-key template checks for an entity: every templated key attribute, for reads that fix none of them. */
export function primaryChecks(model: EntityModel): KeyAttribute[] {
  return [model.primary.pk, model.primary.sk].filter((key): key is KeyAttribute => key !== undefined && !key.plain)
}
