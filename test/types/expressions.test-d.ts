import { describe, expectTypeOf, it } from 'vitest'
import {
  attr,
  attributeType,
  beginsWith,
  between,
  compileCondition,
  contains,
  createContext,
  eq,
  exists,
  gt,
  gte,
  lt,
  lte,
  ne,
  notExists,
  oneOf,
  size,
  type Comparison,
  type Condition,
  type Operators,
} from '../../src/expressions/index.js'

interface Game {
  game_id: string
  map: string
  people: number
  creator: string
  start_time?: string
  tags: string[]
  roles: Set<'admin' | 'user'>
  status: 'OPEN' | 'STARTED'
  address: { city: string; zip: string }
  'Status#Date': string
  at: Date
}

describe('Condition<T>', () => {
  it('accepts equality, operators and the design example', () => {
    const design: Condition<Game> = { people: lt(50), creator: 'gstanley', start_time: notExists() }
    const c: Condition<Game> = {
      people: between(1, 2),
      creator: ne('gstanley'),
      start_time: beginsWith('2024'),
      status: oneOf(['OPEN']),
      map: attributeType('S'),
      tags: contains('red'),
      roles: contains('admin'),
      address: { city: 'Oslo', zip: '0150' },
      'Status#Date': beginsWith('OPEN#'),
      at: gte(new Date(0)),
      game_id: exists(),
    }
    const lists: Condition<Game> = { tags: eq(['a', 'b']), roles: eq(new Set(['admin' as const])) }
    expectTypeOf(lists).toExtend<Condition<Game>>()
    const more: Condition<Game> = { people: oneOf([1, 2, 3]), map: contains('Grass'), tags: size(between(1, 3)), creator: size(gt(0)), status: eq('STARTED'), at: lte(new Date()) }
    expectTypeOf(design).toExtend<Condition<Game>>()
    expectTypeOf(c).toExtend<Condition<Game>>()
    expectTypeOf(more).toExtend<Condition<Game>>()
  })

  it('accepts attr() operands on any field, and in size and between', () => {
    const c: Condition<Game> = { people: gte(attr('tags')), map: eq(attr('creator')), tags: size(lt(attr('people'))), at: between(attr('start_time'), new Date()) }
    expectTypeOf(c).toExtend<Condition<Game>>()
  })

  it('accepts $and / $or / $not, nested, next to fields', () => {
    const c: Condition<Game> = {
      map: 'Green',
      $and: [{ people: lt(50) }, { $or: [{ creator: 'a' }, { creator: 'b' }] }],
      $or: [{ status: 'OPEN' }, { $not: { people: gt(10) } }],
      $not: { start_time: exists() },
    }
    expectTypeOf(c).toExtend<Condition<Game>>()
  })

  it('accepts nested string paths with loose values', () => {
    const c: Condition<Game> = { 'address.city': 'Oslo', 'tags[0]': beginsWith('r'), 'address.zip': size(gt(2)) }
    expectTypeOf(c).toExtend<Condition<Game>>()
  })

  it('accepts undefined for optional inputs', () => {
    const max: number | undefined = undefined as number | undefined
    const c: Condition<Game> = { people: max === undefined ? undefined : lt(max), creator: undefined }
    expectTypeOf(c).toExtend<Condition<Game>>()
  })

  it('rejects unknown attributes', () => {
    // @ts-expect-error 'peple' is not an attribute of Game
    const c: Condition<Game> = { peple: 1 }
    // @ts-expect-error unknown attribute inside $or
    const d: Condition<Game> = { $or: [{ people: 1 }, { nope: 2 }] }
    void c
    void d
  })

  it('rejects wrong value types', () => {
    // @ts-expect-error people is a number
    const a: Condition<Game> = { people: 'many' }
    // @ts-expect-error lt on a number takes a number
    const b: Condition<Game> = { people: lt('50') }
    // @ts-expect-error status is 'OPEN' | 'STARTED'
    const c: Condition<Game> = { status: oneOf(['CLOSED']) }
    // @ts-expect-error ne on a string takes a string
    const d: Condition<Game> = { map: ne(5) }
    // @ts-expect-error size compares numbers
    const e: Condition<Game> = { tags: size(gt('x')) }
    // @ts-expect-error a Date field compares with Dates
    const f: Condition<Game> = { at: gt('2024') }
    // @ts-expect-error not an attribute type code
    const g: Condition<Game> = { map: attributeType('STRING') }
    // @ts-expect-error contains on a string set takes an element
    const h: Condition<Game> = { roles: contains('root') }
    // @ts-expect-error between takes two bounds of the field's type
    const i: Condition<Game> = { people: between(1, 'x') }
    void [a, b, c, d, e, f, g, h, i]
  })

  it('rejects beginsWith and contains on numbers, and size of a non-comparison', () => {
    // @ts-expect-error beginsWith is for strings only
    const a: Condition<Game> = { people: beginsWith('5') }
    // @ts-expect-error contains is for strings, lists and sets
    const b: Condition<Game> = { people: contains(5) }
    // @ts-expect-error size takes a comparison, not beginsWith
    const c: Condition<Game> = { map: size(beginsWith('x')) }
    void [a, b, c]
  })

  it('rejects the old object form on fields that do not hold maps', () => {
    // @ts-expect-error operators are functions: lt(50), not { lt: 50 }
    const a: Condition<Game> = { people: { lt: 50 } }
    // @ts-expect-error exists: false is notExists()
    const b: Condition<Game> = { start_time: { exists: false } }
    void [a, b]
  })

  it('types operators from the attribute, without undefined', () => {
    expectTypeOf(lt(5)).toEqualTypeOf<Comparison<number>>()
    expectTypeOf(lt(attr('x'))).toEqualTypeOf<Comparison<never>>()
    expectTypeOf(lt(5)).toExtend<Operators<number | undefined>>()
    expectTypeOf(beginsWith('a')).toExtend<Operators<string | undefined>>()
    expectTypeOf(contains('a')).toExtend<Operators<string[]>>()
    expectTypeOf(beginsWith('a')).not.toExtend<Operators<string[]>>()
  })

  it('is loose by default, and compileCondition takes typed and untyped conditions', () => {
    const ctx = createContext()
    const loose: Condition = { anything: lt(1), other: 'x', $or: [{ a: 1 }, { b: 2 }] }
    const typed: Condition<Game> = { people: lt(50) }
    expectTypeOf(compileCondition(loose, ctx)).toEqualTypeOf<string>()
    expectTypeOf(compileCondition(typed, ctx)).toEqualTypeOf<string>()
    expectTypeOf(compileCondition<Game>({ people: 1 }, ctx)).toEqualTypeOf<string>()
    // @ts-expect-error typed call rejects unknown attributes
    compileCondition<Game>({ nope: 1 }, ctx)
  })
})
