// The export is checked against NoSQL Workbench's own model files (test/fixtures/workbench/):
// the same keys at every level, the same shapes, and, for the two reference solutions this
// repository's examples reproduce, the same table keys and indexes.
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { unmarshall } from '@aws-sdk/util-dynamodb'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { defineTable, exportWorkbench, type WorkbenchModel } from '../../../src/index.js'
import { table as gameTable } from '../../../examples/game-player/model.js'
import { table as bankTable } from '../../../examples/bank-payments/model.js'
import { table as cartTable } from '../../../examples/retail-cart/model.js'

type Json = Record<string, unknown>
const root = resolve(import.meta.dirname, '../../..')
const referenceDir = resolve(root, 'test/fixtures/workbench')
const references = readdirSync(referenceDir).filter((f) => f.endsWith('.json'))
const read = (file: string) => JSON.parse(readFileSync(join(referenceDir, file), 'utf8')) as Json
const items = readFileSync(resolve(root, 'examples/game-player/data/battle-royale-items.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Json)
/** Written and read back as a file would be. */
const roundTrip = (model: WorkbenchModel) => JSON.parse(JSON.stringify(model, null, 2)) as Json

const keys = (value: unknown) => Object.keys(value as Json).sort()
const attribute = { AttributeName: expect.any(String), AttributeType: expect.stringMatching(/^(S|N|B|BOOL|NULL|M|L|SS|NS|BS)$/) }

describe('exportWorkbench', () => {
  const exported = roundTrip(exportWorkbench(gameTable, { items, date: new Date('2025-01-01T00:00:00Z') }))
  const table = (exported.DataModel as Json[])[0] as Json

  it('has the keys of every reference model, at the top, in its metadata and in its table', () => {
    expect(references.length).toBeGreaterThanOrEqual(5)
    for (const file of references) {
      const reference = read(file)
      expect(keys(exported), file).toEqual(keys(reference))
      expect(keys(exported.ModelMetadata), file).toEqual(keys(reference.ModelMetadata))
      const refTable = (reference.DataModel as Json[])[0] as Json
      for (const key of ['TableName', 'KeyAttributes', 'NonKeyAttributes', 'GlobalSecondaryIndexes', 'TableData']) expect(table, `${file}: ${key}`).toHaveProperty(key)
      expect(keys(table.KeyAttributes)).toEqual(keys(refTable.KeyAttributes))
      for (const index of table.GlobalSecondaryIndexes as Json[]) expect(keys(index)).toEqual(keys((refTable.GlobalSecondaryIndexes as Json[])[0]))
    }
    expect(exported.ModelMetadata).toEqual({
      Author: '',
      DateCreated: '2025-01-01T00:00:00.000Z',
      DateLastModified: '2025-01-01T00:00:00.000Z',
      Description: expect.stringContaining('battle-royale') as unknown,
      AWSService: 'Amazon DynamoDB',
      Version: '2.0',
    })
  })

  it('describes keys, non-key attributes and indexes as the reference files do', () => {
    expect(table.TableName).toBe('battle-royale')
    expect(table.KeyAttributes).toEqual({ PartitionKey: { AttributeName: 'PK', AttributeType: 'S' }, SortKey: { AttributeName: 'SK', AttributeType: 'S' } })
    for (const a of table.NonKeyAttributes as Json[]) expect(a).toEqual(attribute)
    const names = (table.NonKeyAttributes as Json[]).map((a) => a.AttributeName)
    expect(new Set(names).size).toBe(names.length)
    expect(names).not.toContain('PK')
    expect(names.slice(0, 2)).toEqual(['map', 'open_timestamp'])
    expect(table.NonKeyAttributes).toContainEqual({ AttributeName: 'people', AttributeType: 'N' })
    expect(table.GlobalSecondaryIndexes).toEqual([
      { IndexName: 'OpenGamesIndex', KeyAttributes: { PartitionKey: { AttributeName: 'map', AttributeType: 'S' }, SortKey: { AttributeName: 'open_timestamp', AttributeType: 'S' } }, Projection: { ProjectionType: 'ALL' } },
      { IndexName: 'InvertedIndex', KeyAttributes: { PartitionKey: { AttributeName: 'SK', AttributeType: 'S' }, SortKey: { AttributeName: 'PK', AttributeType: 'S' } }, Projection: { ProjectionType: 'ALL' } },
    ])
    expect(table.DataAccess).toEqual({ MySql: {} })
  })

  it('has one facet per entity, its key templates as aliases and its attributes, every one a non-key attribute of the table', () => {
    const facets = table.TableFacets as Json[]
    expect(facets.map((f) => f.FacetName)).toEqual(['User', 'Game', 'UserGameMapping'])
    for (const facet of facets) expect(keys(facet)).toEqual(['DataAccess', 'FacetName', 'KeyAttributeAlias', 'NonKeyAttributes', 'TableData'])
    expect(facets[2]).toEqual({
      FacetName: 'UserGameMapping',
      KeyAttributeAlias: { PartitionKeyAlias: 'GAME#{game_id}', SortKeyAlias: 'USER#{username}' },
      NonKeyAttributes: ['game_id', 'username', 'place'],
      TableData: [],
      DataAccess: { MySql: {} },
    })
    const names = new Set((table.NonKeyAttributes as Json[]).map((a) => a.AttributeName))
    for (const facet of facets) for (const name of facet.NonKeyAttributes as string[]) expect(names).toContain(name)
  })

  it('holds the items in DynamoDB JSON, which reads back to the items', () => {
    const data = table.TableData as Record<string, Json>[]
    expect(data).toHaveLength(835)
    expect(data[0]).toEqual({
      PK: { S: 'USER#lindsay56' },
      SK: { S: '#METADATA#lindsay56' },
      address: { S: '8896 Johnson Alley Suite 499\nPhillipsberg, AR 08144' },
      birthdate: { S: '1920-04-17' },
      email: { S: 'sanchezlaura@yahoo.com' },
      name: { S: 'Daniel Price' },
      username: { S: 'lindsay56' },
    })
    for (const item of data) for (const value of Object.values(item)) expect(Object.keys(value)).toHaveLength(1)
    expect(data.map((item) => unmarshall(item as never))).toEqual(items)
    expect(data.find((item) => item.people)?.people).toMatchObject({ N: expect.stringMatching(/^\d+$/) })
  })

  it("reproduces the reference solutions' tables, keys and indexes for the bank and cart examples", () => {
    for (const [file, model] of [['BankModel.json', bankTable], ['CartModel.json', cartTable]] as const) {
      const reference = (read(file).DataModel as Json[])[0] as Json
      const ours = (roundTrip(exportWorkbench(model)).DataModel as Json[])[0] as Json
      expect(ours.TableName, file).toBe(reference.TableName)
      expect(ours.KeyAttributes, file).toEqual(reference.KeyAttributes)
      expect(ours.GlobalSecondaryIndexes, file).toEqual(reference.GlobalSecondaryIndexes)
      const theirs = (reference.NonKeyAttributes as Json[]).map((a) => a.AttributeName)
      const mine = (ours.NonKeyAttributes as Json[]).map((a) => a.AttributeName)
      for (const name of theirs) expect(mine, `${file}: ${String(name)}`).toContain(name)
    }
    // The bank reference's attribute types are this model's too (the cart's sample stores numbers as strings).
    const bank = (roundTrip(exportWorkbench(bankTable)).DataModel as Json[])[0] as Json
    for (const a of ((read('BankModel.json').DataModel as Json[])[0] as Json).NonKeyAttributes as Json[]) expect(bank.NonKeyAttributes).toContainEqual(a)
  })

  it('leaves out local indexes, keeps projections, omits the sort key alias for a table without one, and adds attributes only items have', () => {
    const table = defineTable({
      name: 'simple',
      partitionKey: 'PK',
      indexes: {
        ByName: { partitionKey: 'name', projection: { include: ['n'] } },
        ByKind: { partitionKey: 'kind', projection: 'KEYS_ONLY' },
        Local: { partitionKey: 'PK', sortKey: 'n', type: 'local' },
      },
    })
    table.entity('Thing', { schema: z.object({ id: z.string(), name: z.string(), kind: z.string(), n: z.number() }), key: { pk: 'T#{id}' } })
    const model = exportWorkbench(table, { items: [{ PK: 'T#1', id: '1', name: 'a', kind: 'k', n: 1, _type: 'Thing', extra: [1, 'x'] }], name: 'My model', author: 'me' })
    const t = model.DataModel[0]
    expect(model.ModelName).toBe('My model')
    expect(model.ModelMetadata.Author).toBe('me')
    expect(t?.KeyAttributes).toEqual({ PartitionKey: { AttributeName: 'PK', AttributeType: 'S' } })
    expect(t?.TableFacets[0]?.KeyAttributeAlias).toEqual({ PartitionKeyAlias: 'T#{id}' })
    expect(t?.GlobalSecondaryIndexes.map((i) => i.IndexName)).toEqual(['ByName', 'ByKind'])
    expect(t?.GlobalSecondaryIndexes.map((i) => i.Projection)).toEqual([{ ProjectionType: 'INCLUDE', NonKeyAttributes: ['n'] }, { ProjectionType: 'KEYS_ONLY' }])
    expect(t?.NonKeyAttributes).toEqual([
      { AttributeName: 'name', AttributeType: 'S' },
      { AttributeName: 'kind', AttributeType: 'S' },
      { AttributeName: '_type', AttributeType: 'S' },
      { AttributeName: 'id', AttributeType: 'S' },
      { AttributeName: 'n', AttributeType: 'N' },
      { AttributeName: 'extra', AttributeType: 'L' },
    ])
    expect(t?.TableData[0]?.extra).toEqual({ L: [{ N: '1' }, { S: 'x' }] })
  })
})
