// Condition and filter operands at the entity: a value is checked against its field's schema, so
// JSON from a request can never become an operator; attr() names must be attributes of the
// entity. A spy on `send` proves refused input sent nothing.
import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { attr, between, defineCollection, defineTable, gt, gte, ne, oneOf, size, ValidationError } from '../../../src/index.js'

const send = vi.fn(async () => ({}))
const table = defineTable({ name: 'members', partitionKey: 'PK', sortKey: 'SK', client: { send } as never })
const Member = table.entity('Member', {
  schema: z.object({
    org: z.string(),
    id: z.string(),
    role: z.string(),
    score: z.number(),
    tags: z.array(z.string()).optional(),
    meta: z.record(z.string(), z.unknown()).optional(),
    address: z.object({ city: z.string(), lines: z.array(z.string()) }).optional(),
  }),
  key: { pk: 'ORG#{org}', sk: 'MEMBER#{id}' },
})
const Loose = table.entity('Loose', { schema: z.looseObject({ org: z.string(), id: z.string() }), key: { pk: 'ORG#{org}', sk: 'LOOSE#{id}' } })
const Team = table.entity('Team', { schema: z.object({ org: z.string(), team: z.string(), size: z.number() }), key: { pk: 'ORG#{org}', sk: 'TEAM#{team}' } })
const everyone = defineCollection('Everyone', [Member, Team])

const key = { org: 'acme', id: 'bob' }
const conditionOf = (condition: object) => Member.delete(key, { condition: condition as never }).params()
const refusal = (run: () => unknown): ValidationError => {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError)
    return error as ValidationError
  }
  throw new Error('not refused')
}

describe('operands that are plain objects', () => {
  it("JSON.parse('{\"ne\":\"x\"}') on a string field is refused with how operators are written now", () => {
    const error = refusal(() => conditionOf({ role: JSON.parse('{"ne":"x"}') }))
    expect(error.message).toMatch(/Member/)
    expect(error.issues[0]?.path).toEqual(['role'])
    expect(error.message).toMatch(/operators are functions.*role: ne\(\.\.\.\)/)
  })

  it('the old names get their new spelling in the message', () => {
    expect(refusal(() => conditionOf({ role: { in: ['a'] } })).message).toMatch(/role: oneOf\(\[\.\.\.\]\)/)
    expect(refusal(() => conditionOf({ role: { exists: false } })).message).toMatch(/role: exists\(\) or notExists\(\)/)
    expect(refusal(() => conditionOf({ role: { type: 'S' } })).message).toMatch(/attributeType/)
    expect(refusal(() => conditionOf({ score: { gte: 1, lt: 5 } })).message).toMatch(/score: gte\(\.\.\.\)/)
  })

  it('any other plain object on a field that is not a map is refused too; an empty one as well', () => {
    expect(refusal(() => conditionOf({ role: { x: 1 } })).message).toMatch(/plain object where the field takes a value/)
    expect(refusal(() => conditionOf({ score: {} })).message).toMatch(/plain object/)
    expect(refusal(() => conditionOf({ tags: { contains: 'x' } })).message).toMatch(/tags: contains/)
  })

  it('on a map field a plain object is a value, whatever its keys', () => {
    expect(conditionOf({ meta: { ne: 'x' } })).toMatchObject({ ConditionExpression: '(#n0 = :v0)', ExpressionAttributeValues: { ':v0': { ne: 'x' } } })
    expect(conditionOf({ 'address.city': 'Oslo' }).ConditionExpression).toBe('(#n0.#n1 = :v0)')
  })

  it('inside an operator, JSON is an operand checked against the field', () => {
    expect(refusal(() => conditionOf({ role: ne(JSON.parse('{"gt":""}')) })).issues[0]?.path).toEqual(['role', 'ne'])
    expect(refusal(() => conditionOf({ role: oneOf(['a', JSON.parse('{"ne":"x"}')]) })).issues[0]?.path).toEqual(['role', 'oneOf', 1])
    expect(refusal(() => conditionOf({ score: between(1, JSON.parse('{"lt":9}')) })).issues[0]?.path).toEqual(['score', 'between', 1])
    expect(refusal(() => conditionOf({ tags: size(gt(JSON.parse('"3"'))) })).message).toMatch(/size\(gt\(\.\.\.\)\) takes numbers/)
  })

  it('a forged copy of an operator is a plain object, and refused', () => {
    expect(refusal(() => conditionOf({ role: { ...ne('x') } })).message).toMatch(/plain object/)
    expect(refusal(() => conditionOf({ role: JSON.parse(JSON.stringify(ne('x'))) })).message).toMatch(/plain object/)
  })

  it('nothing was sent by any of these', () => {
    expect(send).not.toHaveBeenCalled()
  })
})

describe('attr() operands', () => {
  it('name a field, a nested path, or a key attribute', () => {
    expect(conditionOf({ score: gte(attr('score')) }).ConditionExpression).toBe('(#n0 >= #n0)')
    expect(conditionOf({ role: ne(attr('address.city')) }).ConditionExpression).toBe('(#n0 <> #n1.#n2)')
    expect(conditionOf({ 'address.lines': size(gt(attr('score'))) }).ConditionExpression).toBe('(size(#n0.#n1) > #n2)')
    expect(conditionOf({ role: ne(attr('SK')) }).ConditionExpression).toBe('(#n0 <> #n1)')
  })

  it('of an attribute the entity does not have is refused, naming entity, field and attribute', () => {
    const error = refusal(() => conditionOf({ score: gte(attr('scor')) }))
    expect(error.message).toMatch(/Member/)
    expect(error.issues[0]?.path).toEqual(['score', 'gte'])
    expect(error.message).toMatch(/attr\('scor'\), which is not an attribute of Member/)
    refusal(() => conditionOf({ score: between(0, attr('address.street')) }))
    refusal(() => conditionOf({ tags: size(gt(attr('nope'))) }))
    refusal(() => conditionOf({ role: attr('nope') }))
    refusal(() => Member.query.primary({ org: 'acme' }).where({ score: gt(attr('nope')) }).params())
    expect(send).not.toHaveBeenCalled()
  })

  it('any name on a schema that keeps unknown fields; in a collection, a field of any member', () => {
    expect(Loose.delete({ org: 'a', id: 'b' }, { condition: { id: ne(attr('anything')) } }).params().ConditionExpression).toBe('(#n0 <> #n1)')
    expect(everyone.query({ org: 'acme' }).where({ score: gt(attr('size')) } as never).params().FilterExpression).toMatch(/#n\d+ > #n\d+/)
    expect(() => everyone.query({ org: 'acme' }).where({ score: gt(attr('nope')) } as never).params()).toThrow(ValidationError)
  })
})

describe('property: JSON operands at an entity', () => {
  it('any JSON value on a string field is equality with its checked form, or a ValidationError; never anything else', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        let params: ReturnType<typeof conditionOf>
        try {
          params = conditionOf({ role: json })
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError)
          return
        }
        expect(typeof json).toBe('string')
        expect(params.ConditionExpression).toBe('(#n0 = :v0)')
        expect(params.ExpressionAttributeValues).toEqual({ ':v0': json })
      }),
      { numRuns: 400 },
    )
  })

  it('any JSON value on a map field, in a filter, is equality', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        let params: { FilterExpression?: string | undefined }
        try {
          params = Member.query.primary({ org: 'acme' }).where({ meta: json as never }).params()
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError)
          return
        }
        expect(params.FilterExpression).toMatch(/^(\(?#n\d+ = :v\d+\)?( AND )?)+$/)
      }),
      { numRuns: 300 },
    )
    expect(send).not.toHaveBeenCalled()
  })
})
