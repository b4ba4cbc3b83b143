import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { checkTable, defineTable } from '../../../src/index.js'
import { checkText } from '../../../src/describe/index.js'
import { keyStartingWith } from '../../../src/describe/prefix.js'
import { parseTemplate } from '../../../src/keys/index.js'
import { table as gameTable } from '../../../examples/game-player/model.js'
import { table as messagingTable } from '../../../examples/messaging/model.js'
import { table as cartTable } from '../../../examples/retail-cart/model.js'
import { table as bankTable } from '../../../examples/bank-payments/model.js'

const id = z.object({ id: z.string(), at: z.string(), e: z.string() })

function gsiTable(entityAttribute?: false) {
  return defineTable({
    name: 'check-table',
    partitionKey: 'PK',
    sortKey: 'SK',
    indexes: { GSI1: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK' } },
    ...(entityAttribute === false ? { entityAttribute } : {}),
  })
}

describe('checkTable', () => {
  it('passes the four examples, with notes on shared partitions and bare sort keys', () => {
    for (const table of [gameTable, messagingTable, cartTable, bankTable]) expect(checkTable(table).problems).toEqual([])
    const game = checkTable(gameTable)
    expect(game).toMatchObject({ table: 'battle-royale', ok: true, indexes: ['primary', 'OpenGamesIndex', 'InvertedIndex'], entities: 3 })
    expect(game.notes.map((n) => [n.index, n.entities])).toEqual([
      ['primary', ['Game', 'UserGameMapping']],
      ['InvertedIndex', ['User', 'Game']],
    ])
    expect(game.notes[0]?.message).toBe(
      "Game and UserGameMapping share partitions on the table (PK 'GAME#{game_id}', e.g. PK=\"GAME#0\"); their sort-key prefixes '#METADATA#' and 'USER#' keep each one's queries to its own items.",
    )
    expect(checkTable(messagingTable).notes.map((n) => n.entities)).toEqual([['MessageGroup'], ['Message']])
    expect(checkTable(cartTable).notes).toEqual([])
  })

  it('reports a sort key with no literal prefix in a shared partition: its queries read the other entity', () => {
    const table = gsiTable(false)
    table.entity('Order', { schema: id, key: { pk: 'CUST#{id}', sk: 'ORDER#{at}' } })
    table.entity('Event', { schema: id, key: { pk: 'CUST#{id}', sk: '{at}' } })
    const report = checkTable(table)
    expect(report.ok).toBe(false)
    expect(report.problems).toHaveLength(1)
    expect(report.problems[0]).toMatchObject({ kind: 'filter', index: 'primary', entities: ['Event', 'Order'], example: { PK: 'CUST#0', SK: 'ORDER#0' } })
    expect(report.problems[0]?.message).toBe(
      "Event's sort key SK '{at}' has no literal prefix, so its queries on the table read whole partitions, and Order shares those partitions " +
        "(PK 'CUST#{id}', e.g. PK=\"CUST#0\", SK=\"ORDER#0\"): Order's items there are read and then skipped by key-pattern checks. " +
        "Give Event a literal sort-key prefix that Order's sort keys cannot start with, or partitions of its own.",
    )
    expect(checkText(report).at(-1)).toBe('1 problem found')
  })

  it("reports a prefix another entity's sort keys start with, on a secondary index, filtered on the entity attribute", () => {
    const table = gsiTable()
    table.entity('User', { schema: id, key: { pk: 'U#{id}', sk: 'U' }, indexes: { GSI1: { pk: 'ORG#{e}', sk: 'USER#{id}' } } })
    table.entity('Admin', { schema: id, key: { pk: 'A#{id}', sk: 'A' }, indexes: { GSI1: { pk: 'ORG#{e}', sk: 'USER#ADMIN#{at}' } } })
    const report = checkTable(table)
    expect(report.problems.map((p) => [p.kind, p.index, p.entities])).toEqual([['filter', 'GSI1', ['User', 'Admin']]])
    expect(report.problems[0]?.example).toEqual({ GSI1PK: 'ORG#0', GSI1SK: 'USER#ADMIN#0' })
    expect(report.problems[0]?.message).toMatch(/^User's queries on index GSI1 narrow to begins_with\(GSI1SK, 'USER#'\), which Admin's sort keys GSI1SK 'USER#ADMIN#\{at\}' can start with/)
    expect(report.problems[0]?.message).toContain("Admin's items there are read and then filtered out on _type")
  })

  it('reports every pair of key patterns that can store the same key, on any index', () => {
    // The definition refuses these; two tables' entities put together show what the check finds.
    const a = gsiTable()
    const b = gsiTable()
    const User = a.entity('User', { schema: id, key: { pk: 'U#{id}', sk: 'U' }, indexes: { GSI1: { pk: 'ORG#{e}', sk: 'M#{id}' } } })
    const Team = b.entity('Team', { schema: id, key: { pk: 'T#{id}', sk: 'T' }, indexes: { GSI1: { pk: 'ORG#{e}', sk: 'M#{at}' } } })
    const Other = b.entity('Other', { schema: id, key: { pk: 'U#{id}', sk: '{at}' } })
    const report = checkTable({ name: 'merged', spec: a.spec, config: a.config, models: [User.model, Team.model, Other.model] })
    expect(report.problems.map((p) => [p.kind, p.index, p.entities, p.example])).toEqual([
      ['collision', 'primary', ['User', 'Other'], { PK: 'U#0', SK: 'U' }],
      ['collision', 'GSI1', ['User', 'Team'], { GSI1PK: 'ORG#0', GSI1SK: 'M#0' }],
    ])
    expect(report.problems[1]?.message).toBe(
      "User (GSI1PK 'ORG#{e}', GSI1SK 'M#{id}') and Team (GSI1PK 'ORG#{e}', GSI1SK 'M#{at}') can store the same key (GSI1PK=\"ORG#0\", GSI1SK=\"M#0\"). Give one of them a distinct literal, e.g. a different prefix.",
    )
  })

  it('treats a plain attribute as any value against a template', () => {
    const indexes = { ByMap: { partitionKey: 'map', sortKey: 'ts' } }
    const a = defineTable({ name: 'plain-table', partitionKey: 'PK', sortKey: 'SK', indexes })
    const b = defineTable({ name: 'plain-table', partitionKey: 'PK', sortKey: 'SK', indexes })
    const A = a.entity('A', { schema: z.object({ id: z.string(), map: z.string(), ts: z.string() }), key: { pk: 'A#{id}', sk: 'A' } })
    const B = b.entity('B', { schema: z.object({ id: z.string() }), key: { pk: 'B#{id}', sk: 'B' }, indexes: { ByMap: { pk: 'MAP#{id}', sk: 'TS#{id}' } } })
    const report = checkTable({ name: 'plain-table', spec: a.spec, config: a.config, models: [A.model, B.model] })
    expect(report.problems.map((p) => [p.kind, p.index, p.example])).toEqual([['collision', 'ByMap', { map: '(any value)', ts: '(any value)' }]])
    expect(report.problems[0]?.message).toContain('(map=(any value), ts=(any value))')
  })

  it('notes entities that share an index keyed by their own attributes: shared by design, not a collision', () => {
    const indexes = { ByMap: { partitionKey: 'map', sortKey: 'ts' } }
    const a = defineTable({ name: 'plain-table', partitionKey: 'PK', sortKey: 'SK', indexes })
    const schema = z.object({ id: z.string(), map: z.string(), ts: z.string() })
    const A = a.entity('A', { schema, key: { pk: 'A#{id}', sk: 'A' } })
    const B = a.entity('B', { schema, key: { pk: 'B#{id}', sk: 'B' } })
    const report = checkTable({ name: 'plain-table', spec: a.spec, config: a.config, models: [A.model, B.model] })
    expect(report.ok).toBe(true)
    expect(report.notes.map((n) => [n.index, n.entities])).toContainEqual(['ByMap', ['A', 'B']])
    expect(report.notes.find((n) => n.index === 'ByMap')?.message).toContain('filtered out on _type')
  })
})

describe('keyStartingWith', () => {
  const rules = { delimiter: '#', keyValues: 'refuse' } as const
  const t = (source: string) => parseTemplate(source, '#')

  it('finds the shortest key of a template that starts with a prefix, or none', () => {
    expect(keyStartingWith(t('USER#ADMIN#{id}'), 'USER#', rules)).toBe('USER#ADMIN#0')
    // A value never holds the delimiter: 'USER#{id}' cannot start with 'USER#ADMIN#'.
    expect(keyStartingWith(t('USER#{id}'), 'USER#ADMIN#', rules)).toBeUndefined()
    expect(keyStartingWith(t('GAME#{id}'), 'USER#', rules)).toBeUndefined()
    expect(keyStartingWith(t('{at}'), '', rules)).toBe('0')
    expect(keyStartingWith(t('{at}'), 'anything', rules)).toBe('anything')
    expect(keyStartingWith(t('USER#{id}'), 'USER#a#', rules)).toBeUndefined()
    expect(keyStartingWith(t('USER#{id}#X'), 'USER#a#', rules)).toBe('USER#a#X')
  })

  it('follows padded numbers and escaping', () => {
    expect(keyStartingWith(t('SCORE#{n:3}'), 'SCORE#1', rules)).toBe('SCORE#100')
    expect(keyStartingWith(t('SCORE#{n:3}'), 'SCORE#1x', rules)).toBeUndefined()
    expect(keyStartingWith(t('U#{id}'), 'U#a%23', { delimiter: '#', keyValues: 'escape' })).toBe('U#a%23')
    expect(keyStartingWith(t('U#{id}'), 'U#a%2', { delimiter: '#', keyValues: 'escape' })).toMatch(/^U#a%2[35]$/)
    expect(keyStartingWith(t('U#{id}'), 'U#a%2', rules)).toBe('U#a%2')
  })
})
