// Property: a query's key condition never matches a key outside the key it was given.
//
// fast-check generates a sort-key template, the fields the key input fixes, and a condition
// (every operator; key-object bounds over any fields, contradicting ones included; raw string
// bounds), with values made of awkward units ('#', '%', NUL, U+FFFD, U+10000, U+10FFFF, ...), in
// both keyValues modes. The compiled KeyConditionExpression is then evaluated, with an evaluator
// written here on UTF-8 bytes (DynamoDB's order, independent of the library's comparison), against
// the stored keys of generated items: no item whose fixed fields differ may match, and no string
// outside the fixed prefix may match. Reads that are refused (a typed error) are fine.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { defineTable, KeyValueError, SortkeyError } from '../../../src/index.js'
import { formatPartialKey, parseTemplate } from '../../../src/keys/index.js'

const RUNS = 400
const ITEMS = 30

const unit = fc.constantFrom('a', 'b', 'l', ' ', '#', '%', '%23', '0', '\u0000', '\u0001', 'é', '\uFFFD', '\u{10000}', '\u{10FFFF}', '$', '"')
const value = fc.string({ unit, minLength: 1, maxLength: 4 })

// Sort templates over fields f0..f2: a literal prefix (or none), literals holding the delimiter between fields, an optional tail.
const templateArb = fc
  .record({
    prefix: fc.constantFrom('', 'USER#', 'A', 'DOC#'),
    count: fc.integer({ min: 1, max: 3 }),
    between: fc.constantFrom('#', '#DOC#', '#x'),
    tail: fc.constantFrom('', '#', '#END'),
  })
  .map(({ prefix, count, between, tail }) => {
    const fields = Array.from({ length: count }, (_, i) => `f${i}`)
    return { source: prefix + fields.map((f) => `{${f}}`).join(between) + tail, fields }
  })

type Bound = string | Record<string, string | undefined>
const op = fc.constantFrom('none', 'gt', 'gte', 'lt', 'lte', 'between', 'beginsWith')

interface Case {
  source: string
  fields: string[]
  keyValues: 'refuse' | 'escape'
  implied: boolean
  fixedCount: number
  fixed: Record<string, string>
  op: string
  bounds: Bound[]
  items: Record<string, string>[]
  strays: string[]
}

const caseArb: fc.Arbitrary<Case> = templateArb.chain(({ source, fields }) => {
  const valuesArb = fc.record(Object.fromEntries(fields.map((f) => [f, value])) as Record<string, fc.Arbitrary<string>>)
  const boundArb: fc.Arbitrary<Bound> = fc.oneof(
    value.map((v) => 'USER#' + v),
    value,
    fc.record(Object.fromEntries(fields.map((f) => [f, fc.option(value, { nil: undefined })])) as Record<string, fc.Arbitrary<string | undefined>>),
    fc.constant({}),
  )
  return fc.record({
    source: fc.constant(source),
    fields: fc.constant(fields),
    keyValues: fc.constantFrom('refuse' as const, 'escape' as const),
    implied: fc.boolean(),
    fixedCount: fc.integer({ min: 0, max: fields.length }),
    fixed: valuesArb,
    op,
    bounds: fc.array(boundArb, { minLength: 2, maxLength: 2 }),
    items: fc.array(valuesArb, { minLength: ITEMS, maxLength: ITEMS }),
    strays: fc.array(fc.string({ unit, maxLength: 12 }), { minLength: 10, maxLength: 10 }),
  })
})

// ---- an evaluator of DynamoDB's sort-key tests, on UTF-8 bytes --------------------------------

const bytes = (s: string) => Buffer.from(s, 'utf8')
const cmp = (a: string, b: string) => Buffer.compare(bytes(a), bytes(b))

function sortTest(params: { KeyConditionExpression?: string; ExpressionAttributeValues?: Record<string, unknown> }): (key: string) => boolean {
  const expression = params.KeyConditionExpression as string
  const values = params.ExpressionAttributeValues ?? {}
  const sort = expression.split(' AND ').slice(1).join(' AND ')
  if (sort === '') return () => true
  const v = (name: string) => values[name] as string
  let m = /^begins_with\(#n\d+, (:v\d+)\)$/.exec(sort)
  if (m) return (key) => bytes(key).subarray(0, bytes(v(m![1]!)).length).equals(bytes(v(m![1]!)))
  m = /^#n\d+ BETWEEN (:v\d+) AND (:v\d+)$/.exec(sort)
  if (m) return (key) => cmp(key, v(m![1]!)) >= 0 && cmp(key, v(m![2]!)) <= 0
  m = /^#n\d+ (=|<|<=|>|>=) (:v\d+)$/.exec(sort)
  if (m) {
    const [, operator, name] = m
    const test = { '=': (c: number) => c === 0, '<': (c: number) => c < 0, '<=': (c: number) => c <= 0, '>': (c: number) => c > 0, '>=': (c: number) => c >= 0 }[operator!]!
    return (key) => test(cmp(key, v(name!)))
  }
  throw new Error(`unexpected key condition ${expression}`)
}

function run(c: Case): void {
  const table = defineTable({ name: 'property', partitionKey: 'PK', sortKey: 'SK', keyValues: c.keyValues })
  // With `implied`, the last sort field is also in the partition key (fixed by the partition, not leading).
  const last = c.fields[c.fields.length - 1] as string
  const pkFields = c.implied ? ['org', last] : ['org']
  const shape = Object.fromEntries([...pkFields, ...c.fields].map((f) => [f, z.string()]))
  const Doc = table.entity('Doc', { schema: z.object(shape), key: { pk: pkFields.map((f) => `{${f}}`).join('#P#'), sk: c.source } })

  const fixedFields = c.fields.slice(0, c.fixedCount)
  const key: Record<string, string> = { org: 'o' }
  for (const f of fixedFields) key[f] = c.fixed[f] as string
  if (c.implied) key[last] = c.fixed[last] as string
  const allFixed = c.implied && !fixedFields.includes(last) ? [...fixedFields, last] : fixedFields

  let query = Doc.query.primary(key as never) as unknown as Record<string, (...a: unknown[]) => unknown> & { params(): Record<string, unknown> }
  let params: Record<string, unknown>
  try {
    if (c.op !== 'none') query = query[c.op]!(...(c.op === 'between' ? c.bounds : [c.bounds[0]])) as typeof query
    params = query.params()
  } catch (error) {
    if (error instanceof SortkeyError) return // refused before sending: nothing can leak
    throw error
  }
  const matches = sortTest(params as never)

  // 1. No stored item of another fixed value tuple matches.
  for (const values of c.items) {
    const item = { ...values, org: 'o' } as Record<string, string>
    // items of the same partition: the partition fields are the query's
    if (c.implied) item[last] = c.fixed[last] as string
    let stored: string
    try {
      stored = (Doc.key(item as never) as { SK: string }).SK
    } catch (error) {
      if (error instanceof KeyValueError) continue
      throw error
    }
    const same = allFixed.every((f) => item[f] === c.fixed[f])
    if (!same) expect(matches(stored), `${c.source} ${JSON.stringify(key)} ${c.op} matched ${JSON.stringify(stored)}`).toBe(false)
  }

  // 2. No string outside the fixed prefix matches.
  const template = parseTemplate(c.source, '#')
  const scopeValues: Record<string, string> = {}
  for (const f of fixedFields) scopeValues[f] = c.fixed[f] as string
  const scope = formatPartialKey(template, scopeValues, { delimiter: '#', keyValues: c.keyValues })
  const prefix = scope.key
  for (const stray of [...c.strays, ...c.strays.map((s) => prefix.slice(0, -1) + s), prefix.slice(0, -1), prefix + '\u0000']) {
    const inside = scope.complete ? stray === prefix : stray.startsWith(prefix)
    if (!inside) expect(matches(stray), `${c.source} ${JSON.stringify(key)} ${c.op} matched stray ${JSON.stringify(stray)}`).toBe(false)
  }
}

describe('a key condition never matches a key outside the key the query was given', () => {
  test(`over generated templates, fixed fields and conditions (${RUNS} runs × ${ITEMS} items)`, () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        run(c)
      }),
      { numRuns: RUNS },
    )
  }, 60_000)

  test('the audit’s cases are among them', () => {
    const base: Omit<Case, 'op' | 'bounds'> = {
      source: 'USER#{f0}#DOC#{f1}',
      fields: ['f0', 'f1'],
      keyValues: 'refuse',
      implied: false,
      fixedCount: 1,
      fixed: { f0: 'al', f1: 'x' },
      items: ['ak', 'al ', 'alice', 'am', 'al'].flatMap((f0) => ['a', 'b', 'c'].map((f1) => ({ f0, f1 }))),
      strays: [],
    }
    for (const [op, bounds] of [
      ['gt', [{ f1: 'b' }]],
      ['lt', [{ f1: 'b' }]],
      ['lte', [{ f1: 'b' }]],
      ['beginsWith', [{}]],
      ['beginsWith', [{ f0: 'al', f1: undefined }]],
    ] as const) {
      run({ ...base, op, bounds: [...bounds, {}] as Bound[] })
    }
  })
})
