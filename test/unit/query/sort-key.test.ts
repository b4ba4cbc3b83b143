// Key conditions of entity queries, checked through .params() (pure: nothing is sent).
import { describe, it, expect } from 'vitest'
import { z } from 'zod'
import { defineTable, isoDate, KeyValueError, ValidationError } from '../../../src/index.js'
import { lastKeyWith, successor } from '../../../src/expressions/index.js'

const table = defineTable({
  name: 'unit-query',
  partitionKey: 'PK',
  sortKey: 'SK',
  indexes: { ByPlace: { partitionKey: 'city', sortKey: 'rank' } },
  entityAttribute: false,
})

const Order = table.entity('Order', {
  schema: z.object({ customer: z.string(), status: z.string(), placed: isoDate(), rank: z.number(), city: z.string() }),
  key: { pk: 'CUSTOMER#{customer}', sk: 'ORDER#{status}#{placed}' },
})

const Message = table.entity('Message', {
  schema: z.object({ group: z.string(), created_at: isoDate() }),
  key: { pk: 'GROUP#{group}', sk: '{created_at}' },
})

const q = () => Order.query.primary({ customer: 'c' })
const condition = (query: { params(): { KeyConditionExpression?: string; ExpressionAttributeValues?: Record<string, unknown> } }) => {
  const params = query.params()
  let text = params.KeyConditionExpression as string
  for (const [name, value] of Object.entries(params.ExpressionAttributeValues ?? {})) text = text.replace(new RegExp(`${name}\\b`), show(value))
  return text.replace(/#n0/g, 'PK').replace(/#n1/g, 'SK')
}
// The last storable key with a prefix (the prefix filled to 1,024 bytes) is shown as 'prefix<last>'.
const show = (value: unknown) => {
  const at = typeof value === 'string' ? value.indexOf('\u{10ffff}') : -1
  if (at >= 0 && value === lastKeyWith((value as string).slice(0, at))) return JSON.stringify((value as string).slice(0, at) + '<last>')
  return JSON.stringify(value)
}
const day = new Date('2024-05-01T00:00:00.000Z')
const iso = '2024-05-01T00:00:00.000Z'

describe('entity key conditions', () => {
  it('no sort-key field: begins_with on the entity prefix; none without a prefix', () => {
    expect(condition(q())).toBe('PK = "CUSTOMER#c" AND begins_with(SK, "ORDER#")')
    expect(condition(Message.query.primary({ group: 'g' }))).toBe('PK = "GROUP#g"')
  })

  it('leading fields end with their literal; all fields are equality (codecs encoded)', () => {
    expect(condition(Order.query.primary({ customer: 'c', status: 'OPEN' }))).toBe('PK = "CUSTOMER#c" AND begins_with(SK, "ORDER#OPEN#")')
    expect(condition(Order.query.primary({ customer: 'c', status: 'OPEN', placed: day }))).toBe(`PK = "CUSTOMER#c" AND SK = "ORDER#OPEN#${iso}"`)
  })

  it('beginsWith leaves the last field open; a string is a stored-form prefix even for a codec field', () => {
    expect(condition(q().beginsWith({ status: 'OP' }))).toBe('PK = "CUSTOMER#c" AND begins_with(SK, "ORDER#OP")')
    expect(condition(q().beginsWith({ status: 'OPEN', placed: '2024-05' }))).toBe('PK = "CUSTOMER#c" AND begins_with(SK, "ORDER#OPEN#2024-05")')
    expect(condition(Message.query.primary({ group: 'g' }).beginsWith({ created_at: '2023' }))).toBe('PK = "GROUP#g" AND begins_with(SK, "2023")')
    expect(condition(Message.query.primary({ group: 'g' }).beginsWith('2023'))).toBe('PK = "GROUP#g" AND begins_with(SK, "2023")')
  })

  it('range operators on partial keys, confined to the entity prefix (exact ends: the last storable key, never a key outside)', () => {
    expect(condition(q().gt({ status: 'OPEN' }))).toBe('PK = "CUSTOMER#c" AND SK BETWEEN "ORDER#OPEN$" AND "ORDER#<last>"')
    expect(condition(q().gte({ status: 'OPEN' }))).toBe('PK = "CUSTOMER#c" AND SK BETWEEN "ORDER#OPEN#" AND "ORDER#<last>"')
    expect(condition(q().lt({ status: 'OPEN' }))).toBe('PK = "CUSTOMER#c" AND SK BETWEEN "ORDER#" AND "ORDER#OPEN\\"<last>"')
    expect(condition(q().lte({ status: 'OPEN' }))).toBe('PK = "CUSTOMER#c" AND SK BETWEEN "ORDER#" AND "ORDER#OPEN#<last>"')
    expect(condition(q().between({ status: 'A' }, { status: 'C' }))).toBe('PK = "CUSTOMER#c" AND SK BETWEEN "ORDER#A#" AND "ORDER#C#<last>"')
  })

  it('range operators on whole keys: an exclusive bound stays exclusive', () => {
    const whole = { status: 'OPEN', placed: day }
    expect(condition(q().gt(whole))).toBe(`PK = "CUSTOMER#c" AND SK BETWEEN "ORDER#OPEN#${iso}\\u0000" AND "ORDER#<last>"`)
    expect(condition(q().gte(whole))).toBe(`PK = "CUSTOMER#c" AND SK BETWEEN "ORDER#OPEN#${iso}" AND "ORDER#<last>"`)
    expect(condition(q().lt(whole))).toBe(`PK = "CUSTOMER#c" AND SK BETWEEN "ORDER#" AND "ORDER#OPEN#${iso.slice(0, -1)}Y<last>"`)
    expect(condition(q().lte(whole))).toBe(`PK = "CUSTOMER#c" AND SK BETWEEN "ORDER#" AND "ORDER#OPEN#${iso}"`)
  })

  it('sort-key fields of the key input bound every condition', () => {
    expect(condition(Order.query.primary({ customer: 'c', status: 'OPEN' }).gte({ placed: day }))).toBe(
      `PK = "CUSTOMER#c" AND SK BETWEEN "ORDER#OPEN#${iso}" AND "ORDER#OPEN#<last>"`,
    )
    const open = Order.query.primary({ customer: 'c', status: 'OPEN' })
    expect(condition(open.beginsWith({}))).toBe('PK = "CUSTOMER#c" AND begins_with(SK, "ORDER#OPEN#")')
    expect(condition(open.beginsWith({ status: 'OPEN' }))).toBe('PK = "CUSTOMER#c" AND begins_with(SK, "ORDER#OPEN#")')
    expect(condition(open.lt('ORDER#OPEN#2025'))).toBe('PK = "CUSTOMER#c" AND SK BETWEEN "ORDER#OPEN#" AND "ORDER#OPEN#2024<last>"')
    expect(() => open.gt({ status: 'CLOSED' }).params()).toThrow(/fixes it to "OPEN"/)
    expect(() => open.lt('ORDER#A').params()).toThrow(/selects no key inside/)
  })

  it('raw string bounds are confined to the entity prefix', () => {
    expect(condition(q().between('#METADATA#c', 'USER$'))).toBe('PK = "CUSTOMER#c" AND begins_with(SK, "ORDER#")')
    expect(condition(q().lt('ORDER#B'))).toBe('PK = "CUSTOMER#c" AND SK BETWEEN "ORDER#" AND "ORDER#A<last>"')
  })

  it('plain key attributes compare stored values', () => {
    const byPlace = Order.query.ByPlace({ city: 'Oslo' })
    expect(byPlace.params()).toMatchObject({ KeyConditionExpression: '#n0 = :v0', ExpressionAttributeNames: { '#n0': 'city' } })
    expect(byPlace.gt({ rank: 3 }).params()).toMatchObject({
      KeyConditionExpression: '#n0 = :v0 AND #n1 > :v1',
      ExpressionAttributeNames: { '#n0': 'city', '#n1': 'rank' },
      ExpressionAttributeValues: { ':v0': 'Oslo', ':v1': 3 },
    })
    expect(byPlace.between(1, 5).params().ExpressionAttributeValues).toEqual({ ':v0': 'Oslo', ':v1': 1, ':v2': 5 })
  })

  it('refuses what cannot be a condition, before sending', () => {
    expect(() => q().between({ status: 'C' }, { status: 'A' }).params()).toThrow(ValidationError)
    expect(() => Message.query.primary({ group: 'g' }).gt({}).params()).toThrow(/gt selects no key/)
    // @ts-expect-error not a sort-key field
    expect(() => q().gt({ city: 'x' }).params()).toThrow(/"city" is not a sort-key field/)
    expect(() => q().gt({}).params()).toThrow(/selects no key inside/)
    expect(() => q().gt({ placed: day }).params()).toThrow(KeyValueError)
    expect(() => q().limit(0)).toThrow(ValidationError)
  })
})

describe('builders', () => {
  it('are immutable: each option gives a new builder', () => {
    const base = q()
    const limited = base.limit(5).reverse()
    expect(base.params()).not.toHaveProperty('Limit')
    expect(limited.params()).toMatchObject({ Limit: 5, ScanIndexForward: false })
    expect(base.consistent().params()).toMatchObject({ ConsistentRead: true })
  })

  it('params() of a parallel scan shows segment 0 of n', () => {
    expect(Order.scan({ segments: 4 }).params()).toMatchObject({ Segment: 0, TotalSegments: 4, FilterExpression: 'begins_with(#n0, :v0) AND begins_with(#n1, :v1)' })
  })
})

describe('successor', () => {
  it('is the least string after every string with the prefix', () => {
    expect(successor('USER#')).toBe('USER$')
    expect(successor('a\u{10FFFF}')).toBe('b')
    expect(successor('a\uD7FF')).toBe('a\uE000')
    expect(successor('a😀')).toBe('a😁')
  })
})
