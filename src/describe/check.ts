// checkTable: on every index, every pair of entities whose key patterns can match the same stored
// key (a collision), and every entity whose queries also read another entity's items because its
// sort key has no literal prefix, or a prefix another entity's sort keys can start with (forced
// filtering). Exact: it uses the same automata as the definition's collision check.

import { overlapWitness, type KeyRules } from '../keys/index.js'
import type { EntityModel, IndexModel, KeyAttribute } from '../entity/model.js'
import { sharedByDesign } from '../table/collisions.js'
import { keyStartingWith } from './prefix.js'
import { entityIndex, indexLabel, indexNames, type DescribableTable } from './source.js'

export interface CheckProblem {
  /** `'collision'`: both can store the same key; `'filter'`: the first entity's queries read the second's items. */
  readonly kind: 'collision' | 'filter'
  /** `'primary'` for the table's own key, else the index name. */
  readonly index: string
  readonly entities: readonly [string, string]
  readonly message: string
  /** A stored key (attribute → value) both patterns can match. */
  readonly example: Readonly<Record<string, string>>
}

export interface CheckNote {
  readonly index: string
  readonly entities: readonly string[]
  readonly message: string
}

export interface CheckReport {
  readonly table: string
  /** No problems. */
  readonly ok: boolean
  readonly problems: readonly CheckProblem[]
  /** Things that are fine but worth knowing: shared partitions kept apart by prefixes, bare sort keys alone in their partitions. */
  readonly notes: readonly CheckNote[]
  /** Every index checked, `'primary'` first. */
  readonly indexes: readonly string[]
  readonly entities: number
}

const ANY = '(any value)'

/**
 * Checks every index of the table (its own key included) for key patterns of two entities that
 * can match one stored key (problems), and for entity queries that must read and filter out
 * another entity's items (problems), with an example key for each; notes say which entities share
 * partitions safely. Nothing is sent. `sortkey check` prints it and exits 1 on a problem.
 *
 * @example
 * ```ts
 * import { checkTable } from 'sortkey'
 *
 * const report = checkTable(table)
 * if (!report.ok) for (const problem of report.problems) console.error(problem.message)
 * ```
 */
export function checkTable(table: DescribableTable): CheckReport {
  const rules = table.spec.rules
  const problems: CheckProblem[] = []
  const notes: CheckNote[] = []
  const indexes = indexNames(table)
  for (const name of indexes) {
    const on = table.models.map((model) => ({ model, index: entityIndex(model, name) })).filter((e): e is { model: EntityModel; index: IndexModel } => !!e.index)
    const shares = new Set<string>()
    for (let i = 0; i < on.length; i++) {
      for (let j = i + 1; j < on.length; j++) {
        const a = on[i] as { model: EntityModel; index: IndexModel }
        const b = on[j] as { model: EntityModel; index: IndexModel }
        if (sharedByDesign(a.index, b.index)) {
          shares.add(a.model.name).add(b.model.name)
          notes.push(sharedByAttributes(table, name, a, b))
          continue
        }
        const pk = witness(a.index.pk, b.index.pk, rules)
        if (pk === undefined) continue
        shares.add(a.model.name).add(b.model.name)
        const pkExample = { [a.index.pk.attribute]: pk }
        if (!a.index.sk || !b.index.sk) {
          problems.push(collision(name, a, b, pkExample))
          continue
        }
        const sk = witness(a.index.sk, b.index.sk, rules)
        if (sk !== undefined) {
          problems.push(collision(name, a, b, { ...pkExample, [a.index.sk.attribute]: sk }))
          continue
        }
        const ab = readsOther(a, b, rules)
        const ba = readsOther(b, a, rules)
        if (ab !== undefined) problems.push(filtering(table, name, a, b, pkExample, ab))
        if (ba !== undefined) problems.push(filtering(table, name, b, a, pkExample, ba))
        if (ab === undefined && ba === undefined) {
          notes.push({
            index: name,
            entities: [a.model.name, b.model.name],
            message:
              `${a.model.name} and ${b.model.name} share partitions on ${indexLabel(name)} (${partitions(a.index.pk, b.index.pk)}, e.g. ${show(pkExample)}); ` +
              `their sort-key prefixes ${quote(prefixOf(a.index.sk))} and ${quote(prefixOf(b.index.sk))} keep each one's queries to its own items.`,
          })
        }
      }
    }
    if (on.length < 2) continue
    for (const { model, index } of on) {
      if (!index.sk || prefixOf(index.sk) !== '' || shares.has(model.name)) continue
      notes.push({
        index: name,
        entities: [model.name],
        message:
          `${model.name}'s sort key ${pattern(index.sk)} on ${indexLabel(name)} has no literal prefix: fine while no other entity shares its partitions ` +
          `(${pattern(index.pk)}), as none does now.`,
      })
    }
  }
  return { table: table.name, ok: problems.length === 0, problems, notes, indexes, entities: table.models.length }
}

/** The report as lines of text, for the command line. */
export function checkText(report: CheckReport): string[] {
  const indexes = report.indexes.map((n) => (n === 'primary' ? 'table' : n)).join(', ')
  const lines = [`${report.table}: ${report.entities} entit${report.entities === 1 ? 'y' : 'ies'} on ${report.indexes.length} index${report.indexes.length === 1 ? '' : 'es'} (${indexes})`]
  for (const problem of report.problems) lines.push(`${problem.kind === 'collision' ? 'collision' : 'filtering'} on ${indexLabel(problem.index)}: ${problem.message}`)
  for (const note of report.notes) lines.push(`note: ${note.message}`)
  lines.push(
    report.ok
      ? 'ok: no two key patterns can match the same stored key, and no query reads another entity\'s items'
      : `${report.problems.length} problem${report.problems.length === 1 ? '' : 's'} found`,
  )
  return lines
}

type OnIndex = { model: EntityModel; index: IndexModel }

/** A key both can produce (JSON-quoted), `(any value)` for a plain attribute, or undefined. */
function witness(a: KeyAttribute, b: KeyAttribute, rules: KeyRules): string | undefined {
  if (a.plain || b.plain) return ANY
  const key = overlapWitness(a.template, b.template, rules)
  return key === undefined ? undefined : key
}

function prefixOf(key: KeyAttribute): string {
  return key.plain ? '' : key.template.prefix
}

/** A sort key of `other` that `reader`'s whole-partition query (begins_with its literal prefix) also reads. */
function readsOther(reader: OnIndex, other: OnIndex, rules: KeyRules): string | undefined {
  const readerSk = reader.index.sk as KeyAttribute
  const otherSk = other.index.sk as KeyAttribute
  if (otherSk.plain) return ANY
  return keyStartingWith(otherSk.template, prefixOf(readerSk), rules)
}

function collision(index: string, a: OnIndex, b: OnIndex, example: Record<string, string>): CheckProblem {
  return {
    kind: 'collision',
    index,
    entities: [a.model.name, b.model.name],
    message:
      `${a.model.name} ${patterns(a.index)} and ${b.model.name} ${patterns(b.index)} can store the same key (${show(example)}). ` +
      `Give one of them a distinct literal, e.g. a different prefix.`,
    example,
  }
}

/** Two entities on an index keyed by their own attributes: shared by design, each one's reads filter out the other's items. */
function sharedByAttributes(table: DescribableTable, index: string, a: OnIndex, b: OnIndex): CheckNote {
  const attribute = table.spec.entityAttribute
  const how = attribute ? `filtered out on ${attribute}` : 'skipped by the table key templates'
  return {
    index,
    entities: [a.model.name, b.model.name],
    message:
      `${a.model.name} and ${b.model.name} share ${indexLabel(index)}, keyed by their own attributes (${keyNames(a.index)}): ` +
      `each one's queries there also read the other's items with the same key values, which are ${how}.`,
  }
}

function keyNames(index: IndexModel): string {
  const names = (keys: readonly KeyAttribute[]) => keys.map((key) => key.attribute).join(' + ')
  return index.sort.length > 0 ? `${names(index.partition)} / ${names(index.sort)}` : names(index.partition)
}

function filtering(table: DescribableTable, index: string, reader: OnIndex, other: OnIndex, pkExample: Record<string, string>, sk: string): CheckProblem {
  const readerSk = reader.index.sk as KeyAttribute
  const otherSk = other.index.sk as KeyAttribute
  const prefix = prefixOf(readerSk)
  const example = { ...pkExample, [readerSk.attribute]: sk }
  const why =
    prefix === ''
      ? `${reader.model.name}'s sort key ${pattern(readerSk)} has no literal prefix, so its queries on ${indexLabel(index)} read whole partitions`
      : `${reader.model.name}'s queries on ${indexLabel(index)} narrow to begins_with(${readerSk.attribute}, ${quote(prefix)}), which ${other.model.name}'s sort keys ${pattern(otherSk)} can start with`
  const attribute = table.spec.entityAttribute
  const cost = attribute
    ? `${other.model.name}'s items there are read and then filtered out on ${attribute}`
    : `${other.model.name}'s items there are read and then skipped by key-pattern checks`
  return {
    kind: 'filter',
    index,
    entities: [reader.model.name, other.model.name],
    message:
      `${why}, and ${other.model.name} shares those partitions (${partitions(reader.index.pk, other.index.pk)}, e.g. ${show(example)}): ${cost}. ` +
      `Give ${reader.model.name} a literal sort-key prefix that ${other.model.name}'s sort keys cannot start with, or partitions of its own.`,
    example,
  }
}

function pattern(key: KeyAttribute): string {
  return `${key.attribute} ${quote(key.template.source)}`
}

/** `PK 'GAME#{game_id}'`, or `PK 'A#{a}' and 'B#{b}'` when the templates differ. */
function partitions(a: KeyAttribute, b: KeyAttribute): string {
  return a.template.source === b.template.source ? pattern(a) : `${pattern(a)} and ${quote(b.template.source)}`
}

function patterns(index: IndexModel): string {
  return `(${pattern(index.pk)}${index.sk ? `, ${pattern(index.sk)}` : ''})`
}

function quote(text: string): string {
  return `'${text}'`
}

function show(example: Readonly<Record<string, string>>): string {
  return Object.entries(example)
    .map(([attribute, value]) => `${attribute}=${value === ANY ? ANY : JSON.stringify(value)}`)
    .join(', ')
}
