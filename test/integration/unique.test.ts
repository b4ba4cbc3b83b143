import { describe, it, expect, beforeAll } from 'vitest'
import { z } from 'zod'
import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { defineTable, UniqueConstraintError, ItemExistsError, ValidationError, createTable, batchWrite, transactWrite } from '../../src/index.js'
import { localClient, uniqueTableName } from '../support/client.js'

const client = localClient()
const table = defineTable({ name: uniqueTableName('unique'), partitionKey: 'PK', sortKey: 'SK', client })
const User = table.entity('User', {
  schema: z.object({ username: z.string(), email: z.string(), phone: z.string().optional() }),
  key: { pk: 'USER#{username}', sk: 'USER' },
  unique: ['email', 'phone'],
})

async function marker(field: string, value: string) {
  return (await client.send(new GetCommand({ TableName: table.name, Key: { PK: `_unique#User#${field}#${value}`, SK: '_unique' } }))).Item
}

async function failure(promise: PromiseLike<unknown>): Promise<unknown> {
  return Promise.resolve(promise).then(
    () => {
      throw new Error('expected a failure')
    },
    (e: unknown) => e,
  )
}

beforeAll(async () => {
  await createTable(table)
})

describe('unique values', () => {
  it('create claims the value; a second user with the same email is a UniqueConstraintError naming the field', async () => {
    await User.create({ username: 'alice', email: 'a@example.com' })
    expect(await marker('email', 'a@example.com')).toMatchObject({ owner: JSON.stringify({ PK: 'USER#alice', SK: 'USER' }) })
    const error = await failure(User.create({ username: 'mallory', email: 'a@example.com' }))
    expect(error).toBeInstanceOf(UniqueConstraintError)
    expect((error as UniqueConstraintError).field).toBe('email')
    expect((error as UniqueConstraintError).value).toBe('a@example.com')
    expect(await User.get({ username: 'mallory' })).toBeUndefined()
    expect(await failure(User.create({ username: 'alice', email: 'other@example.com' }))).toBeInstanceOf(ItemExistsError)
    expect(await marker('email', 'other@example.com')).toBeUndefined()
  })

  it('update to a taken value is refused; update to a free value moves the claim', async () => {
    await User.create({ username: 'bob', email: 'b@example.com' })
    const error = await failure(User.update({ username: 'bob' }, { set: { email: 'a@example.com' } }))
    expect(error).toBeInstanceOf(UniqueConstraintError)
    expect(await User.get({ username: 'bob' })).toMatchObject({ email: 'b@example.com' })

    const after = await User.update({ username: 'bob' }, { set: { email: 'bob@example.com', phone: '555' } }, { returnValues: 'ALL_NEW' })
    expect(after).toEqual({ username: 'bob', email: 'bob@example.com', phone: '555' })
    expect(await marker('email', 'b@example.com')).toBeUndefined()
    expect(await marker('email', 'bob@example.com')).toBeDefined()
    expect(await marker('phone', '555')).toBeDefined()
    // the old email is free again
    await User.create({ username: 'carol', email: 'b@example.com' })
  })

  it('removing a unique value releases it; put changes claims too', async () => {
    await User.update({ username: 'bob' }, { remove: ['phone'] })
    expect(await marker('phone', '555')).toBeUndefined()
    await User.put({ username: 'bob', email: 'robert@example.com', phone: '777' })
    expect(await marker('email', 'bob@example.com')).toBeUndefined()
    expect(await marker('email', 'robert@example.com')).toBeDefined()
    expect(await failure(User.put({ username: 'dave', email: 'robert@example.com' }))).toBeInstanceOf(UniqueConstraintError)
  })

  it('delete releases every claim', async () => {
    await User.delete({ username: 'bob' })
    expect(await marker('email', 'robert@example.com')).toBeUndefined()
    expect(await marker('phone', '777')).toBeUndefined()
  })

  it('two users racing for one email: exactly one gets it', async () => {
    const results = await Promise.allSettled([
      User.create({ username: 'racer1', email: 'race@example.com' }),
      User.create({ username: 'racer2', email: 'race@example.com' }),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const users = [await User.get({ username: 'racer1' }), await User.get({ username: 'racer2' })].filter(Boolean)
    expect(users).toHaveLength(1)
  })

  it('refuses writes of unique entities in batches and hand-made transactions', async () => {
    await expect(batchWrite([User.put({ username: 'x', email: 'x@example.com' })])).rejects.toBeInstanceOf(ValidationError)
    await expect(transactWrite([User.create({ username: 'x', email: 'x@example.com' })])).rejects.toThrow(/unique fields \(email, phone\)/)
  })
})
