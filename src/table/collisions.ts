// Refuses, at definition, two entities whose key patterns on one index can produce the same
// stored key: such items could not be told apart, and one could overwrite the other. A secondary
// index keyed by the items' own attributes (a multi-attribute key, or plain fields) has no
// patterns to keep entities apart: entities share it by design, its keys need not be unique, and
// reads tell its items apart by the entity attribute or the table's key templates.

import { literalsDisagree, overlapWitness, type FieldValueSets, type KeyRules } from '../keys/index.js'
import { keyValueSets } from '../entity/field-values.js'
import { DefinitionError } from '../errors.js'
import { keyParts, type EntityModel, type IndexModel, type KeyAttribute } from '../entity/model.js'

export function checkNoCollision(existing: readonly EntityModel[], added: EntityModel, rules: KeyRules): void {
  for (const other of existing) {
    for (const index of added.byIndex.values()) {
      const theirs = other.byIndex.get(index.name)
      if (!theirs || sharedByDesign(index, theirs)) continue
      const witness = sharedKey(index, theirs, rules, keyValueSets(added), keyValueSets(other))
      if (witness) {
        throw new DefinitionError(
          `entities ${other.name} and ${added.name} can produce the same key on ${index.name === 'primary' ? 'the primary key' : `index ${index.name}`}: ` +
            `${describe(theirs)} vs ${describe(index)} (both can store ${witness}). ` +
            `Give one of them a distinct literal, e.g. a different prefix.`,
        )
      }
    }
  }
}

/**
 * Two entities on a secondary index keyed, for both, by their own attributes (every key attribute
 * a field stored as it is): no pattern can keep them apart, and none needs to.
 */
export function sharedByDesign(a: IndexModel, b: IndexModel): boolean {
  return a.name !== 'primary' && attributeKeyed(a) && attributeKeyed(b)
}

function attributeKeyed(index: IndexModel): boolean {
  return keyParts(index).every((key) => key.plain)
}

/** A key both can store: every attribute of the index (several for a multi-attribute key) has a value both can produce. */
function sharedKey(a: IndexModel, b: IndexModel, rules: KeyRules, setsA: FieldValueSets, setsB: FieldValueSets): string | undefined {
  const parts: string[] = []
  const mine = keyParts(a)
  const theirs = keyParts(b)
  // One key attribute whose literals disagree settles the pair: checked for all before any automaton is built.
  if (mine.some((key, i) => theirs[i] !== undefined && literalsDisagree(key.template, (theirs[i] as KeyAttribute).template))) return undefined
  for (const [i, key] of mine.entries()) {
    const other = theirs[i]
    if (!other) break
    const value = witness(key, other, rules, setsA, setsB)
    if (value === undefined) return undefined
    parts.push(`${key.attribute}=${value}`)
  }
  return parts.join(', ')
}

function witness(a: KeyAttribute, b: KeyAttribute, rules: KeyRules, setsA: FieldValueSets, setsB: FieldValueSets): string | undefined {
  // A plain attribute holds the field's value as it is, delimiter included: it can match anything
  // unless its value set keeps it to values a key template could format as they are.
  if ((a.plain && !formattable(a, setsA, rules)) || (b.plain && !formattable(b, setsB, rules))) return '(any value)'
  const key = overlapWitness(a.template, b.template, rules, setsA, setsB)
  return key === undefined ? undefined : JSON.stringify(key)
}

/** A plain attribute whose values never hold the delimiter or '%' is stored as a bare-field template would store it. */
function formattable(key: KeyAttribute, sets: FieldValueSets, rules: KeyRules): boolean {
  const set = sets.get(key.attribute)
  const unsafe = (text: string) => text.length === 0 || text.includes(rules.delimiter) || text.includes('%')
  if (set?.kind === 'oneOf') return !set.values.some(unsafe)
  if (set?.kind === 'chars') return !set.chars.has(rules.delimiter) && !set.chars.has('%')
  return false
}

function describe(index: IndexModel): string {
  return `'${index.partition.map((key) => key.template.source).join("', '")}'${index.sort.length > 0 ? ` / '${index.sort.map((key) => key.template.source).join("', '")}'` : ''}`
}
