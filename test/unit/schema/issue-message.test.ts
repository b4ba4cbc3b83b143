// zod/mini reports every broken rule as "Invalid input" unless the app loads a locale; sortkey's
// errors must still name the rule. Each rule is broken through a mini schema, by a put, a key
// and an update, and the ValidationError's message must say which rule; zod's own words (classic
// zod, a schema's custom message, a configured locale) are kept.
import { describe, it, expect, vi } from 'vitest'
import { z } from 'zod'
import * as zm from 'zod/mini'
import { defineTable, ValidationError } from '../../../src/index.js'
import { issueMessage } from '../../../src/schema/issue-message.js'

function entity() {
  const send = vi.fn(async () => ({}))
  const table = defineTable({ name: 'members', partitionKey: 'PK', sortKey: 'SK', client: { send } as never })
  const Member = table.entity('Member', {
    schema: zm.object({
      id: zm.string().check(zm.minLength(2)),
      age: zm.number().check(zm.int(), zm.minimum(0), zm.lt(150)),
      role: zm.enum(['admin', 'player']),
      email: zm.optional(zm.email()),
      code: zm.optional(zm.string().check(zm.regex(/^[A-Z]{3}$/), zm.maxLength(3))),
      step: zm.optional(zm.number().check(zm.multipleOf(5))),
      tags: zm.optional(zm.array(zm.string()).check(zm.maxLength(2))),
      kind: zm.optional(zm.literal('x')),
      meta: zm.optional(zm.strictObject({ a: zm.string() })),
      named: zm.optional(zm.string().check(zm.minLength(3, 'a name has at least 3 letters'))),
    }),
    key: { pk: 'M#{id}', sk: 'M' },
  })
  return { Member, send }
}

const good = { id: 'ab', age: 30, role: 'admin' as const }

/** The message of the ValidationError `run` throws. */
function messageOf(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError)
    return (error as Error).message
  }
  throw new Error('no error')
}

describe('rules broken through zod/mini schemas are named in the message', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['a string for a number', { age: 'old' }, /age: expected number, got a string/],
    ['NaN', { age: NaN }, /age: expected number, got NaN/],
    ['a missing field', { role: undefined }, /role: expected one of "admin", "player", got nothing/],
    ['a value outside an enum', { role: 'owner' }, /role: expected one of "admin", "player", got "owner"/],
    ['a literal', { kind: 'y' }, /kind: expected "x", got "y"/],
    ['a minimum', { age: -1 }, /age: must be at least 0/],
    ['an exclusive maximum', { age: 150 }, /age: must be less than 150/],
    ['an integer', { age: 1.5 }, /age: expected int, got a number/],
    ['a string length', { id: 'a' }, /id: must have at least 2 characters/],
    ['a list length', { tags: ['a', 'b', 'c'] }, /tags: must have at most 2 items/],
    ['a format', { email: 'not-an-email' }, /email: is not a valid email/],
    ['a pattern', { code: 'abc' }, /code: must match \/\^\[A-Z\]\{3\}\$\//],
    ['a multiple', { step: 7 }, /step: must be a multiple of 5/],
    ['an unknown key', { meta: { a: 'x', b: 1 } }, /meta: unknown key "b"/],
    ['a nested type', { meta: { a: 1 } }, /meta\.a: expected string, got a number/],
  ]
  for (const [rule, change, expected] of cases) {
    it(`put: ${rule}`, () => {
      const { Member, send } = entity()
      const message = messageOf(() => Member.put({ ...good, ...change } as never).params())
      expect(message).toMatch(expected)
      expect(message).toMatch(/^Member\.put: /)
      expect(message).not.toMatch(/Invalid input/)
      expect(send).not.toHaveBeenCalled()
    })
  }

  it('the whole message names entity, operation, field and rule', () => {
    const { Member } = entity()
    expect(messageOf(() => Member.put({ ...good, age: 150 }).params())).toBe('Member.put: invalid input — age: must be less than 150')
  })

  it('key input and update values get the same words', () => {
    const { Member } = entity()
    expect(messageOf(() => Member.get({ id: 7 as never }).params())).toMatch(/id: expected string, got a number/)
    expect(messageOf(() => Member.update({ id: 'ab' }, { set: { age: -3 } }).params())).toMatch(/age: must be at least 0/)
    expect(messageOf(() => Member.update({ id: 'ab' }, { set: { role: 'x' as never } }).params())).toMatch(/role: expected one of "admin", "player"/)
  })

  it("a schema's own message is kept", () => {
    const { Member } = entity()
    expect(messageOf(() => Member.put({ ...good, named: 'ab' }).params())).toMatch(/named: a name has at least 3 letters/)
  })

  it("classic zod's messages are zod's, unchanged", () => {
    const table = defineTable({ name: 'members', partitionKey: 'PK', sortKey: 'SK', client: { send: vi.fn() } as never })
    const Classic = table.entity('Classic', { schema: z.object({ id: z.string(), age: z.number().min(0) }), key: { pk: 'C#{id}', sk: 'C' } })
    expect(messageOf(() => Classic.put({ id: 'a', age: 'x' as never }).params())).toMatch(/age: Invalid input: expected number, received string/)
    expect(messageOf(() => Classic.put({ id: 'a', age: -1 }).params())).toMatch(/age: Too small: expected number to be >=0/)
  })

  it('an issue zod worded itself is returned as it is; an unknown code keeps the generic words', () => {
    expect(issueMessage({ path: [], message: 'Zu klein', code: 'too_small', minimum: 1 }, 0)).toBe('Zu klein')
    expect(issueMessage({ path: [], message: 'Invalid input', code: 'invalid_union' }, 0)).toBe('Invalid input')
    expect(issueMessage({ path: ['a', 0], message: 'Invalid input', code: 'invalid_type', expected: 'string' }, { a: [null] })).toBe('expected string, got null')
    expect(issueMessage({ path: [], message: 'Invalid input', code: 'invalid_value', values: ['a', 'b'] }, 'x'.repeat(100))).toBe(`expected one of "a", "b", got "${'x'.repeat(39)}…`)
  })
})
