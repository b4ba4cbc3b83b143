// A read never leaves the key it was given: the cases of the hardening audit, against DynamoDB
// Local. Users 'ak', 'al', 'al ', 'alice' and 'am' share one partition; a query fixed to 'al'
// must return only 'al''s documents whatever sort-key condition follows.
import { describe, it, expect, beforeAll } from 'vitest'
import { z } from 'zod'
import { defineTable, createTable, defineCollection, ValidationError } from '../../src/index.js'
import { localClient, uniqueTableName } from '../support/client.js'
import { countingClient } from '../support/counting.js'

const client = localClient()


const users = ['ak', 'al', 'al ', 'alice', 'am', 'al\u{1F600}', 'al\uFFFD']
const docs = ['a', 'b', 'c', 'b\uFFFD', 'b\u{10000}']

for (const keyValues of ['refuse', 'escape'] as const) {
  describe(`entity queries stay inside the fixed key (keyValues: '${keyValues}')`, () => {
    const table = defineTable({ name: uniqueTableName('scope'), partitionKey: 'PK', sortKey: 'SK', entityAttribute: false, keyValues, client })
    const Doc = table.entity('Doc', {
      schema: z.object({ org: z.string(), user: z.string(), doc: z.string() }),
      key: { pk: 'ORG#{org}', sk: 'USER#{user}#DOC#{doc}' },
    })
    const escaped = keyValues === 'escape' ? ['al#x', 'al%', 'al%23'] : []

    beforeAll(async () => {
      await createTable(table)
      for (const user of [...users, ...escaped]) for (const doc of docs) await Doc.put({ org: 'o', user, doc })
    })

    const al = () => Doc.query.primary({ org: 'o', user: 'al' })
    const read = async (query: { all(): Promise<{ items: { user: string; doc: string }[] }> }) => (await query.all()).items

    it('every operator returns only the fixed user', async () => {
      const variants = {
        none: al(),
        gt: al().gt({ doc: 'b' }),
        gte: al().gte({ doc: 'b' }),
        lt: al().lt({ doc: 'b' }),
        lte: al().lte({ doc: 'b' }),
        between: al().between({ doc: 'a' }, { doc: 'b' }),
        beginsWithNothing: al().beginsWith({}),
        beginsWithFixed: al().beginsWith({ user: 'al', doc: undefined }),
        beginsWithDoc: al().beginsWith({ doc: 'b' }),
        rawGt: al().gt('USER#al#DOC#b'),
        rawLt: al().lt('USER#al#DOC#b'),
        rawPrefix: al().beginsWith('USER#al'),
        rawBetween: al().between('USER#', 'USER$'),
        reversed: al().gt({ doc: 'a' }).reverse(),
      }
      for (const [name, query] of Object.entries(variants)) {
        const items = await read(query)
        expect(items.length, name).toBeGreaterThan(0)
        expect(
          items.filter((item) => item.user !== 'al'),
          name,
        ).toEqual([])
      }
    })

    it('ranges are exact at both ends (DynamoDB orders UTF-8 bytes: U+10000 after U+FFFD)', async () => {
      const docsOf = async (query: Parameters<typeof read>[0]) => (await read(query)).map((item) => item.doc)
      expect(await docsOf(al().gt({ doc: 'b' }))).toEqual(['b\uFFFD', 'b\u{10000}', 'c'])
      expect(await docsOf(al().gt({ doc: 'b\uFFFD' }))).toEqual(['b\u{10000}', 'c'])
      expect(await docsOf(al().lt({ doc: 'b' }))).toEqual(['a'])
      expect(await docsOf(al().lte({ doc: 'b' }))).toEqual(['a', 'b'])
      expect(await docsOf(al().lt({ doc: 'b\u{10000}' }))).toEqual(['a', 'b', 'b\uFFFD'])
      expect(await docsOf(al().beginsWith({}))).toEqual(['a', 'b', 'b\uFFFD', 'b\u{10000}', 'c'])
      expect(await docsOf(al().beginsWith({ doc: 'b' }))).toEqual(['b', 'b\uFFFD', 'b\u{10000}'])
    })

    it('a bound that contradicts the fixed key, or selects nothing inside it, is refused before sending', async () => {
      const { sender, sent } = countingClient()
      const Bound = Doc.withClient(sender)
      const fixed = () => Bound.query.primary({ org: 'o', user: 'al' })
      await expect(fixed().gt({ user: 'am', doc: 'a' })).rejects.toThrow(ValidationError)
      await expect(fixed().beginsWith({ user: 'alice' })).rejects.toThrow(/fixes it to "al"/)
      await expect(fixed().gt('USER#am')).rejects.toThrow(/selects no key inside/)
      await expect(fixed().lt('USER#ak')).rejects.toThrow(/selects no key inside/)
      expect(sent).toEqual([])
    })
  })
}

describe('a partition-key field repeated in the sort key', () => {
  const table = defineTable({ name: uniqueTableName('scope-order'), partitionKey: 'PK', sortKey: 'SK', client })
  const Order = table.entity('Order', {
    schema: z.object({ userId: z.string(), day: z.string(), n: z.string() }),
    key: { pk: 'USER#{userId}', sk: 'ORDER#{day}#{userId}#{n}' },
  })

  beforeAll(async () => {
    await createTable(table)
    await Order.put({ userId: 'u1', day: '2024-01-05', n: '1' })
    await Order.put({ userId: 'u1', day: '2023-12-31', n: '2' })
  })

  it('is not a leading sort-key field: the partition alone is a query, beginsWith narrows by day', async () => {
    expect((await Order.query.primary({ userId: 'u1' })).items).toHaveLength(2)
    const byYear = Order.query.primary({ userId: 'u1' }).beginsWith({ day: '2024' })
    expect(byYear.params().ExpressionAttributeValues).toMatchObject({ ':v1': 'ORDER#2024' })
    expect((await byYear).items).toEqual([{ userId: 'u1', day: '2024-01-05', n: '1' }])
    const byDay = Order.query.primary({ userId: 'u1', day: '2024-01-05' })
    expect(byDay.params().ExpressionAttributeValues).toMatchObject({ ':v1': 'ORDER#2024-01-05#u1#' })
    expect((await byDay).items).toHaveLength(1)
    expect((await Order.query.primary({ userId: 'u1' }).gte({ day: '2024-01-01' })).items.map((o) => o.n)).toEqual(['1'])
  })
})

describe('collections', () => {
  const table = defineTable({ name: uniqueTableName('scope-coll'), partitionKey: 'PK', sortKey: 'SK', client })
  const Game = table.entity('Game', { schema: z.object({ gameId: z.string() }), key: { pk: 'GAME#{gameId}', sk: '#METADATA#{gameId}' } })
  const Player = table.entity('Player', { schema: z.object({ gameId: z.string(), user: z.string() }), key: { pk: 'GAME#{gameId}', sk: 'USER#{user}' } })
  const Note = table.entity('Note', { schema: z.object({ gameId: z.string(), text: z.string() }), key: { pk: 'GAME#{gameId}', sk: 'NOTE#{text}' } })
  const players = defineCollection('GamePlayers', [Game, Player])

  beforeAll(async () => {
    await createTable(table)
    await Game.put({ gameId: 'g1' })
    await Player.put({ gameId: 'g1', user: 'ann' })
    await Note.put({ gameId: 'g1', text: 'x' })
  })

  it('raw bounds are confined to the members’ range', async () => {
    const all = await players.query({ gameId: 'g1' }).between('#', '~')
    expect(all).toEqual({ Game: [{ gameId: 'g1' }], Player: [{ gameId: 'g1', user: 'ann' }] })
    const page = await players.query({ gameId: 'g1' }).between('#', '~').all()
    expect(page.skipped).toBe(0)
  })
})
