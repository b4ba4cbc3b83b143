import { describe, expect, it } from 'vitest'
import { compileProjection, createContext, ExpressionError } from '../../../src/expressions/index.js'

describe('compileProjection', () => {
  it('lists top-level and nested paths', () => {
    const ctx = createContext()
    expect(compileProjection(['name', 'address.city', 'tags[0]', 'size'], ctx)).toBe('#n0, #n1.#n2, #n3[0], #n4')
    expect(ctx.names).toEqual({ '#n0': 'name', '#n1': 'address', '#n2': 'city', '#n3': 'tags', '#n4': 'size' })
    expect(ctx.values).toEqual({})
  })

  it('takes literal names whole', () => {
    const ctx = createContext({ literalNames: new Set(['a.b']) })
    expect(compileProjection(['a.b', 'Status#Date'], ctx)).toBe('#n0, #n1')
    expect(ctx.names).toEqual({ '#n0': 'a.b', '#n1': 'Status#Date' })
  })

  it('sends a repeated path once', () => {
    expect(compileProjection(['PK', 'SK', 'PK', 'x.y', 'x.y'], createContext())).toBe('#n0, #n1, #n2.#n3')
  })

  it('sends two spellings of one list index once', () => {
    const ctx = createContext()
    expect(compileProjection(['l[1]', 'l[01]'], ctx)).toBe('#n0[1]')
    expect(ctx.names).toEqual({ '#n0': 'l' })
  })

  it('refuses overlapping paths in either order, naming both', () => {
    expect(() => compileProjection(['a.b', 'c', 'a'], createContext())).toThrow(
      "The projection uses 'a' and 'a.b', which overlap (one is inside the other); DynamoDB refuses overlapping paths in one projection",
    )
    expect(() => compileProjection(['l', 'l[0]'], createContext())).toThrow(/'l' and 'l\[0\]', which overlap/)
  })

  it('does not mistake a name prefix for a path prefix', () => {
    const ctx = createContext()
    expect(compileProjection(['a', 'ab.c', 'a1[0]'], ctx)).toBe('#n0, #n1.#n2, #n3[0]')
    expect(ctx.names).toEqual({ '#n0': 'a', '#n1': 'ab', '#n2': 'c', '#n3': 'a1' })
  })

  it('refuses an empty projection and malformed paths', () => {
    expect(() => compileProjection([], createContext())).toThrow(ExpressionError)
    expect(() => compileProjection([], createContext())).toThrow('A projection lists no attributes')
    expect(() => compileProjection(['a..b'], createContext())).toThrow(/empty name segment/)
  })
})
