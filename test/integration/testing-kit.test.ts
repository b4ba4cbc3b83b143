// sortkey/testing against DynamoDB Local: renamed test tables, fixtures and reset; the recording
// client's view of single, batch and transaction commands; each fault of the faulty client as
// sortkey's own error handling sees it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ListTablesCommand } from '@aws-sdk/client-dynamodb'
import {
  ConditionFailedError,
  ItemExistsError,
  TransactionCanceledError,
  ValidationError,
  batchGet,
  batchWrite,
  defineTable,
  scanTable,
  transactGet,
  transactWrite,
} from '../../src/index.js'
import { ENDPOINT_VARIABLE, faultyClient, recordingClient, setup, teardown, testClient, testTable } from '../../src/testing/index.js'

const model = defineTable({ name: 'kit-model', partitionKey: 'PK', sortKey: 'SK', indexes: { ByEmail: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK' } } })
const User = model.entity('User', {
  schema: z.object({ username: z.string(), email: z.email(), visits: z.number().int().default(0) }),
  key: { pk: 'USER#{username}', sk: 'PROFILE' },
  indexes: { ByEmail: { pk: 'EMAIL#{email}', sk: 'USER' } },
})
const Handle = model.entity('Handle', {
  schema: z.object({ handle: z.string(), owner: z.string() }),
  key: { pk: 'HANDLE#{handle}', sk: 'HANDLE' },
  unique: ['owner'],
})
const other = defineTable({ name: 'other', partitionKey: 'PK' })
const Stranger = other.entity('Stranger', { schema: z.object({ id: z.string() }), key: { pk: 'S#{id}' } })

const db = testTable(model)
const Users = db.entity(User)

beforeAll(() => db.create())
afterAll(() => db.drop())

async function rejection(promise: PromiseLike<unknown>): Promise<unknown> {
  return Promise.resolve(promise).then(
    () => {
      throw new Error('expected a rejection')
    },
    (error: unknown) => error,
  )
}

describe('testTable', () => {
  it('binds renamed copies of the entities; the model itself is untouched', () => {
    expect(db.name).toMatch(/^kit-model-[0-9a-f]{8}$/)
    expect(Users.put({ username: 'a', email: 'a@x.io' }).params().TableName).toBe(db.name)
    expect(Users.query.ByEmail({ email: 'a@x.io' }).params().TableName).toBe(db.name)
    expect(User.put({ username: 'a', email: 'a@x.io' }).params().TableName).toBe('kit-model')
    expect(db.table.name).toBe(db.name)
    expect(() => db.entity(Stranger)).toThrow('Stranger is not an entity of table kit-model')
  })

  it('gives two test tables of one model their own names and items, so files run in parallel', async () => {
    const second = testTable(model)
    await second.create()
    try {
      expect(second.name).not.toBe(db.name)
      await db.reset()
      await db.seed(User, [{ username: 'only-in-first', email: 'f@x.io' }])
      await second.seed(User, [{ username: 'only-in-second', email: 's@x.io' }])
      expect((await scanTable(db.table).all()).items.map((i) => i.item.username)).toEqual(['only-in-first'])
      expect((await scanTable(second.table).all()).items.map((i) => i.item.username)).toEqual(['only-in-second'])
    } finally {
      await second.drop()
    }
  })

  it('seeds typed fixtures through their entity (defaults, indexes, unique markers) and reset empties the table', async () => {
    await db.reset()
    const users = Array.from({ length: 30 }, (_, i) => ({ username: `u${i}`, email: `u${i}@x.io` }))
    await db.seed(User, users)
    await db.seed(Handle, [{ handle: 'ann', owner: 'u1' }])
    expect(await Users.get({ username: 'u7' })).toEqual({ username: 'u7', email: 'u7@x.io', visits: 0 })
    expect((await Users.query.ByEmail({ email: 'u3@x.io' })).items).toEqual([{ username: 'u3', email: 'u3@x.io', visits: 0 }])
    // the unique marker was written: a second handle of the same owner is refused
    await expect(db.entity(Handle).create({ handle: 'bob', owner: 'u1' })).rejects.toMatchObject({ code: 'UNIQUE_CONSTRAINT' })
    expect((await scanTable(db.table).all()).items.length).toBe(32) // 30 users, 1 handle, its marker
    await db.reset()
    expect((await scanTable(db.table).all()).items).toEqual([])
  })

  it('refuses a bad fixture by entity and field before writing any of them', async () => {
    await db.reset()
    const recorder = recordingClient(testClient())
    const watched = testTable(model, { name: db.name, client: recorder })
    const error = await rejection(watched.seed(User, [{ username: 'ok', email: 'ok@x.io' }, { username: 'bad', email: 'not an email' }]))
    expect(error).toBeInstanceOf(ValidationError)
    expect(error).toMatchObject({ entity: 'User', issues: [{ path: ['email'] }] })
    expect(recorder.commands).toEqual([])
  })

  it('create replaces a leftover table of the same name', async () => {
    const leftover = testTable(model)
    await leftover.create()
    await leftover.seed(User, [{ username: 'old', email: 'o@x.io' }])
    const again = testTable(model, { name: leftover.name })
    await again.create()
    expect((await scanTable(again.table).all()).items).toEqual([])
    await again.drop()
  })
})

describe('recordingClient', () => {
  it('records every command and flattens batches and transactions into item requests', async () => {
    await db.reset()
    const recorder = recordingClient(db.client)
    const U = Users.withClient(recorder)
    await U.put({ username: 'p', email: 'p@x.io' })
    await U.update({ username: 'p' }, { add: { visits: 1 } })
    await batchWrite([U.put({ username: 'b1', email: 'b1@x.io' }), U.delete({ username: 'p' })])
    await batchGet([U.get({ username: 'b1' }), U.get({ username: 'zz' })])
    await transactWrite([U.put({ username: 't', email: 't@x.io' }), U.check({ username: 'b1' }, { visits: 0 })])
    await transactGet([U.get({ username: 't' })])
    await expect(U.create({ username: 't', email: 't@x.io' })).rejects.toBeInstanceOf(ItemExistsError)

    expect(recorder.names()).toEqual(['Put', 'Update', 'BatchWrite', 'BatchGet', 'TransactWrite', 'TransactGet', 'Put'])
    expect(recorder.writes().map((w) => `${w.via}:${w.kind}:${String(w.item?.PK ?? w.key?.PK)}`)).toEqual([
      'Put:put:USER#p',
      'Update:update:USER#p',
      'BatchWrite:put:USER#b1',
      'BatchWrite:delete:USER#p',
      'TransactWrite:put:USER#t',
      'TransactWrite:check:USER#b1',
      'Put:put:USER#t',
    ])
    expect(recorder.reads().map((r) => `${r.via}:${String(r.key?.PK)}`)).toEqual(['BatchGet:USER#b1', 'BatchGet:USER#zz', 'TransactGet:USER#t'])
    expect(new Set(recorder.writes().map((w) => w.table))).toEqual(new Set([db.name]))
    expect(recorder.writes('another-table')).toEqual([])
    expect(recorder.inputs('Update')[0]).toMatchObject({ TableName: db.name, Key: { PK: 'USER#p', SK: 'PROFILE' } })
    expect(recorder.commands.at(-1)?.error).toMatchObject({ name: 'ConditionalCheckFailedException' })
    expect(recorder.commands[1]?.output).toMatchObject({ $metadata: { httpStatusCode: 200 } })
    recorder.clear()
    expect(recorder.commands).toEqual([])
  })
})

describe('faultyClient', () => {
  it('throttles the calls a rule picks: after the first n, at most `times`', async () => {
    await db.reset()
    await db.seed(User, [{ username: 'g', email: 'g@x.io' }])
    const flaky = faultyClient(db.client, [{ on: 'Get', fault: 'throttle', after: 1, times: 2 }])
    const U = Users.withClient(flaky)
    expect(await U.get({ username: 'g' })).toMatchObject({ username: 'g' })
    for (let i = 0; i < 2; i++) {
      const error = await rejection(U.get({ username: 'g' }))
      // sortkey maps it as it maps the AWS SDK's own
      expect(error).toMatchObject({ code: 'REQUEST_FAILED', awsName: 'ProvisionedThroughputExceededException', retryable: true })
      expect((error as Error).cause).toMatchObject({ name: 'ProvisionedThroughputExceededException', $metadata: { httpStatusCode: 400 } })
    }
    expect(await U.get({ username: 'g' })).toMatchObject({ username: 'g' })
    expect(await U.put({ username: 'h', email: 'h@x.io' })).toBeDefined() // other commands pass
    expect([flaky.calls('Get'), flaky.calls('Put'), flaky.calls(), flaky.count('throttle')]).toEqual([4, 1, 5, 2])
  })

  it('a rate draws from the seed: the same seed throttles the same calls', async () => {
    const run = async () => {
      const flaky = faultyClient(db.client, [{ on: 'Get', fault: 'throttle', rate: 0.5 }], { seed: 99 })
      const U = Users.withClient(flaky)
      const outcomes: boolean[] = []
      for (let i = 0; i < 12; i++) outcomes.push(await U.get({ username: 'g' }).then(() => true, () => false))
      return outcomes
    }
    const first = await run()
    expect(first).toEqual(await run())
    expect(first.filter(Boolean).length).toBeGreaterThan(0)
    expect(first.filter((ok) => !ok).length).toBeGreaterThan(0)
  })

  it('leaves batch items unprocessed; batchWrite and batchGet retry until every one is done', async () => {
    await db.reset()
    const flaky = faultyClient(db.client, [{ on: ['BatchWrite', 'BatchGet'], fault: 'unprocessed', fraction: 1, times: 3 }, { on: ['BatchWrite', 'BatchGet'], fault: 'unprocessed', fraction: 0.5 }])
    const U = Users.withClient(flaky)
    const names = Array.from({ length: 40 }, (_, i) => `b${i}`)
    expect(await batchWrite(names.map((username) => U.put({ username, email: `${username}@x.io` })), { baseDelayMs: 1 })).toMatchObject({ written: 40 })
    const items = await batchGet(names.map((username) => U.get({ username })), { baseDelayMs: 1 })
    expect(items.map((i) => i?.username)).toEqual(names)
    // the first three calls were left wholly undone
    const size = (input: Record<string, unknown>) =>
      Object.values(input.RequestItems as Record<string, unknown[] | { Keys: unknown[] }>).reduce<number>((n, r) => n + (Array.isArray(r) ? r.length : r.Keys.length), 0)
    expect(flaky.injected.slice(0, 3).map((f) => f.withheld)).toEqual(flaky.injected.slice(0, 3).map((f) => size(f.input)))
    expect(flaky.withheld()).toBeGreaterThan(40)
  })

  it('fails a condition with the stored item, which sortkey decodes into its error', async () => {
    await db.reset()
    await db.seed(User, [{ username: 'c', email: 'c@x.io', visits: 3 }])
    const flaky = faultyClient(db.client, [{ on: ['Put', 'Update', 'Delete'], fault: 'conditionFailed' }])
    const U = Users.withClient(flaky)
    const put = await rejection(U.put({ username: 'c', email: 'c@x.io' }, { condition: { visits: 0 } }))
    expect(put).toBeInstanceOf(ConditionFailedError)
    expect((put as ConditionFailedError).item).toEqual({ username: 'c', email: 'c@x.io', visits: 3 })
    const update = await rejection(U.update({ username: 'c' }, { add: { visits: 1 } }))
    expect((update as ConditionFailedError).item).toEqual({ username: 'c', email: 'c@x.io', visits: 3 })
    expect(await rejection(U.create({ username: 'new', email: 'n@x.io' }))).toBeInstanceOf(ItemExistsError)
    const missing = await rejection(U.delete({ username: 'nobody' }, { condition: { visits: 0 } }))
    expect((missing as ConditionFailedError).item).toBeUndefined()
    expect(await Users.get({ username: 'c' })).toMatchObject({ visits: 3 }) // nothing was written
  })

  it('cancels a transaction with a reason per operation, the stored item with a failed condition', async () => {
    await db.reset()
    await db.seed(User, [{ username: 'x', email: 'x@x.io', visits: 5 }])
    const flaky = faultyClient(db.client, [{ on: 'TransactWrite', fault: 'transactionCanceled', reasons: ['None', 'ConditionalCheckFailed', 'TransactionConflict'] }])
    const U = Users.withClient(flaky)
    const error = await rejection(
      transactWrite([U.put({ username: 'y', email: 'y@x.io' }), U.update({ username: 'x' }, { add: { visits: 1 } }, { condition: { visits: 0 } }), U.delete({ username: 'z' })]),
    )
    expect(error).toBeInstanceOf(TransactionCanceledError)
    const reasons = (error as TransactionCanceledError).reasons
    expect(reasons.map((r) => [r.entity, r.operation, r.code])).toEqual([
      ['User', 'put', 'None'],
      ['User', 'update', 'ConditionalCheckFailed'],
      ['User', 'delete', 'TransactionConflict'],
    ])
    expect(reasons[1]?.item).toEqual({ username: 'x', email: 'x@x.io', visits: 5 })
    expect((error as TransactionCanceledError).failed.map((r) => r.index)).toEqual([1, 2])
    expect(await Users.get({ username: 'y' })).toBeUndefined()
  })

  it('times out before or after DynamoDB applied the request', async () => {
    await db.reset()
    const flaky = faultyClient(db.client, [
      { on: 'Put', fault: 'timeout', when: (input) => (input.Item as { username?: string }).username === 'lost' },
      { on: 'Put', fault: 'timeout', applied: true, delayMs: 5 },
    ])
    const U = Users.withClient(flaky)
    expect(await rejection(U.put({ username: 'lost', email: 'l@x.io' }))).toMatchObject({ code: 'REQUEST_FAILED', awsName: 'TimeoutError' })
    const kept = await rejection(U.put({ username: 'kept', email: 'k@x.io' }))
    expect((kept as Error).cause).toMatchObject({ name: 'TimeoutError', message: 'the request timed out (after DynamoDB applied it)' })
    expect(await Users.get({ username: 'lost' })).toBeUndefined()
    expect(await Users.get({ username: 'kept' })).toMatchObject({ username: 'kept' })
  })

  it('throws any error asked for', async () => {
    const boom = new Error('socket hang up')
    const flaky = faultyClient(db.client, [{ on: 'Scan', fault: 'error', error: boom }, { on: 'Query', fault: 'error' }])
    const table = db.table.withClient(flaky)
    expect(((await rejection(scanTable(table).all())) as Error).cause).toBe(boom)
    const query = await rejection(Users.withClient(flaky).query.primary({ username: 'a' }))
    expect(query).toMatchObject({ code: 'REQUEST_FAILED', awsName: 'InternalServerError', retryable: true })
    expect((query as Error).cause).toMatchObject({ name: 'InternalServerError', $fault: 'server' })
  })
})

describe('the global setup', () => {
  it('shares the running DynamoDB Local: a nested setup starts none and its teardown stops none', async () => {
    const endpoint = process.env[ENDPOINT_VARIABLE]
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    await setup()
    expect(process.env[ENDPOINT_VARIABLE]).toBe(endpoint)
    await teardown()
    expect(process.env[ENDPOINT_VARIABLE]).toBe(endpoint)
    expect(await testClient().send(new ListTablesCommand({}))).toMatchObject({ TableNames: expect.arrayContaining([db.name]) })
  })
})
