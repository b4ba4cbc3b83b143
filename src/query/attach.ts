// Gives an entity its reads: `Entity.query.<index>(key)` and `Entity.scan(options)`. The table
// calls `withReads` on each entity it declares, which makes the entity an instance of a
// subclass of its own class that adds the reads (its fields, private ones included, stay as
// they are). `withClient` builds its copy through `this.constructor`, so copies keep the reads
// and read with their own client.

import type { Entity } from '../entity/entity.js'
import { EntityQuery } from './entity-query.js'
import { ValidationError } from '../errors.js'
import { EntityScan, type ScanOptions } from './entity-scan.js'
import { indexPlan } from './plan.js'

type Attrs = Record<string, unknown>
type EntityClass = abstract new (...args: never[]) => Entity

const readable = new WeakMap<EntityClass, EntityClass>()

/** Makes `entity` one with `query` and `scan`, and returns it. */
export function withReads<E extends Entity>(entity: E): E {
  const base = (Object.getPrototypeOf(entity) as { constructor: EntityClass }).constructor
  let subclass = readable.get(base)
  if (!subclass) {
    subclass = readableClass(base)
    readable.set(base, subclass)
    readable.set(subclass, subclass)
  }
  if (Object.getPrototypeOf(entity) !== subclass.prototype) Object.setPrototypeOf(entity, subclass.prototype)
  return entity
}

function readableClass(base: EntityClass): EntityClass {
  abstract class Readable extends base {
    /** One query function per index that holds the entity, and `primary`. */
    get query(): Readonly<Record<string, (key: Attrs) => EntityQuery<unknown>>> {
      const queries = entityQueries(this)
      // Cached on the object itself, not enumerable, so copies (withClient) build their own.
      Object.defineProperty(this, 'query', { value: queries, configurable: true, enumerable: false, writable: false })
      return queries
    }

    scan(options?: ScanOptions): EntityScan<unknown> {
      return new EntityScan(this, options)
    }
  }
  return Readable
}

function entityQueries(entity: Entity): Readonly<Record<string, (key: Attrs) => EntityQuery<unknown>>> {
  const queries: Record<string, (key: Attrs) => EntityQuery<unknown>> = {}
  for (const name of entity.model.byIndex.keys()) {
    const plan = indexPlan(entity.model, name)
    queries[name] = (key: Attrs) => new EntityQuery(entity, plan, key)
  }
  // An index of the table that does not hold the entity: say why instead of "not a function".
  for (const { name } of entity.model.table.registry.entries) {
    if (queries[name]) continue
    queries[name] = () => {
      throw new ValidationError(entity.model.name, 'query', [
        { path: [name], message: `index ${name} does not hold ${entity.model.name} items (no template for its keys, or they are key-only or missing fields)` },
      ])
    }
  }
  return Object.freeze(queries)
}
