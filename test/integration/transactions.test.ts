import { describe, it, expect, beforeAll } from 'vitest'
import { z } from 'zod'
import { defineTable, TransactionCanceledError, LimitError, transactWrite, createTable, transactGet, gt, lt } from '../../src/index.js'
import { localClient, uniqueTableName } from '../support/client.js'

const table = defineTable({ name: uniqueTableName('tx'), partitionKey: 'PK', sortKey: 'SK', entityAttribute: false, client: localClient() })

const Game = table.entity('Game', {
  schema: z.object({ game_id: z.string(), creator: z.string(), people: z.number().int(), open_timestamp: z.string().optional() }),
  key: { pk: 'GAME#{game_id}', sk: '#METADATA#{game_id}' },
})
const UserGameMapping = table.entity('UserGameMapping', {
  schema: z.object({ game_id: z.string(), username: z.string() }),
  key: { pk: 'GAME#{game_id}', sk: 'USER#{username}' },
})
const Cart = table.entity('CartLine', {
  schema: z.object({ customer: z.string(), status: z.enum(['ACTIVE', 'SAVED']), sku: z.string(), note: z.string() }),
  key: { pk: 'CUSTOMER#{customer}', sk: '{status}#{sku}' },
})

/** LGME's join game: add the mapping and count the player, only while the game has room. */
function joinGame(game_id: string, username: string) {
  return transactWrite([
    UserGameMapping.create({ game_id, username }),
    Game.update({ game_id }, { add: { people: 1 } }, { condition: { people: lt(50) } }),
  ])
}

beforeAll(async () => {
  await createTable(table)
})

describe('transactWrite', () => {
  it("LGME's join game fills a 49-person game to 50; the next join is cancelled with a reason per operation", async () => {
    await Game.put({ game_id: 'g49', creator: 'c', people: 49, open_timestamp: 't' })
    await joinGame('g49', 'first')
    expect(await Game.get({ game_id: 'g49' })).toMatchObject({ people: 50 })
    expect(await UserGameMapping.get({ game_id: 'g49', username: 'first' })).toEqual({ game_id: 'g49', username: 'first' })

    const error = await joinGame('g49', 'second').then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(TransactionCanceledError)
    const cancelled = error as TransactionCanceledError
    expect(cancelled.reasons.map((r) => r.code)).toEqual(['None', 'ConditionalCheckFailed'])
    expect(cancelled.failed).toHaveLength(1)
    expect(cancelled.failed[0]).toMatchObject({
      index: 1,
      entity: 'Game',
      operation: 'update',
      key: { PK: 'GAME#g49', SK: '#METADATA#g49' },
      item: { game_id: 'g49', creator: 'c', people: 50, open_timestamp: 't' },
    })
    expect(cancelled.message).toContain('#1 Game.update')
    expect(await UserGameMapping.get({ game_id: 'g49', username: 'second' })).toBeUndefined()
  })

  it('a player who already joined is cancelled on the create, with the stored mapping', async () => {
    await Game.put({ game_id: 'g10', creator: 'c', people: 10 })
    await joinGame('g10', 'twice')
    const error = (await joinGame('g10', 'twice').catch((e: unknown) => e)) as TransactionCanceledError
    expect(error.failed.map((r) => [r.index, r.entity, r.operation, r.code])).toEqual([[0, 'UserGameMapping', 'create', 'ConditionalCheckFailed']])
    expect(error.failed[0]?.item).toEqual({ game_id: 'g10', username: 'twice' })
    expect(await Game.get({ game_id: 'g10' })).toMatchObject({ people: 11 })
  })

  it('two concurrent joins of the last slot: exactly one succeeds', async () => {
    await Game.put({ game_id: 'last', creator: 'c', people: 49 })
    const results = await Promise.allSettled([joinGame('last', 'p1'), joinGame('last', 'p2')])
    const fulfilled = results.filter((r) => r.status === 'fulfilled')
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(fulfilled).toHaveLength(1)
    expect(rejected).toHaveLength(1)
    const reason = rejected[0]?.reason as TransactionCanceledError
    expect(reason).toBeInstanceOf(TransactionCanceledError)
    expect(reason.failed.length).toBeGreaterThan(0)
    expect(reason.failed.every((r) => ['ConditionalCheckFailed', 'TransactionConflict'].includes(r.code) && r.entity !== undefined)).toBe(true)
    expect(await Game.get({ game_id: 'last' })).toMatchObject({ people: 50 })
  })

  it('checks conditions on other items with Entity.check, and passes the idempotency token', async () => {
    await Game.put({ game_id: 'chk', creator: 'boss', people: 1 })
    const ops = [Game.check({ game_id: 'chk' }, { creator: 'boss' }), UserGameMapping.create({ game_id: 'chk', username: 'u' })]
    await transactWrite(ops, { token: 'join-chk-u' })
    expect(await UserGameMapping.get({ game_id: 'chk', username: 'u' })).toBeDefined()
    const error = (await transactWrite([Game.check({ game_id: 'chk' }, { creator: 'nobody' }), UserGameMapping.create({ game_id: 'chk', username: 'v' })])
      .catch((e: unknown) => e)) as TransactionCanceledError
    expect(error.failed.map((r) => [r.entity, r.operation])).toEqual([['Game', 'check']])
  })

  it('refuses over 100 operations, two on one item, and an item over 400 KB, before sending', async () => {
    const many = Array.from({ length: 101 }, (_, i) => UserGameMapping.create({ game_id: 'big', username: `u${i}` }))
    await expect(transactWrite(many)).rejects.toThrow(/101 operations; DynamoDB allows at most 100/)
    const same = await transactWrite([Game.update({ game_id: 'g10' }, { add: { people: 1 } }), Game.check({ game_id: 'g10' }, { people: gt(0) })])
      .catch((e: unknown) => e)
    expect(same).toBeInstanceOf(LimitError)
    expect((same as LimitError).message).toContain('operations #0 and #1 (Game.check) touch the same item')
    const huge = await transactWrite([Cart.put({ customer: 'c', status: 'ACTIVE', sku: 'x', note: 'x'.repeat(410_000) })]).catch((e: unknown) => e)
    expect((huge as LimitError).limit).toBe('item-size')
  })
})

describe('transactGet', () => {
  it('returns a typed tuple of decoded items, undefined where absent', async () => {
    const [game, mapping, missing] = await transactGet([
      Game.get({ game_id: 'g10' }),
      UserGameMapping.get({ game_id: 'g10', username: 'twice' }),
      Game.get({ game_id: 'nope' }),
    ])
    expect(game?.people).toBe(11)
    expect(mapping).toEqual({ game_id: 'g10', username: 'twice' })
    expect(missing).toBeUndefined()
  })
})

describe('Entity.move', () => {
  it('re-keys a cart line from ACTIVE to SAVED in one transaction', async () => {
    await Cart.put({ customer: 'c1', status: 'ACTIVE', sku: 'sku-1', note: 'n' })
    const moved = await Cart.move({ customer: 'c1', status: 'ACTIVE', sku: 'sku-1' }, { customer: 'c1', status: 'SAVED', sku: 'sku-1', note: 'n' })
    expect(moved).toEqual({ customer: 'c1', status: 'SAVED', sku: 'sku-1', note: 'n' })
    expect(await Cart.get({ customer: 'c1', status: 'ACTIVE', sku: 'sku-1' })).toBeUndefined()
    expect(await Cart.get({ customer: 'c1', status: 'SAVED', sku: 'sku-1' })).toEqual(moved)
  })

  it('moving an item that is not there, or onto a taken key, changes nothing', async () => {
    const error = (await Cart.move({ customer: 'c1', status: 'ACTIVE', sku: 'ghost' }, { customer: 'c1', status: 'SAVED', sku: 'ghost', note: 'n' }).catch(
      (e: unknown) => e,
    )) as TransactionCanceledError
    expect(error.failed.map((r) => r.operation)).toEqual(['delete'])
    expect(await Cart.get({ customer: 'c1', status: 'SAVED', sku: 'ghost' })).toBeUndefined()

    await Cart.put({ customer: 'c2', status: 'ACTIVE', sku: 's', note: 'active' })
    await Cart.put({ customer: 'c2', status: 'SAVED', sku: 's', note: 'saved' })
    const clash = (await Cart.move({ customer: 'c2', status: 'ACTIVE', sku: 's' }, { customer: 'c2', status: 'SAVED', sku: 's', note: 'x' }).catch(
      (e: unknown) => e,
    )) as TransactionCanceledError
    expect(clash.failed.map((r) => r.operation)).toEqual(['create'])
    expect(await Cart.get({ customer: 'c2', status: 'ACTIVE', sku: 's' })).toMatchObject({ note: 'active' })
  })
})

describe('the client a transaction sends with', () => {
  it("is options.client when given, else the first operation's entity's; without one it is refused before sending", async () => {
    const sent: string[] = []
    const client = localClient()
    const counting = { send: (command: unknown) => (sent.push((command as object).constructor.name), client.send(command as never)) }
    await transactWrite([Game.put({ game_id: 'cl1', creator: 'c', people: 1 })], { client: counting })
    const [game] = await transactGet([Game.get({ game_id: 'cl1' })], { client: counting })
    expect(game).toMatchObject({ people: 1 })
    expect(sent).toEqual(['TransactWriteCommand', 'TransactGetCommand'])

    const offline = defineTable({ name: table.name, partitionKey: 'PK', sortKey: 'SK', entityAttribute: false })
    const Loose = offline.entity('Game', { schema: z.object({ game_id: z.string() }), key: { pk: 'GAME#{game_id}', sk: '#METADATA#{game_id}' } })
    await expect(transactWrite([Loose.put({ game_id: 'cl2' })])).rejects.toThrow(/transactWrite has no client/)
    await transactWrite([Loose.put({ game_id: 'cl2' })], { client })
    expect(await Game.get({ game_id: 'cl2' }, { select: ['game_id'] })).toEqual({ game_id: 'cl2' })
  })
})
