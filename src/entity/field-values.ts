// The value set of a key field: an enum's or literal's strings, or the characters the patterns of
// a string's format and regex checks allow (the schema layer says which; the stored form counts,
// so a codec such as isoDate() is read on its input side). Anything else is any string.

import { ANY_VALUE, regexCharacters, type FieldValueSets, type ValueSet } from '../keys/index.js'
import { stringValues } from '../schema/index.js'
import type { EntityModel } from './model.js'

export function fieldValueSet(schema: unknown): ValueSet {
  const values = stringValues(schema)
  if (values === undefined) return ANY_VALUE
  if (values.kind === 'oneOf') return { kind: 'oneOf', values: values.values }
  let chars: Set<string> | undefined
  for (const pattern of values.patterns) {
    const allowed = regexCharacters(pattern)
    if (allowed === undefined) continue
    chars = chars === undefined ? allowed : new Set([...chars].filter((ch) => allowed.has(ch)))
  }
  return chars === undefined ? ANY_VALUE : { kind: 'chars', chars }
}

const cache = new WeakMap<EntityModel, FieldValueSets>()

/** The value sets of an entity's key fields (fields of any template), cached per entity. */
export function keyValueSets(model: EntityModel): FieldValueSets {
  let sets = cache.get(model)
  if (!sets) {
    const map = new Map<string, ValueSet>()
    for (const index of model.byIndex.values()) {
      for (const field of index.fields) if (!map.has(field)) map.set(field, fieldValueSet(model.info.fields.get(field)?.schema))
    }
    cache.set(model, (sets = map))
  }
  return sets
}
