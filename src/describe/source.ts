// What the describe layer reads of a table: its plain configuration and the entity plans. A
// structural type, so a table made by another copy of the library (the CLI loading a model
// through tsx) is read the same way.

import type { EntityModel, IndexModel } from '../entity/model.js'
import type { IndexDefinition, Table } from '../table/table.js'

/** Any sortkey table, as far as describing it goes. */
export type DescribableTable = Pick<Table, 'name' | 'spec' | 'config' | 'models'>

/** A table that can also tell which entity a stored item belongs to (for items in a view or export). */
export type IdentifyingTable = DescribableTable & Pick<Table, 'entityOf' | 'parse'>

/** 'primary' first, then the table's indexes in declaration order. */
export function indexNames(table: DescribableTable): string[] {
  return table.spec.registry.entries.map((entry) => entry.name)
}

/** The declared options of an index (projection, local or global); undefined for 'primary'. */
export function indexDefinition(table: DescribableTable, name: string): IndexDefinition | undefined {
  if (name === 'primary') return undefined
  return (table.config.indexes as Record<string, IndexDefinition> | undefined)?.[name]
}

/** The key attributes of an index: the table's own for 'primary'. */
export function indexKeys(table: DescribableTable, name: string): { partitionKey: readonly string[]; sortKey: readonly string[] } {
  const entry = table.spec.registry.get(name)
  if (!entry) throw new Error(`table ${table.name} has no index ${name}`)
  return { partitionKey: entry.partitionKey, sortKey: entry.sortKey }
}

/** The entity's plan for an index, or undefined when the entity is not in it. */
export function entityIndex(model: EntityModel, name: string): IndexModel | undefined {
  return name === 'primary' ? model.primary : model.indexes.get(name)
}

/** 'the table' or 'index X', for messages. */
export function indexLabel(name: string): string {
  return name === 'primary' ? 'the table' : `index ${name}`
}
