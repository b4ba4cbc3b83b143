import { describe, it, expect, expectTypeOf, beforeAll } from 'vitest'
import { z } from 'zod'
import { QueryCommand, GetCommand } from '@aws-sdk/lib-dynamodb'
import { defineTable, createCostReport, ConditionFailedError, type Capacity, type Metered, type ResponseEvent, type RequestEvent, createTable, batchWrite, batchGet, transactWrite, transactGet, defineCollection, gt } from '../../src/index.js'
import { localClient, uniqueTableName } from '../support/client.js'
import { faultyClient } from '../../src/testing/index.js'

const client = localClient()

function model(options: { consumedCapacity?: 'TOTAL' | 'INDEXES' } = {}) {
  const table = defineTable({
    name: uniqueTableName('observe'),
    partitionKey: 'PK',
    sortKey: 'SK',
    indexes: { GSI1: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK' } },
    client,
    ...options,
  })
  const Player = table.entity('Player', {
    schema: z.object({ game: z.string(), name: z.string(), score: z.number().int(), note: z.string().optional() }),
    key: { pk: 'GAME#{game}', sk: 'PLAYER#{name}' },
    indexes: { GSI1: { pk: 'NAME#{name}', sk: 'GAME#{game}' } },
  })
  const Game = table.entity('Game', {
    schema: z.object({ game: z.string(), map: z.string() }),
    key: { pk: 'GAME#{game}', sk: '#META' },
  })
  // No literal sort-key prefix: a query of it cannot narrow the partition by sort key.
  const Move = table.entity('Move', {
    schema: z.object({ game: z.string(), at: z.string(), move: z.string() }),
    key: { pk: 'GAME#{game}', sk: '{at}' },
  })
  const Account = table.entity('Account', {
    schema: z.object({ id: z.string(), email: z.string() }),
    key: { pk: 'ACCOUNT#{id}', sk: 'ACCOUNT' },
    unique: ['email'],
  })
  return { table, Player, Game, Move, Account }
}

function recorder() {
  const requests: RequestEvent[] = []
  const responses: ResponseEvent[] = []
  return { requests, responses, onRequest: (e: RequestEvent) => requests.push(e), onResponse: (e: ResponseEvent) => responses.push(e) }
}

const sum = (events: readonly ResponseEvent[], pick: 'total' | 'read' | 'write' = 'total') => events.reduce((n, e) => n + (e.capacity?.[pick] ?? 0), 0)

const m = model()
const { table, Player, Game, Move, Account } = m

beforeAll(async () => {
  await createTable(table)
  await batchWrite([
    Game.put({ game: 'g1', map: 'Green Grasslands' }),
    ...Array.from({ length: 30 }, (_, i) => Player.put({ game: 'g1', name: `p${String(i).padStart(2, '0')}`, score: i })),
    ...Array.from({ length: 12 }, (_, i) => Move.put({ game: 'g1', at: `2024-01-01T00:00:${String(i).padStart(2, '0')}Z`, move: 'x' })),
  ])
})

describe('params stay as they are unless capacity is asked for', () => {
  it('sends no ReturnConsumedCapacity without hooks or a capacity mode, a label alone included', () => {
    expect(Player.get({ game: 'g1', name: 'p01' }).params()).toEqual({ TableName: table.name, Key: { PK: 'GAME#g1', SK: 'PLAYER#p01' } })
    expect(Player.get({ game: 'g1', name: 'p01' }, { label: 'profile' }).params()).not.toHaveProperty('ReturnConsumedCapacity')
    expect(Player.query.primary({ game: 'g1' }).label('players').params()).not.toHaveProperty('ReturnConsumedCapacity')
  })

  it('asks for it when the table, the operation or a hook does', () => {
    const withTable = model({ consumedCapacity: 'INDEXES' })
    expect(withTable.Player.get({ game: 'g1', name: 'p01' }).params().ReturnConsumedCapacity).toBe('INDEXES')
    expect(withTable.Player.query.primary({ game: 'g1' }).params().ReturnConsumedCapacity).toBe('INDEXES')
    expect(Player.put({ game: 'g1', name: 'x', score: 1 }, { consumedCapacity: 'TOTAL' }).params().ReturnConsumedCapacity).toBe('TOTAL')
    expect(Player.query.primary({ game: 'g1' }).observe({ consumedCapacity: 'INDEXES' }).params().ReturnConsumedCapacity).toBe('INDEXES')
    const detach = table.observe({ onResponse: () => {} })
    expect(Player.get({ game: 'g1', name: 'p01' }).params().ReturnConsumedCapacity).toBe('TOTAL')
    detach()
    expect(Player.get({ game: 'g1', name: 'p01' }).params()).not.toHaveProperty('ReturnConsumedCapacity')
  })
})

describe('capacity on results', () => {
  it('get: withMeta resolves to the item and what the read consumed', async () => {
    const meta = await Player.get({ game: 'g1', name: 'p03' }).withMeta()
    expectTypeOf(meta).toEqualTypeOf<Metered<{ game: string; name: string; score: number; note?: string | undefined } | undefined>>()
    const { result, capacity, requests } = meta
    expect(result).toEqual({ game: 'g1', name: 'p03', score: 3 })
    expect(capacity).toEqual({ total: 0.5, read: 0.5, write: 0 })
    expect(requests).toBe(1)
    const consistent = await Player.get({ game: 'g1', name: 'p03' }, { consistent: true }).withMeta()
    expect(consistent.capacity?.total).toBe(1)
  })

  it('a write with INDEXES reports the table and each index apart', async () => {
    const { capacity } = await Player.put({ game: 'g2', name: 'solo', score: 1 }, { consumedCapacity: 'INDEXES' }).withMeta()
    expect(capacity).toEqual({ total: 2, read: 0, write: 2, table: 1, indexes: { GSI1: 1 } })
  })

  it('query: each page carries its capacity, and all / take sum their pages exactly as DynamoDB reports them', async () => {
    const rec = recorder()
    const q = Player.query.primary({ game: 'g1' }).limit(7).observe({ onResponse: rec.onResponse })
    const all = await q.all()
    expectTypeOf(all.capacity).toEqualTypeOf<Capacity | undefined>()
    expect(all.items).toHaveLength(30)
    expect(rec.responses.length).toBe(5) // 7+7+7+7+2, and DynamoDB knows the read is done
    expect(all.capacity?.total).toBe(sum(rec.responses))
    expect(all.capacity?.read).toBe(all.capacity?.total)

    // The same pages read straight through the DocumentClient: the sums agree.
    let raw = 0
    let start: Record<string, unknown> | undefined
    do {
      const out = await client.send(new QueryCommand({ ...Player.query.primary({ game: 'g1' }).limit(7).params(), ExclusiveStartKey: start, ReturnConsumedCapacity: 'TOTAL' }))
      raw += out.ConsumedCapacity?.CapacityUnits ?? 0
      start = out.LastEvaluatedKey
    } while (start)
    expect(all.capacity?.total).toBe(raw)

    const perPage: number[] = []
    for await (const page of Player.query.primary({ game: 'g1' }).limit(7).observe({ consumedCapacity: 'TOTAL' }).pages()) perPage.push(page.capacity?.total ?? NaN)
    expect(perPage).toHaveLength(5)
    expect(perPage.reduce((a, b) => a + b, 0)).toBe(raw)

    const taken = await Player.query.primary({ game: 'g1' }).limit(4).observe({ consumedCapacity: 'TOTAL' }).take(10)
    expect(taken.items).toHaveLength(10)
    expect(taken.capacity?.total).toBeGreaterThan(0)
  })

  it('a parallel scan reports every segment, and a take that stops inside a page counts only what it returned', async () => {
    const rec = recorder()
    const scan = await Player.scan({ segments: 3 }).observe(rec).all()
    expect(scan.items.length).toBeGreaterThanOrEqual(30)
    expect(new Set(rec.responses.map((e) => e.input.Segment))).toEqual(new Set([0, 1, 2]))
    expect(scan.capacity?.total).toBe(sum(rec.responses))
    expect(rec.responses.reduce((n, e) => n + (e.items?.returned ?? 0), 0)).toBe(scan.items.length)

    const taken = recorder()
    const page = await Player.query.primary({ game: 'g1' }).limit(8).observe(taken).take(5)
    expect(page.items).toHaveLength(5)
    expect(taken.responses).toHaveLength(1)
    expect(taken.responses[0]?.items).toEqual({ read: 8, matched: 8, returned: 5 })
  })

  it('batchWrite and batchGet sum every request', async () => {
    const rec = recorder()
    const ops = Array.from({ length: 60 }, (_, i) => Player.put({ game: 'b1', name: `n${i}`, score: i }))
    const written = await batchWrite(ops, { onResponse: rec.onResponse, label: 'load players' })
    expect(written.written).toBe(60)
    expect(rec.responses.map((e) => e.command)).toEqual(['BatchWriteItem', 'BatchWriteItem', 'BatchWriteItem'])
    expect(written.capacity?.write).toBe(sum(rec.responses, 'write'))
    expect(written.capacity?.total).toBe(120) // each small item: 1 unit for the table, 1 for GSI1
    expect(rec.responses.every((e) => e.label === 'load players' && e.entity === 'Player' && e.operation === 'batchWrite')).toBe(true)

    const got = await batchGet(ops.slice(0, 30).map((_, i) => Player.get({ game: 'b1', name: `n${i}` })), { consumedCapacity: 'TOTAL' })
    expect(got).toHaveLength(30)
    expect(got.capacity?.read).toBeGreaterThan(0)
    expect(Object.keys(got)).toHaveLength(30) // capacity is not enumerable: the tuple stays a plain tuple
  })

  it('transactWrite and transactGet report theirs', async () => {
    const rec = recorder()
    const written = await transactWrite([Game.put({ game: 't1', map: 'm' }), Player.put({ game: 't1', name: 'a', score: 1 })], { onResponse: rec.onResponse })
    expect(rec.responses).toHaveLength(1)
    expect(rec.responses[0]?.command).toBe('TransactWriteItems')
    expect(rec.responses[0]?.entity).toBeUndefined() // two entities
    expect(written.capacity?.write).toBeGreaterThan(0)
    expect(written.capacity?.total).toBe(sum(rec.responses))

    const tuple = await transactGet([Game.get({ game: 't1' }), Player.get({ game: 't1', name: 'a' })], { consumedCapacity: 'TOTAL' })
    expectTypeOf(tuple[0]).toEqualTypeOf<{ game: string; map: string } | undefined>()
    expectTypeOf(tuple.capacity).toEqualTypeOf<Capacity | undefined>()
    expect(tuple).toEqual([{ game: 't1', map: 'm' }, { game: 't1', name: 'a', score: 1 }])
    expect(tuple.capacity?.read).toBeGreaterThan(0)
    expect(await transactWrite([Game.put({ game: 't2', map: 'm' })])).toEqual({})
  })

  it('a write of an entity with unique fields counts its read and its transaction as one operation', async () => {
    const rec = recorder()
    const detach = table.observe(rec)
    try {
      await Account.create({ id: 'a1', email: 'a1@example.com' })
      const { capacity, requests } = await Account.put({ id: 'a1', email: 'new@example.com' }).withMeta()
      expect(requests).toBe(2)
      const last = rec.responses.slice(-2)
      expect(last.map((e) => e.command)).toEqual(['GetItem', 'TransactWriteItems'])
      expect(new Set(last.map((e) => e.call)).size).toBe(1)
      expect(last.every((e) => e.operation === 'put' && e.entity === 'Account')).toBe(true)
      expect(capacity?.total).toBe(sum(last))
    } finally {
      detach()
    }
  })
})

describe('hooks', () => {
  it('see the exact input, the label, the duration and the error of a failed request', async () => {
    const rec = recorder()
    const detach = table.observe(rec)
    try {
      const op = Game.put({ game: 'g1', map: 'x' }, { condition: { map: 'nope' }, label: 'rename map' })
      const params = op.params()
      await expect(op).rejects.toBeInstanceOf(ConditionFailedError)
      expect(rec.requests.at(-1)).toMatchObject({ label: 'rename map', entity: 'Game', operation: 'put', command: 'PutItem', attempt: 1, table: table.name })
      expect(rec.requests.at(-1)?.input).toEqual(params)
      const failed = rec.responses.at(-1)
      expect(failed?.error).toBeInstanceOf(ConditionFailedError)
      expect(failed?.durationMs).toBeGreaterThan(0)
      expect(await Game.get({ game: 'g1' })).toEqual({ game: 'g1', map: 'Green Grasslands' })
    } finally {
      detach()
    }
    const before = rec.responses.length
    await Game.get({ game: 'g1' })
    expect(rec.responses.length).toBe(before) // detached
  })

  it('see each attempt of a throttled batch, with its attempt number', async () => {
    const faulty = faultyClient(
      client,
      [
        { on: 'BatchWrite', fault: 'throttle', rate: 0.3 },
        { on: 'BatchWrite', fault: 'unprocessed' },
      ],
      { seed: 11 },
    )
    const rec = recorder()
    const flaky = table.withClient(faulty)
    const detach = flaky.observe(rec) // a copy shares its table's observers
    try {
      const ops = Array.from({ length: 200 }, (_, i) => Player.put({ game: 'thr', name: `t${i}`, score: i }))
      const { written } = await batchWrite(ops, { client: faulty, baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 40, label: 'throttled load' })
      expect(written).toBe(200)
      const batch = rec.responses.filter((e) => e.label === 'throttled load')
      expect(batch.length).toBe(faulty.calls('BatchWrite'))
      expect(batch.filter((e) => (e.error as { awsName?: string } | undefined)?.awsName === 'ProvisionedThroughputExceededException').length).toBe(faulty.count('throttle'))
      expect(faulty.count('throttle')).toBeGreaterThan(0)
      expect(Math.max(...batch.map((e) => e.attempt))).toBeGreaterThan(1)
      expect(batch.reduce((n, e) => n + (e.unprocessed ?? 0), 0)).toBeGreaterThan(0)
      // every attempt of one chunk shares the operation's call id, and attempts count up
      expect(new Set(batch.map((e) => e.call)).size).toBe(1)
      expect(rec.requests.filter((e) => e.label === 'throttled load').map((e) => e.attempt)).toContain(2)
    } finally {
      detach()
    }
  })

  it('a hook that throws does not fail the request', async () => {
    const original = console.error
    const logged: unknown[] = []
    console.error = (...args: unknown[]) => logged.push(args)
    try {
      const game = await Game.get({ game: 'g1' }).observe({
        onResponse: () => {
          throw new Error('boom')
        },
      })
      expect(game?.map).toBe('Green Grasslands')
      expect(logged).toHaveLength(1)
    } finally {
      console.error = original
    }
  })

  it('count and collection reads are observed too', async () => {
    const rec = recorder()
    const count = await Player.query.primary({ game: 'g1' }).observe(rec).count()
    expect(count).toBe(30)
    expect(rec.responses.at(-1)).toMatchObject({ operation: 'count', command: 'Query', items: { returned: 30 } })
    const gameWithPlayers = defineCollection('GameWithPlayers', [Game, Player])
    const page = await gameWithPlayers.query({ game: 'g1' }).label('game with players').observe({ consumedCapacity: 'TOTAL' }).all()
    expect(page.items.Player).toHaveLength(30)
    expect(page.capacity?.total).toBeGreaterThan(0)
  })
})

describe('createCostReport', () => {
  it('aggregates per label and points out scans, filter waste and unnarrowed sort keys', async () => {
    const report = createCostReport()
    const detach = table.observe(report)
    try {
      for (let i = 0; i < 3; i++) await Player.get({ game: 'g1', name: 'p01' }).label('player profile')
      await Player.query.primary({ game: 'g1' }).where({ score: gt(25) }).label('top players').all()
      await Move.query.primary({ game: 'g1' }).label('moves of a game').all()
      await Player.scan().label('all players').all()
    } finally {
      detach()
    }
    const rows = report.rows()
    const profile = rows.find((r) => r.label === 'player profile')
    expect(profile).toMatchObject({ operations: 3, requests: 3, capacity: { read: 1.5, write: 0, total: 1.5 }, items: undefined, errors: 0 })
    expect(profile?.latencyMs.p50).toBeGreaterThan(0)
    expect(rows.find((r) => r.label === 'top players')?.items).toEqual({ read: 30, matched: 4, returned: 4 })
    const moves = rows.find((r) => r.label === 'moves of a game')
    expect(moves?.items?.returned).toBe(12)
    expect(moves?.items?.read).toBeGreaterThan(12) // the whole partition: the game and its players too

    const hints = report.hints()
    expect(hints.map((h) => [h.label, h.kind])).toEqual([
      ['top players', 'filter-waste'],
      ['moves of a game', 'sort-key'],
      ['all players', 'scan'],
    ])
    const text = report.format()
    expect(text).toMatch(/^access pattern\s+ops\s+reqs\s+RCU/)
    expect(text).toContain('player profile')
    expect(text).toContain('waste:')
    // Reads DynamoDB Local reports the same way as the SDK does: cross-check one.
    const raw = await client.send(new GetCommand({ TableName: table.name, Key: Player.key({ game: 'g1', name: 'p01' }), ReturnConsumedCapacity: 'TOTAL' }))
    expect(profile?.capacity.total).toBe(3 * (raw.ConsumedCapacity?.CapacityUnits ?? NaN))
  })

  it('labels operations without one by entity, operation and index', async () => {
    const report = createCostReport()
    const detach = table.observe(report)
    try {
      await Player.query.GSI1({ name: 'p01' }).all()
      await Game.get({ game: 'g1' })
    } finally {
      detach()
    }
    expect(report.rows().map((r) => r.label).sort()).toEqual(['Game.get', 'Player.query GSI1'])
  })
})
