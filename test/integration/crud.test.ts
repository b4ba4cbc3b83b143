import { describe, it, expect, beforeAll } from 'vitest'
import { z } from 'zod'
import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { defineTable, isoDate, ItemExistsError, KeyValueError, ValidationError, ConditionFailedError, createTable, lt } from '../../src/index.js'
import { localClient, uniqueTableName } from '../support/client.js'

const client = localClient()
const table = defineTable({
  name: uniqueTableName('crud'),
  partitionKey: 'PK',
  sortKey: 'SK',
  indexes: {
    GSI1: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    OpenGamesIndex: { partitionKey: 'map', sortKey: 'open_timestamp' },
  },
  client,
})

const User = table.entity('User', {
  schema: z.object({
    username: z.string(),
    name: z.string(),
    email: z.email(),
    birthdate: z.optional(isoDate()),
    tags: z.array(z.string()).default([]),
  }),
  key: { pk: 'USER#{username}', sk: '#METADATA#{username}' },
  indexes: { GSI1: { pk: 'EMAIL#{email}', sk: 'USER' } },
  timestamps: true,
})

const Game = table.entity('Game', {
  schema: z.object({
    game_id: z.string(),
    map: z.string(),
    creator: z.string(),
    people: z.number().int(),
    open_timestamp: z.string().optional(),
  }),
  key: { pk: 'GAME#{game_id}', sk: '#METADATA#{game_id}' },
})

const Mapping = table.entity('UserGameMapping', {
  schema: z.object({ game_id: z.string(), username: z.string(), place: z.number().optional() }),
  key: { pk: 'GAME#{game_id}', sk: 'USER#{username}' },
})

async function raw(key: Record<string, unknown>) {
  const out = await client.send(new GetCommand({ TableName: table.name, Key: key }))
  return out.Item
}

beforeAll(async () => {
  await createTable(table)
})

describe('put / get / delete round trips', () => {
  it('stores a user with computed keys, entity attribute, defaults, codec and timestamps, and reads it back', async () => {
    const written = await User.put({ username: 'alice', name: 'Alice', email: 'alice@example.com', birthdate: new Date('1990-05-01T00:00:00.000Z') })
    expect(written.tags).toEqual([])
    expect(written.birthdate).toEqual(new Date('1990-05-01T00:00:00.000Z'))
    expect(typeof written.createdAt).toBe('string')

    const stored = await raw({ PK: 'USER#alice', SK: '#METADATA#alice' })
    expect(stored).toMatchObject({
      PK: 'USER#alice',
      SK: '#METADATA#alice',
      GSI1PK: 'EMAIL#alice@example.com',
      GSI1SK: 'USER',
      _type: 'User',
      birthdate: '1990-05-01T00:00:00.000Z',
      tags: [],
    })

    const read = await User.get({ username: 'alice' })
    expect(read).toEqual({
      username: 'alice',
      name: 'Alice',
      email: 'alice@example.com',
      birthdate: new Date('1990-05-01T00:00:00.000Z'),
      tags: [],
      createdAt: written.createdAt,
      updatedAt: written.updatedAt,
    })
  })

  it('returns undefined for a missing item', async () => {
    expect(await User.get({ username: 'nobody' })).toBeUndefined()
  })

  it('reads only selected fields', async () => {
    await User.put({ username: 'sel', name: 'Sel', email: 'sel@example.com' })
    const read = await User.get({ username: 'sel' }, { select: ['name', 'email'] })
    expect(read).toEqual({ name: 'Sel', email: 'sel@example.com' })
  })

  it('deletes, and returns the old item when asked', async () => {
    await Game.put({ game_id: 'g1', map: 'Green Grasslands', creator: 'alice', people: 3 })
    const old = await Game.delete({ game_id: 'g1' }, { returnValues: 'ALL_OLD' })
    expect(old).toEqual({ game_id: 'g1', map: 'Green Grasslands', creator: 'alice', people: 3 })
    expect(await Game.get({ game_id: 'g1' })).toBeUndefined()
  })

  it('keeps entities sharing a partition apart', async () => {
    await Game.put({ game_id: 'g2', map: 'Dirty Desert', creator: 'bob', people: 2 })
    await Mapping.put({ game_id: 'g2', username: 'bob' })
    expect(await Mapping.get({ game_id: 'g2', username: 'bob' })).toEqual({ game_id: 'g2', username: 'bob' })
    expect(await Game.get({ game_id: 'g2' })).toMatchObject({ people: 2 })
  })
})

describe('create', () => {
  it('refuses a duplicate with ItemExistsError and leaves the stored item alone', async () => {
    await User.create({ username: 'dup', name: 'First', email: 'first@example.com' })
    const error = await User.create({ username: 'dup', name: 'Second', email: 'second@example.com' }).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(ItemExistsError)
    expect((error as ItemExistsError).code).toBe('ITEM_EXISTS')
    expect((error as ItemExistsError).entity).toBe('User')
    expect((error as ItemExistsError).key).toEqual({ PK: 'USER#dup', SK: '#METADATA#dup' })
    expect(await User.get({ username: 'dup' })).toMatchObject({ name: 'First' })
  })
})

describe('conditional writes', () => {
  it('a failed put condition is ConditionFailedError carrying the stored item', async () => {
    await Game.put({ game_id: 'g3', map: 'Juicy Jungle', creator: 'carol', people: 50 })
    const error = await Game.put({ game_id: 'g3', map: 'Juicy Jungle', creator: 'carol', people: 51 }, { condition: { people: lt(50) } }).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(ConditionFailedError)
    expect((error as ConditionFailedError).item).toEqual({ game_id: 'g3', map: 'Juicy Jungle', creator: 'carol', people: 50 })
    expect(await Game.get({ game_id: 'g3' })).toMatchObject({ people: 50 })
  })
})

describe('sparse index', () => {
  it('writes the plain index attributes only when the optional field is present', async () => {
    await Game.put({ game_id: 'open', map: 'Green Grasslands', creator: 'x', people: 1, open_timestamp: '2019-10-01T00:00:00' })
    await Game.put({ game_id: 'closed', map: 'Green Grasslands', creator: 'x', people: 50 })
    const open = await raw({ PK: 'GAME#open', SK: '#METADATA#open' })
    const closed = await raw({ PK: 'GAME#closed', SK: '#METADATA#closed' })
    expect(open).toMatchObject({ map: 'Green Grasslands', open_timestamp: '2019-10-01T00:00:00' })
    expect(closed && 'open_timestamp' in closed).toBe(false)
  })
})

describe('bad input is refused before anything is sent', () => {
  it('a key value containing the delimiter is a KeyValueError naming entity, template and field', async () => {
    const op = User.put({ username: 'a#b', name: 'X', email: 'x@example.com' })
    expect(() => op.params()).toThrow(KeyValueError)
    try {
      op.params()
    } catch (e) {
      const error = e as KeyValueError
      expect(error.entity).toBe('User')
      expect(error.template).toBe('USER#{username}')
      expect(error.field).toBe('username')
      expect(error.value).toBe('a#b')
      expect(error.message).toContain("delimiter '#'")
    }
    await expect(User.put({ username: 'a#b', name: 'X', email: 'x@example.com' })).rejects.toBeInstanceOf(KeyValueError)
    expect(await raw({ PK: 'USER#a#b', SK: '#METADATA#a#b' })).toBeUndefined()
  })

  it('an empty key value is refused', () => {
    expect(() => User.key({ username: '' })).toThrow(/must not be empty/)
  })

  it('a validation error names the entity and the field', async () => {
    const error = await User.put({ username: 'bad', name: 'Bad', email: 'not-an-email' }).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(ValidationError)
    const v = error as ValidationError
    expect(v.entity).toBe('User')
    expect(v.operation).toBe('put')
    expect(v.issues.map((i) => i.path)).toEqual([['email']])
    expect(v.message).toMatch(/^User\.put: invalid input — email: /)
    expect(await User.get({ username: 'bad' })).toBeUndefined()
  })
})

describe('pure key helpers', () => {
  it('key() and keys()', () => {
    expect(User.key({ username: 'alice' })).toEqual({ PK: 'USER#alice', SK: '#METADATA#alice' })
    expect(User.keys({ username: 'alice', name: 'A', email: 'a@example.com' })).toEqual({
      PK: 'USER#alice',
      SK: '#METADATA#alice',
      GSI1PK: 'EMAIL#a@example.com',
      GSI1SK: 'USER',
    })
    expect(Game.keys({ game_id: 'g', map: 'M', creator: 'c', people: 1, open_timestamp: 't' })).toEqual({
      PK: 'GAME#g',
      SK: '#METADATA#g',
      map: 'M',
      open_timestamp: 't',
    })
  })

  it('params() shows the exact command input', () => {
    const params = Game.put({ game_id: 'g9', map: 'M', creator: 'c', people: 1 }).params()
    expect(params).toEqual({
      TableName: table.name,
      Item: { game_id: 'g9', map: 'M', creator: 'c', people: 1, PK: 'GAME#g9', SK: '#METADATA#g9', _type: 'Game' },
    })
  })
})
