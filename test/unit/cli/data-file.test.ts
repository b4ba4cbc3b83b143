// The one reader of data files: every format sortkey writes and DynamoDB JSON come out as the
// same stored items, and entries that are not items are reported where they are.
import { marshall } from '@aws-sdk/util-dynamodb'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { defineTable, epochSeconds, isoDate } from '../../../src/index.js'
import { parseDataText } from '../../../src/cli/data-file.js'
import { toJson } from '../../../src/cli/render.js'
import { exportWorkbench } from '../../../src/describe/workbench.js'
import { CliError } from '../../../src/cli/errors.js'

const table = defineTable({ name: 'shop', partitionKey: 'PK', sortKey: 'SK' })
const Order = table.entity('Order', {
  schema: z.object({
    id: z.string(),
    placed: isoDate(),
    expires: epochSeconds(),
    cents: z.bigint(),
    tags: z.set(z.string()),
    lines: z.array(z.object({ sku: z.string(), at: isoDate() })),
    note: z.string().optional(),
  }),
  key: { pk: 'ORDER#{id}', sk: 'ORDER' },
})
const Tag = table.entity('Tag', { schema: z.object({ name: z.string() }), key: { pk: 'TAG#{name}', sk: 'TAG' } })

const order = {
  id: 'o1',
  placed: new Date('2024-05-01T10:00:00.000Z'),
  expires: new Date('2024-06-01T00:00:00.000Z'),
  cents: 12345678901234567n,
  tags: new Set(['a', 'b']),
  lines: [{ sku: 'x', at: new Date('2024-05-01T10:00:01.000Z') }],
}
const stored = Order.put(order).params().Item as Record<string, unknown>
const tag = Tag.put({ name: 'sale' }).params().Item as Record<string, unknown>
const items = (text: string, file?: string) => parseDataText(table, text, file).entries.map((e) => e.raw ?? e.problem)

describe('parseDataText', () => {
  it('reads stored items, one a line or as a JSON array, numbering lines as in the file', () => {
    const plain = { PK: 'TAG#x', SK: 'TAG', _type: 'Tag', name: 'x' }
    expect(parseDataText(table, `${JSON.stringify(plain)}\n\n{oops\n[1]\n`).entries).toEqual([
      { where: 'line 1', raw: plain },
      { where: 'line 3', problem: expect.stringMatching(/^invalid JSON: /) },
      { where: 'line 4', problem: 'not a JSON object' },
    ])
    expect(parseDataText(table, JSON.stringify([plain, null], null, 2)).entries).toEqual([
      { where: 'item 1', raw: plain },
      { where: 'item 2', problem: 'not a JSON object' },
    ])
    expect(parseDataText(table, JSON.stringify(plain, null, 2))).toEqual({ entries: [{ where: 'item 1', raw: plain }], format: 'one JSON object' })
    expect(() => parseDataText(table, '[{"PK":', 'items.json')).toThrow(/^items\.json is not valid JSON: /)
  })

  it("reads scan --json lines: each item back through its entity's schema (Dates, bigints, sets) to what is stored", () => {
    const lines = [toJson({ entity: 'Order', item: order }), toJson({ entity: 'Tag', item: { name: 'sale' } })].join('\n')
    expect(parseDataText(table, lines)).toEqual({ entries: [{ where: 'line 1', raw: stored }, { where: 'line 2', raw: tag }], format: 'JSON lines' })
    // an item no entity claimed is printed as stored, with entity null
    expect(items(toJson({ entity: null, item: { PK: 'X', SK: 'Y' } }))).toEqual([{ PK: 'X', SK: 'Y' }])
    expect(items([toJson({ entity: 'Nope', item: {} }), toJson({ entity: 'Order', item: { ...order, cents: 'many' } })].join('\n'))).toEqual([
      '"Nope" is not an entity of shop (entities: Order, Tag)',
      expect.stringMatching(/^Order: cents: /),
    ])
  })

  it("reads a NoSQL Workbench model's TableData (export-workbench's own) for the model's table", () => {
    const model = exportWorkbench(table, { items: [stored, tag], date: new Date(0) })
    expect(parseDataText(table, JSON.stringify(model, null, 2))).toEqual({
      entries: [
        { where: 'TableData item 1', raw: stored },
        { where: 'TableData item 2', raw: tag },
      ],
      format: 'a NoSQL Workbench model',
    })
    const two = { ...model, DataModel: [{ ...model.DataModel[0], TableName: 'other' }, { ...model.DataModel[0], TableName: 'third' }] }
    expect(() => parseDataText(table, JSON.stringify(two), 'model.json')).toThrow(new CliError('model.json is a NoSQL Workbench model without table shop (tables: other, third)'))
  })

  it('reads aws dynamodb scan output, export-to-S3 lines and DynamoDB JSON items', () => {
    const dynamo = [marshall(stored), marshall(tag)]
    const scan = JSON.stringify({ Items: dynamo, Count: 2, ScannedCount: 2, ConsumedCapacity: null }, null, 4)
    expect(parseDataText(table, scan)).toEqual({ entries: [{ where: 'item 1', raw: stored }, { where: 'item 2', raw: tag }], format: 'DynamoDB scan output' })
    expect(items(dynamo.map((Item) => JSON.stringify({ Item })).join('\n'))).toEqual([stored, tag])
    expect(items(dynamo.map((i) => JSON.stringify(i)).join('\n'))).toEqual([stored, tag])
    expect(items(JSON.stringify(dynamo))).toEqual([stored, tag])
  })

  it('reports DynamoDB JSON it cannot read, by entry', () => {
    const bad = [
      { PK: { S: 'A' }, SK: 'plain' },
      { PK: { S: 'A' }, n: { N: 'abc' } },
      { PK: { S: 'A' }, m: { M: { deep: { L: [{ N: '1' }, { N: '0.12345678901234567890123' }] } } } },
      { PK: { S: 'A' }, s: { NS: ['1', '1e400'] } },
    ]
    expect(items(bad.map((Item) => JSON.stringify({ Item })).join('\n'))).toEqual([
      'not DynamoDB JSON: attribute SK is "plain"',
      'invalid DynamoDB JSON: n: "abc" is not a number',
      'invalid DynamoDB JSON: m.M.deep.L[1]: 0.12345678901234567890123 does not fit a JavaScript number',
      'invalid DynamoDB JSON: s: 1e400 does not fit a JavaScript number',
    ])
    // whole numbers of any size are kept, as bigints
    expect(items(JSON.stringify({ Item: { PK: { S: 'A' }, n: { N: '123456789012345678901234567890' } } }))).toEqual([{ PK: 'A', n: 123456789012345678901234567890n }])
  })

  it('takes operator-looking objects in a stored item as data: identification and validation decide', () => {
    const odd = { PK: { $ne: null }, SK: 'x' }
    expect(items(JSON.stringify(odd))).toEqual([odd])
  })
})
