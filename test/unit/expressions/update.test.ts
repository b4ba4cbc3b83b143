import { describe, expect, it } from 'vitest'
import { compileUpdate, createContext, ExpressionError, type UpdateSpec } from '../../../src/expressions/index.js'

function compile(update: UpdateSpec, literalNames?: ReadonlySet<string>) {
  const ctx = createContext(literalNames ? { literalNames } : undefined)
  const expression = compileUpdate(update, ctx)
  return { expression, names: ctx.names, values: ctx.values }
}

describe('compileUpdate: clauses', () => {
  it('compiles set', () => {
    expect(compile({ set: { name: 'Ann', 'address.city': 'Oslo' } })).toEqual({
      expression: 'SET #n0 = :v0, #n1.#n2 = :v1',
      names: { '#n0': 'name', '#n1': 'address', '#n2': 'city' },
      values: { ':v0': 'Ann', ':v1': 'Oslo' },
    })
  })

  it('compiles setIfNotExists', () => {
    expect(compile({ setIfNotExists: { createdAt: '2024' } })).toEqual({
      expression: 'SET #n0 = if_not_exists(#n0, :v0)',
      names: { '#n0': 'createdAt' },
      values: { ':v0': '2024' },
    })
  })

  it('compiles remove', () => {
    expect(compile({ remove: ['open_timestamp', 'tags[2]'] })).toEqual({
      expression: 'REMOVE #n0, #n1[2]',
      names: { '#n0': 'open_timestamp', '#n1': 'tags' },
      values: {},
    })
  })

  it('compiles add for numbers and sets', () => {
    const set = new Set(['a'])
    expect(compile({ add: { people: 1, tags: set } })).toEqual({
      expression: 'ADD #n0 :v0, #n1 :v1',
      names: { '#n0': 'people', '#n1': 'tags' },
      values: { ':v0': 1, ':v1': set },
    })
  })

  it('compiles subtract', () => {
    expect(compile({ subtract: { stock: 2 } })).toEqual({
      expression: 'SET #n0 = #n0 - :v0',
      names: { '#n0': 'stock' },
      values: { ':v0': 2 },
    })
  })

  it('compiles append and prepend with one shared empty list', () => {
    expect(compile({ append: { log: ['b'] }, prepend: { recent: ['a'] } })).toEqual({
      expression: 'SET #n0 = list_append(if_not_exists(#n0, :v0), :v1), #n1 = list_append(:v2, if_not_exists(#n1, :v0))',
      names: { '#n0': 'log', '#n1': 'recent' },
      values: { ':v0': [], ':v1': ['b'], ':v2': ['a'] },
    })
  })

  it('compiles delete', () => {
    const set = new Set([1, 2])
    expect(compile({ delete: { scores: set } })).toEqual({
      expression: 'DELETE #n0 :v0',
      names: { '#n0': 'scores' },
      values: { ':v0': set },
    })
  })

  it('compiles every clause together in SET, REMOVE, ADD, DELETE order', () => {
    const tags = new Set(['x'])
    const old = new Set(['y'])
    expect(
      compile({
        delete: { old },
        add: { people: 1, tags },
        remove: ['gone'],
        prepend: { p: [0] },
        append: { l: [1] },
        subtract: { stock: 3 },
        setIfNotExists: { created: 'c' },
        set: { name: 'n' },
      }),
    ).toEqual({
      expression:
        'SET #n0 = :v0, #n1 = if_not_exists(#n1, :v1), #n2 = #n2 - :v2, #n3 = list_append(if_not_exists(#n3, :v3), :v4), ' +
        '#n4 = list_append(:v5, if_not_exists(#n4, :v3)) REMOVE #n5 ADD #n6 :v6, #n7 :v7 DELETE #n8 :v8',
      names: { '#n0': 'name', '#n1': 'created', '#n2': 'stock', '#n3': 'l', '#n4': 'p', '#n5': 'gone', '#n6': 'people', '#n7': 'tags', '#n8': 'old' },
      values: { ':v0': 'n', ':v1': 'c', ':v2': 3, ':v3': [], ':v4': [1], ':v5': [0], ':v6': 1, ':v7': tags, ':v8': old },
    })
  })

  it('starts with whichever clause comes first', () => {
    expect(compile({ remove: ['a'], add: { b: 1 } }).expression).toBe('REMOVE #n0 ADD #n1 :v0')
    expect(compile({ add: { b: 1 } }).expression).toBe('ADD #n0 :v0')
    expect(compile({ delete: { b: new Set([1]) } }).expression).toBe('DELETE #n0 :v0')
  })

  it('skips undefined values and empty clauses', () => {
    expect(compile({ set: { a: undefined, b: null }, remove: [], add: { c: undefined } as never })).toEqual({
      expression: 'SET #n0 = :v0',
      names: { '#n0': 'b' },
      values: { ':v0': null },
    })
  })

  it('sends reserved words and names with #, -, . (literal) through names only', () => {
    expect(compile({ set: { map: 'm', 'Status#Date': 's', 'a.b': 1 }, add: { 'Sharded-GSI-PK': 1 } }, new Set(['a.b']))).toEqual({
      expression: 'SET #n0 = :v0, #n1 = :v1, #n2 = :v2 ADD #n3 :v3',
      names: { '#n0': 'map', '#n1': 'Status#Date', '#n2': 'a.b', '#n3': 'Sharded-GSI-PK' },
      values: { ':v0': 'm', ':v1': 's', ':v2': 1, ':v3': 1 },
    })
  })

  it('allows sibling nested paths and different list indexes', () => {
    expect(compile({ set: { 'a.b': 1, 'a.c': 2, 'l[0]': 3 }, remove: ['l[1]'] }).expression).toBe(
      'SET #n0.#n1 = :v0, #n0.#n2 = :v1, #n3[0] = :v2 REMOVE #n3[1]',
    )
  })
})

describe('compileUpdate: refusals', () => {
  it('refuses an empty update', () => {
    expect(() => compile({})).toThrow(ExpressionError)
    expect(() => compile({})).toThrow(/The update changes nothing/)
    expect(() => compile({ set: { a: undefined }, remove: [] })).toThrow(/The update changes nothing/)
  })

  it('refuses the same path in two clauses, naming both', () => {
    expect(() => compile({ set: { a: 1 }, remove: ['a'] })).toThrow(
      "The update uses 'a' in set and 'a' in remove, which are the same path; a path may appear once in one update",
    )
    expect(() => compile({ add: { n: 1 }, subtract: { n: 1 } })).toThrow(/'n' in subtract and 'n' in add/)
  })

  it('refuses a path listed twice in remove', () => {
    expect(() => compile({ remove: ['a', 'a'] })).toThrow("The update lists 'a' twice in remove")
  })

  it('refuses two spellings of one path', () => {
    expect(() => compile({ set: { 'l[1]': 1 }, remove: ['l[01]'] })).toThrow(/'l\[1\]' in set and 'l\[01\]' in remove, which are the same path/)
  })

  it('refuses overlapping paths in either order', () => {
    expect(() => compile({ set: { a: {} }, remove: ['a.b'] })).toThrow(
      "The update uses 'a' in set and 'a.b' in remove, which overlap (one is inside the other); DynamoDB refuses overlapping paths in one update",
    )
    expect(() => compile({ set: { 'a.b.c': 1 }, remove: ['a'] })).toThrow(/'a' in remove and 'a\.b\.c' in set, which overlap/)
    expect(() => compile({ set: { l: [] }, append: { 'l[0]': [1] } })).toThrow(/'l' in set and 'l\[0\]' in append, which overlap/)
    expect(() => compile({ set: { 'a.b': 1, a: 2 } })).toThrow(/'a' in set and 'a\.b' in set, which overlap/)
  })

  it('does not mistake a name prefix for a path prefix', () => {
    expect(compile({ set: { ab: 1, 'a.b': 2, a2: 3 } }).expression).toBe('SET #n0 = :v0, #n1.#n2 = :v1, #n3 = :v2')
  })

  it('refuses wrong value kinds', () => {
    expect(() => compile({ add: { n: '1' as never } })).toThrow("The update's add of 'n' takes a number or a non-empty Set, got string 1")
    expect(() => compile({ add: { n: [1] as never } })).toThrow(/add of 'n' takes a number or a non-empty Set, got an array/)
    expect(() => compile({ add: { s: new Set() } })).toThrow("The update's add of 's' is an empty set; DynamoDB cannot store empty sets")
    expect(() => compile({ subtract: { n: null as never } })).toThrow("The update's subtract of 'n' takes a number, got null")
    expect(() => compile({ subtract: { n: { a: 1 } as never } })).toThrow(/subtract of 'n' takes a number, got an object/)
    expect(() => compile({ delete: { s: 1 as never } })).toThrow("The update's delete of 's' takes a Set of elements to remove, got number 1")
    expect(() => compile({ delete: { s: new Set() } })).toThrow(/delete of 's' is an empty set/)
    expect(() => compile({ append: { l: 'x' as never } })).toThrow("The update's append of 'l' takes an array of elements, got string x")
    expect(() => compile({ prepend: { l: new Set([1]) as never } })).toThrow(/prepend of 'l' takes an array of elements, got a Set/)
    expect(() => compile({ remove: [1 as never] })).toThrow("The update's remove takes attribute paths, got number 1")
  })

  it('accepts bigint and number wrapper objects for add and subtract', () => {
    class NumberValue {
      constructor(readonly value: string) {}
    }
    const big = new NumberValue('12345678901234567890')
    expect(compile({ add: { a: 5n as never, b: big as never } }).values).toEqual({ ':v0': 5n, ':v1': big })
  })

  it('refuses a malformed path', () => {
    expect(() => compile({ set: { 'a.': 1 } })).toThrow(/empty name segment/)
  })
})
