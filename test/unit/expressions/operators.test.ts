// The operator helpers: branded, frozen objects that only code can make; anything else in a
// condition is a value. And attr() operands, size() on nested paths.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  attr,
  attributeType,
  beginsWith,
  between,
  compileCondition,
  contains,
  createContext,
  eq,
  ExpressionError,
  exists,
  gt,
  gte,
  isOperator,
  lt,
  lte,
  ne,
  notExists,
  oneOf,
  size,
  type Condition,
} from '../../../src/expressions/index.js'

function compile(condition: Condition) {
  const ctx = createContext()
  const expression = compileCondition(condition, ctx)
  return { expression, names: ctx.names, values: ctx.values }
}

const every = {
  eq: eq(1),
  ne: ne(1),
  lt: lt(1),
  lte: lte(1),
  gt: gt(1),
  gte: gte(1),
  between: between(1, 2),
  oneOf: oneOf([1, 2]),
  beginsWith: beginsWith('a'),
  contains: contains('a'),
  exists: exists(),
  notExists: notExists(),
  attributeType: attributeType('M'),
  size: size(gt(1)),
  attr: attr('other'),
}

describe('operator helpers', () => {
  it('return frozen, branded objects', () => {
    for (const [name, made] of Object.entries(every)) {
      expect(isOperator(made), name).toBe(true)
      expect(Object.isFrozen(made), name).toBe(true)
      expect(made.op).toBe(name)
    }
  })

  it('copy their list operands, so a later change of the caller’s array changes nothing', () => {
    const values = ['a', 'b']
    const made = oneOf(values)
    values.push('c')
    expect(compile({ s: made }).expression).toBe('#n0 IN (:v0, :v1)')
  })

  it('a copy is never an operator: spread, Object.assign, JSON round trip, structuredClone', () => {
    for (const made of Object.values(every)) {
      const copies: unknown[] = [{ ...made }, Object.assign({}, made), JSON.parse(JSON.stringify(made)), structuredClone(made)]
      for (const copy of copies) {
        expect(isOperator(copy)).toBe(false)
        // ...and so it is compared for equality, as a map
        const { expression, values } = compile({ f: copy as never })
        expect(expression).toBe('#n0 = :v0')
        expect(values[':v0']).toBe(copy)
      }
    }
  })

  it('an object that claims the brand under a string key is not an operator', () => {
    expect(isOperator({ 'Symbol(sortkey.operator)': true, op: 'ne', value: 'x' })).toBe(false)
    expect(isOperator(Object.create(ne('x')))).toBe(false)
    expect(isOperator(null)).toBe(false)
    expect(isOperator('ne')).toBe(false)
  })
})

describe('compileCondition: every operator', () => {
  it.each([
    [{ f: eq('x') }, '#n0 = :v0'],
    [{ f: ne('x') }, '#n0 <> :v0'],
    [{ f: lt(1) }, '#n0 < :v0'],
    [{ f: lte(1) }, '#n0 <= :v0'],
    [{ f: gt(1) }, '#n0 > :v0'],
    [{ f: gte(1) }, '#n0 >= :v0'],
    [{ f: between(1, 2) }, '#n0 BETWEEN :v0 AND :v1'],
    [{ f: oneOf(['a', 'b']) }, '#n0 IN (:v0, :v1)'],
    [{ f: beginsWith('a') }, 'begins_with(#n0, :v0)'],
    [{ f: contains('a') }, 'contains(#n0, :v0)'],
    [{ f: exists() }, 'attribute_exists(#n0)'],
    [{ f: notExists() }, 'attribute_not_exists(#n0)'],
    [{ f: attributeType('M') }, 'attribute_type(#n0, :v0)'],
    [{ f: size(gt(1)) }, 'size(#n0) > :v0'],
    [{ f: size(between(1, 2)) }, 'size(#n0) BETWEEN :v0 AND :v1'],
    [{ f: size(oneOf([1, 2])) }, 'size(#n0) IN (:v0, :v1)'],
  ] as [Condition, string][])('%o compiles to %s', (condition, expression) => {
    expect(compile(condition).expression).toBe(expression)
  })
})

describe('compileCondition: attr() operands', () => {
  it('compares two attributes through name placeholders only', () => {
    expect(compile({ stock: gte(attr('reserved')) })).toEqual({ expression: '#n0 >= #n1', names: { '#n0': 'stock', '#n1': 'reserved' }, values: {} })
    expect(compile({ stock: attr('reserved') }).expression).toBe('#n0 = #n1')
    expect(compile({ a: ne(attr('a')) }).expression).toBe('#n0 <> #n0')
  })

  it('in between, oneOf, size and with nested paths', () => {
    expect(compile({ n: between(attr('low'), 10) })).toEqual({ expression: '#n0 BETWEEN #n1 AND :v0', names: { '#n0': 'n', '#n1': 'low' }, values: { ':v0': 10 } })
    expect(compile({ n: oneOf([attr('a'), 1]) }).expression).toBe('#n0 IN (#n1, :v0)')
    expect(compile({ guests: size(lt(attr('beds'))) }).expression).toBe('size(#n0) < #n1')
    expect(compile({ 'address.zip': eq(attr('billing.zip')) })).toEqual({
      expression: '#n0.#n1 = #n2.#n1',
      names: { '#n0': 'address', '#n1': 'zip', '#n2': 'billing' },
      values: {},
    })
    expect(compile({ n: gt(attr('lines[0].qty')) }).expression).toBe('#n0 > #n1[0].#n2')
  })

  it('refuses an operator where an operand goes, and a malformed attr path', () => {
    expect(() => compile({ n: ne(gte(1)) })).toThrow(/ne on 'n' takes a value or attr\(name\), not the operator gte\(\)/)
    expect(() => compile({ n: between(exists(), 1) })).toThrow(ExpressionError)
    expect(() => compile({ n: gt(attr('')) })).toThrow(/path is empty/)
    expect(() => compile({ n: gt(attr('a..b')) })).toThrow(/empty name segment/)
  })
})

describe('compileCondition: size() of nested paths', () => {
  it('compiles size of a nested map member and a list element', () => {
    expect(compile({ 'address.lines': size(gt(2)) })).toEqual({
      expression: 'size(#n0.#n1) > :v0',
      names: { '#n0': 'address', '#n1': 'lines' },
      values: { ':v0': 2 },
    })
    expect(compile({ 'lines[0].sku': size(between(1, 5)) }).expression).toBe('size(#n0[0].#n1) BETWEEN :v0 AND :v1')
  })
})

describe('property: no JSON value is ever an operator', () => {
  it('any JSON value as a field operand compiles to equality with that very value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        const { expression, values } = compile({ field: json as never })
        expect(expression).toBe('#n0 = :v0')
        expect(values[':v0']).toBe(json)
      }),
      { numRuns: 500 },
    )
  })

  it('any JSON text, parsed, as a field operand or inside an operator, keeps the operator it was given', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const parsed: unknown = JSON.parse(text)
        expect(compile({ field: parsed as never }).expression).toBe('#n0 = :v0')
        expect(compile({ field: ne(parsed) }).expression).toBe('#n0 <> :v0')
        expect(compile({ $or: [{ field: parsed as never }, { other: 1 }] }).expression).toBe('#n0 = :v0 OR #n1 = :v1')
      }),
      { numRuns: 500 },
    )
  })

  it('operator-shaped JSON is equality: every former operator key, with any operand', () => {
    const keys = fc.constantFrom('eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'between', 'in', 'oneOf', 'beginsWith', 'contains', 'exists', 'type', 'size', 'op', 'value', 'attr')
    fc.assert(
      fc.property(fc.dictionary(keys, fc.jsonValue(), { minKeys: 1 }), (object) => {
        const parsed = JSON.parse(JSON.stringify(object)) as unknown
        expect(compile({ field: parsed as never }).expression).toBe('#n0 = :v0')
      }),
      { numRuns: 300 },
    )
  })
})
