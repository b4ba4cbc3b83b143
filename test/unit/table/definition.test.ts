import { describe, it, expect } from 'vitest'
import { z } from 'zod'
import { defineTable, DefinitionError, tableDefinition } from '../../../src/index.js'

function gameTable(entityAttribute?: false) {
  return defineTable({
    name: 'battle-royale',
    partitionKey: 'PK',
    sortKey: 'SK',
    indexes: {
      OpenGamesIndex: { partitionKey: 'map', sortKey: 'open_timestamp' },
      InvertedIndex: { partitionKey: 'SK', sortKey: 'PK' },
    },
    ...(entityAttribute === false ? { entityAttribute } : {}),
  })
}

describe('entity definition errors', () => {
  it('refuses two entities whose primary keys can collide, naming both and the templates', () => {
    const table = gameTable()
    table.entity('User', { schema: z.object({ username: z.string() }), key: { pk: 'USER#{username}', sk: '#METADATA#{username}' } })
    expect(() =>
      table.entity('Profile', { schema: z.object({ id: z.string() }), key: { pk: 'USER#{id}', sk: '#METADATA#{id}' } }),
    ).toThrow(DefinitionError)
    expect(() =>
      table.entity('Profile2', { schema: z.object({ id: z.string() }), key: { pk: 'USER#{id}', sk: '#METADATA#{id}' } }),
    ).toThrow(/entities User and Profile2 can produce the same key on the primary key: 'USER#\{username\}' \/ '#METADATA#\{username\}' vs 'USER#\{id\}' \/ '#METADATA#\{id\}'/)
  })

  it('refuses a bare-field sort key that can hold another entity’s literal key', () => {
    const table = gameTable()
    table.entity('Game', { schema: z.object({ game_id: z.string() }), key: { pk: 'GAME#{game_id}', sk: 'META' } })
    expect(() =>
      table.entity('Anything', { schema: z.object({ g: z.string(), s: z.string() }), key: { pk: 'GAME#{g}', sk: '{s}' } }),
    ).toThrow(/Game and Anything/)
  })

  it('accepts the battle-royale design: users, games and mappings share partitions without colliding', () => {
    const table = gameTable(false)
    const User = table.entity('User', { schema: z.object({ username: z.string() }), key: { pk: 'USER#{username}', sk: '#METADATA#{username}' } })
    const Game = table.entity('Game', {
      schema: z.object({ game_id: z.string(), map: z.string(), open_timestamp: z.string().optional() }),
      key: { pk: 'GAME#{game_id}', sk: '#METADATA#{game_id}' },
    })
    const Mapping = table.entity('UserGameMapping', {
      schema: z.object({ game_id: z.string(), username: z.string() }),
      key: { pk: 'GAME#{game_id}', sk: 'USER#{username}' },
    })
    expect([...table.entities.keys()]).toEqual(['User', 'Game', 'UserGameMapping'])
    expect([...Game.model.indexes.keys()]).toEqual(['OpenGamesIndex', 'InvertedIndex'])
    expect(Game.model.indexes.get('OpenGamesIndex')?.sparse).toBe(true)
    expect([...User.model.indexes.keys()]).toEqual(['InvertedIndex'])
    expect(Mapping.model.indexes.get('InvertedIndex')?.pk.template.source).toBe('USER#{username}')
    expect(Mapping.put({ game_id: 'g', username: 'u' }).params().Item).toEqual({ game_id: 'g', username: 'u', PK: 'GAME#g', SK: 'USER#u' })
  })

  it('refuses a placeholder that is not a schema field', () => {
    const table = gameTable()
    expect(() => table.entity('X', { schema: z.object({ id: z.string() }), key: { pk: 'X#{nope}' as 'X#{id}', sk: 'X' } })).toThrow(
      "entity X: key template of \"PK\" 'X#{nope}' uses \"nope\", which is not a schema field",
    )
  })

  it('refuses two placeholders with no delimiter between them', () => {
    const table = gameTable()
    const schema = z.object({ a: z.string(), b: z.string() })
    expect(() => table.entity('Adjacent', { schema, key: { pk: 'A#{a}{b}', sk: 'A' } })).toThrow(/need a literal between them/)
    expect(() => table.entity('Dash', { schema, key: { pk: 'A#{a}-{b}', sk: 'A' } })).toThrow(/must contain the delimiter '#'/)
  })

  it('refuses an optional primary-key field, an unknown index, a missing sort key and attribute clashes', () => {
    const table = gameTable()
    expect(() => table.entity('Opt', { schema: z.object({ id: z.string().optional() }), key: { pk: 'O#{id}', sk: 'O' } })).toThrow(
      /primary key field "id" must not be optional/,
    )
    expect(() =>
      table.entity('Idx', { schema: z.object({ id: z.string() }), key: { pk: 'I#{id}', sk: 'I' }, indexes: { Nope: { pk: 'x' } } as never }),
    ).toThrow(/index "Nope" is not an index of table battle-royale/)
    expect(() => table.entity('NoSk', { schema: z.object({ id: z.string() }), key: { pk: 'N#{id}' } })).toThrow(/key.sk is required/)
    expect(() => table.entity('Clash', { schema: z.object({ id: z.string(), PK: z.string() }), key: { pk: 'C#{id}', sk: 'C' } })).toThrow(
      /key attribute of primary "PK" clashes with the schema field/,
    )
    expect(() => table.entity('TypeClash', { schema: z.object({ id: z.string(), _type: z.string() }), key: { pk: 'T#{id}', sk: 'T' } })).toThrow(
      /entity attribute "_type" clashes/,
    )
    table.entity('Dup', { schema: z.object({ id: z.string() }), key: { pk: 'D#{id}', sk: 'D' } })
    expect(() => table.entity('Dup', { schema: z.object({ id: z.string() }), key: { pk: 'E#{id}', sk: 'E' } })).toThrow(/already has an entity named Dup/)
  })

  it('refuses bad table options', () => {
    expect(() => defineTable({ name: 'tab1', partitionKey: 'PK', delimiter: '##' })).toThrow(/delimiter must be one printable ASCII character/)
    expect(() => defineTable({ name: 'ab', partitionKey: 'PK' })).toThrow(/at least 3 characters/)
    expect(() => defineTable({ name: 'tbl', partitionKey: 'PK', sortKey: 'PK' })).toThrow(/must differ/)
    expect(() => defineTable({ name: 'tbl', partitionKey: 'PK', indexes: { primary: { partitionKey: 'x' } } })).toThrow(/reserved/)
  })
})

describe('tableDefinition(table)', () => {
  it('defines every key attribute, with N for numeric plain index keys', () => {
    const table = defineTable({
      name: 'scores',
      partitionKey: 'PK',
      sortKey: 'SK',
      indexes: { ByScore: { partitionKey: 'league', sortKey: 'score' }, GSI1: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK' } },
    })
    table.entity('Player', {
      schema: z.object({ id: z.string(), league: z.string(), score: z.number() }),
      key: { pk: 'P#{id}', sk: 'P' },
    })
    expect(tableDefinition(table)).toEqual({
      TableName: 'scores',
      AttributeDefinitions: [
        { AttributeName: 'PK', AttributeType: 'S' },
        { AttributeName: 'SK', AttributeType: 'S' },
        { AttributeName: 'league', AttributeType: 'S' },
        { AttributeName: 'score', AttributeType: 'N' },
        { AttributeName: 'GSI1PK', AttributeType: 'S' },
        { AttributeName: 'GSI1SK', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'ByScore',
          KeySchema: [
            { AttributeName: 'league', KeyType: 'HASH' },
            { AttributeName: 'score', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
        {
          IndexName: 'GSI1',
          KeySchema: [
            { AttributeName: 'GSI1PK', KeyType: 'HASH' },
            { AttributeName: 'GSI1SK', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    })
  })
})
