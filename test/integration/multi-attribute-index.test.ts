// Multi-attribute index keys against DynamoDB Local: up to four item attributes per key,
// equality on every partition attribute, sort attributes left to right with a range on the next
// one, sparse membership, collections, table-wide queries and cursors.
import { describe, it, expect, beforeAll, vi } from 'vitest'
import { z } from 'zod'
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb'
import { ScanCommand } from '@aws-sdk/lib-dynamodb'
import { checkTable, createTable, defineCollection, defineTable, DefinitionError, describeMarkdown, describeTable, exportWorkbench, IncompleteKeyError, queryTable, renderView, tableDefinition, ValidationError } from '../../src/index.js'
import { localClient, uniqueTableName } from '../support/client.js'
import { viewData } from '../../src/describe/html.js'

const client = localClient()

const table = defineTable({
  name: uniqueTableName('multi-attr'),
  partitionKey: 'PK',
  sortKey: 'SK',
  indexes: {
    ByRegion: { partitionKey: ['tournament', 'region'], sortKey: ['round', 'score'] },
    ByCoach: { partitionKey: ['tournament', 'coach'], sortKey: ['round', 'player'] },
    ByPlayer: { partitionKey: ['player'], sortKey: ['SK', 'tournament'] },
  },
  client,
})

const Score = table.entity('Score', {
  schema: z.object({
    tournament: z.string(),
    region: z.string(),
    round: z.enum(['FINAL', 'QUARTER', 'SEMI']),
    score: z.number().int(),
    player: z.string(),
    coach: z.string().optional(),
  }),
  key: { pk: 'TOURNAMENT#{tournament}', sk: 'SCORE#{player}#{round}' },
})

const scores = [
  { tournament: 't1', region: 'eu', round: 'QUARTER', score: 10, player: 'ana', coach: 'kim' },
  { tournament: 't1', region: 'eu', round: 'QUARTER', score: 30, player: 'bo', coach: 'kim' },
  { tournament: 't1', region: 'eu', round: 'QUARTER', score: 50, player: 'cy' },
  { tournament: 't1', region: 'eu', round: 'SEMI', score: 20, player: 'ana', coach: 'kim' },
  { tournament: 't1', region: 'eu', round: 'SEMI', score: 40, player: 'bo' },
  { tournament: 't1', region: 'eu', round: 'FINAL', score: 45, player: 'ana', coach: 'lee' },
  { tournament: 't1', region: 'us', round: 'QUARTER', score: 60, player: 'dee', coach: 'kim' },
  { tournament: 't2', region: 'eu', round: 'QUARTER', score: 70, player: 'ana', coach: 'kim' },
] as const

const tag = (items: readonly { player: string; round: string; score: number }[]) => items.map((s) => `${s.round}:${s.player}:${s.score}`)

beforeAll(async () => {
  await createTable(table)
  await Promise.all(scores.map((s) => Score.put(s)))
})

describe('definition', () => {
  const define = (indexes: Record<string, unknown>) => () => defineTable({ name: 'defs-x', partitionKey: 'PK', sortKey: 'SK', indexes: indexes as never })
  const entity = (indexes: Record<string, unknown>, schema: z.ZodObject) => () =>
    defineTable({ name: 'defs-x', partitionKey: 'PK', sortKey: 'SK', indexes: indexes as never }).entity('E', { schema, key: { pk: 'E#{id}', sk: 'E' } })

  it('takes 1 to 4 distinct attributes per key, global indexes only', () => {
    expect(define({ A: { partitionKey: ['a', 'b', 'c', 'd'], sortKey: ['e', 'f', 'g', 'h'] } })).not.toThrow()
    expect(define({ A: { partitionKey: ['a', 'b', 'c', 'd', 'e'] } })).toThrow(/has 5 attributes; DynamoDB takes 1 to 4/)
    expect(define({ A: { partitionKey: ['a'], sortKey: ['b', 'c', 'd', 'e', 'f'] } })).toThrow(DefinitionError)
    expect(define({ A: { partitionKey: [] } })).toThrow(/has 0 attributes/)
    expect(define({ A: { partitionKey: ['a', 'a'] } })).toThrow(/"a" appears twice/)
    expect(define({ A: { partitionKey: ['a', 'b'], sortKey: ['c', 'b'] } })).toThrow(/"b" appears twice/)
    expect(define({ A: { partitionKey: ['a', ''] } })).toThrow(/"" is not an attribute name/)
    expect(define({ A: { partitionKey: ['a', 7] } })).toThrow(DefinitionError)
    expect(define({ A: { type: 'local', partitionKey: 'PK', sortKey: ['a', 'b'] } })).toThrow(/one sort-key attribute/)
  })

  it('types each attribute from the stored form of the field: string, number or bytes; anything else is refused', () => {
    const ok = z.object({ id: z.string(), a: z.string(), n: z.number(), b: z.instanceof(Uint8Array), e: z.enum(['x', 'y']) })
    expect(entity({ A: { partitionKey: ['a', 'n'], sortKey: ['b', 'e'] } }, ok)).not.toThrow()
    for (const bad of [z.boolean(), z.string().nullable(), z.array(z.string()), z.object({ x: z.string() })]) {
      expect(entity({ A: { partitionKey: ['a', 'x'] } }, z.object({ id: z.string(), a: z.string(), x: bad }))).toThrow(/key attribute "x" must be stored as a string, a number or bytes/)
    }
  })

  it('takes no templates: its attributes are item attributes', () => {
    const t = defineTable({ name: 'defs-x', partitionKey: 'PK', sortKey: 'SK', indexes: { A: { partitionKey: ['a', 'b'] } } })
    expect(() => t.entity('E', { schema: z.object({ id: z.string() }), key: { pk: 'E#{id}', sk: 'E' }, indexes: { A: { pk: 'X#{id}' } } as never })).toThrow(
      /index A is keyed by item attributes \(a, b\), which take no templates/,
    )
  })

  it('emits several HASH and RANGE elements in order, with each attribute defined once by its type', async () => {
    const def = tableDefinition(table)
    expect(def.GlobalSecondaryIndexes?.find((i) => i.IndexName === 'ByRegion')?.KeySchema).toEqual([
      { AttributeName: 'tournament', KeyType: 'HASH' },
      { AttributeName: 'region', KeyType: 'HASH' },
      { AttributeName: 'round', KeyType: 'RANGE' },
      { AttributeName: 'score', KeyType: 'RANGE' },
    ])
    expect(def.AttributeDefinitions).toEqual(
      expect.arrayContaining([
        { AttributeName: 'tournament', AttributeType: 'S' },
        { AttributeName: 'score', AttributeType: 'N' },
      ]),
    )
    const names = def.AttributeDefinitions?.map((a) => a.AttributeName) ?? []
    expect(new Set(names).size).toBe(names.length)
    const described = await client.send(new DescribeTableCommand({ TableName: table.name }))
    expect(described.Table?.GlobalSecondaryIndexes?.find((i) => i.IndexName === 'ByRegion')?.KeySchema).toHaveLength(4)
  })
})

describe('queries', () => {
  const q = () => Score.query.ByRegion({ tournament: 't1', region: 'eu' })

  it('equality on every partition attribute; items in sort order (round, then score)', async () => {
    expect(tag((await q()).items)).toEqual(['FINAL:ana:45', 'QUARTER:ana:10', 'QUARTER:bo:30', 'QUARTER:cy:50', 'SEMI:ana:20', 'SEMI:bo:40'])
    expect(q().params()).toMatchObject({
      IndexName: 'ByRegion',
      KeyConditionExpression: '#n0 = :v0 AND #n1 = :v1',
      ExpressionAttributeNames: expect.objectContaining({ '#n0': 'tournament', '#n1': 'region' }),
      ExpressionAttributeValues: { ':v0': 't1', ':v1': 'eu' },
    })
  })

  it('sort attributes given left to right are equalities', async () => {
    expect(tag((await Score.query.ByRegion({ tournament: 't1', region: 'eu', round: 'QUARTER' })).items)).toEqual(['QUARTER:ana:10', 'QUARTER:bo:30', 'QUARTER:cy:50'])
    const one = Score.query.ByRegion({ tournament: 't1', region: 'eu', round: 'QUARTER', score: 30 })
    expect(tag((await one).items)).toEqual(['QUARTER:bo:30'])
    expect(one.params().KeyConditionExpression).toBe('#n0 = :v0 AND #n1 = :v1 AND #n2 = :v2 AND #n3 = :v3')
  })

  it('each range operator compares the attribute after the given ones', async () => {
    const quarter = () => Score.query.ByRegion({ tournament: 't1', region: 'eu', round: 'QUARTER' })
    expect(tag((await quarter().gt({ score: 10 })).items)).toEqual(['QUARTER:bo:30', 'QUARTER:cy:50'])
    expect(tag((await quarter().gte({ score: 30 })).items)).toEqual(['QUARTER:bo:30', 'QUARTER:cy:50'])
    expect(tag((await quarter().lt({ score: 30 })).items)).toEqual(['QUARTER:ana:10'])
    expect(tag((await quarter().lte({ score: 30 })).items)).toEqual(['QUARTER:ana:10', 'QUARTER:bo:30'])
    expect(tag((await quarter().between({ score: 20 }, { score: 50 })).items)).toEqual(['QUARTER:bo:30', 'QUARTER:cy:50'])
    expect(tag((await quarter().gt(10)).items)).toEqual(['QUARTER:bo:30', 'QUARTER:cy:50']) // a raw stored value
    expect(quarter().gte({ score: 30 }).params().KeyConditionExpression).toBe('#n0 = :v0 AND #n1 = :v1 AND #n2 = :v2 AND #n3 >= :v3')
    // with no sort attribute given, the first one is compared
    expect(tag((await q().beginsWith({ round: 'S' })).items)).toEqual(['SEMI:ana:20', 'SEMI:bo:40'])
    expect(tag((await q().lt({ round: 'QUARTER' })).items)).toEqual(['FINAL:ana:45'])
    expect(q().beginsWith({ round: 'S' }).params().KeyConditionExpression).toBe('#n0 = :v0 AND #n1 = :v1 AND begins_with(#n2, :v2)')
  })

  it('refuses a sort attribute given without the ones before it, beginsWith on a number, and stray bounds, before sending', async () => {
    const send = vi.spyOn(client, 'send')
    try {
      const skipped = Score.query.ByRegion({ tournament: 't1', region: 'eu', score: 30 } as never)
      await expect(skipped).rejects.toThrow(ValidationError)
      await expect(skipped).rejects.toThrow(/"score" is given without "round"/)
      await expect(Score.query.ByRegion({ tournament: 't1', region: 'eu', round: 'SEMI' }).beginsWith({ score: '4' } as never)).rejects.toThrow(/beginsWith compares a string attribute/)
      await expect(q().gt({ score: 10 } as never)).rejects.toThrow(/may not give "score"|a bound is \{ round: value \}/)
      await expect(q().gt({ round: 'SEMI', score: 10 })).rejects.toThrow(/may not give "score"/)
      await expect(Score.query.ByRegion({ tournament: 't1', region: 'eu', round: 'SEMI', score: 1 }).gt({ score: 2 } as never)).rejects.toThrow(/every sort-key attribute/)
      await expect(Score.query.ByRegion({ tournament: 't1' } as never)).rejects.toThrow(IncompleteKeyError)
      await expect(Score.query.ByRegion({ tournament: 't1', region: '' })).rejects.toThrow()
      await expect(queryTable(table).ByRegion({ tournament: 't1', region: 'eu', score: 3 } as never)).rejects.toThrow(/"score" is given without "round"/)
      // a write whose index key attribute is empty: DynamoDB would refuse it, so it is refused first
      await expect(Score.put({ ...scores[0], region: '' })).rejects.toThrow(/key attribute "region" and empty/)
      expect(send).not.toHaveBeenCalled()
    } finally {
      send.mockRestore()
    }
  })

  it('encodes values through the field schema', async () => {
    await expect(Score.query.ByRegion({ tournament: 't1', region: 'eu', round: 'NOPE' as never })).rejects.toThrow(ValidationError)
  })

  it('pages with cursors', async () => {
    const first = await q().limit(4)
    expect(first.items).toHaveLength(4)
    const rest = await q().startAfter(first.cursor)
    expect(tag([...first.items, ...rest.items])).toEqual(tag((await q()).items))
    // a cursor of another partition (same tournament, other region) is refused
    await expect(Score.query.ByRegion({ tournament: 't1', region: 'us' }).startAfter(first.cursor)).rejects.toThrow(/cursor/)
  })

  it('the table key attributes can be part of a multi-attribute key', async () => {
    const page = await Score.query.ByPlayer({ player: 'ana' })
    expect(page.items.map((s) => `${s.tournament}:${s.round}`)).toEqual(['t1:FINAL', 't1:QUARTER', 't2:QUARTER', 't1:SEMI'])
    const semi = await Score.query.ByPlayer({ player: 'ana', tournament: 't1', round: 'SEMI' })
    expect(semi.items.map((s) => s.score)).toEqual([20])
  })
})

describe('membership', () => {
  it('an item lacking an attribute is not in the index, and leaves it when an update removes the attribute', async () => {
    const coached = () => Score.query.ByCoach({ tournament: 't1', coach: 'kim' }).all()
    expect((await coached()).items.map((s) => `${s.round}:${s.player}`)).toEqual(['QUARTER:ana', 'QUARTER:bo', 'QUARTER:dee', 'SEMI:ana'])
    await Score.update({ tournament: 't1', player: 'bo', round: 'QUARTER' }, { remove: ['coach'] })
    expect((await coached()).items.map((s) => `${s.round}:${s.player}`)).toEqual(['QUARTER:ana', 'QUARTER:dee', 'SEMI:ana'])
    await Score.update({ tournament: 't1', player: 'bo', round: 'QUARTER' }, { set: { coach: 'kim' } })
    expect((await coached()).items).toHaveLength(4)
  })
})

describe('collections and table-wide reads', () => {
  it('a collection reads a multi-attribute partition', async () => {
    const ranking = defineCollection('Ranking', [Score], { index: 'ByRegion' })
    const { Score: items } = await ranking.query({ tournament: 't1', region: 'eu' })
    expect(tag(items)).toEqual(tag((await Score.query.ByRegion({ tournament: 't1', region: 'eu' })).items))
  })

  it('queryTable(table).ByRegion takes the raw attributes, sort attributes left to right', async () => {
    const all = await queryTable(table).ByRegion({ tournament: 't1', region: 'eu' }).all()
    expect(all.items.every((i) => i.entity === 'Score')).toBe(true)
    expect(all.items).toHaveLength(6)
    const semi = await queryTable(table).ByRegion({ tournament: 't1', region: 'eu', round: 'SEMI' }).gt(20)
    expect(semi.items.map((i) => i.item.player)).toEqual(['bo'])
    const first = await queryTable(table).ByRegion({ tournament: 't1', region: 'eu' }).limit(2)
    const rest = await queryTable(table).ByRegion({ tournament: 't1', region: 'eu' }).startAfter(first.cursor).all()
    expect(first.items.length + rest.items.length).toBe(6)
  })
})

describe('views of the model', () => {
  it('describeTable lists every key attribute in order', () => {
    const index = describeTable(table).indexes.find((i) => i.name === 'ByRegion')
    expect(index).toMatchObject({ partitionKeys: ['tournament', 'region'], sortKeys: ['round', 'score'], partitionKey: 'tournament', sortKey: 'round' })
    expect(index?.entities[0]?.partitionKeys.map((k) => k.attribute)).toEqual(['tournament', 'region'])
    const markdown = describeMarkdown(describeTable(table))
    expect(markdown).toContain('tournament = `{tournament}` + region = `{region}`')
    expect(markdown).toContain('`Score.query.ByRegion({ tournament, region })`')
    expect(() => checkTable(table)).not.toThrow()
  })

  it('the Workbench export leaves such indexes out and says so', () => {
    const model = exportWorkbench(table, { date: new Date('2026-01-01') })
    const names = model.DataModel[0]?.GlobalSecondaryIndexes.map((i) => i.IndexName)
    expect(names).not.toContain('ByRegion')
    expect(model.ModelMetadata.Description).toContain('Left out: ByRegion (tournament + region / round + score)')
  })

  it('the HTML view groups an index by all its partition attributes', async () => {
    const raw = (await client.send(new ScanCommand({ TableName: table.name }))).Items ?? []
    const html = renderView(table, { items: raw, index: 'ByRegion' })
    expect(html).toContain('"pkAttrs":["tournament","region"]')
    expect(html).toContain('"pk":"tournament + region"')
    // t1/eu, t1/us and t2/eu: three partitions of the index, each in (round, score) order
    const index = viewData(table, { items: raw, index: 'ByRegion' }).indexes.find((i) => i.name === 'ByRegion')
    expect(index?.partitions.map((p) => p.length)).toEqual([6, 1, 1])
    const firstPartition = (index?.partitions[0] ?? []).map((n) => raw[n] as { round: string; score: number })
    expect(firstPartition.map((s) => `${s.round}:${s.score}`)).toEqual(['FINAL:45', 'QUARTER:10', 'QUARTER:30', 'QUARTER:50', 'SEMI:20', 'SEMI:40'])
  })
})

describe('entities sharing a multi-attribute index', () => {
  // An index keyed by the items' own attributes holds every entity that has them: two entities
  // may store the same key values there (a secondary index's keys need not be unique), and each
  // entity's reads return only its own items.
  for (const entityAttribute of ['_type', false] as const) {
    it(`is allowed, and each entity reads only its own items (entity attribute: ${String(entityAttribute)})`, async () => {
      const shared = defineTable({
        name: uniqueTableName('multi-attr-shared'),
        partitionKey: 'PK',
        sortKey: 'SK',
        entityAttribute,
        indexes: { ByRegion: { partitionKey: ['tournament', 'region'], sortKey: ['round', 'score'] } },
        client,
      })
      const fields = { tournament: z.string(), region: z.string(), round: z.string(), score: z.number().int(), id: z.string() }
      const Match = shared.entity('Match', { schema: z.object(fields), key: { pk: 'MATCH#{id}', sk: 'MATCH' } })
      const Bonus = shared.entity('Bonus', { schema: z.object(fields), key: { pk: 'BONUS#{id}', sk: 'BONUS' } })
      await createTable(shared)
      const same = { tournament: 't1', region: 'eu', round: 'SEMI', score: 40 }
      await Match.put({ ...same, id: 'm1' })
      await Bonus.put({ ...same, id: 'b1' })
      await Bonus.put({ ...same, score: 45, id: 'b2' })

      expect((await Match.query.ByRegion({ tournament: 't1', region: 'eu' }).all()).items.map((m) => m.id)).toEqual(['m1'])
      expect((await Bonus.query.ByRegion({ tournament: 't1', region: 'eu', round: 'SEMI' }).gte({ score: 40 }).all()).items.map((b) => b.id).sort()).toEqual(['b1', 'b2'])
      expect(await Match.query.ByRegion({ tournament: 't1', region: 'eu' }).count()).toBe(1)
      expect((await queryTable(shared).ByRegion({ tournament: 't1', region: 'eu' }).all()).items.length).toBe(3)

      const report = checkTable(shared)
      expect(report.ok).toBe(true)
      expect(report.notes.map((n) => n.message).join('\n')).toMatch(/Match and Bonus share index ByRegion, keyed by their own attributes \(tournament \+ region \/ round \+ score\)/)
    })
  }

  it('the table key stays checked: two entities with one primary-key pattern are still refused', () => {
    const shared = defineTable({ name: 'multi-attr-refused', partitionKey: 'PK', sortKey: 'SK', indexes: { ByRegion: { partitionKey: ['tournament', 'region'] } }, client })
    const schema = z.object({ tournament: z.string(), region: z.string(), id: z.string() })
    shared.entity('A', { schema, key: { pk: 'X#{id}', sk: 'X' } })
    expect(() => shared.entity('B', { schema, key: { pk: 'X#{id}', sk: 'X' } })).toThrow(DefinitionError)
  })
})
