import { describe, expect, it } from 'vitest'
import { parseSeedText } from '../../../src/cli/seed-file.js'

describe('parseSeedText', () => {
  it('reads JSON lines, numbering lines as in the file and skipping blank ones', () => {
    const text = '{"PK":"A"}\n\n{"PK":"B"}\n{oops\n[1]\n  \n{"PK":"C"}\n'
    expect(parseSeedText(text, 'jsonl')).toEqual([
      { where: 'line 1', raw: { PK: 'A' } },
      { where: 'line 3', raw: { PK: 'B' } },
      { where: 'line 4', problem: expect.stringMatching(/^invalid JSON: /) },
      { where: 'line 5', problem: 'not a JSON object' },
      { where: 'line 7', raw: { PK: 'C' } },
    ])
  })

  it('reads a JSON array, numbering items', () => {
    expect(parseSeedText('[{"PK":"A"}, null, {"PK":"B"}]', 'json')).toEqual([
      { where: 'item 1', raw: { PK: 'A' } },
      { where: 'item 2', problem: 'not a JSON object' },
      { where: 'item 3', raw: { PK: 'B' } },
    ])
  })

  it('refuses a JSON file that is not an array of items, in one line', () => {
    expect(() => parseSeedText('{"PK":"A"}', 'json', 'items.json')).toThrow('items.json must hold a JSON array of items (or use .jsonl, one item a line)')
    expect(() => parseSeedText('[{"PK":', 'json', 'items.json')).toThrow(/^items\.json is not valid JSON: /)
  })
})
