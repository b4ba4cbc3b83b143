// The value set of a schema field, read from its zod definition through zod/v4/core's `_zod.def`
// (so classic and mini schemas both work): an enum's or literal's strings, or the characters the
// patterns of a string's format and regex checks allow. The stored form counts: a codec
// (isoDate()) is read on its input side. Anything else is any string.

import { ANY_VALUE, regexCharacters, type FieldValueSets, type ValueSet } from '../keys/index.js'
import type { EntityModel } from './model.js'

interface Def {
  readonly type: string
  readonly innerType?: Schema
  readonly in?: Schema
  readonly entries?: Readonly<Record<string, unknown>>
  readonly values?: readonly unknown[]
  readonly pattern?: RegExp
  readonly checks?: readonly { readonly _zod: { readonly def: { readonly pattern?: RegExp } } }[]
}
interface Schema {
  readonly _zod: { readonly def: Def }
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch'])

export function fieldValueSet(schema: unknown): ValueSet {
  let def = (schema as Schema | undefined)?._zod?.def
  while (def && (WRAPPERS.has(def.type) || def.type === 'pipe')) def = (def.type === 'pipe' ? def.in : def.innerType)?._zod.def
  if (!def) return ANY_VALUE
  if (def.type === 'enum' || def.type === 'literal') {
    const values = def.type === 'enum' ? Object.values(def.entries ?? {}) : (def.values ?? [])
    return values.every((v): v is string => typeof v === 'string') ? { kind: 'oneOf', values } : ANY_VALUE
  }
  if (def.type !== 'string') return ANY_VALUE
  const patterns = [def.pattern, ...(def.checks ?? []).map((check) => check._zod.def.pattern)].filter((p): p is RegExp => p instanceof RegExp)
  let chars: Set<string> | undefined
  for (const pattern of patterns) {
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
