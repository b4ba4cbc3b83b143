// What a read of one entity through one index needs, worked out once per entity and index:
// the key attributes a cursor holds, the literal sort-key prefix that narrows the entity, and
// the key templates that tell its items apart when the table has no entity attribute.

import { ValidationError } from '../errors.js'
import type { EntityModel, IndexModel, KeyAttribute } from '../entity/model.js'
import { ownsTest, type Owns } from './narrow.js'

export interface IndexPlan {
  readonly model: EntityModel
  readonly index: IndexModel
  /** The `IndexName` to send; undefined for the table itself. */
  readonly indexName: string | undefined
  /** Every key attribute of an item read through this index (table keys and index keys): what `LastEvaluatedKey` holds. */
  readonly keyAttributes: readonly string[]
  /** Fields of the index's partition and sort key, in template order. */
  readonly pkFields: readonly string[]
  readonly skFields: readonly string[]
  /** The sort key template's literal prefix ('' when it starts with a field or is a plain attribute). */
  readonly skPrefix: string
  /** Primary key attributes whose templates must parse for an item to be this entity's (when the table has no entity attribute). */
  readonly checks: readonly KeyAttribute[]
  /** True when an item read through this index is the entity's. */
  readonly owns: Owns
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

function makePlan(model: EntityModel, indexName: string, operation: string): IndexPlan {
  const index = indexName === 'primary' ? model.primary : model.indexes.get(indexName)
  if (!index) {
    const held = ['primary', ...model.indexes.keys()].join(', ')
    throw new ValidationError(model.name, operation, [{ path: [], message: `${model.name} is not in index "${indexName}" (its indexes: ${held})` }])
  }
  const table = model.table
  const keyAttributes = unique([table.partitionKey, table.sortKey, index.pk.attribute, index.sk?.attribute])
  const sk = index.sk
  const checks = [model.primary.pk, model.primary.sk].filter(
    (key): key is KeyAttribute => key !== undefined && !key.plain && key.attribute !== index.pk.attribute,
  )
  return {
    model,
    index,
    indexName: indexName === 'primary' ? undefined : indexName,
    keyAttributes,
    pkFields: index.pk.template.fields,
    skFields: sk ? sk.template.fields : [],
    skPrefix: sk && !sk.plain ? sk.template.prefix : '',
    checks,
    owns: ownsTest(model, checks),
  }
}

/** Key attributes of a table read through an index, without the entity plan. */
export function tableKeyAttributes(
  table: { readonly partitionKey: string; readonly sortKey: string | undefined; readonly indexes: Readonly<Record<string, { readonly partitionKey: string; readonly sortKey?: string | undefined }>> },
  indexName: string,
): string[] {
  if (indexName === 'primary') return unique([table.partitionKey, table.sortKey])
  const index = table.indexes[indexName]
  if (!index) throw new Error(`no index "${indexName}"`) // callers check the index first
  return unique([table.partitionKey, table.sortKey, index.partitionKey, index.sortKey])
}

function unique(names: readonly (string | undefined)[]): string[] {
  const out: string[] = []
  for (const name of names) if (name !== undefined && !out.includes(name)) out.push(name)
  return out
}
