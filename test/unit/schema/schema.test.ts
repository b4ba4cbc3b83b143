// The schema layer: which schemas are accepted (zod 4 classic and mini, and nothing else, with a
// DefinitionError that says why), library fields added to mini schemas, condition operands
// checked against their field's schema, and a runtime path that never loads classic zod.
import { describe, it, expect, vi } from 'vitest'
import { z } from 'zod'
import * as zm from 'zod/mini'
import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'
import { defineCollection, defineTable, DefinitionError, ValidationError, epochSeconds, isoDate, between, eq, exists, gt, gte, lt, oneOf, size } from '../../../src/index.js'
import { schemaProblem } from '../../../src/schema/index.js'

function tableWithSpy() {
  const send = vi.fn(async () => ({}))
  const table = defineTable({ name: 'members', partitionKey: 'PK', sortKey: 'SK', client: { send } as never })
  return { table, send }
}

describe('schemaProblem', () => {
  it('accepts zod 4 object schemas of both flavours', () => {
    expect(schemaProblem(z.object({ a: z.string() }))).toBeUndefined()
    expect(schemaProblem(zm.object({ a: zm.string(), at: isoDate() }))).toBeUndefined()
  })

  it('says what was given instead: not an object schema, zod 3, another Standard Schema library, a non-zod field', () => {
    expect(schemaProblem(undefined)).toMatch(/got undefined/)
    expect(schemaProblem(z.string())).toMatch(/zod string schema, not an object schema/)
    expect(schemaProblem({ _def: { typeName: 'ZodObject' }, safeParse() {} })).toMatch(/zod 3/)
    expect(schemaProblem({ '~standard': { version: 1, vendor: 'valibot', validate: () => ({ value: 1 }) } })).toMatch(/valibot schema: sortkey needs zod 4/)
    expect(schemaProblem({ _zod: { def: { type: 'object', shape: { a: { '~standard': {} } } }, version: { major: 4 } } })).toMatch(/field "a" is not a zod 4 schema/)
  })
})

describe('entities on zod/mini schemas', () => {
  it('a schema of neither flavour is a DefinitionError at entity(), not a TypeError at the first write', () => {
    const { table } = tableWithSpy()
    const valibotLike = { '~standard': { version: 1, vendor: 'valibot', validate: (v: unknown) => ({ value: v }) } }
    expect(() => table.entity('V', { schema: valibotLike as never, key: { pk: 'V#{id}', sk: 'V' } })).toThrow(DefinitionError)
    expect(() => table.entity('V', { schema: valibotLike as never, key: { pk: 'V#{id}', sk: 'V' } })).toThrow(/entity V: schema is a valibot schema/)
  })

  it('a one-way transform has no stored form: a DefinitionError naming the field, nested or not', () => {
    const { table } = tableWithSpy()
    const lengths = z.object({ id: z.string(), home: z.object({ size: z.string().transform((v) => v.length) }) })
    expect(() => table.entity('T', { schema: lengths, key: { pk: 'T#{id}', sk: 'T' } })).toThrow(/field "home.size" uses a one-way transform/)
    const mini = zm.object({ id: zm.string(), n: zm.pipe(zm.string(), zm.transform((v: string) => Number(v))) })
    expect(() => table.entity('T2', { schema: mini, key: { pk: 'T2#{id}', sk: 'T' } })).toThrow(DefinitionError)
  })

  it('timestamps and a version are added to a mini schema without .extend, and keep its flavour', () => {
    const { table } = tableWithSpy()
    const Doc = table.entity('Doc', { schema: zm.object({ id: zm.string() }), key: { pk: 'D#{id}', sk: 'D' }, timestamps: true, version: 'v' })
    expect(Doc.schema.constructor.name).toBe('ZodMiniObject')
    const item = Doc.put({ id: 'a' }).params().Item as Record<string, unknown>
    expect(item).toMatchObject({ id: 'a', v: 1 })
    expect(typeof item.createdAt).toBe('string')
  })

  it('a select narrows a mini schema (no .pick needed)', async () => {
    const send = vi.fn(async () => ({ Item: { PK: 'D#a', SK: 'D', id: 'a', at: '2024-01-01T00:00:00.000Z' } }))
    const table = defineTable({ name: 'members', partitionKey: 'PK', sortKey: 'SK', client: { send } as never })
    const Doc = table.entity('Doc', { schema: zm.object({ id: zm.string(), at: isoDate(), n: zm.number() }), key: { pk: 'D#{id}', sk: 'D' } })
    expect(await Doc.get({ id: 'a' }, { select: ['id', 'at'] })).toEqual({ id: 'a', at: new Date('2024-01-01T00:00:00.000Z') })
  })
})

describe('condition operands are checked against the field schema', () => {
  const { table, send } = tableWithSpy()
  const Member = table.entity('Member', {
    schema: z.object({ id: z.string(), role: z.string(), people: z.number().int().max(50), meta: z.record(z.string(), z.unknown()).optional(), at: isoDate() }),
    key: { pk: 'M#{id}', sk: 'M' },
  })
  const values = (condition: object) => Object.values(Member.delete({ id: 'a' }, { condition: condition as never }).params().ExpressionAttributeValues ?? {})

  it('an operand that is an object where the field holds a string is refused, and nothing is sent', async () => {
    const hostile = JSON.parse('{"ne":"x"}') as unknown
    await expect(Member.delete({ id: 'bob' }, { condition: { role: eq(hostile as string) } })).rejects.toThrow(ValidationError)
    await expect(Member.delete({ id: 'bob' }, { condition: { role: oneOf([hostile as string]) } })).rejects.toThrow(ValidationError)
    await expect(Member.delete({ id: 'bob' }, { condition: { role: hostile as string } })).rejects.toThrow(/operators are functions/)
    await expect(Member.delete({ id: 'bob' }, { condition: { role: JSON.parse('{"x":1}') as string } })).rejects.toThrow(/plain object where the field takes a value/)
    await expect(Member.query.primary({ id: 'bob' }).where({ people: lt(JSON.parse('{"gt":0}') as number) })).rejects.toThrow(ValidationError)
    expect(send).not.toHaveBeenCalled()
  })

  it('a comparison may exceed the field range (max 50), but not its type', () => {
    expect(values({ people: lt(100) })).toContain(100)
    expect(() => values({ people: lt('100') as never })).toThrow(ValidationError)
    expect(() => values({ people: size(gt('x') as never) })).toThrow(/size\(gt\(...\)\) takes numbers/)
  })

  it('a map field: a plain object is always a value, even one whose keys look like operators', () => {
    const map = Member.delete({ id: 'a' }, { condition: { meta: { a: 1 } } }).params()
    expect(map.ConditionExpression).toBe('(#n0 = :v0)')
    expect(map.ExpressionAttributeValues).toEqual({ ':v0': { a: 1 } })
    expect(Member.delete({ id: 'a' }, { condition: { meta: exists() } }).params().ConditionExpression).toBe('(attribute_exists(#n0))')
    const ops = Member.delete({ id: 'a' }, { condition: { meta: { exists: true } } }).params()
    expect(ops.ConditionExpression).toBe('(#n0 = :v0)')
    expect(ops.ExpressionAttributeValues).toEqual({ ':v0': { exists: true } })
    expect(Member.delete({ id: 'a' }, { condition: { meta: eq({ lt: 1 }) } }).params().ExpressionAttributeValues).toEqual({ ':v0': { lt: 1 } })
  })

  it('a Date operand is sent as the stored ISO string', () => {
    expect(values({ at: between(new Date(0), new Date(1000)) })).toEqual(['1970-01-01T00:00:00.000Z', '1970-01-01T00:00:01.000Z'])
  })
})

describe('collection filters are encoded by the entities that have the field', () => {
  const { table } = tableWithSpy()
  const Game = table.entity('Game', { schema: z.object({ g: z.string(), at: isoDate(), ends: isoDate() }), key: { pk: 'G#{g}', sk: 'GAME' } })
  const Player = table.entity('Player', { schema: z.object({ g: z.string(), u: z.string(), ends: epochSeconds() }), key: { pk: 'G#{g}', sk: 'P#{u}' } })
  const both = defineCollection('GameAndPlayers', [Game, Player])
  const at = new Date('2024-01-01T00:00:00.000Z')

  it('a Date on a field one entity stores as an ISO string is sent as that string', () => {
    const params = both.query({ g: 'g1' }).where({ at: gte(at) } as never).params()
    expect(Object.values(params.ExpressionAttributeValues ?? {})).toContain('2024-01-01T00:00:00.000Z')
  })

  it('a field two entities store differently is refused', () => {
    expect(() => both.query({ g: 'g1' }).where({ ends: gte(at) } as never).params()).toThrow(/stored differently by the entities read together/)
  })
})

describe('the runtime path never loads classic zod', () => {
  it('an app on zod/mini bundles zod/v4/core and zod/mini only', async () => {
    const entry = fileURLToPath(new URL('../../../bench/bundle/apps/sortkey-mini.ts', import.meta.url))
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      format: 'esm',
      platform: 'node',
      external: ['@aws-sdk/*'],
      alias: { sortkey: fileURLToPath(new URL('../../../src/index.ts', import.meta.url)) },
      write: false,
      metafile: true,
      logLevel: 'error',
    })
    const zodFiles = Object.keys(result.metafile.inputs).filter((f) => f.includes('node_modules/zod/'))
    expect(zodFiles.some((f) => f.includes('/v4/core/'))).toBe(true)
    expect(zodFiles.filter((f) => f.includes('/v4/classic/'))).toEqual([])
  })
})
