// A table description as Markdown: the access-pattern table (one row per entity and index) and
// the attributes each entity stores.

import type { EntityDescription, IndexDescription, IndexEntityDescription, KeyDescription, TableDescription } from './describe.js'

/**
 * A description as Markdown: a line about the table, the access-pattern table (entity, index,
 * partition key, sort key, sparse, the query that reads it) and each entity's attributes. This is
 * what `sortkey describe` prints.
 *
 * @example
 * ```ts
 * import { describeMarkdown, describeTable } from 'sortkey'
 *
 * console.log(describeMarkdown(describeTable(table)))
 * ```
 */
export function describeMarkdown(description: TableDescription): string {
  const d = description
  const keys = `\`${d.partitionKey}\`${d.sortKey ? ` / \`${d.sortKey}\`` : ''}`
  const told = d.entityAttribute ? `entity attribute \`${d.entityAttribute}\`` : 'no entity attribute (entities told apart by key patterns)'
  const lines = [`**Table \`${d.name}\`**: keys ${keys}; ${told}; key delimiter \`${d.delimiter}\`.`, '']
  lines.push(...accessPatterns(d), '')
  lines.push(...attributes(d.entities))
  return lines.join('\n')
}

/** The access-pattern table alone. */
export function accessPatterns(d: TableDescription): string[] {
  const rows: string[][] = []
  for (const index of d.indexes) {
    for (const entry of index.entities) {
      rows.push([
        entry.entity,
        indexName(index),
        entry.partitionKeys.map(keyCell).join(' + '),
        entry.sortKeys.length > 0 ? entry.sortKeys.map(keyCell).join(' + ') : '—',
        sparseCell(entry),
        code(queryCall(entry, index)),
      ])
    }
  }
  return table(['entity', 'index', 'partition key', 'sort key', 'sparse', 'query'], rows)
}

function attributes(entities: readonly EntityDescription[]): string[] {
  const rows = entities.map((e) => {
    const stored = e.attributes.map((a) => `${code(a.name + (a.optional ? '?' : ''))} ${a.type}`).join(', ')
    const notes: string[] = []
    if (e.keyOnly.length) notes.push(`key-only (recovered from the key): ${e.keyOnly.map(code).join(', ')}`)
    if (e.timestamps) notes.push(`timestamps ${code(e.timestamps.createdAt)} / ${code(e.timestamps.updatedAt)}`)
    if (e.version) notes.push(`version ${code(e.version)}`)
    if (e.ttl) notes.push(`TTL ${code(e.ttl)}`)
    if (e.unique.length) notes.push(`unique ${e.unique.map(code).join(', ')}`)
    return [e.name, stored, notes.join('; ') || '—']
  })
  return table(['entity', 'stored attributes (`?` optional)', 'notes'], rows)
}

function indexName(index: IndexDescription): string {
  if (index.name === 'primary') return 'table'
  const extras = [index.type === 'local' ? 'local' : '', index.projection === 'ALL' ? '' : index.projection === 'KEYS_ONLY' ? 'keys only' : 'include']
  const extra = extras.filter(Boolean).join(', ')
  return `${index.name}${extra ? ` (${extra})` : ''}`
}

function keyCell(key: KeyDescription): string {
  return `${key.attribute} = ${code(key.template)}`
}

function sparseCell(entry: IndexEntityDescription): string {
  return entry.sparse ? `yes: needs ${entry.requires.map(code).join(', ')}` : 'no'
}

/** `Game.query.OpenGamesIndex({ map })` */
function queryCall(entry: IndexEntityDescription, index: IndexDescription): string {
  const fields = [...new Set(entry.partitionKeys.flatMap((key) => key.fields))].map((f) => (IDENTIFIER.test(f) ? f : `'${f}': …`))
  const method = IDENTIFIER.test(index.name) ? `.${index.name}` : `['${index.name}']`
  return `${entry.entity}.query${method}(${fields.length ? `{ ${fields.join(', ')} }` : '{}'})`
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

function code(text: string): string {
  const ticks = text.includes('`') ? '``' : '`'
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : ''
  return `${ticks}${pad}${text.replace(/\|/g, '\\|')}${pad}${ticks}`
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const line = (cells: readonly string[]) => `| ${cells.map((c) => c.replace(/\n/g, ' ')).join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)]
}
