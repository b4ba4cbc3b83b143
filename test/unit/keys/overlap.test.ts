import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  compileTemplateAutomaton,
  formatKey,
  overlapWitness,
  parseKey,
  parseTemplate,
  templatesOverlap,
  type KeyRules,
  type KeyScalar,
  type KeyTemplate,
} from '../../../src/keys/index.js'

const refuse: KeyRules = { delimiter: '#', keyValues: 'refuse' }
const escape: KeyRules = { delimiter: '#', keyValues: 'escape' }
const t = (source: string, delimiter = '#') => parseTemplate(source, delimiter)

function witness(a: string, b: string, rules: KeyRules = refuse): string | undefined {
  const ta = t(a, rules.delimiter)
  const tb = t(b, rules.delimiter)
  const found = overlapWitness(ta, tb, rules)
  expect(templatesOverlap(ta, tb, rules)).toBe(found !== undefined)
  expect(overlapWitness(tb, ta, rules)?.length).toBe(found?.length)
  if (found !== undefined) {
    expect(parseKey(ta, found, rules)).toBeDefined()
    expect(parseKey(tb, found, rules)).toBeDefined()
  }
  return found
}

describe('templatesOverlap / overlapWitness', () => {
  const disjoint: [string, string][] = [
    ['USER#{a}', 'GAME#{b}'],
    ['USER#{a}', 'USER#{b}#X'],
    ['{a}', 'USER#{b}'],
    ['#METADATA#{g}', 'USER#{u}'],
    ['FOLDER#{f}', 'FOLDER#{f}#FILE#{x}'],
    ['N#{n:3}', 'N#abc'],
    ['N#{n:3}', 'N#{m:4}'],
    ['N#{n:3}', 'N#00'],
    ['N#{n:3}', 'N#0000'],
    ['USER', 'USERS'],
    ['{a}', '#'],
    ['{a}', 'A#'],
    ['A#{a}', 'A#'],
    ['{a}#{b}', '{c}'],
    ['{a}#{b}', '{c}#{d}#{e}'],
    ['{a}#X', '{b}#Y'],
    ['{a}X', '{b}Y'],
    ['{a}#{b}', 'A#B#C'],
    ['A#{a}x#{b}', '{c}#{d}'],
    ['{a}END', 'END'],
    ['S#{n:2}', 'S#{s}#'],
    ['{n:2}', '{m:3}'],
    ['{n:2}', 'ab'],
    ['{n:2}#{s}', '0#{t}'],
    // A 16-digit padded number is at most 9007199254740991: formatKey cannot write 9007199254740992.
    ['N#{n:16}', 'N#9007199254740992'],
    ['N#{n:17}', 'N#1{s}'],
  ]
  test.each(disjoint)('%s and %s do not overlap', (a, b) => {
    expect(witness(a, b)).toBeUndefined()
  })

  const overlapping: [string, string, string][] = [
    ['{a}', 'USER', 'USER'],
    ['{s}#{d}', 'ACTIVE#{d}', 'ACTIVE#0'],
    ['N#{n:3}', 'N#007', 'N#007'],
    ['N#{n:3}', 'N#{s}', 'N#000'],
    ['USER#{a}', 'USER#{b}', 'USER#0'],
    ['USER#{a}', '{x}#{y}', 'USER#0'],
    ['{a}X', '{b}', '0X'],
    ['{a}X', 'X{b}', 'XX'],
    ['A#{a}x#{b}', 'A#{c}#{d}', 'A#0x#0'],
    ['{a}END', '{b}D', '0END'],
    ['#METADATA', '#METADATA', '#METADATA'],
    ['N#{n:16}', 'N#9007199254740991', 'N#9007199254740991'],
    ['N#{n:17}', 'N#0{s}', 'N#000000000000000000'.slice(0, 19)],
    ['{n:2}', '{s}', '00'],
  ]
  test.each(overlapping)('%s and %s overlap, e.g. %s', (a, b, expected) => {
    expect(witness(a, b)).toBe(expected)
  })

  test('a bare string field matches any single-segment key', () => {
    expect(witness('{a}', 'USER')).toBe('USER')
    expect(witness('{a}', '{b}')).toBe('0')
    expect(witness('{a}', 'X{n:2}')).toBe('X00')
    expect(witness('{a}', '#')).toBeUndefined()
  })

  test('the same template always overlaps itself', () => {
    for (const source of ['USER#{a}', '{a}#{b}', 'N#{n:38}', '#METADATA', 'A#{a}x#{b}END']) {
      const template = t(source)
      expect(templatesOverlap(template, template, refuse)).toBe(true)
    }
  })

  test("the 'other' character stands for characters no template mentions", () => {
    // A value must differ from 'A' and '#' and digits somewhere: 'x' stands for them all.
    expect(witness('{a}', 'A{b}')).toBe('A0')
    expect(witness('{a}', 'Ax')).toBe('Ax')
    expect(witness('{a}', 'Ax{b}')).toBe('Ax0')
  })

  test('another delimiter', () => {
    const pipe: KeyRules = { delimiter: '|', keyValues: 'refuse' }
    expect(witness('USER|{a}', '{b}', pipe)).toBeUndefined()
    expect(witness('USER#{a}', '{b}', pipe)).toBe('USER#0')
    expect(witness('USER|{a}', '{b}|{c}', pipe)).toBe('USER|0')
  })

  describe('escape mode', () => {
    test('escaped values still never hold the delimiter', () => {
      expect(witness('USER#{a}', 'USER#{b}#X', escape)).toBeUndefined()
      expect(witness('{a}', 'USER#{b}', escape)).toBeUndefined()
    })

    test('a value can only hold % as part of an escape formatKey writes', () => {
      expect(witness('{a}', 'A%', escape)).toBeUndefined()
      expect(witness('{a}', 'A%2', escape)).toBeUndefined()
      expect(witness('{a}', 'A%41', escape)).toBeUndefined()
      expect(witness('{a}', 'A%23', escape)).toBe('A%23')
      expect(witness('{a}', 'A%25', escape)).toBe('A%25')
      expect(['X#%23', 'X#%25']).toContain(witness('X#{a}', 'X#%{b}', escape))
      // In refuse mode '%' is an ordinary character.
      expect(witness('{a}', 'A%', refuse)).toBe('A%')
    })
  })

  test('compileTemplateAutomaton is cached per template and rules', () => {
    const template = t('USER#{a}')
    expect(compileTemplateAutomaton(template, refuse)).toBe(compileTemplateAutomaton(template, { ...refuse }))
    expect(compileTemplateAutomaton(template, escape)).not.toBe(compileTemplateAutomaton(template, refuse))
    const automaton = compileTemplateAutomaton(template, refuse)
    expect(automaton.template).toBe(template)
    expect(automaton.accepting.filter(Boolean)).toHaveLength(1)
    expect(automaton.alphabet).toEqual(expect.arrayContaining(['U', 'S', 'E', 'R', '#', '0', '9']))
  })

  test('a delimiter of more than one character is refused', () => {
    expect(() => templatesOverlap(t('A##{a}', '##'), t('B##{b}', '##'), { delimiter: '##', keyValues: 'refuse' })).toThrow(
      "the key delimiter must be a single character, got '##'",
    )
  })

  test('fast enough for a table of 100 entities', () => {
    const templates = Array.from({ length: 100 }, (_, i) => t(`ENTITY${i}#{id}#SORT#{createdAt}#{n:10}`))
    templates.push(t('{a}#{b}#SORT#{c}#{d:10}'))
    const started = performance.now()
    let overlaps = 0
    for (let i = 0; i < templates.length; i++) {
      for (let j = i + 1; j < templates.length; j++) {
        if (templatesOverlap(templates[i] as KeyTemplate, templates[j] as KeyTemplate, refuse)) overlaps++
      }
    }
    expect(overlaps).toBe(100)
    expect(performance.now() - started).toBeLessThan(2000)
  })
})

// ---- cross-check against brute force ------------------------------------------------------

/** Small valid templates over the literal characters in `chars`, with string and padded fields. */
function smallTemplate(chars: string): fc.Arbitrary<KeyTemplate> {
  const literal = fc.string({ unit: fc.constantFrom(...chars), minLength: 1, maxLength: 2 })
  const field = fc.constantFrom<number | undefined>(undefined, undefined, 1, 2)
  const token = fc.oneof(literal.map((text) => ({ text })), field.map((pad) => ({ pad })))
  return fc
    .array(token, { minLength: 1, maxLength: 4 })
    .map((tokens) =>
      tokens.map((token, i) => ('text' in token ? token.text : `{f${i}${token.pad === undefined ? '' : `:${token.pad}`}}`)).join(''),
    )
    .filter((source) => {
      try {
        parseTemplate(source, '#')
        return true
      } catch {
        return false
      }
    })
    .map((source) => parseTemplate(source, '#'))
}

/** Every string over `alphabet` of length 1..maxLength, shortest first. */
function allStrings(alphabet: readonly string[], maxLength: number): string[] {
  const out: string[] = []
  let layer = ['']
  for (let length = 1; length <= maxLength; length++) {
    layer = layer.flatMap((prefix) => alphabet.map((ch) => prefix + ch))
    out.push(...layer)
  }
  return out
}

/** The shortest string both templates parse, by trying every string up to maxLength. */
function bruteForce(a: KeyTemplate, b: KeyTemplate, rules: KeyRules, strings: readonly string[]): string | undefined {
  return strings.find((s) => parseKey(a, s, rules) !== undefined && parseKey(b, s, rules) !== undefined)
}

function valuesFor(template: KeyTemplate, rules: KeyRules): fc.Arbitrary<Record<string, KeyScalar>> {
  const unit = fc.constantFrom('A', 'x', '0', '1', '%', ...(rules.keyValues === 'escape' ? ['#'] : []))
  const record: Record<string, fc.Arbitrary<KeyScalar>> = {}
  for (const part of template.parts) {
    if (part.kind !== 'field') continue
    record[part.name] =
      part.pad === undefined ? fc.string({ unit, minLength: 1, maxLength: 3 }) : fc.integer({ min: 0, max: 10 ** part.pad - 1 })
  }
  return fc.record(record)
}

// Digits other than those in escapes behave alike, and 'x' stands for every character the
// templates do not mention, so these alphabets reach every shortest shared key.
const cases = [
  { name: 'refuse', rules: refuse, chars: 'A#', alphabet: ['A', '#', '0', 'x'], maxLength: 7 },
  { name: 'escape', rules: escape, chars: 'A#%', alphabet: ['A', '#', '%', '0', '2', '3', '5', 'x'], maxLength: 5 },
] as const

describe.each(cases)('against brute force ($name mode)', ({ rules, chars, alphabet, maxLength }) => {
  const strings = allStrings(alphabet, maxLength)

  test('a witness parses with both templates and formats back to itself', () => {
    fc.assert(
      fc.property(smallTemplate(chars), smallTemplate(chars), (a, b) => {
        const found = overlapWitness(a, b, rules)
        expect(templatesOverlap(a, b, rules)).toBe(found !== undefined)
        if (found === undefined) return
        const va = parseKey(a, found, rules)
        const vb = parseKey(b, found, rules)
        expect(va).toBeDefined()
        expect(vb).toBeDefined()
        expect(formatKey(a, va as Record<string, KeyScalar>, rules)).toBe(found)
        expect(formatKey(b, vb as Record<string, KeyScalar>, rules)).toBe(found)
      }),
      { numRuns: 1000 },
    )
  })

  test('the witness is a shortest shared key: brute force finds one of the same length', () => {
    fc.assert(
      fc.property(smallTemplate(chars), smallTemplate(chars), (a, b) => {
        const found = overlapWitness(a, b, rules)
        const brute = bruteForce(a, b, rules, strings)
        if (brute !== undefined) expect(found?.length).toBe(brute.length)
        else if (found !== undefined) expect(found.length).toBeGreaterThan(maxLength)
      }),
      { numRuns: rules.keyValues === 'escape' ? 100 : 300 },
    )
  })

  test('templates that do not overlap never parse each other’s keys', () => {
    fc.assert(
      fc.property(
        smallTemplate(chars)
          .chain((a) => fc.tuple(fc.constant(a), smallTemplate(chars)))
          .filter(([a, b]) => !templatesOverlap(a, b, rules))
          .chain(([a, b]) => fc.tuple(fc.constant(a), fc.constant(b), valuesFor(a, rules), valuesFor(b, rules))),
        ([a, b, va, vb]) => {
          const keyA = formatKey(a, va, rules)
          const keyB = formatKey(b, vb, rules)
          expect(keyA).not.toBe(keyB)
          expect(parseKey(b, keyA, rules)).toBeUndefined()
          expect(parseKey(a, keyB, rules)).toBeUndefined()
        },
      ),
      { numRuns: 300 },
    )
  })
})
