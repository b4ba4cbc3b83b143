// A copy of a model under another table name. The name is carried in each entity's model
// (`model.table.name`), so the copy re-creates the table and every entity around a renamed spec;
// schemas, templates and observers are shared with the original.

import type { Entity, Table } from 'sortkey'
import type { CommandSender } from 'sortkey'

type EntityModel = Entity['model']
type TableClass = new (config: Table['config'], entities: Map<string, Entity>, observation: unknown) => Table
type EntityClass = new (model: EntityModel, client: CommandSender, transact: Entity['transact']) => Entity

/** `table` under `name`, sending with `client`, with its entities renamed alike (by entity name). */
export function renamedTable<T extends Table>(table: T, name: string, client: CommandSender): T {
  const entities = new Map<string, Entity>()
  // The model's own classes (the app may load another copy of sortkey than this module does).
  const copy = new (table.constructor as TableClass)({ ...table.config, name, client }, entities, table.spec.observation) as T
  for (const [entityName, entity] of table.entities) {
    const model: EntityModel = { ...entity.model, table: copy.spec }
    const renamed = new (entity.constructor as EntityClass)(model, client, entity.transact)
    entities.set(entityName, Object.assign(renamed, { ...entity, model, client }))
  }
  return copy
}
