// renderView: one self-contained HTML page (no network requests: inline style, script and data,
// and a content security policy that forbids anything else) showing the table as NoSQL
// Workbench's aggregate view does: partitions as row groups, sort keys in order, each entity in
// its own colour with a legend, and every index selectable to see the items as it holds them.

import { describeTable, type EntityDescription, type TableDescription } from './describe.js'
import { identifyItems, layoutIndex, type ViewItem } from './layout.js'
import type { IdentifyingTable } from './source.js'
import { VIEW_SCRIPT } from './view-script.js'
import { VIEW_STYLE } from './view-style.js'

type Attrs = Record<string, unknown>

export interface ViewOptions {
  /**
   * Items as stored (DocumentClient JSON, e.g. the lines of a seed file), each identified by its
   * entity attribute or key pattern. Without items the page shows one row of key templates per entity.
   */
  items?: readonly Attrs[]
  /** The page title (default: the table name). */
  title?: string
  /** The index shown first (`'primary'`, the default, for the table). */
  index?: string
}

/** Colours for entities, in definition order (then again); items no entity claims are grey. */
export const ENTITY_COLORS = ['#2563eb', '#ea580c', '#059669', '#9333ea', '#db2777', '#ca8a04', '#0891b2', '#dc2626', '#4f46e5', '#65a30d'] as const
export const UNKNOWN_COLOR = '#6b7280'

/** The data the page's script renders (embedded as JSON). */
export interface ViewData {
  table: string
  title: string
  /** Items are key templates, one per entity, not stored data. */
  patterns: boolean
  entities: { name: string; color: string; attributes: string[] }[]
  /** `[entity position or -1, attributes, why it fails its entity's schema (only when it does)]` */
  items: ([number, Attrs] | [number, Attrs, string])[]
  /** Items that fail their entity's schema. */
  invalid: number
  indexes: {
    name: string
    label: string
    type: 'table' | 'global' | 'local'
    pk: string
    sk: string | null
    /** The key attributes the labels name (several for a multi-attribute key). */
    pkAttrs: string[]
    skAttrs: string[]
    /** Attributes the index projects; null for all. */
    projection: string[] | null
    entities: { entity: number; pk: string; sk: string | null; sparse: boolean; requires: string[] }[]
    /** Item positions per partition, partitions in key order and items in sort-key order. */
    partitions: number[][]
    count: number
  }[]
  initial: number
}

/**
 * The table (and its items, when given) as one self-contained HTML page that makes no network
 * request: items grouped by partition in sort-key order, one colour per entity, and a tab per
 * index showing the items as that index holds them. Nothing is sent. `sortkey view` writes it.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs'
 * import { renderView } from 'sortkey'
 *
 * const items = [{ PK: 'USER#alice', SK: '#METADATA#alice', _type: 'User', username: 'alice' }]
 * writeFileSync('model.html', renderView(table, { items, index: 'InvertedIndex', title: 'battle-royale' }))
 * ```
 */
export function renderView(table: IdentifyingTable, options: ViewOptions = {}): string {
  const data = viewData(table, options)
  const json = JSON.stringify(data, jsonSafe).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(data.title)} — sortkey view</title>`,
    `<style>${VIEW_STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${escapeHtml(data.title)}</h1>`,
    `<nav id="tabs" role="tablist" aria-label="Index"></nav>`,
    '</header>',
    '<main>',
    '<section id="about"><p id="summary"></p><ul id="legend"></ul><table id="patterns"></table></section>',
    '<div id="tools"><label>Partition key contains <input id="filter" type="search" autocomplete="off"></label><span id="shown"></span></div>',
    '<div id="grid-wrap"><table id="grid"></table></div>',
    '</main>',
    `<script type="application/json" id="sortkey-data">${json}</script>`,
    `<script>${VIEW_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n')
}

/** What the page shows, as plain data. */
export function viewData(table: IdentifyingTable, options: ViewOptions = {}): ViewData {
  const d = describeTable(table)
  const entityPosition = new Map(d.entities.map((e, i) => [e.name, i] as const))
  const patterns = options.items === undefined || options.items.length === 0
  const items: ViewItem[] = patterns ? patternItems(d) : identifyItems(table, options.items as readonly Attrs[])
  const tableKeys = [d.partitionKey, d.sortKey].filter((k): k is string => k !== undefined)
  const indexes = d.indexes.map((index) => {
    const layout = layoutIndex(table, index.name, items)
    const keys = [...new Set([...tableKeys, ...index.partitionKeys, ...index.sortKeys])]
    const projection = index.projection === 'ALL' ? null : index.projection === 'KEYS_ONLY' ? keys : [...keys, ...index.projection.include]
    return {
      name: index.name,
      label: index.name === 'primary' ? 'Table' : index.name,
      type: index.type,
      pk: index.partitionKeys.join(' + '),
      sk: index.sortKeys.length > 0 ? index.sortKeys.join(' + ') : null,
      pkAttrs: [...index.partitionKeys],
      skAttrs: [...index.sortKeys],
      projection,
      entities: index.entities.map((e) => ({
        entity: entityPosition.get(e.entity) as number,
        pk: e.partitionKeys.map((key) => key.template).join(' + '),
        sk: e.sortKeys.length > 0 ? e.sortKeys.map((key) => key.template).join(' + ') : null,
        sparse: e.sparse,
        requires: [...e.requires],
      })),
      partitions: layout.partitions.map((p) => [...p.items]),
      count: layout.count,
    }
  })
  const initial = Math.max(0, indexes.findIndex((i) => i.name === (options.index ?? 'primary')))
  if (options.index !== undefined && !indexes.some((i) => i.name === options.index)) {
    throw new Error(`table ${d.name} has no index ${options.index} (indexes: ${indexes.map((i) => i.name).join(', ')})`)
  }
  return {
    table: d.name,
    title: options.title ?? d.name,
    patterns,
    entities: d.entities.map((e, i) => ({ name: e.name, color: ENTITY_COLORS[i % ENTITY_COLORS.length] as string, attributes: e.attributes.map((a) => a.name) })),
    items: items.map(({ entity, item, problem }) => {
      const position = entity === undefined ? -1 : (entityPosition.get(entity) ?? -1)
      return problem === undefined ? [position, item] : [position, item, problem]
    }),
    invalid: items.filter((i) => i.problem !== undefined).length,
    indexes,
    initial,
  }
}

/** One item per entity whose key attributes hold the key templates and whose fields hold their types. */
function patternItems(d: TableDescription): ViewItem[] {
  return d.entities.map((entity: EntityDescription) => {
    const item: Attrs = {}
    const plainKeys = new Set<string>()
    for (const index of d.indexes) {
      for (const e of index.entities) {
        if (e.entity !== entity.name) continue
        for (const key of [...e.partitionKeys, ...e.sortKeys]) if (key.plain) plainKeys.add(key.attribute)
      }
    }
    for (const attribute of entity.attributes) {
      if (attribute.kind === 'key') item[attribute.name] = attribute.template
      else if (attribute.kind === 'entity') item[attribute.name] = entity.name
      else item[attribute.name] = plainKeys.has(attribute.name) ? `{${attribute.name}}` : `‹${attribute.type}${attribute.optional ? '?' : ''}›`
    }
    return { entity: entity.name, item }
  })
}

function jsonSafe(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Set) return [...(value as Set<unknown>)]
  if (value instanceof Uint8Array) return `<${value.length} bytes>`
  return value
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
}
