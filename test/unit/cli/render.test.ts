import { describe, expect, it } from 'vitest'
import { cell, renderTable, toJson } from '../../../src/cli/render.js'

describe('renderTable', () => {
  it('aligns columns from every item, in first-seen order', () => {
    const text = renderTable([
      { username: 'alice', people: 3 },
      { username: 'bob', place: 'gold' },
    ])
    expect(text.split('\n')).toEqual([
      'username  people  place', //
      '--------  ------  -----',
      'alice     3',
      'bob               gold',
    ])
  })

  it('shortens long values and keeps each item on one line', () => {
    const [, , row] = renderTable([{ address: 'a\nb', long: 'x'.repeat(50) }], 10).split('\n')
    expect(row).toBe(`a⏎b      ${'x'.repeat(9)}…`)
  })
})

describe('cell and toJson', () => {
  it('shows rich values readably', () => {
    expect(cell(new Date('2024-01-02T03:04:05.000Z'))).toBe('2024-01-02T03:04:05.000Z')
    expect(cell(new Set(['a', 'b']))).toBe('{a, b}')
    expect(cell(new Uint8Array(3))).toBe('<3 bytes>')
    expect(cell(10n)).toBe('10')
    expect(cell(null)).toBe('null')
    expect(cell(undefined)).toBe('')
    expect(cell({ a: [1] })).toBe('{"a":[1]}')
  })

  it('writes JSON for values JSON cannot hold', () => {
    expect(toJson({ n: 10n, s: new Set([1]), b: new Uint8Array([1, 2]), d: new Date(0) })).toBe('{"n":"10","s":[1],"b":"AQI=","d":"1970-01-01T00:00:00.000Z"}')
  })
})
