// One encoding for every value that reaches DynamoDB: each kind of field (codec, transform,
// plain, optional, nested) in each place a value can appear, with zod classic and zod/mini.
// What is stored is read back raw from DynamoDB Local; what is sent is read from .params().
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { z } from 'zod'
import * as zm from 'zod/mini'
import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { marshall } from '@aws-sdk/util-dynamodb'
import type { DynamoDBRecord } from 'aws-lambda'
import { batchWrite, createTable, defineTable, dropTable, epochSeconds, isoDate, parseStreamRecord, transactWrite, UniqueConstraintError, ValidationError, beginsWith, between, contains, eq, gt, gte, lt, lte, oneOf } from '../../src/index.js'
import { localClient, uniqueTableName } from '../support/client.js'

const client = localClient()
const at = new Date('2024-03-04T05:06:07.089Z')
const later = new Date('2024-05-06T07:08:09.000Z')
const AT = '2024-03-04T05:06:07.089Z'
const LATER = '2024-05-06T07:08:09.000Z'

// The same model in both flavours: email is normalised (transform), at is a codec (key field too),
// name is plain, due is an optional codec, home is a nested object with a transform and a codec.
const schemas = {
  classic: z.object({
    email: z.string().trim().toLowerCase(),
    at: isoDate(),
    name: z.string(),
    due: z.optional(epochSeconds()),
    home: z.object({ city: z.string().trim(), since: isoDate() }),
    tags: z.array(z.string().toLowerCase()),
    nick: z.string().trim().optional(),
  }),
  mini: zm.object({
    email: zm.string().check(zm.trim(), zm.toLowerCase()),
    at: isoDate(),
    name: zm.string(),
    due: zm.optional(epochSeconds()),
    home: zm.object({ city: zm.string().check(zm.trim()), since: isoDate() }),
    tags: zm.array(zm.string().check(zm.toLowerCase())),
    nick: zm.optional(zm.string().check(zm.trim())),
  }),
}

for (const flavour of ['classic', 'mini'] as const) {
  describe(`every value in stored form (zod ${flavour})`, () => {
    const table = defineTable({
      name: uniqueTableName(`enc-${flavour}`),
      partitionKey: 'PK',
      sortKey: 'SK',
      indexes: { GSI1: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK' } },
      client,
    })
    const Visit = table.entity('Visit', {
      schema: schemas[flavour],
      key: { pk: 'U#{email}', sk: 'AT#{at}' },
      indexes: { GSI1: { pk: 'NAME#{name}', sk: 'DUE#{at}' } },
    })
    // The same fields with a unique nick (markers cannot go in batches, so the plain one is used there).
    const Member = table.entity('Member', { schema: schemas[flavour], key: { pk: 'M#{email}', sk: 'AT#{at}' }, unique: ['nick'] })
    const input = { email: '  Alice@X.com ', at, name: 'Alice', due: later, home: { city: ' Paris ', since: at }, tags: ['A', 'b'], nick: ' al ' }
    const key = { PK: 'U#alice@x.com', SK: `AT#${AT}` }
    const stored = async (k: Record<string, unknown> = key) => (await client.send(new GetCommand({ TableName: table.name, Key: k, ConsistentRead: true }))).Item

    beforeAll(async () => {
      await createTable(table)
    })
    afterAll(async () => {
      await dropTable(table)
    })

    it('item: put stores every field in stored form, under keys built from stored values', async () => {
      await Visit.put(input)
      expect(await stored()).toMatchObject({
        ...key,
        GSI1PK: 'NAME#Alice',
        GSI1SK: `DUE#${AT}`,
        email: 'alice@x.com',
        at: AT,
        name: 'Alice',
        due: Math.floor(later.getTime() / 1000),
        home: { city: 'Paris', since: AT },
        tags: ['a', 'b'],
        nick: 'al',
      })
    })

    it('unique marker: claimed for the stored value', async () => {
      await Member.put(input)
      expect(await stored({ PK: '_unique#Member#nick#al', SK: '_unique' })).toBeDefined()
    })

    it('key input: get, key(), delete and update build the key put stored under, from the put input itself', async () => {
      const keyInput = { email: input.email, at }
      expect(Visit.key(keyInput)).toEqual(key)
      expect((await Visit.get(keyInput))?.name).toBe('Alice')
      expect(Visit.delete(keyInput).params().Key).toEqual(key)
      expect(Visit.update(keyInput, { set: { name: 'Alice' } }).params().Key).toEqual(key)
      expect(Visit.check(keyInput, { name: 'Alice' }).transactItem().ConditionCheck?.Key).toEqual(key)
    })

    it('update values: every clause is encoded, and the index key is rebuilt from stored values', async () => {
      const params = Visit.update(
        { email: 'ALICE@x.com', at },
        { set: { due: at, 'home.city': ' Lyon ', 'home.since': later }, setIfNotExists: { nick: ' x ' }, append: { tags: ['C'] } },
      ).params()
      const values = Object.values(params.ExpressionAttributeValues ?? {})
      expect(values).toEqual(expect.arrayContaining([Math.floor(at.getTime() / 1000), 'Lyon', LATER, 'x', ['c']]))
      await Visit.update({ email: 'ALICE@x.com', at }, { set: { due: at, home: { city: ' Nice ', since: later } }, append: { tags: ['C'] } })
      expect(await stored()).toMatchObject({ due: Math.floor(at.getTime() / 1000), home: { city: 'Nice', since: LATER }, tags: ['a', 'b', 'c'] })
    })

    it('update of a unique field claims the stored value and releases the old one', async () => {
      await Member.update({ email: input.email, at }, { set: { nick: ' Bo ' } })
      expect((await stored({ PK: 'M#alice@x.com', SK: `AT#${AT}` }))?.nick).toBe('Bo')
      expect(await stored({ PK: '_unique#Member#nick#Bo', SK: '_unique' })).toBeDefined()
      expect(await stored({ PK: '_unique#Member#nick#al', SK: '_unique' })).toBeUndefined()
      await Member.put({ ...input, at: later, nick: 'al' })
      await expect(Member.update({ email: input.email, at: later }, { set: { nick: '  Bo' } })).rejects.toThrow(UniqueConstraintError)
    })

    it('conditions: shorthand and every operator are encoded (put, update, delete, check)', () => {
      const condition = { at, due: lt(later), email: ' ALICE@X.COM', home: eq({ city: ' Paris ', since: at }), tags: contains('B'), name: beginsWith('Al') }
      const put = Visit.put(input, { condition }).params()
      expect(Object.values(put.ExpressionAttributeValues ?? {})).toEqual(
        expect.arrayContaining([AT, Math.floor(later.getTime() / 1000), 'alice@x.com', { city: 'Paris', since: AT }, 'b', 'Al']),
      )
      const update = Visit.update({ email: input.email, at }, { set: { name: 'A' } }, { condition: { at: between(at, later), email: oneOf([' A@X.COM ']) } }).params()
      expect(Object.values(update.ExpressionAttributeValues ?? {})).toEqual(expect.arrayContaining([AT, LATER, 'a@x.com']))
      const del = Visit.delete({ email: input.email, at }, { condition: { 'home.since': gte(at) } }).params()
      expect(Object.values(del.ExpressionAttributeValues ?? {})).toContain(AT)
    })

    it('filters: .where() on query and scan encodes Dates and transforms', () => {
      const query = Visit.query.primary({ email: input.email }).where({ due: gt(at), nick: ' al ' }).params()
      expect(query.ExpressionAttributeValues).toMatchObject({})
      expect(Object.values(query.ExpressionAttributeValues ?? {})).toEqual(expect.arrayContaining(['U#alice@x.com', Math.floor(at.getTime() / 1000), 'al']))
      const scan = Visit.scan().where({ at: lte(later) }).params()
      expect(Object.values(scan.ExpressionAttributeValues ?? {})).toContain(LATER)
    })

    it('filters: a Date filter runs against DynamoDB Local and returns the item', async () => {
      const { items } = await Visit.query.primary({ email: input.email }).where({ due: gte(at), at: eq(at) })
      expect(items.map((i) => i.at)).toEqual([at])
    })

    it('sort-key bounds: Dates in bounds are encoded; a beginsWith prefix is rewritten as the field is', () => {
      const between = Visit.query.primary({ email: input.email }).between({ at }, { at: later }).params()
      expect(Object.values(between.ExpressionAttributeValues ?? {})).toEqual(expect.arrayContaining([`AT#${AT}`, `AT#${LATER}`]))
      const index = Visit.query.GSI1({ name: 'Alice' }).gte({ at }).params()
      expect(Object.values(index.ExpressionAttributeValues ?? {})).toEqual(expect.arrayContaining(['NAME#Alice', `DUE#${AT}`]))
    })

    it('batch and transaction items are stored in stored form', async () => {
      const a = { ...input, email: ' Bob@X.com' }
      await batchWrite([Visit.put(a)])
      expect(await stored({ PK: 'U#bob@x.com', SK: `AT#${AT}` })).toMatchObject({ email: 'bob@x.com', home: { city: 'Paris', since: AT } })
      await transactWrite([Visit.put({ ...a, email: ' Carol@X.com ' }), Visit.update({ email: 'BOB@x.com ', at }, { set: { due: later } })])
      expect(await stored({ PK: 'U#carol@x.com', SK: `AT#${AT}` })).toMatchObject({ email: 'carol@x.com' })
      expect((await stored({ PK: 'U#bob@x.com', SK: `AT#${AT}` }))?.due).toBe(Math.floor(later.getTime() / 1000))
    })

    it('stream images are decoded to the application form, key fields included', async () => {
      const item = await stored()
      const record = { eventName: 'INSERT', dynamodb: { Keys: marshall(key), NewImage: marshall(item), StreamViewType: 'NEW_AND_OLD_IMAGES' } } as unknown as DynamoDBRecord
      const change = parseStreamRecord(table, record)
      expect(change.key).toEqual({ email: 'alice@x.com', at })
      // epochSeconds keeps whole seconds; home was replaced by the update above.
      expect(change.newItem).toMatchObject({ at, home: { city: 'Nice', since: later }, due: new Date(Math.floor(at.getTime() / 1000) * 1000) })
    })

    it('a value the field cannot hold is refused before sending, wherever it appears', () => {
      expect(() => Visit.key({ email: 'a', at: 'not a date' as unknown as Date })).toThrow(ValidationError)
      expect(() => Visit.put(input, { condition: { at: lt('2024' as unknown as Date) } }).params()).toThrow(ValidationError)
      expect(() => Visit.query.primary({ email: 'a' }).where({ due: gt(5 as unknown as Date) }).params()).toThrow(ValidationError)
      expect(() => Visit.update({ email: 'a', at }, { set: { 'home.since': 'x' as unknown as Date } }).params()).toThrow(ValidationError)
    })
  })
}
