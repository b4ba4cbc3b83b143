// Refuses, at definition, two entities whose key patterns on one index can produce the same
// stored key: such items could not be told apart, and one could overwrite the other.

import { overlapWitness, type KeyRules } from '../keys/index.js'
import { DefinitionError } from '../errors.js'
import type { EntityModel, IndexModel, KeyAttribute } from '../entity/model.js'

export function checkNoCollision(existing: readonly EntityModel[], added: EntityModel, rules: KeyRules): void {
  for (const other of existing) {
    for (const index of added.byIndex.values()) {
      const theirs = other.byIndex.get(index.name)
      if (!theirs) continue
      const witness = sharedKey(index, theirs, rules)
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

function sharedKey(a: IndexModel, b: IndexModel, rules: KeyRules): string | undefined {
  const pk = witness(a.pk, b.pk, rules)
  if (pk === undefined) return undefined
  if (!a.sk || !b.sk) return `${a.pk.attribute}=${pk}`
  const sk = witness(a.sk, b.sk, rules)
  if (sk === undefined) return undefined
  return `${a.pk.attribute}=${pk}, ${a.sk.attribute}=${sk}`
}

function witness(a: KeyAttribute, b: KeyAttribute, rules: KeyRules): string | undefined {
  // A plain attribute holds the field's value as it is, delimiter included: it can match anything.
  if (a.plain || b.plain) return '(any value)'
  const key = overlapWitness(a.template, b.template, rules)
  return key === undefined ? undefined : JSON.stringify(key)
}

function describe(index: IndexModel): string {
  return `'${index.pk.template.source}'${index.sk ? ` / '${index.sk.template.source}'` : ''}`
}
