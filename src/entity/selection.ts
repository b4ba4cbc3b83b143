// `select`: which attributes a read projects and how a projected item is decoded. A selected
// name is a schema field (decoded with its schema) or a path into one ('address.city',
// 'lines[0].sku'), whose value comes back as DynamoDB returned it, under its top-level field.
// Anything else is refused before sending.

import { ValidationError } from '../errors.js'
import type { EntityModel } from './model.js'

export interface Selection {
  /** Paths the ProjectionExpression reads (key-only fields read the primary key instead). */
  readonly paths: readonly string[]
  /** Top-level attributes kept from a projected item. */
  readonly attributes: readonly string[]
  /** Whole schema fields, decoded with their schema. */
  readonly fields: readonly string[]
  /** Top-level fields of nested paths: their partial value is returned as read. */
  readonly nested: readonly string[]
}

const cache = new WeakMap<EntityModel, Map<string, Selection>>()

/** The selection of `names` on the entity, checked once per entity and list. */
export function selection(model: EntityModel, names: readonly string[], operation: string): Selection {
  let byId = cache.get(model)
  if (!byId) cache.set(model, (byId = new Map()))
  const id = names.join('\u0000')
  let found = byId.get(id)
  if (!found) {
    found = resolve(model, names, operation)
    byId.set(id, found)
  }
  return found
}

function resolve(model: EntityModel, names: readonly string[], operation: string): Selection {
  if (!Array.isArray(names) || names.length === 0) throw new ValidationError(model.name, operation, [{ path: [], message: 'select lists no fields' }])
  const paths = new Set<string>()
  const attributes = new Set<string>()
  const fields: string[] = []
  const nested = new Set<string>()
  for (const name of names) {
    if (typeof name === 'string' && model.info.fields.has(name)) {
      fields.push(name)
      if (model.keyOnly.has(name)) {
        for (const key of [model.primary.pk, model.primary.sk]) {
          if (!key) continue
          paths.add(key.attribute)
          attributes.add(key.attribute)
        }
      } else {
        paths.add(name)
        attributes.add(name)
      }
      continue
    }
    const head = typeof name === 'string' ? /^[^.[]+/.exec(name)?.[0] : undefined
    if (head === undefined || head === name || !model.info.fields.has(head) || model.keyOnly.has(head)) {
      throw new ValidationError(model.name, operation, [
        { path: [String(name)], message: `select: "${String(name)}" is not a field of ${model.name} (nor a path into one, like 'address.city')` },
      ])
    }
    paths.add(name)
    attributes.add(head)
    nested.add(head)
  }
  return { paths: [...paths], attributes: [...attributes], fields, nested: [...nested] }
}
