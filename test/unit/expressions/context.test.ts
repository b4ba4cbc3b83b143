import { describe, expect, it } from 'vitest'
import { createContext, ExpressionError, expressionParams } from '../../../src/expressions/index.js'

describe('createContext().path', () => {
  it('gives a simple name one placeholder and reuses it', () => {
    const ctx = createContext()
    expect(ctx.path('people')).toBe('#n0')
    expect(ctx.path('map')).toBe('#n1')
    expect(ctx.path('people')).toBe('#n0')
    expect(ctx.names).toEqual({ '#n0': 'people', '#n1': 'map' })
  })

  it('gives every name one placeholder however many a request names (hundreds, in any order of reuse)', () => {
    const ctx = createContext()
    const names = Array.from({ length: 300 }, (_, i) => `attr${i}`)
    for (let round = 0; round < 3; round++) {
      names.forEach((name, i) => expect(ctx.path(name)).toBe(`#n${i}`))
      ;[...names].reverse().forEach((name, i) => expect(ctx.path(name)).toBe(`#n${names.length - 1 - i}`))
    }
    expect(ctx.names).toEqual(Object.fromEntries(names.map((name, i) => [`#n${i}`, name])))
    for (let i = 0; i < 300; i++) expect(ctx.value(i)).toBe(`:v${i}`)
    expect(Object.keys(ctx.values)).toHaveLength(300)
  })

  it('splits nested paths on dots and list indexes', () => {
    const ctx = createContext()
    expect(ctx.path('address.city')).toBe('#n0.#n1')
    expect(ctx.path('tags[0]')).toBe('#n2[0]')
    expect(ctx.path('a.b[2].c')).toBe('#n3.#n4[2].#n5')
    expect(ctx.path('matrix[1][20]')).toBe('#n6[1][20]')
    expect(ctx.path('address.zip')).toBe('#n0.#n7')
    expect(ctx.names).toEqual({
      '#n0': 'address', '#n1': 'city', '#n2': 'tags', '#n3': 'a', '#n4': 'b', '#n5': 'c', '#n6': 'matrix', '#n7': 'zip',
    })
  })

  it('normalizes list indexes with leading zeros', () => {
    expect(createContext().path('a[007]')).toBe('#n0[7]')
  })

  it('sends names with #, -, :, spaces, parentheses, unicode and reserved words through names', () => {
    const ctx = createContext()
    const names = ['Status#Date', 'Sharded-GSI-PK', 'a:b', 'first name', 'f(x)', 'größe', '名前', '🙂', 'size', 'AND', 'a]']
    const compiled = names.map((n) => ctx.path(n))
    expect(compiled).toEqual(names.map((_, i) => `#n${i}`))
    expect(Object.values(ctx.names)).toEqual(names)
  })

  it('takes a literal name whole, even with dots and brackets', () => {
    const ctx = createContext({ literalNames: new Set(['a.b', 'x[1]']) })
    expect(ctx.path('a.b')).toBe('#n0')
    expect(ctx.path('x[1]')).toBe('#n1')
    expect(ctx.path('a.c')).toBe('#n2.#n3')
    expect(ctx.names).toEqual({ '#n0': 'a.b', '#n1': 'x[1]', '#n2': 'a', '#n3': 'c' })
  })

  it('takes array paths literally', () => {
    const ctx = createContext()
    expect(ctx.path(['a.b', 'c[0]', 2, 'd'])).toBe('#n0.#n1[2].#n2')
    expect(ctx.names).toEqual({ '#n0': 'a.b', '#n1': 'c[0]', '#n2': 'd' })
  })

  it.each([
    ['', /empty/],
    ['a..b', /'a\.\.b' has an empty name segment/],
    ['.a', /empty name segment/],
    ['a.', /empty name segment/],
    ['[0]', /empty name segment/],
    ['a[]', /not \[digits\]/],
    ['a[x]', /not \[digits\]/],
    ['a[1', /not \[digits\]/],
    ['a[-1]', /not \[digits\]/],
    ['a[1]b', /after a list index/],
    ['a[99999999999999999999]', /non-negative integer/],
  ])('refuses the string path %j', (path, message) => {
    expect(() => createContext().path(path)).toThrow(ExpressionError)
    expect(() => createContext().path(path)).toThrow(message)
  })

  it.each([
    [[], /empty/],
    [['a', ''], /empty name segment/],
    [[0, 'a'], /starts with a list index/],
    [['a', -1], /non-negative integer/],
    [['a', 1.5], /non-negative integer/],
    [['a', true as unknown as string], /neither a string nor a number/],
  ])('refuses the array path %j', (path, message) => {
    expect(() => createContext().path(path)).toThrow(message)
  })

  it('refuses an empty literal name', () => {
    expect(() => createContext({ literalNames: new Set(['']) }).path('')).toThrow(ExpressionError)
  })
})

describe('createContext().value', () => {
  it('gives every value a fresh placeholder, even equal ones', () => {
    const ctx = createContext()
    expect(ctx.value(1)).toBe(':v0')
    expect(ctx.value(1)).toBe(':v1')
    expect(ctx.value('')).toBe(':v2')
    expect(ctx.value(null)).toBe(':v3')
    expect(ctx.values).toEqual({ ':v0': 1, ':v1': 1, ':v2': '', ':v3': null })
  })

  it('refuses undefined', () => {
    expect(() => createContext().value(undefined)).toThrow(/undefined/)
  })
})

describe('expressionParams', () => {
  it('omits empty maps', () => {
    expect(expressionParams(createContext())).toEqual({})
    const names = createContext()
    names.path('a')
    expect(expressionParams(names)).toEqual({ ExpressionAttributeNames: { '#n0': 'a' } })
    const values = createContext()
    values.value(5)
    expect(expressionParams(values)).toEqual({ ExpressionAttributeValues: { ':v0': 5 } })
  })

  it('gives both maps when both are used', () => {
    const ctx = createContext()
    ctx.path('a')
    ctx.value('x')
    const params = expressionParams(ctx)
    expect(params).toEqual({ ExpressionAttributeNames: { '#n0': 'a' }, ExpressionAttributeValues: { ':v0': 'x' } })
    expect(Object.keys(params)).toEqual(['ExpressionAttributeNames', 'ExpressionAttributeValues'])
  })
})
