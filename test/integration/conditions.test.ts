import { describe, it, expect, beforeAll } from 'vitest'
import { z } from 'zod'
import { defineTable, ConditionFailedError, type Condition, createTable, attributeType, beginsWith, between, contains, eq, exists, gt, gte, lt, lte, ne, notExists, oneOf, size } from '../../src/index.js'
import { localClient, uniqueTableName } from '../support/client.js'

const table = defineTable({ name: uniqueTableName('cond'), partitionKey: 'pk', sortKey: 'sk', client: localClient() })

// Attribute names that are reserved words or hold '#', '-' and '.' must just work.
const Thing = table.entity('Thing', {
  schema: z.object({
    id: z.string(),
    map: z.string(),
    'Status#Date': z.string(),
    'Sharded-GSI-PK': z.number(),
    'a.b': z.string(),
    people: z.number(),
    tags: z.array(z.string()),
    colors: z.set(z.string()),
    nested: z.object({ city: z.string() }),
    maybe: z.string().optional(),
  }),
  key: { pk: 'THING#{id}', sk: 'THING' },
})

const thing = {
  id: 't1',
  map: 'Green Grasslands',
  'Status#Date': 'ACTIVE#2024-01-01',
  'Sharded-GSI-PK': 3,
  'a.b': 'dotted',
  people: 42,
  tags: ['x', 'y'],
  colors: new Set(['red', 'blue']),
  nested: { city: 'Oslo' },
}

beforeAll(async () => {
  await createTable(table)
  await Thing.put(thing)
})

/** True when a write guarded by `condition` goes through (checked with an update that changes nothing). */
type Item = typeof thing & { maybe?: string }

async function holds(condition: Condition<Item>): Promise<boolean> {
  try {
    await Thing.update({ id: 't1' }, { set: { maybe: undefined, people: 42 } }, { condition })
    return true
  } catch (error) {
    if (error instanceof ConditionFailedError) return false
    throw error
  }
}

const cases: [string, Condition<Item>, boolean][] = [
  ['equality', { map: 'Green Grasslands' }, true],
  ['equality fails', { map: 'Dirty Desert' }, false],
  ['reserved word and # - . names', { map: 'Green Grasslands', 'Status#Date': 'ACTIVE#2024-01-01', 'Sharded-GSI-PK': 3, 'a.b': 'dotted' }, true],
  ['ne', { people: ne(41) }, true],
  ['lt', { people: lt(42) }, false],
  ['lte', { people: lte(42) }, true],
  ['gt', { people: gt(41) }, true],
  ['gte', { people: gte(43) }, false],
  ['between', { people: between(40, 45) }, true],
  ['between fails', { people: between(43, 45) }, false],
  ['in', { map: oneOf(['Dirty Desert', 'Green Grasslands']) }, true],
  ['in fails', { map: oneOf(['Dirty Desert']) }, false],
  ['beginsWith', { 'Status#Date': beginsWith('ACTIVE#') }, true],
  ['beginsWith fails', { 'Status#Date': beginsWith('SAVED#') }, false],
  ['contains on a string', { map: contains('Grass') }, true],
  ['contains on a list', { tags: contains('y') }, true],
  ['contains on a set', { colors: contains('green') }, false],
  ['exists', { map: exists() }, true],
  ['not exists', { maybe: notExists() }, true],
  ['type', { people: attributeType('N') }, true],
  ['type fails', { people: attributeType('S') }, false],
  ['size', { tags: size(eq(2)) }, true],
  ['size fails', { colors: size(gt(2)) }, false],
  ['nested path', { 'nested.city': 'Oslo' }, true],
  ['$or', { $or: [{ people: 1 }, { map: 'Green Grasslands' }] }, true],
  ['$or fails', { $or: [{ people: 1 }, { map: 'x' }] }, false],
  ['$and', { $and: [{ people: 42 }, { map: 'Green Grasslands' }] }, true],
  ['$not', { $not: { people: 42 } }, false],
  ['$not of $or', { $not: { $or: [{ people: 1 }, { people: 2 }] } }, true],
  ['fields and $or together', { people: 42, $or: [{ map: 'x' }, { tags: contains('x') }] }, true],
]

describe('condition operators against DynamoDB Local', () => {
  for (const [name, condition, expected] of cases) {
    it(`${name} → ${expected ? 'holds' : 'fails'}`, async () => {
      expect(await holds(condition)).toBe(expected)
    })
  }
})
