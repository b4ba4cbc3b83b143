import { describe, expect, it } from 'vitest'
import { compileCondition, createContext, ExpressionError, type Condition, attributeType, beginsWith, between, contains, eq, exists, gt, gte, lt, lte, ne, notExists, oneOf, operator, size } from '../../../src/expressions/index.js'

function compile(condition: Condition, literalNames?: ReadonlySet<string>) {
  const ctx = createContext(literalNames ? { literalNames } : undefined)
  const expression = compileCondition(condition, ctx)
  return { expression, names: ctx.names, values: ctx.values }
}

describe('compileCondition: fields and operators', () => {
  it('compiles the design example: several keys ANDed', () => {
    expect(compile({ people: lt(50), creator: 'gstanley', start_time: notExists() })).toEqual({
      expression: '#n0 < :v0 AND #n1 = :v1 AND attribute_not_exists(#n2)',
      names: { '#n0': 'people', '#n1': 'creator', '#n2': 'start_time' },
      values: { ':v0': 50, ':v1': 'gstanley' },
    })
  })

  it.each([
    ['eq', eq, '='],
    ['ne', ne, '<>'],
    ['lt', lt, '<'],
    ['lte', lte, '<='],
    ['gt', gt, '>'],
    ['gte', gte, '>='],
  ] as const)('compiles %s', (_, op, symbol) => {
    expect(compile({ n: op(3) })).toEqual({ expression: `#n0 ${symbol} :v0`, names: { '#n0': 'n' }, values: { ':v0': 3 } })
  })

  it.each([
    ['a string', 'x'],
    ['a number', 0],
    ['a boolean', false],
    ['null', null],
    ['an array', [1, 'two']],
    ['a Set', new Set(['a', 'b'])],
    ['binary', new Uint8Array([1, 2])],
    ['an empty string', ''],
  ])('treats %s as equality', (_, value) => {
    expect(compile({ a: value })).toEqual({ expression: '#n0 = :v0', names: { '#n0': 'a' }, values: { ':v0': value } })
  })

  it('treats every plain object as equality with a map, even one whose keys are operator names', () => {
    const map = { city: 'Oslo', lt: 3 }
    expect(compile({ address: map })).toEqual({ expression: '#n0 = :v0', names: { '#n0': 'address' }, values: { ':v0': map } })
    const lookalike = { ne: 'x' }
    expect(compile({ role: lookalike })).toEqual({ expression: '#n0 = :v0', names: { '#n0': 'role' }, values: { ':v0': lookalike } })
    expect(compile({ n: {} }).expression).toBe('#n0 = :v0')
  })

  it('compares with a map through eq as well', () => {
    expect(compile({ m: eq({ lt: 1 }) })).toEqual({ expression: '#n0 = :v0', names: { '#n0': 'm' }, values: { ':v0': { lt: 1 } } })
  })

  it('compiles between', () => {
    expect(compile({ t: between('2023', '2024') })).toEqual({
      expression: '#n0 BETWEEN :v0 AND :v1',
      names: { '#n0': 't' },
      values: { ':v0': '2023', ':v1': '2024' },
    })
  })

  it('compiles in with one and with many values', () => {
    expect(compile({ s: oneOf(['A']) }).expression).toBe('#n0 IN (:v0)')
    expect(compile({ s: oneOf(['A', 'B', 'C']) })).toEqual({
      expression: '#n0 IN (:v0, :v1, :v2)',
      names: { '#n0': 's' },
      values: { ':v0': 'A', ':v1': 'B', ':v2': 'C' },
    })
  })

  it('accepts 100 values in in, refuses 0 and 101', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i)
    expect(compile({ s: oneOf(hundred) }).expression).toBe(`#n0 IN (${hundred.map((i) => `:v${i}`).join(', ')})`)
    expect(() => compile({ s: oneOf([]) })).toThrow(/oneOf on 's' takes an array of 1 to 100 values, got an array of 0/)
    expect(() => compile({ s: oneOf([...hundred, 100]) })).toThrow(/got an array of 101/)
    expect(() => compile({ s: operator('oneOf', 'A') as never })).toThrow(ExpressionError)
  })

  it('compiles beginsWith and contains', () => {
    expect(compile({ sk: beginsWith('USER#'), tags: contains('red') })).toEqual({
      expression: 'begins_with(#n0, :v0) AND contains(#n1, :v1)',
      names: { '#n0': 'sk', '#n1': 'tags' },
      values: { ':v0': 'USER#', ':v1': 'red' },
    })
  })

  it('compiles exists true and false', () => {
    expect(compile({ a: exists(), b: notExists() })).toEqual({
      expression: 'attribute_exists(#n0) AND attribute_not_exists(#n1)',
      names: { '#n0': 'a', '#n1': 'b' },
      values: {},
    })
  })

  it('compiles type for every attribute type and refuses others', () => {
    for (const type of ['S', 'SS', 'N', 'NS', 'B', 'BS', 'BOOL', 'NULL', 'L', 'M'] as const) {
      expect(compile({ a: attributeType(type) })).toEqual({ expression: 'attribute_type(#n0, :v0)', names: { '#n0': 'a' }, values: { ':v0': type } })
    }
    expect(() => compile({ a: attributeType('STRING' as 'S') })).toThrow(/attributeType on 'a' takes one of S, SS/)
  })

  it('compiles size with comparisons, between and in', () => {
    expect(compile({ name: size(gt(3)), $and: [{ name: size(lte(10)) }] })).toEqual({
      expression: 'size(#n0) > :v0 AND size(#n0) <= :v1',
      names: { '#n0': 'name' },
      values: { ':v0': 3, ':v1': 10 },
    })
    expect(compile({ l: size(eq(1)) }).expression).toBe('size(#n0) = :v0')
    expect(compile({ l: size(between(1, 2)) }).expression).toBe('size(#n0) BETWEEN :v0 AND :v1')
    expect(compile({ l: size(oneOf([1, 2])) }).expression).toBe('size(#n0) IN (:v0, :v1)')
    expect(compile({ l: size(ne(0)) }).expression).toBe('size(#n0) <> :v0')
  })

  it('refuses a malformed size', () => {
    expect(() => compile({ l: size(3 as never) })).toThrow(/size on 'l' takes a comparison, between or oneOf, e.g. size\(lt\(10\)\); got 3/)
    expect(() => compile({ l: size({ lt: 1 } as never) })).toThrow(/size on 'l' takes a comparison/)
    expect(() => compile({ l: size(beginsWith('x') as never) })).toThrow(/size on 'l' takes a comparison/)
    expect(() => compile({ l: size(exists() as never) })).toThrow(/size on 'l' takes a comparison/)
    expect(() => compile({ l: size(lt(undefined) as never) })).toThrow(/lt on 'l' has no value/)
  })

  it('refuses a malformed between', () => {
    expect(() => compile({ n: between(1, undefined) })).toThrow(/between on 'n' has no value/)
    expect(() => compile({ n: operator('between', 1) as never })).toThrow(/between on 'n' takes a low and a high bound, got 1/)
    expect(() => compile({ n: operator('between', [1]) as never })).toThrow(/got an array of 1/)
  })

  it('refuses an operator with an undefined value', () => {
    expect(() => compile({ n: lt(undefined) })).toThrow(/lt on 'n' has no value \(undefined\)/)
    expect(() => compile({ n: beginsWith(undefined as never) })).toThrow(/beginsWith on 'n' has no value/)
  })
})

describe('compileCondition: names and paths', () => {
  it('uses nested paths as keys', () => {
    expect(compile({ 'address.city': 'Oslo', 'tags[0]': beginsWith('a') })).toEqual({
      expression: '#n0.#n1 = :v0 AND begins_with(#n2[0], :v1)',
      names: { '#n0': 'address', '#n1': 'city', '#n2': 'tags' },
      values: { ':v0': 'Oslo', ':v1': 'a' },
    })
  })

  it('sends reserved words and names with #, - and . (literal) through names only', () => {
    expect(compile({ map: 'Green', size: size(gt(1)), 'Status#Date': beginsWith('OPEN#'), 'Sharded-GSI-PK': 'x', 'a.b': 1 }, new Set(['a.b']))).toEqual({
      expression: '#n0 = :v0 AND size(#n1) > :v1 AND begins_with(#n2, :v2) AND #n3 = :v3 AND #n4 = :v4',
      names: { '#n0': 'map', '#n1': 'size', '#n2': 'Status#Date', '#n3': 'Sharded-GSI-PK', '#n4': 'a.b' },
      values: { ':v0': 'Green', ':v1': 1, ':v2': 'OPEN#', ':v3': 'x', ':v4': 1 },
    })
  })

  it('reuses one name placeholder across the condition', () => {
    expect(compile({ $or: [{ a: 1 }, { a: 2 }] })).toEqual({
      expression: '#n0 = :v0 OR #n0 = :v1',
      names: { '#n0': 'a' },
      values: { ':v0': 1, ':v1': 2 },
    })
  })

  it('shares the context with earlier expressions', () => {
    const ctx = createContext()
    ctx.path('a')
    ctx.value('first')
    expect(compileCondition({ b: 1, a: 2 }, ctx)).toBe('#n1 = :v1 AND #n0 = :v2')
  })
})

describe('compileCondition: combinators and parentheses', () => {
  it('flattens $and into the surrounding AND', () => {
    expect(compile({ a: 1, $and: [{ b: 2 }, { c: 3, d: 4 }] }).expression).toBe('#n0 = :v0 AND #n1 = :v1 AND #n2 = :v2 AND #n3 = :v3')
  })

  it('leaves a lone $or unparenthesized', () => {
    expect(compile({ $or: [{ a: 1 }, { b: 2 }, { c: 3 }] }).expression).toBe('#n0 = :v0 OR #n1 = :v1 OR #n2 = :v2')
  })

  it('parenthesizes $or next to other conditions', () => {
    expect(compile({ a: 1, $or: [{ b: 2 }, { c: 3 }] }).expression).toBe('#n0 = :v0 AND (#n1 = :v1 OR #n2 = :v2)')
    expect(compile({ $or: [{ b: 2 }, { c: 3 }], a: 1 }).expression).toBe('(#n0 = :v0 OR #n1 = :v1) AND #n2 = :v2')
  })

  it('parenthesizes AND groups inside $or', () => {
    expect(compile({ $or: [{ a: 1, b: 2 }, { c: between(1, 2) }] }).expression).toBe(
      '(#n0 = :v0 AND #n1 = :v1) OR #n2 BETWEEN :v2 AND :v3',
    )
  })

  it('nests $or inside $or and $and', () => {
    expect(compile({ $or: [{ $or: [{ a: 1 }, { b: 2 }] }, { c: 3 }] }).expression).toBe('(#n0 = :v0 OR #n1 = :v1) OR #n2 = :v2')
    expect(compile({ $and: [{ $or: [{ a: 1 }, { b: 2 }] }, { $or: [{ c: 3 }, { d: 4 }] }] }).expression).toBe(
      '(#n0 = :v0 OR #n1 = :v1) AND (#n2 = :v2 OR #n3 = :v3)',
    )
  })

  it('treats a one-element $or as its element', () => {
    expect(compile({ x: 0, $or: [{ a: 1, b: 2 }] }).expression).toBe('#n0 = :v0 AND #n1 = :v1 AND #n2 = :v2')
  })

  it('compiles $not around one condition, several, and an OR group', () => {
    expect(compile({ $not: { a: 1 } }).expression).toBe('NOT (#n0 = :v0)')
    expect(compile({ $not: { a: 1, b: exists() } }).expression).toBe('NOT (#n0 = :v0 AND attribute_exists(#n1))')
    expect(compile({ $not: { $or: [{ a: 1 }, { b: 2 }] } }).expression).toBe('NOT (#n0 = :v0 OR #n1 = :v1)')
    expect(compile({ $not: { $not: { a: 1 } } }).expression).toBe('NOT (NOT (#n0 = :v0))')
  })

  it('combines $not with fields and inside $or', () => {
    expect(compile({ a: 1, $not: { b: 2 } }).expression).toBe('#n0 = :v0 AND NOT (#n1 = :v1)')
    expect(compile({ $or: [{ $not: { a: 1 } }, { b: 2 }] }).expression).toBe('NOT (#n0 = :v0) OR #n1 = :v1')
  })

  it('compiles all three combinators at one level', () => {
    expect(compile({ z: 0, $and: [{ a: 1 }], $or: [{ b: 2 }, { c: 3 }], $not: { d: 4 } })).toEqual({
      expression: '#n0 = :v0 AND #n1 = :v1 AND (#n2 = :v2 OR #n3 = :v3) AND NOT (#n4 = :v4)',
      names: { '#n0': 'z', '#n1': 'a', '#n2': 'b', '#n3': 'c', '#n4': 'd' },
      values: { ':v0': 0, ':v1': 1, ':v2': 2, ':v3': 3, ':v4': 4 },
    })
  })
})

describe('compileCondition: empty and malformed conditions', () => {
  it('refuses an empty condition', () => {
    expect(() => compile({})).toThrow(ExpressionError)
    expect(() => compile({})).toThrow(/The condition is empty/)
  })

  it('skips undefined field values, and refuses a condition left empty', () => {
    expect(compile({ a: undefined, b: 1, $or: undefined }).expression).toBe('#n0 = :v0')
    expect(() => compile({ a: undefined })).toThrow(/The condition is empty/)
  })

  it('refuses empty $and / $or lists and empty members', () => {
    expect(() => compile({ $and: [] })).toThrow(/\$and is an empty list/)
    expect(() => compile({ $or: [] })).toThrow(/\$or is an empty list/)
    expect(() => compile({ a: 1, $and: [{ b: 2 }, {}] })).toThrow(/\$and\[1\] is empty/)
    expect(() => compile({ $or: [{ b: 2 }, { c: undefined }] })).toThrow(/\$or\[1\] is empty/)
    expect(() => compile({ a: 1, $not: {} })).toThrow(/\$not is empty/)
  })

  it('refuses non-object conditions and non-array combinators', () => {
    expect(() => compile(null as unknown as Condition)).toThrow(/The condition must be a plain object, got null/)
    expect(() => compile({ $and: { a: 1 } as never })).toThrow(/\$and must be an array of conditions/)
    expect(() => compile({ $or: [1] as never })).toThrow(/\$or\[0\] must be a plain object, got 1/)
    expect(() => compile({ $not: [{ a: 1 }] as never })).toThrow(/\$not must be a plain object, got an array of 1/)
  })

  it('refuses a malformed path key', () => {
    expect(() => compile({ 'a..b': 1 })).toThrow(/empty name segment/)
  })
})
