// Value sets for the overlap check: read from zod schemas, and sound (a value the schema accepts
// only holds characters of its set).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { z as mini } from 'zod/mini'
import { isoDate } from '../../../src/index.js'
import { regexCharacters } from '../../../src/keys/index.js'
import { fieldValueSet } from '../../../src/entity/field-values.js'

const chars = (schema: unknown) => {
  const set = fieldValueSet(schema)
  return set.kind === 'chars' ? [...set.chars].sort().join('') : set.kind
}

describe('value sets', () => {
  it('come from enums, literals, formats, regex checks and codecs (classic and mini)', () => {
    expect(fieldValueSet(z.enum(['A', 'B']).optional())).toEqual({ kind: 'oneOf', values: ['A', 'B'] })
    expect(fieldValueSet(mini.literal('X'))).toEqual({ kind: 'oneOf', values: ['X'] })
    expect(chars(isoDate())).toBe('-.0123456789:TZ')
    expect(chars(z.iso.date())).toBe('-0123456789')
    expect(chars(mini.string().check(mini.regex(/^[a-c]+$/)))).toBe('abc')
    expect(chars(z.uuid())).toBe('-0123456789ABCDEFabcdef')
    expect(fieldValueSet(z.string()).kind).toBe('any')
    expect(fieldValueSet(z.string().regex(/^.+$/)).kind).toBe('any')
    expect(fieldValueSet(z.string().regex(/^[^#]+$/)).kind).toBe('any')
  })

  it('are sound: every value a pattern accepts uses only characters of its set', () => {
    const patterns = [/^[a-z0-9_-]{2,8}$/, /^\d{3}-\d{3}-\d{4}$/, /^(?:AB|c\.d)+$/, /^[A-F\u00e9]\w*$/]
    for (const pattern of patterns) {
      const allowed = regexCharacters(pattern) as Set<string>
      fc.assert(
        fc.property(fc.stringMatching(pattern), (value) => {
          for (const ch of value) expect(allowed.has(ch), `${pattern} accepted ${JSON.stringify(value)}`).toBe(true)
        }),
        { numRuns: 200 },
      )
    }
  }, 30_000)
})
