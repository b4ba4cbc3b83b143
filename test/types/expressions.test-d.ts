import { describe, expectTypeOf, it } from 'vitest'
import { compileCondition, createContext, type Condition, type Operators } from '../../src/expressions/index.js'

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
}

describe('Condition<T>', () => {
  it('accepts equality, operators and the design example', () => {
    expectTypeOf<{ people: { lt: 50 }; creator: 'gstanley'; start_time: { exists: false } }>().toExtend<Condition<Game>>()
    const c: Condition<Game> = {
      people: { lt: 50, gte: 1, between: [1, 2], in: [1, 2, 3], size: { gt: 0 } },
      creator: 'gstanley',
      start_time: { exists: false, beginsWith: '2024' },
      status: { in: ['OPEN'] },
      map: { type: 'S', contains: 'Grass', beginsWith: 'Green' },
      tags: { contains: 'red', size: { between: [1, 3] } },
      roles: { contains: 'admin' },
      address: { city: 'Oslo', zip: '0150' },
      'Status#Date': { beginsWith: 'OPEN#' },
    }
    expectTypeOf(c).toExtend<Condition<Game>>()
  })

  it('accepts $and / $or / $not, nested, next to fields', () => {
    const c: Condition<Game> = {
      map: 'Green',
      $and: [{ people: { lt: 50 } }, { $or: [{ creator: 'a' }, { creator: 'b' }] }],
      $or: [{ status: 'OPEN' }, { $not: { people: { gt: 10 } } }],
      $not: { start_time: { exists: true } },
    }
    expectTypeOf(c).toExtend<Condition<Game>>()
  })

  it('accepts nested string paths with loose values', () => {
    const c: Condition<Game> = { 'address.city': 'Oslo', 'tags[0]': { beginsWith: 'r' } }
    expectTypeOf(c).toExtend<Condition<Game>>()
  })

  it('accepts undefined for optional inputs', () => {
    const max: number | undefined = undefined as number | undefined
    const c: Condition<Game> = { people: max === undefined ? undefined : { lt: max }, creator: undefined }
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
    const b: Condition<Game> = { people: { lt: '50' } }
    // @ts-expect-error status is 'OPEN' | 'STARTED'
    const c: Condition<Game> = { status: { in: ['CLOSED'] } }
    // @ts-expect-error between takes a pair
    const d: Condition<Game> = { people: { between: [1] } }
    // @ts-expect-error size compares numbers
    const e: Condition<Game> = { tags: { size: { gt: 'x' } } }
    // @ts-expect-error exists takes a boolean
    const f: Condition<Game> = { map: { exists: 'yes' } }
    // @ts-expect-error not an attribute type code
    const g: Condition<Game> = { map: { type: 'STRING' } }
    // @ts-expect-error contains on a string set takes an element
    const h: Condition<Game> = { roles: { contains: 'root' } }
    void [a, b, c, d, e, f, g, h]
  })

  it('rejects beginsWith and contains on numbers', () => {
    // @ts-expect-error beginsWith is for strings only
    const a: Condition<Game> = { people: { beginsWith: '5' } }
    // @ts-expect-error contains is for strings, lists and sets
    const b: Condition<Game> = { people: { contains: 5 } }
    void [a, b]
  })

  it('types operator operands from the attribute, without undefined', () => {
    expectTypeOf<NonNullable<Operators<number | undefined>['lt']>>().toEqualTypeOf<number>()
    expectTypeOf<NonNullable<Operators<string[]>['contains']>>().toEqualTypeOf<string>()
    expectTypeOf<NonNullable<Operators<string | undefined>['beginsWith']>>().toEqualTypeOf<string>()
  })

  it('is loose by default, and compileCondition takes typed and untyped conditions', () => {
    const ctx = createContext()
    const loose: Condition = { anything: { lt: 1 }, other: 'x', $or: [{ a: 1 }, { b: 2 }] }
    const typed: Condition<Game> = { people: { lt: 50 } }
    expectTypeOf(compileCondition(loose, ctx)).toEqualTypeOf<string>()
    expectTypeOf(compileCondition(typed, ctx)).toEqualTypeOf<string>()
    expectTypeOf(compileCondition<Game>({ people: 1 }, ctx)).toEqualTypeOf<string>()
    // @ts-expect-error typed call rejects unknown attributes
    compileCondition<Game>({ nope: 1 }, ctx)
  })
})
