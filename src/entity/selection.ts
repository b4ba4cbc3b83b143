// `select`: which attributes a read projects and how a projected item is decoded. A selected
// name is a schema field (decoded with its schema) or a path into one ('address.city',
// 'lines[0].sku'), whose value is returned under the path itself, decoded with the schema there.
// Anything else is refused before sending.

import { ValidationError } from '../errors.js'
import type { EntityModel } from './model.js'
import { fieldSchemaAt } from './update-plan.js'

export interface Selection {
  /** Paths the ProjectionExpression reads (key-only fields read the primary key instead). */
  readonly paths: readonly string[]
  /** Top-level attributes kept from a projected item. */
  readonly attributes: readonly string[]
  /** Whole schema fields, decoded with their schema. */
  readonly fields: readonly string[]
  /** Top-level fields of nested paths, which the projected item holds in part. */
  readonly nested: readonly string[]
  /** The nested paths, each split into its steps below the top-level field. */
  readonly nestedPaths: readonly NestedPath[]
  /**
   * Top-level fields read whole although only paths into them are selected: those where one list
   * has two or more indexes selected. DynamoDB returns the selected elements of a list packed, and
   * leaves out an element none of whose selected parts exist, so with two indexes the positions
   * cannot be told apart. Reading the field whole costs no more capacity (a read is charged by item
   * size, not by what it projects). With at most one index per list, it is at position 0.
   */
  readonly wholeHeads: ReadonlySet<string>
}

export interface NestedPath {
  readonly path: string
  readonly head: string
  readonly steps: readonly (string | number)[]
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
  const nestedPaths: NestedPath[] = []
  const lists = new Map<string, Set<number>>()
  const wholeHeads = new Set<string>()
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
    if (!fieldSchemaAt(model, name)) {
      throw new ValidationError(model.name, operation, [{ path: [name], message: `select: "${name}" is not a path of ${model.name}'s schema` }])
    }
    attributes.add(head)
    nested.add(head)
    const steps = pathSteps(name.slice(head.length))
    nestedPaths.push({ path: name, head, steps })
    steps.forEach((step, i) => {
      if (typeof step !== 'number') return
      const at = JSON.stringify([head, ...steps.slice(0, i)])
      const indexes = lists.get(at) ?? new Set<number>()
      lists.set(at, indexes.add(step))
      if (indexes.size > 1) wholeHeads.add(head)
    })
  }
  for (const { path, head } of nestedPaths) paths.add(wholeHeads.has(head) ? head : path)
  return { paths: [...paths], attributes: [...attributes], fields, nested: [...nested], nestedPaths, wholeHeads }
}

/** '.lines[2].sku' -> ['lines', 2, 'sku']. */
function pathSteps(rest: string): (string | number)[] {
  return (rest.match(/\.[^.[]+|\[\d+\]/g) ?? []).map((step) => (step.startsWith('[') ? Number(step.slice(1, -1)) : step.slice(1)))
}

/** The value a projected item holds at a selected nested path, or undefined. */
export function valueAtSelected(chosen: Selection, item: Record<string, unknown>, nested: NestedPath): unknown {
  const whole = chosen.wholeHeads.has(nested.head)
  let value: unknown = item[nested.head]
  for (const step of nested.steps) {
    if (value === undefined || value === null) return undefined
    if (typeof step === 'number') value = Array.isArray(value) ? value[whole ? step : 0] : undefined
    else value = typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[step] : undefined
  }
  return value ?? undefined
}
