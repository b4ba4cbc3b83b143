// What a read of one entity through one index needs, worked out once per entity and index:
// the key attributes a cursor holds, the literal sort-key prefix that narrows the entity, and
// the key templates that tell its items apart when the table has no entity attribute.

import { ValidationError } from '../errors.js'
import type { EntityModel, IndexEntry, IndexModel, KeyAttribute } from '../entity/model.js'
import { ownsTest, type Owns } from './narrow.js'

export interface IndexPlan {
  readonly model: EntityModel
  /** What the table's index registry knows of the index. */
  readonly entry: IndexEntry
  /** The entity's key templates on the index. */
  readonly index: IndexModel
  /** The `IndexName` to send; undefined for the table itself. */
  readonly indexName: string | undefined
  /** Every key attribute of an item read through this index (table keys and index keys): what `LastEvaluatedKey` holds. */
  readonly keyAttributes: readonly string[]
  /** Fields of the index's partition and sort key, in template order. */
  readonly pkFields: readonly string[]
  readonly skFields: readonly string[]
  /** Sort-key fields the partition key fixes too. */
  readonly implied: ReadonlySet<string>
  /** Primary key attributes whose templates must parse for an item to be this entity's (when the table has no entity attribute). */
  readonly checks: readonly KeyAttribute[]
  /** True when an item read through this index is the entity's. */
  readonly owns: Owns
  /**
   * The attribute that tells the entity's items apart on this index, filtered on server-side;
   * undefined when they are told apart by key templates: the table has no entity attribute, or the
   * index projects keys only (an INCLUDE projection carries it: tableDefinition adds it).
   */
  readonly entityAttribute: string | undefined
  /** The schema fields an item read through the index has (key fields recovered from its keys); undefined when it projects all. */
  readonly projected: readonly string[] | undefined
  /** Templated key attributes an item read through the index carries, parsed back into fields it does not project. */
  readonly keySources: readonly KeyAttribute[]
}

const plans = new WeakMap<EntityModel, Map<string, IndexPlan>>()

/** The plan for reading `model` through `indexName` ('primary' for the table); refused when the entity is not in that index. */
export function indexPlan(model: EntityModel, indexName: string, operation = 'query'): IndexPlan {
  let byIndex = plans.get(model)
  if (!byIndex) plans.set(model, (byIndex = new Map()))
  let plan = byIndex.get(indexName)
  if (!plan) {
    plan = makePlan(model, indexName, operation)
    byIndex.set(indexName, plan)
  }
  return plan
}

/** The fields a key's attributes are made of, in order, each once. */
function fieldsOf(keys: readonly KeyAttribute[]): readonly string[] {
  return keys.length === 1 ? (keys[0] as KeyAttribute).template.fields : [...new Set(keys.flatMap((key) => key.template.fields))]
}

function makePlan(model: EntityModel, indexName: string, operation: string): IndexPlan {
  const index = model.byIndex.get(indexName)
  const entry = model.table.registry.get(indexName)
  if (!index || !entry) {
    const held = [...model.byIndex.keys()].join(', ')
    throw new ValidationError(model.name, operation, [{ path: [], message: `${model.name} is not in index "${indexName}" (its indexes: ${held})` }])
  }
  const checks = [model.primary.pk, model.primary.sk].filter(
    (key): key is KeyAttribute => key !== undefined && !key.plain && !index.partition.some((part) => part.attribute === key.attribute),
  )
  const pkFields = fieldsOf(index.partition)
  const skFields = fieldsOf(index.sort)
  const projection = entry.projection
  const entityAttribute = projection === 'KEYS_ONLY' ? undefined : model.table.entityAttribute
  const keySources = [model.primary.pk, model.primary.sk, ...index.partition, ...index.sort].filter((key): key is KeyAttribute => key !== undefined && !key.plain)
  let projected: string[] | undefined
  if (projection !== 'ALL') {
    const fromKeys = new Set([...model.primary.fields, ...index.fields])
    const included = new Set(projection === 'KEYS_ONLY' ? [] : projection.include)
    projected = [...model.info.fields.keys()].filter((field) => fromKeys.has(field) || (included.has(field) && !model.keyOnly.has(field)))
  }
  return {
    model,
    entry,
    index,
    indexName: entry.indexName,
    keyAttributes: entry.keyAttributes,
    pkFields,
    skFields,
    implied: new Set(skFields.filter((field) => pkFields.includes(field))),
    checks,
    owns: ownsTest(model, checks, entityAttribute),
    entityAttribute,
    projected,
    keySources,
  }
}
