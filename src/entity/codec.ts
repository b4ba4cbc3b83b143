// Items between the application's form (zod output: Dates, bigints, sets) and the stored form
// (zod input: what DynamoDB holds), plus the key attributes computed from the stored form.

import { formatKey, parseKey, KeyValueProblem, type KeyTemplate } from '../keys/index.js'
import { KeyValueError, ValidationError } from '../errors.js'
import { decodeValue, encodeValue, issuesAt, parseValue } from '../schema/index.js'
import type { EntityModel, IndexModel, KeyAttribute } from './model.js'
import { checkWholeSeconds } from './whole-seconds.js'

type Attrs = Record<string, unknown>

/** Validates an application-side item and returns its stored form (no key attributes yet). */
export function encodeItem(model: EntityModel, item: Attrs, operation: string, now: string | undefined): Attrs {
  if (item === null || typeof item !== 'object') {
    throw new ValidationError(model.name, operation, [{ path: [], message: 'item must be an object' }])
  }
  let input = item
  const defaults = model.info.defaultFields
  const stamps = model.timestamps
  if (defaults.length > 0 || stamps) {
    input = { ...item }
    for (const field of defaults) {
      if (input[field.name] !== undefined) continue
      const filled = parseValue(field.schema, undefined)
      if (!filled.ok) throw new ValidationError(model.name, operation, issuesAt(field.name, filled.issues))
      input[field.name] = filled.value
    }
    if (stamps && now !== undefined) {
      if (input[stamps.createdAt] === undefined) input[stamps.createdAt] = now
      input[stamps.updatedAt] = now
    }
  }
  checkWholeSeconds(model.name, model.wholeSecondKeys, input)
  const result = encodeValue(model.schema, input)
  if (!result.ok) throw new ValidationError(model.name, operation, result.issues)
  return result.value as Attrs
}

/** Decodes a stored item into the application form; bookkeeping attributes are dropped. */
export function decodeItem(model: EntityModel, raw: Attrs, operation: string): Attrs {
  return decodeShaped(model, model.upgrade === undefined ? raw : upgraded(model, raw), raw, operation)
}

/** Decodes `attrs`, already in the current stored shape (`raw`: the item as stored, whose key gives key-only fields). */
export function decodeShaped(model: EntityModel, attrs: Attrs, raw: Attrs, operation: string): Attrs {
  if (model.keyOnly.size > 0 || model.info.hasCatchall) {
    attrs = { ...attrs }
    if (model.info.hasCatchall) for (const name of model.bookkeeping) delete attrs[name]
    if (model.keyOnly.size > 0) recoverKeyOnly(model, raw, attrs)
  }
  const result = decodeValue(model.schema, attrs)
  if (!result.ok) throw new ValidationError(model.name, operation, result.issues)
  return result.value as Attrs
}

/** Decodes one stored field value (a key field parsed back from a key) into the application form. */
export function decodeField(model: EntityModel, field: string, value: unknown, operation: string): unknown {
  const info = model.info.fields.get(field)
  if (!info || info.plain) return value
  const result = decodeValue(info.schema, value)
  if (!result.ok) throw new ValidationError(model.name, operation, issuesAt(field, result.issues))
  return result.value
}

/** The stored model version of `raw`, or undefined when it carries none. */
export function storedModelVersion(model: EntityModel, raw: Attrs): number | undefined {
  const value = model.modelVersionAttribute === undefined ? undefined : raw[model.modelVersionAttribute]
  return typeof value === 'number' ? value : undefined
}

/** True when `raw` was written before the entity's current model version (or carries none). */
export function needsUpgrade(model: EntityModel, raw: Attrs): boolean {
  const from = storedModelVersion(model, raw)
  return model.modelVersion !== undefined && (from === undefined || from < model.modelVersion)
}

/** `raw` in the current stored shape: the entity's upgrade applied when the item is older than the model. */
export function upgraded(model: EntityModel, raw: Attrs): Attrs {
  if (model.upgrade === undefined || !needsUpgrade(model, raw)) return raw
  let result: unknown
  try {
    result = model.upgrade({ ...raw }, storedModelVersion(model, raw))
  } catch (error) {
    throw new ValidationError(model.name, 'upgrade', [{ path: [], message: `upgrade threw: ${error instanceof Error ? error.message : String(error)}` }], { cause: error })
  }
  if (result === null || typeof result !== 'object') throw new ValidationError(model.name, 'upgrade', [{ path: [], message: 'upgrade must return the item (an object)' }])
  return result as Attrs
}

function recoverKeyOnly(model: EntityModel, raw: Attrs, into: Attrs): void {
  recoverFromKeys(model, raw, [model.primary.pk, model.primary.sk], model.keyOnly, into)
}

/**
 * Fills `fields` missing from `into` with their stored values parsed back from the templated key
 * attributes `keys` of `raw` (key-only fields; fields an index projecting keys only leaves out).
 */
export function recoverFromKeys(model: EntityModel, raw: Attrs, keys: readonly (KeyAttribute | undefined)[], fields: ReadonlySet<string> | readonly string[], into: Attrs): void {
  const wanted = (field: string) => (fields instanceof Set ? fields.has(field) : (fields as readonly string[]).includes(field))
  for (const key of keys) {
    if (!key || key.plain) continue
    const stored = raw[key.attribute]
    if (typeof stored !== 'string') continue
    const values = parseKey(key.template, stored, model.table.rules)
    if (!values) continue
    for (const field of key.template.fields) {
      if (wanted(field) && into[field] === undefined) into[field] = values[field]
    }
  }
}

/**
 * Encodes the key fields of a key input (application form) into their stored form, through each
 * field's schema: codecs run, normalising checks (trim, toLowerCase) apply and the value is
 * validated, so a key built from a key input is the key `put` stored the item under.
 */
export function encodeKeyValues(model: EntityModel, input: Attrs, fields: readonly string[], operation: string): Attrs {
  if (input === null || typeof input !== 'object') {
    throw new ValidationError(model.name, operation, [{ path: [], message: 'key input must be an object' }])
  }
  checkWholeSeconds(model.name, model.wholeSecondKeys, input)
  let out: Attrs | undefined
  for (const name of fields) {
    const info = model.info.fields.get(name)
    const value = input[name]
    if (!info || value === undefined) continue
    const result = encodeValue(info.schema, value)
    if (!result.ok) throw new ValidationError(model.name, operation, issuesAt(name, result.issues))
    if (result.value === value) continue
    out ??= { ...input }
    out[name] = result.value
  }
  return out ?? input
}

/** Formats one key attribute's value from stored-form values, as a typed error when a value cannot go into a key. */
export function keyValue(model: EntityModel, key: KeyAttribute, values: Attrs): unknown {
  if (key.plain) {
    const value = values[key.attribute]
    if (value === undefined || value === null || value === '') {
      throw new KeyValueError(model.name, key.template.source, key.attribute, value, 'is required')
    }
    return value
  }
  return formatTemplate(model, key.template, values)
}

export function formatTemplate(model: EntityModel, template: KeyTemplate, values: Attrs): string {
  try {
    return formatKey(template, values, model.table.rules)
  } catch (error) {
    if (error instanceof KeyValueProblem) throw new KeyValueError(model.name, template.source, error.field, error.value, error.reason)
    throw error
  }
}

/** The primary key attributes `{ PK, SK }` from stored-form values. */
export function primaryKey(model: EntityModel, values: Attrs): Attrs {
  const { pk, sk } = model.primary
  const key: Attrs = { [pk.attribute]: keyValue(model, pk, values) }
  if (sk) key[sk.attribute] = keyValue(model, sk, values)
  return key
}

/** True when every field feeding the index is present (so the item belongs in it). */
export function inIndex(index: IndexModel, values: Attrs): boolean {
  for (const field of index.fields) {
    const v = values[field]
    if (v === undefined || v === null) return false
  }
  return true
}

/**
 * The full stored item: stored fields (key-only fields left out), primary key, the computed
 * keys of every index whose fields are present, and the entity attribute.
 */
export function storedItem(model: EntityModel, encoded: Attrs): Attrs {
  const item: Attrs = {}
  for (const name in encoded) {
    const value = encoded[name]
    if (value !== undefined && !model.keyOnly.has(name)) item[name] = value
  }
  const { pk, sk } = model.primary
  item[pk.attribute] = keyValue(model, pk, encoded)
  if (sk) item[sk.attribute] = keyValue(model, sk, encoded)
  for (const { index, attributes } of model.computed) {
    if (!inIndex(index, encoded)) continue
    for (const key of attributes) item[key.attribute] = formatTemplate(model, key.template, encoded)
  }
  if (model.table.entityAttribute !== undefined) item[model.table.entityAttribute] = model.name
  if (model.modelVersionAttribute !== undefined) item[model.modelVersionAttribute] = model.modelVersion
  return item
}
