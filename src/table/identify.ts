// Telling which entity a stored item belongs to: by the entity attribute when the table has
// one (and the item carries it), otherwise by which entity's primary key templates parse its keys.
// The definition-time collision check guarantees at most one entity's templates match.

import { parseKey } from '../keys/index.js'
import type { EntityModel, KeyAttribute } from '../entity/model.js'

type Attrs = Record<string, unknown>

export function identify(models: readonly EntityModel[], raw: Attrs): EntityModel | undefined {
  const attribute = models[0]?.table.entityAttribute
  if (attribute !== undefined) {
    const name = raw[attribute]
    if (typeof name === 'string') return models.find((m) => m.name === name)
  }
  return models.find((model) => keyMatches(model, model.primary.pk, raw) && (!model.primary.sk || keyMatches(model, model.primary.sk, raw)))
}

function keyMatches(model: EntityModel, key: KeyAttribute, raw: Attrs): boolean {
  const value = raw[key.attribute]
  if (value === undefined || value === null) return false
  if (key.plain) return true
  return typeof value === 'string' && parseKey(key.template, value, model.table.rules) !== undefined
}
