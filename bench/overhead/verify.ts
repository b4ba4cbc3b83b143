// Before anything is timed, each library's operations are run once and checked to read and
// write the same data as the hand-written baseline: the same stored item for put, the same
// items back from get and query, and an update with the same effect (people + 1,
// open_timestamp removed, only while people < 50 on an existing item). Libraries differ in
// placeholder names, clause order, and bookkeeping attributes (entity tags); those are
// normalized away, nothing else is.
import { deepStrictEqual } from 'node:assert/strict'
import type { BenchClient } from './clients.js'
import { game, players, user, type Lib } from './fixtures.js'

type Attrs = Record<string, unknown>

/** Attributes a library keeps for itself: entity tags and versions. */
const BOOKKEEPING = new Set(['_type', '__edb_e__', '__edb_v__', '_et'])
/** The game's key fields: re-setting one to its own value (ElectroDB does) changes nothing. */
const GAME_KEY = { game_id: game.game_id }

export async function verify(mode: string, bench: BenchClient, libs: Record<string, Lib>): Promise<void> {
  const expected: Partial<Record<string, unknown>> = {}
  bench.capture = true
  try {
    for (const [name, lib] of Object.entries(libs)) {
      bench.setLibrary(name)
      const where = (op: string) => `${mode}/${name}/${op}`
      const put = (await lib.put()) as Attrs
      check(where('put'), pick(put, Object.keys(user)), user)
      check(where('get'), clean(await lib.get()), user)
      check(where('query'), ((await lib.query()) as unknown[]).map(clean), players)
      await lib.update()
      if (mode !== 'doc') continue
      // The command inputs, in DocumentClient form.
      const putItem = withoutBookkeeping(bench.sent.put?.Item as Attrs)
      const update = canonicalUpdate(bench.sent.update as Attrs)
      if (name === 'raw') {
        expected.put = putItem
        expected.update = update
      } else {
        check(where('put command'), putItem, expected.put)
        check(where('update command'), update, expected.update)
      }
    }
  } finally {
    bench.capture = false
  }
}

function check(where: string, actual: unknown, expected: unknown): void {
  try {
    deepStrictEqual(actual, expected)
  } catch (error) {
    throw new Error(`bench: ${where} does not give the same data as the others:\n${(error as Error).message}`)
  }
}

function clean(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value
  const out: Attrs = {}
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v
  return out
}

function pick(value: Attrs, keys: string[]): Attrs {
  const out: Attrs = {}
  for (const k of keys) out[k] = value?.[k]
  return out
}

function withoutBookkeeping(item: Attrs): Attrs {
  const out: Attrs = {}
  for (const k of Object.keys(item).sort()) if (!BOOKKEEPING.has(k)) out[k] = item[k]
  return out
}

/** An UpdateItem input as { key, actions, conditions }, with placeholders substituted and bookkeeping dropped. */
export function canonicalUpdate(input: Attrs): { key: unknown; actions: string[]; conditions: string[]; itemMustExist: boolean } {
  const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>
  const values = (input.ExpressionAttributeValues ?? {}) as Attrs
  const substitute = (text: string) =>
    text.replace(/#[A-Za-z0-9_]+/g, (m) => names[m] ?? m).replace(/:[A-Za-z0-9_]+/g, (m) => (m in values ? JSON.stringify(values[m]) : m))
  const actions: string[] = []
  const update = substitute(String(input.UpdateExpression))
  for (const clause of update.split(/\b(?=SET |REMOVE |ADD |DELETE )/)) {
    const [, keyword, body] = /^(SET|REMOVE|ADD|DELETE) (.*)$/s.exec(clause.trim()) ?? []
    if (!keyword || !body) throw new Error(`bench: cannot read update clause '${clause}'`)
    for (const raw of splitTop(body, ',')) {
      const action = raw.trim().replace(/\s+/g, ' ')
      const target = action.split(/[ =]/)[0] as string
      if (BOOKKEEPING.has(target)) continue
      if (keyword === 'SET' && target in GAME_KEY && action === `${target} = ${JSON.stringify(GAME_KEY[target as keyof typeof GAME_KEY])}`) continue
      const sum = /^(\S+) = \1 \+ (.+)$/.exec(action)
      actions.push(keyword === 'SET' && sum ? `ADD ${sum[1]} ${sum[2]}` : `${keyword} ${action}`)
    }
  }
  let itemMustExist = false
  const conditions: string[] = []
  for (const raw of splitTop(substitute(String(input.ConditionExpression ?? '')), ' AND ')) {
    const part = unparen(raw.trim())
    if (/^attribute_exists\((PK|SK|game_id)\)$/.test(part)) itemMustExist = true
    else if (part) conditions.push(part)
  }
  return { key: input.Key, actions: actions.sort(), conditions: conditions.sort(), itemMustExist }
}

function splitTop(text: string, separator: string): string[] {
  const parts: string[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '(') depth++
    else if (c === ')') depth--
    else if (depth === 0 && text.slice(i, i + separator.length).toUpperCase() === separator.toUpperCase()) {
      parts.push(text.slice(start, i))
      start = i + separator.length
      i += separator.length - 1
    }
  }
  parts.push(text.slice(start))
  return parts
}

function unparen(text: string): string {
  while (text.startsWith('(') && text.endsWith(')') && balanced(text.slice(1, -1))) text = text.slice(1, -1).trim()
  return text
}

function balanced(text: string): boolean {
  let depth = 0
  for (const c of text) {
    if (c === '(') depth++
    else if (c === ')' && --depth < 0) return false
  }
  return depth === 0
}
