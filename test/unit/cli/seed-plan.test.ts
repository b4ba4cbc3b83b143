import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { defineTable } from '../../../src/index.js'
import { describeCounts, planSeed } from '../../../src/cli/seed-plan.js'
import { parseDataText } from '../../../src/cli/data-file.js'

function gameTable() {
  const table = defineTable({
    name: 'battle-royale',
    partitionKey: 'PK',
    sortKey: 'SK',
    indexes: { OpenGamesIndex: { partitionKey: 'map', sortKey: 'open_timestamp' } },
    entityAttribute: false,
  })
  table.entity('User', { schema: z.object({ username: z.string(), email: z.email() }), key: { pk: 'USER#{username}', sk: '#METADATA#{username}' } })
  table.entity('Game', {
    schema: z.object({ game_id: z.string(), map: z.string(), people: z.number().int().max(50), open_timestamp: z.string().optional() }),
    key: { pk: 'GAME#{game_id}', sk: '#METADATA#{game_id}' },
  })
  table.entity('Unique', { schema: z.object({ id: z.string(), email: z.string() }), key: { pk: 'U#{id}', sk: 'U' }, unique: ['email'] })
  return table
}

const lines = [
  '{"PK":"USER#alice","SK":"#METADATA#alice","username":"alice","email":"alice@example.com"}',
  '{"PK":"GAME#g1","SK":"#METADATA#g1","game_id":"g1","map":"Green","people":500}',
  '{"PK":"NOPE#1","SK":"x"}',
  '{"PK":"USER#bob","SK":"#METADATA#bob","username":"bob","email":"not an email"}',
  '{"PK":"GAME#g2","SK":"#METADATA#g2","game_id":"g2","map":"Green","people":5,"open_timestamp":"2024"}',
  '{"PK":"USER#alice","SK":"#METADATA#alice","username":"alice","email":"alice2@example.com"}',
  '{"PK":"U#1","SK":"U","id":"1","email":"e"}',
  '{"SK":"x"}',
]

describe('planSeed', () => {
  it('keeps valid items and reports the others by line, with entity and reason', () => {
    const table = gameTable()
    const plan = planSeed(table, parseDataText(table, lines.join('\n')).entries)
    expect(plan.writes.map((w) => [w.where, w.entity.name, w.batchable])).toEqual([
      ['line 1', 'User', true],
      ['line 5', 'Game', true],
      ['line 7', 'Unique', false],
    ])
    expect(plan.problems).toEqual([
      expect.stringMatching(/^line 2: Game: people: Too big: expected number to be <=50/),
      'line 3: no entity matches PK "NOPE#1", SK "x"',
      expect.stringMatching(/^line 4: User: email: Invalid email/),
      'line 6: User: same key as line 1 ({"PK":"USER#alice","SK":"#METADATA#alice"})',
      'line 8: no entity matches SK "x"',
    ])
    expect(describeCounts(plan.counts)).toBe('User 1, Game 1, Unique 1')
    expect(plan.writes[1]?.op.params().Item).toEqual({ PK: 'GAME#g2', SK: '#METADATA#g2', game_id: 'g2', map: 'Green', people: 5, open_timestamp: '2024' })
  })
})
