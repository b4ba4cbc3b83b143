// Property tests: whatever the attribute names and values are, they never change the
// structure of an expression. They live only in the names / values maps.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as op from '../../../src/expressions/operators.js'
import { compileCondition, compileUpdate, createContext, type UpdateSpec } from '../../../src/expressions/index.js'

const SLOTS = 6

/** Names that are not combinators and not array-index-like ('2' would be ordered first by JS). */
const nameArb = fc
  .oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
    fc.string({ unit: fc.constantFrom('#', ':', '.', '[', ']', ' ', '(', ')', '-', '$', 'a', '0', 'é', '名'), minLength: 1, maxLength: 8 }),
    fc.constantFrom('__proto__', 'constructor', 'map', 'size', 'AND', 'OR', 'NOT', '#n0', ':v0', 'a.b', 'x[0]', 'Status#Date', 'Sharded-GSI-PK', ' ', '(', ')'),
  )
  .filter((n) => n !== '$and' && n !== '$or' && n !== '$not' && !/^(0|[1-9]\d*)$/.test(n))

const namesArb = fc.uniqueArray(nameArb, { minLength: SLOTS, maxLength: SLOTS })

const valueArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.constantFrom('', '#n0', ':v1', ') OR (', 'a AND b', 'size(x)'),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.uniqueArray(fc.string(), { minLength: 1, maxLength: 3 }).map((a) => new Set(a)),
)
const valuesArb = fc.array(valueArb, { minLength: 1, maxLength: 20 })

const COMPARE = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'between', 'oneOf'] as const
const OPS = [...COMPARE, 'beginsWith', 'contains', 'exists', 'notExists', 'attributeType', 'size'] as const
type Op = (typeof OPS)[number]

interface FieldShape {
  slot: number
  /** undefined: a bare value (equality) */
  op: Op | undefined
  sizeOp: (typeof COMPARE)[number]
  inCount: number
  type: string
}
interface Shape {
  fields: FieldShape[]
  and?: Shape[] | undefined
  or?: Shape[] | undefined
  not?: Shape | undefined
}

const fieldArb: fc.Arbitrary<FieldShape> = fc.record({
  slot: fc.nat({ max: SLOTS - 1 }),
  op: fc.option(fc.constantFrom(...OPS), { nil: undefined }),
  sizeOp: fc.constantFrom(...COMPARE),
  inCount: fc.integer({ min: 1, max: 4 }),
  type: fc.constantFrom('S', 'SS', 'N', 'NS', 'B', 'BS', 'BOOL', 'NULL', 'L', 'M'),
})

function shapeArb(depth: number): fc.Arbitrary<Shape> {
  const fields = fc.uniqueArray(fieldArb, { minLength: 1, maxLength: 3, selector: (f) => f.slot })
  if (depth === 0) return fc.record({ fields })
  const sub = shapeArb(depth - 1)
  return fc.record({
    fields,
    and: fc.option(fc.array(sub, { minLength: 1, maxLength: 2 }), { nil: undefined }),
    or: fc.option(fc.array(sub, { minLength: 1, maxLength: 3 }), { nil: undefined }),
    not: fc.option(sub, { nil: undefined }),
  })
}

/** Builds the condition object and records the names and values it uses, in compile order. */
class Builder {
  readonly usedNames = new Set<string>()
  readonly usedValues: unknown[] = []
  private next = 0
  constructor(
    private readonly names: readonly string[],
    private readonly values: readonly unknown[],
  ) {}

  private take(): unknown {
    const value = this.values[this.next++ % this.values.length]
    this.usedValues.push(value)
    return value
  }

  private comparison(kind: (typeof COMPARE)[number], inCount: number): op.Comparison<unknown> {
    if (kind === 'between') return op.between(this.take(), this.take())
    if (kind === 'oneOf') return op.oneOf(Array.from({ length: inCount }, () => this.take()))
    return op[kind](this.take())
  }

  build(shape: Shape): Record<string, unknown> {
    const condition: Record<string, unknown> = {}
    for (const field of shape.fields) {
      const name = this.names[field.slot] as string
      this.usedNames.add(name)
      let value: unknown
      if (field.op === undefined) value = this.take()
      else if (field.op === 'exists') value = op.exists()
      else if (field.op === 'notExists') value = op.notExists()
      else if (field.op === 'attributeType') value = op.attributeType(this.record(field.type) as 'S')
      else if (field.op === 'size') value = op.size(this.comparison(field.sizeOp, field.inCount) as op.Comparison<number>)
      else if (field.op === 'beginsWith') value = op.beginsWith(this.take() as string)
      else if (field.op === 'contains') value = op.contains(this.take())
      else value = this.comparison(field.op, field.inCount)
      Object.defineProperty(condition, name, { value, enumerable: true, writable: true, configurable: true })
    }
    if (shape.and) condition.$and = shape.and.map((s) => this.build(s))
    if (shape.or) condition.$or = shape.or.map((s) => this.build(s))
    if (shape.not) condition.$not = this.build(shape.not)
    return condition
  }

  private record(value: unknown): unknown {
    this.usedValues.push(value)
    return value
  }
}

const CONDITION_WORDS = new Set(['AND', 'OR', 'NOT', 'BETWEEN', 'IN', 'begins_with', 'contains', 'attribute_exists', 'attribute_not_exists', 'attribute_type', 'size'])
const UPDATE_WORDS = new Set(['SET', 'REMOVE', 'ADD', 'DELETE', 'if_not_exists', 'list_append'])
const PLACEHOLDER = /#n\d+|:v\d+/g

/** What is left of an expression once placeholders are taken out: only keywords and punctuation. */
function expectOnlyGrammar(expression: string, words: ReadonlySet<string>): void {
  const rest = expression.replace(PLACEHOLDER, ' ')
  expect(rest).toMatch(/^[A-Za-z_ (),=<>\-]*$/)
  expect(rest.split(/[ (),=<>\-]+/).filter((w) => w.length > 0 && !words.has(w))).toEqual([])
}

function compileWith(shape: Shape, names: readonly string[], values: readonly unknown[]) {
  const builder = new Builder(names, values)
  const condition = builder.build(shape)
  const ctx = createContext({ literalNames: new Set(names) })
  const expression = compileCondition(condition, ctx)
  return { expression, names: ctx.names, values: ctx.values, builder }
}

describe('properties', () => {
  it('names and values never change the structure of a condition', () => {
    fc.assert(
      fc.property(shapeArb(3), namesArb, valuesArb, namesArb, valuesArb, (shape, namesA, valuesA, namesB, valuesB) => {
        const a = compileWith(shape, namesA, valuesA)
        const b = compileWith(shape, namesB, valuesB)
        expect(a.expression).toBe(b.expression)
        expectOnlyGrammar(a.expression, CONDITION_WORDS)
        for (const run of [a, b]) {
          expect(Object.keys(run.names).every((k) => /^#n\d+$/.test(k))).toBe(true)
          expect(new Set(Object.values(run.names))).toEqual(run.builder.usedNames)
          expect(Object.values(run.names)).toHaveLength(run.builder.usedNames.size)
          expect(Object.keys(run.values)).toEqual(run.builder.usedValues.map((_, i) => `:v${i}`))
          expect(Object.values(run.values)).toEqual(run.builder.usedValues)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('names and values never change the structure of an update', () => {
    const spec = fc.record({
      set: fc.nat({ max: 3 }),
      setIfNotExists: fc.nat({ max: 2 }),
      subtract: fc.nat({ max: 2 }),
      append: fc.nat({ max: 2 }),
      prepend: fc.nat({ max: 2 }),
      remove: fc.nat({ max: 2 }),
      add: fc.nat({ max: 2 }),
      delete: fc.nat({ max: 2 }),
    })
    const clauseNames = fc.uniqueArray(nameArb, { minLength: 17, maxLength: 17 })
    const build = (counts: Record<string, number>, names: readonly string[], value: unknown) => {
      let next = 0
      const entries = (count: number, make: () => unknown) => {
        const record: Record<string, unknown> = {}
        for (let i = 0; i < count; i++) {
          Object.defineProperty(record, names[next++] as string, { value: make(), enumerable: true, writable: true, configurable: true })
        }
        return record
      }
      const update: UpdateSpec = {
        set: entries(counts.set ?? 0, () => value),
        setIfNotExists: entries(counts.setIfNotExists ?? 0, () => value),
        subtract: entries(counts.subtract ?? 0, () => 1) as Record<string, number>,
        append: entries(counts.append ?? 0, () => [value]) as Record<string, unknown[]>,
        prepend: entries(counts.prepend ?? 0, () => [value]) as Record<string, unknown[]>,
        remove: Array.from({ length: counts.remove ?? 0 }, () => names[next++] as string),
        add: entries(counts.add ?? 0, () => 2) as Record<string, number>,
        delete: entries(counts.delete ?? 0, () => new Set([value])) as Record<string, Set<unknown>>,
      }
      return { update, used: names.slice(0, next) }
    }
    fc.assert(
      fc.property(spec, clauseNames, valueArb, clauseNames, valueArb, (counts, namesA, valueA, namesB, valueB) => {
        fc.pre(Object.values(counts).some((c) => c > 0))
        const run = (names: readonly string[], value: unknown) => {
          const { update, used } = build(counts, names, value)
          const ctx = createContext({ literalNames: new Set(names) })
          return { expression: compileUpdate(update, ctx), names: ctx.names, used }
        }
        const a = run(namesA, valueA)
        const b = run(namesB, valueB)
        expect(a.expression).toBe(b.expression)
        expectOnlyGrammar(a.expression, UPDATE_WORDS)
        expect(Object.values(a.names)).toEqual(a.used)
        expect(Object.values(b.names)).toEqual(b.used)
      }),
      { numRuns: 300 },
    )
  })

  it('array paths and dotted string paths compile alike, and only placeholders and indexes reach the text', () => {
    const plainName = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }).filter((n) => !n.includes('.') && !n.includes('['))
    const segments = fc
      .tuple(plainName, fc.array(fc.oneof(plainName, fc.nat({ max: 50 })), { maxLength: 5 }))
      .map(([first, rest]) => [first, ...rest] as (string | number)[])
    fc.assert(
      fc.property(segments, (path) => {
        const fromArray = createContext()
        const fromString = createContext()
        const text = path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('')
        const compiled = fromArray.path(path)
        expect(fromString.path(text)).toBe(compiled)
        expect(fromString.names).toEqual(fromArray.names)
        expect(compiled).toMatch(/^#n\d+(\.#n\d+|\[\d+\])*$/)
        expect(new Set(Object.values(fromArray.names))).toEqual(new Set(path.filter((s) => typeof s === 'string')))
      }),
      { numRuns: 300 },
    )
  })
})
