// Turning an entity update into an UpdateSpec the expression compiler takes: values validated
// and encoded through their field schemas, primary-key fields refused, and every index key the
// update touches rewritten in the same request, so no index key is ever left stale.

import type { UpdateSpec } from '../expressions/index.js'
import { IncompleteKeyError, ValidationError, type ValidationIssue } from '../errors.js'
import { elementSchema, encodeValue, issuesAt, memberRemoval, schemaAtPath, type FieldSchema, type SchemaResult } from '../schema/index.js'
import { checkWholeSeconds } from './whole-seconds.js'
import { formatTemplate } from './codec.js'
import type { EntityModel, IndexModel, KeyAttribute } from './model.js'

type Attrs = Record<string, unknown>

export interface UpdateChangesInput {
  set?: Attrs
  setIfNotExists?: Attrs
  remove?: readonly string[]
  add?: Attrs
  subtract?: Attrs
  append?: Attrs
  prepend?: Attrs
  delete?: Attrs
}

const CLAUSES = ['set', 'setIfNotExists', 'remove', 'add', 'subtract', 'append', 'prepend', 'delete'] as const
/** The clauses that carry values, each checked and encoded through its field's schema. */
const VALUE_CLAUSES = ['set', 'setIfNotExists', 'add', 'subtract', 'append', 'prepend', 'delete'] as const

/**
 * A clause's value in stored form. set / setIfNotExists / delete (a set) take a value of the
 * field; append / prepend a list of its elements; add a number or a set; subtract a number. The
 * numbers of add and subtract are amounts, not field values, so the field's own rules (such as
 * `nonnegative`) do not apply to them.
 */
function clauseValue(clause: (typeof VALUE_CLAUSES)[number], schema: FieldSchema, value: unknown): SchemaResult {
  if (clause === 'subtract' || (clause === 'add' && typeof value === 'number')) {
    return typeof value === 'number' && Number.isFinite(value) ? { ok: true, value } : { ok: false, issues: [{ path: [], message: `${clause} takes a finite number` }] }
  }
  if (clause === 'append' || clause === 'prepend') {
    if (!Array.isArray(value)) return { ok: false, issues: [{ path: [], message: `${clause} takes a list of the field's elements` }] }
    const element = elementSchema(schema)
    if (element) {
      const out: unknown[] = []
      for (const [i, item] of value.entries()) {
        const stored = encodeValue(element, item)
        if (!stored.ok) return { ok: false, issues: issuesAt(i, stored.issues) }
        out.push(stored.value)
      }
      return { ok: true, value: out }
    }
  }
  return encodeValue(schema, value)
}

/** What planning one update collects. */
interface Planning {
  readonly model: EntityModel
  readonly issues: ValidationIssue[]
  readonly spec: UpdateSpec
  /**
   * Stored-form values of top-level fields the update gives, and the top-level fields it touches,
   * for rebuilding index keys and stamping updatedAt: kept only for an entity that has either.
   */
  readonly given: Attrs | undefined
  readonly touched: Set<string> | undefined
}

/**
 * The UpdateSpec for `changes`, given the key fields' stored values (`keyValues`). Throws
 * ValidationError for unknown fields, bad values, primary-key fields or required fields removed,
 * and IncompleteKeyError when a set field feeds a key template whose other fields are not given.
 */
export function planUpdate(model: EntityModel, changes: UpdateChangesInput, keyValues: Attrs, now: string | undefined, operation: 'update' | 'upsert' = 'update'): UpdateSpec {
  if (changes === null || typeof changes !== 'object') {
    throw new ValidationError(model.name, operation, [{ path: [], message: 'changes must be an object like { set: {...}, remove: [...] }' }])
  }
  const tracking = model.computed.length > 0 || model.timestamps !== undefined
  const planning: Planning = {
    model,
    issues: [],
    spec: {},
    given: tracking ? { ...keyValues } : undefined,
    // An upsert may create the item: every index built from its key fields is written too.
    touched: tracking ? new Set<string>(operation === 'upsert' ? model.keyFields : []) : undefined,
  }
  const { issues, spec } = planning

  for (const clause of Object.keys(changes)) {
    if (!(CLAUSES as readonly string[]).includes(clause)) issues.push({ path: [clause], message: `is not an update clause (use ${CLAUSES.join(', ')})` })
  }

  if (changes.set) checkWholeSeconds(model.name, model.wholeSecondKeys, changes.set as Attrs)
  // Each clause read by name, in VALUE_CLAUSES order (a loop over the names would read them by key).
  planValues(planning, 'set', changes.set)
  planValues(planning, 'setIfNotExists', changes.setIfNotExists)
  planValues(planning, 'add', changes.add)
  planValues(planning, 'subtract', changes.subtract)
  planValues(planning, 'append', changes.append)
  planValues(planning, 'prepend', changes.prepend)
  planValues(planning, 'delete', changes.delete)

  if (changes.remove && changes.remove.length > 0) {
    const remove: string[] = []
    for (const path of changes.remove) {
      const root = rootField(model, path)
      if (!checkWritable(model, root, path, issues)) continue
      const info = model.info.fields.get(root)
      if (!info) {
        issues.push({ path: [path], message: 'is not a field of the schema' })
        continue
      }
      if (path === root && !info.optional) {
        issues.push({ path: [path], message: 'is required by the schema, so it cannot be removed' })
        continue
      }
      const nested = path === root ? undefined : removable(model, path)
      if (nested !== undefined) {
        issues.push({ path: [path], message: nested })
        continue
      }
      remove.push(path)
      planning.touched?.add(root)
    }
    if (remove.length > 0) spec.remove = remove
  }

  if (issues.length > 0) throw new ValidationError(model.name, operation, issues)

  const { given, touched } = planning
  if (given === undefined || touched === undefined) return spec
  if (model.timestamps && now !== undefined && !touched.has(model.timestamps.updatedAt)) {
    const updatedAt = model.timestamps.updatedAt
    spec.set = { ...spec.set, [updatedAt]: now }
    // An index key made from updatedAt is rewritten with it.
    given[updatedAt] = now
    touched.add(updatedAt)
  }

  maintainIndexKeys(model, spec, given, touched, operation === 'upsert')
  return spec
}

/** Checks and encodes one value clause's entries into the spec. */
function planValues(planning: Planning, clause: (typeof VALUE_CLAUSES)[number], entries: Attrs | undefined): void {
  if (!entries) return
  const { model, issues } = planning
  const out: Attrs = {}
  let any = false
  for (const path of Object.keys(entries)) {
    const value = entries[path]
    if (value === undefined) continue
    const root = rootField(model, path)
    if (!checkWritable(model, root, path, issues)) continue
    const schema = fieldSchemaAt(model, path)
    if (!schema) {
      issues.push({ path: [path], message: 'is not a field of the schema' })
      continue
    }
    const stored = clauseValue(clause, schema, value)
    if (!stored.ok) {
      for (const issue of stored.issues) issues.push({ ...issue, path: [path, ...issue.path] })
      continue
    }
    out[path] = stored.value
    any = true
    planning.touched?.add(root)
    if (path === root && clause === 'set' && planning.given !== undefined) planning.given[root] = stored.value
  }
  if (any) (planning.spec as Record<string, unknown>)[clause] = out
}

/**
 * Rewrites or removes the computed index attributes the update affects. `creating` (an upsert):
 * the item may not exist yet, so each index it enters gets every key attribute, literal ones too.
 */
function maintainIndexKeys(model: EntityModel, spec: UpdateSpec, given: Attrs, touched: ReadonlySet<string>, creating: boolean): void {
  const removed = new Set((spec.remove ?? []).filter((path) => model.info.fields.has(path)))
  for (const { index, attributes } of model.computed) {
    const affected = index.fields.filter((f) => touched.has(f))
    if (affected.length === 0 && !(creating && index.fields.length === 0)) continue
    if (index.fields.some((f) => removed.has(f))) {
      // An optional field that feeds the index is gone: the item leaves the (sparse) index.
      for (const key of attributes) (spec.remove = [...(spec.remove ?? []), key.attribute])
      continue
    }
    const needed = creating ? attributes : requiredTemplates(index, attributes, affected, model)
    for (const key of needed) {
      const missing = key.template.fields.filter((f) => given[f] === undefined)
      if (missing.length > 0) {
        const context = `an update of ${affected.map((f) => `"${f}"`).join(', ')} (index ${index.name})`
        throw new IncompleteKeyError(model.name, key.template.source, missing, context)
      }
    }
    for (const key of needed) spec.set = { ...spec.set, [key.attribute]: formatTemplate(model, key.template, given) }
  }
}

/**
 * The index key attributes an update must rewrite: each template with a touched field; and, when
 * a touched field is optional (the item may be entering a sparse index), every computed attribute
 * of the index, so the item enters with complete keys.
 */
function requiredTemplates(index: IndexModel, attributes: readonly KeyAttribute[], affected: readonly string[], model: EntityModel): KeyAttribute[] {
  const entering = affected.some((f) => model.info.fields.get(f)?.optional)
  if (entering) return [...attributes]
  return attributes.filter((key) => key.template.fields.some((f) => affected.includes(f)))
}

function checkWritable(model: EntityModel, root: string, path: string, issues: ValidationIssue[]): boolean {
  if (model.keyFields.includes(root)) {
    issues.push({ path: [path], message: 'is part of the primary key and cannot be updated; use move() to re-key an item' })
    return false
  }
  if (model.bookkeeping.has(root)) {
    issues.push({ path: [path], message: 'is a key or bookkeeping attribute that sortkey maintains' })
    return false
  }
  return true
}

/** The top-level field of a path: 'address' for 'address.city' and 'tags[0]'. */
export function rootField(model: EntityModel, path: string): string {
  if (model.info.fields.has(path)) return path
  const dot = path.indexOf('.')
  const bracket = path.indexOf('[')
  const cut = dot < 0 ? bracket : bracket < 0 ? dot : Math.min(dot, bracket)
  return cut < 0 ? path : path.slice(0, cut)
}

/**
 * Why a nested path cannot be removed, or undefined when it can: a required member of an object
 * cannot go (the stored item would no longer parse); a list element or a record entry can.
 */
function removable(model: EntityModel, path: string): string | undefined {
  const last = path.match(/(?:\.[^.[]+|\[\d+\])$/)?.[0]
  if (last === undefined || last.startsWith('[')) return fieldSchemaAt(model, path) ? undefined : 'is not a field of the schema'
  const parent = fieldSchemaAt(model, path.slice(0, path.length - last.length))
  const removal = parent ? memberRemoval(parent, last.slice(1)) : 'unknown'
  if (removal === 'unknown') return 'is not a field of the schema'
  return removal === 'required' ? 'is required by the schema, so it cannot be removed' : undefined
}

/** The schema at a (possibly nested) path, or undefined when the schema has no such path. */
export function fieldSchemaAt(model: EntityModel, path: string): FieldSchema | undefined {
  const direct = model.info.fields.get(path)
  if (direct) return direct.schema
  const root = rootField(model, path)
  const info = model.info.fields.get(root)
  return info ? schemaAtPath(info.schema, path.slice(root.length)) : undefined
}
