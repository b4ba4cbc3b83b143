// The index registry: one per table, built from its definition, holding for the table's own key
// ('primary') and each secondary index its kind, key attributes, projection and the entities it
// holds with their key templates. Reads ask it about an index instead of special-casing
// 'primary'; entities join the indexes that hold them when the table declares them.

import type { EntityModel, IndexEntry, IndexMember, IndexRegistry } from '../entity/model.js'
import type { IndexDefinition, IndexKeyAttributes } from './definition.js'

interface TableKeys {
  readonly partitionKey: string
  readonly sortKey?: string | undefined
  readonly indexes?: Readonly<Record<string, IndexDefinition>> | undefined
}

class Entry implements IndexEntry {
  readonly members = new Map<string, IndexMember>()
  constructor(
    readonly name: string,
    readonly indexName: string | undefined,
    readonly kind: IndexEntry['kind'],
    readonly partitionKey: readonly string[],
    readonly sortKey: readonly string[],
    readonly keyAttributes: readonly string[],
    readonly projection: IndexEntry['projection'],
  ) {}
}

export class TableIndexes implements IndexRegistry {
  readonly entries: readonly Entry[]
  readonly #byName: ReadonlyMap<string, Entry>

  constructor(config: TableKeys) {
    const tableKeys = list(config.partitionKey, config.sortKey)
    const entries = [new Entry('primary', undefined, 'table', [config.partitionKey], list(config.sortKey), tableKeys, 'ALL')]
    for (const [name, index] of Object.entries(config.indexes ?? {})) {
      const pk = keyList(index.partitionKey)
      const sk = keyList(index.sortKey)
      entries.push(new Entry(name, name, index.type === 'local' ? 'local' : 'global', pk, sk, unique([...tableKeys, ...pk, ...sk]), index.projection ?? 'ALL'))
    }
    this.entries = entries
    this.#byName = new Map(entries.map((entry) => [entry.name, entry]))
  }

  get(name: string): IndexEntry | undefined {
    return this.#byName.get(name)
  }

  /** Records the indexes that hold a newly declared entity. */
  add(model: EntityModel): void {
    for (const [name, keys] of model.byIndex) this.#byName.get(name)?.members.set(model.name, { model, keys })
  }
}

/** An index key as declared (one attribute or a list of them) as the list of its attributes, in order. */
export function keyList(key: IndexKeyAttributes | undefined): string[] {
  return key === undefined ? [] : typeof key === 'string' ? [key] : [...key]
}

function list(...names: (string | undefined)[]): string[] {
  return names.filter((name): name is string => name !== undefined)
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)]
}
