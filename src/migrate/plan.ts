// What the current model stores for one item as it is stored now, and what differs: the plan of
// one item. Pure: the runner reads, plans, and writes the plan; a dry run only counts plans.

import { decodeShaped, encodeItem, needsUpgrade, storedItem, storedModelVersion, upgraded } from '../entity/codec.js'
import type { EntityModel, TableSpec } from '../entity/model.js'
import { sameValue } from './equal.js'

type Attrs = Record<string, unknown>

/**
 * The kind of change an item needs, by precedence: a new primary key (`rekey`), the entity's
 * `upgrade` (`upgrade`), index keys added, changed or removed (`index-keys`), anything else the
 * model stores differently — defaults of new fields, the entity or model-version attribute
 * (`fields`); or none (`current`).
 */
export type ChangeKind = 'current' | 'index-keys' | 'rekey' | 'upgrade' | 'fields'

/** An item that needs no write, or cannot have one. */
export type SkipPlan =
  /** No entity claims the item (another program's data, unique markers): left alone. */
  | { readonly kind: 'unknown'; readonly key: Attrs }
  /** The item was written at a newer model version than this model's: left alone. */
  | { readonly kind: 'newer'; readonly entity: string; readonly key: Attrs }
  /** The item cannot be brought to the current model (it does not validate, or its upgrade threw). */
  | { readonly kind: 'invalid'; readonly entity: string; readonly key: Attrs; readonly error: Error }

export interface ChangePlan {
  readonly kind: ChangeKind
  readonly entity: string
  readonly model: EntityModel
  /** The primary key the item is stored under now. */
  readonly key: Attrs
  /** The primary key the current model stores it under (differs only for `rekey`). */
  readonly newKey: Attrs
  readonly before: Attrs
  readonly after: Attrs
  /** Attributes whose value is new or changed (the primary key left out unless re-keyed). */
  readonly set: Attrs
  /** Attributes the current model no longer stores. */
  readonly remove: readonly string[]
}

export type ItemPlan = SkipPlan | ChangePlan

export interface PlanContext {
  readonly spec: TableSpec
  /** The entity that owns a stored item, by entity attribute or key pattern. */
  readonly identify: (raw: Attrs) => EntityModel | undefined
  /** ISO time for timestamps an item does not carry yet. */
  readonly now: string
}

export function primaryKeyOf(spec: TableSpec, raw: Attrs): Attrs {
  const key: Attrs = { [spec.partitionKey]: raw[spec.partitionKey] }
  if (spec.sortKey !== undefined) key[spec.sortKey] = raw[spec.sortKey]
  return key
}

/** The plan for one stored item. */
export function planItem(context: PlanContext, raw: Attrs): ItemPlan {
  const spec = context.spec
  const key = primaryKeyOf(spec, raw)
  const model = context.identify(raw)
  if (model === undefined) return { kind: 'unknown', key }
  const entity = model.name
  const from = storedModelVersion(model, raw)
  if (model.modelVersion !== undefined && from !== undefined && from > model.modelVersion) return { kind: 'newer', entity, key }
  const upgrading = model.upgrade !== undefined && needsUpgrade(model, raw)
  let after: Attrs
  let shaped: Attrs
  try {
    shaped = upgraded(model, raw)
    const stamped = withTimestamps(model, shaped, context.now)
    after = storedItem(model, encodeItem(model, decodeShaped(model, stamped, raw, 'migrate'), 'migrate', undefined))
  } catch (error) {
    return { kind: 'invalid', entity, key, error: error instanceof Error ? error : new Error(String(error)) }
  }
  const maintained = maintainedAttributes(spec, model)
  for (const name in raw) {
    if (name in after) continue
    // Attributes the model knows nothing of are kept (nothing stored is lost); an upgrade drops what it leaves out.
    const dropped = maintained.has(name) || (upgrading && !(name in shaped))
    if (!dropped) after[name] = raw[name]
  }
  const newKey = primaryKeyOf(spec, after)
  const rekey = !sameValue(newKey[spec.partitionKey], key[spec.partitionKey]) || (spec.sortKey !== undefined && !sameValue(newKey[spec.sortKey], key[spec.sortKey]))
  const set: Attrs = {}
  let indexKeys = false
  const indexAttributes = secondaryKeyAttributes(spec)
  for (const name in after) {
    if (!rekey && name in key) continue
    if (name in raw && sameValue(raw[name], after[name])) continue
    set[name] = after[name]
    if (indexAttributes.has(name)) indexKeys = true
  }
  const remove = Object.keys(raw).filter((name) => !(name in after))
  for (const name of remove) if (indexAttributes.has(name)) indexKeys = true
  const changed = Object.keys(set).length > 0 || remove.length > 0
  const kind: ChangeKind = rekey ? 'rekey' : !changed ? 'current' : upgrading ? 'upgrade' : indexKeys ? 'index-keys' : 'fields'
  return { kind, entity, model, key, newKey, before: raw, after, set, remove }
}

/** Items stored before timestamps were turned on get them (created now); stored ones are kept as they are. */
function withTimestamps(model: EntityModel, attrs: Attrs, now: string): Attrs {
  const stamps = model.timestamps
  if (!stamps || (attrs[stamps.createdAt] !== undefined && attrs[stamps.updatedAt] !== undefined)) return attrs
  return { [stamps.createdAt]: now, [stamps.updatedAt]: now, ...attrs }
}

const maintainedCache = new WeakMap<EntityModel, ReadonlySet<string>>()

/** Attributes sortkey writes for this entity: schema fields, keys of the table and its indexes, bookkeeping. */
function maintainedAttributes(spec: TableSpec, model: EntityModel): ReadonlySet<string> {
  let names = maintainedCache.get(model)
  if (!names) {
    const set = new Set<string>([...model.info.fields.keys(), ...model.bookkeeping, ...secondaryKeyAttributes(spec), spec.partitionKey])
    if (spec.sortKey !== undefined) set.add(spec.sortKey)
    if (spec.entityAttribute !== undefined) set.add(spec.entityAttribute)
    if (spec.modelVersionAttribute !== undefined) set.add(spec.modelVersionAttribute)
    maintainedCache.set(model, (names = set))
  }
  return names
}

const indexKeyCache = new WeakMap<TableSpec, ReadonlySet<string>>()

/** The key attributes of the table's secondary indexes. */
function secondaryKeyAttributes(spec: TableSpec): ReadonlySet<string> {
  let names = indexKeyCache.get(spec)
  if (!names) {
    const set = new Set<string>()
    for (const entry of spec.registry.entries) if (entry.kind !== 'table') for (const attribute of [...entry.partitionKey, ...entry.sortKey]) set.add(attribute)
    indexKeyCache.set(spec, (names = set))
  }
  return names
}
