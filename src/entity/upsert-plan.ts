// Turning an upsert (an item that may or may not be stored yet, plus counters and lists) into the
// UpdateSpec of one UpdateItem. The item is validated whole, as a put would validate it, so the
// item an upsert creates is always valid; then the changes go through planUpdate, the one path that
// validates values field by field and keeps index keys current.

import type { UpdateSpec } from '../expressions/index.js'
import { ValidationError } from '../errors.js'
import { parseValue } from '../schema/index.js'
import { encodeItem } from './codec.js'
import type { EntityModel } from './model.js'
import { planUpdate, type UpdateChangesInput } from './update-plan.js'
import { refuseUnknownFields } from './write-operations.js'

type Attrs = Record<string, unknown>

/** The clauses an upsert takes besides the item: each one works on an attribute that does not exist yet. */
export interface UpsertClausesInput {
  add?: Attrs
  append?: Attrs
  prepend?: Attrs
  setIfNotExists?: Attrs
}

const UPSERT_CLAUSES = ['add', 'append', 'prepend', 'setIfNotExists'] as const

/**
 * The UpdateSpec of an upsert. `item` holds the key fields and the fields to set; a field named in
 * a clause counts as given (a counter's first value is the amount added, a list's the elements
 * appended), so the item as created is checked against the whole schema before anything else.
 * Fields with a default that the upsert does not name get it only when the item is created; so do
 * `createdAt` and the entity's key fields, entity attribute and model version.
 */
export function planUpsert(model: EntityModel, item: Attrs, clauses: UpsertClausesInput | undefined, keyValues: Attrs, now: string | undefined): UpdateSpec {
  if (item === null || typeof item !== 'object') throw new ValidationError(model.name, 'upsert', [{ path: [], message: 'item must be an object' }])
  if (!model.info.hasCatchall) refuseUnknownFields(model, item, 'upsert')
  const stamps = model.timestamps
  const managed = new Set<string>([...model.keyFields, ...(stamps ? [stamps.createdAt, stamps.updatedAt] : []), ...(model.version ? [model.version] : [])])

  const created: Attrs = { ...item }
  const changes: UpdateChangesInput = {}
  for (const clause of UPSERT_CLAUSES) {
    const entries = clauses?.[clause]
    if (entries === undefined) continue
    if (entries === null || typeof entries !== 'object') throw new ValidationError(model.name, 'upsert', [{ path: [clause], message: 'must be an object of field: value' }])
    changes[clause] = entries
    for (const name of Object.keys(entries)) {
      if (!model.info.fields.has(name)) {
        const message = /[.[]/.test(name)
          ? 'is a nested path: an upsert may create the item, and a nested path needs its map or list to exist (upsert the map first, then update the path)'
          : 'is not a field of the schema'
        throw new ValidationError(model.name, 'upsert', [{ path: [clause, name], message }])
      }
      if (item[name] !== undefined && entries[name] !== undefined) {
        throw new ValidationError(model.name, 'upsert', [{ path: [name], message: `is given in the item and in ${clause}; name it once` }])
      }
      if (created[name] === undefined) created[name] = entries[name]
    }
  }
  // The item as created: required fields present, every value valid (throws ValidationError).
  encodeItem(model, created, 'upsert', now)

  const set: Attrs = {}
  for (const name of Object.keys(item)) if (item[name] !== undefined && !managed.has(name)) set[name] = item[name]
  const firstOnly: Attrs = { ...changes.setIfNotExists }
  for (const field of model.info.defaultFields) {
    if (created[field.name] !== undefined || managed.has(field.name)) continue
    const filled = parseValue(field.schema, undefined)
    if (filled.ok && filled.value !== undefined) firstOnly[field.name] = filled.value
  }
  if (Object.keys(set).length > 0) changes.set = set
  if (Object.keys(firstOnly).length > 0) changes.setIfNotExists = firstOnly

  const spec = planUpdate(model, changes, keyValues, now, 'upsert')
  // What only a created item needs: its key fields, entity attribute, model version and createdAt.
  const initial: Attrs = { ...spec.setIfNotExists }
  for (const field of model.keyFields) if (!model.keyOnly.has(field) && keyValues[field] !== undefined) initial[field] = keyValues[field]
  if (model.table.entityAttribute !== undefined) initial[model.table.entityAttribute] = model.name
  if (model.modelVersionAttribute !== undefined) initial[model.modelVersionAttribute] = model.modelVersion
  if (stamps && now !== undefined) initial[stamps.createdAt] = typeof item[stamps.createdAt] === 'string' ? item[stamps.createdAt] : now
  return { ...spec, setIfNotExists: initial }
}
