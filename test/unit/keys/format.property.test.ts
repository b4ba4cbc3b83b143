import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  formatKey,
  formatPartialKey,
  parseKey,
  parseTemplate,
  type KeyRules,
  type KeyScalar,
  type KeyTemplate,
} from '../../../src/keys/index.js'

const refuse: KeyRules = { delimiter: '#', keyValues: 'refuse' }
const escape: KeyRules = { delimiter: '#', keyValues: 'escape' }
const RUNS = 300

const TEMPLATES = [
  'USER#{a}',
  '{a}',
  '{a}#{b}',
  'A#{a}x#{n:4}#{b}END',
  '{a}END',
  'S#{n:1}#{m:16}#{b}#',
  'FOLDER#{folderId}',
  'FOLDER#{folderId}#FILE#{fileId}',
  '#META#{a}#{b}#{c:20}',
].map((source) => parseTemplate(source, '#'))

// Units values are built from: awkward ASCII, '%' and escape look-alikes, unicode, any grapheme.
const unit = (withDelimiter: boolean) =>
  fc.oneof(
    fc.constantFrom('a', 'b', 'A', '0', '1', ' ', '%', '%2', '%23', '%25', '-', '_', 'END', 'é', '日本', '😀', '\u0000'),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
    ...(withDelimiter ? [fc.constantFrom('#', '##', '#%')] : []),
  )

function stringValue(rules: KeyRules): fc.Arbitrary<string> {
  const text = fc.string({ unit: unit(rules.keyValues === 'escape'), minLength: 1, maxLength: 6 })
  return rules.keyValues === 'escape' ? text : text.filter((s) => !s.includes(rules.delimiter))
}

function paddedValue(pad: number): fc.Arbitrary<number> {
  const max = Math.min(10 ** pad - 1, Number.MAX_SAFE_INTEGER)
  return fc.oneof(fc.integer({ min: 0, max }), fc.constantFrom(0, max))
}

/** Values for every field of a template. */
function valuesFor(template: KeyTemplate, rules: KeyRules): fc.Arbitrary<Record<string, KeyScalar>> {
  const record: Record<string, fc.Arbitrary<KeyScalar>> = {}
  for (const part of template.parts) {
    if (part.kind === 'field') record[part.name] = part.pad === undefined ? stringValue(rules) : paddedValue(part.pad)
  }
  return fc.record(record)
}

/** Two value tuples for one template, equal in a random subset of fields. */
function twoTuples(template: KeyTemplate, rules: KeyRules) {
  return fc
    .tuple(valuesFor(template, rules), valuesFor(template, rules), fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }))
    .map(([v, w, same]) => {
      const mixed: Record<string, KeyScalar> = {}
      template.fields.forEach((field, i) => {
        mixed[field] = (same[i] ? v[field] : w[field]) as KeyScalar
      })
      return [v, mixed] as const
    })
}

const sameValues = (fields: readonly string[], v: Record<string, KeyScalar>, w: Record<string, KeyScalar>): boolean =>
  fields.every((field) => v[field] === w[field])

describe.each([
  ['refuse', refuse],
  ['escape', escape],
] as const)('%s mode', (_, rules) => {
  test('format then parse gives back the same values', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TEMPLATES).chain((template) => fc.tuple(fc.constant(template), valuesFor(template, rules))),
        ([template, values]) => {
          const key = formatKey(template, values, rules)
          expect(parseKey(template, key, rules)).toEqual(values)
        },
      ),
      { numRuns: RUNS },
    )
  })

  test('two different tuples never give the same key', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TEMPLATES).chain((template) => fc.tuple(fc.constant(template), twoTuples(template, rules))),
        ([template, [v, w]]) => {
          const equal = sameValues(template.fields, v, w)
          expect(formatKey(template, v, rules) === formatKey(template, w, rules)).toBe(equal)
        },
      ),
      { numRuns: RUNS },
    )
  })

  test('templates sharing a prefix never produce or parse each other’s keys', () => {
    const folder = parseTemplate('FOLDER#{folderId}', '#')
    const file = parseTemplate('FOLDER#{folderId}#FILE#{fileId}', '#')
    fc.assert(
      fc.property(valuesFor(folder, rules), valuesFor(file, rules), (f, g) => {
        const folderKey = formatKey(folder, f, rules)
        const fileKey = formatKey(file, g, rules)
        expect(folderKey).not.toBe(fileKey)
        expect(parseKey(file, folderKey, rules)).toBeUndefined()
        expect(parseKey(folder, fileKey, rules)).toBeUndefined()
        // The folder key is a prefix of a file key exactly when the folder ids are equal,
        // so begins_with on the folder's partial key finds exactly its files.
        const partial = formatPartialKey(file, { folderId: f.folderId }, rules).key
        expect(partial).toBe(`${folderKey}#FILE#`)
        expect(fileKey.startsWith(partial)).toBe(f.folderId === g.folderId)
      }),
      { numRuns: RUNS },
    )
  })

  test('a partial key is a prefix of a full key exactly when the leading values are equal', () => {
    const multi = TEMPLATES.filter((template) => template.fields.length >= 2)
    fc.assert(
      fc.property(
        fc
          .constantFrom(...multi)
          .chain((template) =>
            fc.tuple(fc.constant(template), twoTuples(template, rules), fc.integer({ min: 0, max: template.fields.length - 1 })),
          ),
        ([template, [v, w], given]) => {
          const leading = template.fields.slice(0, given)
          const partial = formatPartialKey(template, Object.fromEntries(leading.map((f) => [f, v[f]])), rules)
          expect(partial.given).toBe(given)
          expect(partial.complete).toBe(false)
          expect(formatKey(template, v, rules).startsWith(partial.key)).toBe(true)
          expect(formatKey(template, w, rules).startsWith(partial.key)).toBe(sameValues(leading, v, w))
        },
      ),
      { numRuns: RUNS },
    )
  })

  test('lastIsPrefix: the key through a string is a prefix of every key whose value starts with it', () => {
    const template = parseTemplate('U#{a}#{b}', '#')
    fc.assert(
      fc.property(stringValue(rules), stringValue(rules), stringValue(rules), (a, rest, b) => {
        const open = formatPartialKey(template, { a }, rules, true).key
        expect(formatKey(template, { a: a + rest, b }, rules).startsWith(open)).toBe(true)
        expect(formatKey(template, { a, b }, rules).startsWith(open)).toBe(true)
      }),
      { numRuns: RUNS },
    )
  })
})

test('refuse mode: a value with the delimiter never formats', () => {
  fc.assert(
    fc.property(stringValue(escape), (value) => {
      const template = parseTemplate('U#{a}', '#')
      if (value.includes('#')) expect(() => formatKey(template, { a: value }, refuse)).toThrow()
      else expect(formatKey(template, { a: value }, refuse)).toBe(`U#${value}`)
    }),
    { numRuns: RUNS },
  )
})
