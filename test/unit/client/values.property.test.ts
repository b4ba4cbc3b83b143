// The value rules the executor checks before sending, for all inputs: strings are refused
// exactly when they are not well-formed UTF-16, numbers exactly when DynamoDB (or the SDK)
// could not store them as given, nesting exactly past 32 levels (never a RangeError), and an
// undefined map value is dropped while the rest of the value is kept as it was.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cleanAttributes, isWellFormedText, measureAttributes, MAX_NESTING } from '../../../src/client/limits.js'
import { formatKey, parseTemplate, type KeyRules } from '../../../src/keys/index.js'
import { LimitError, ValidationError } from '../../../src/errors.js'

const owner = () => ({ entity: 'Doc', operation: 'put' })
const RUNS = 500

/** Any UTF-16 code units, lone surrogates included, with surrogates made common. */
const codeUnit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D', '\uDE00', 'a', '#'),
)
const anyText = fc.string({ unit: codeUnit, maxLength: 12 })
/** Up to keys' length: long strings are counted on a different path from short ones. */
const longText = fc.string({ unit: codeUnit, minLength: 13, maxLength: 60 })

/** Reference: a string is well-formed when UTF-8 round-trips it unchanged. */
const roundTrips = (text: string) => Buffer.from(text, 'utf8').toString('utf8') === text

function outcome(run: () => unknown): unknown {
  try {
    run()
    return undefined
  } catch (error) {
    return error
  }
}

describe('value rules', () => {
  it('a string is refused (ValidationError naming the field) exactly when it is not well-formed UTF-16', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, longText), fc.constantFrom('top', 'nested', 'list', 'key'), (text, where) => {
        const value = where === 'top' ? { title: text } : where === 'nested' ? { title: { a: { b: text } } } : where === 'list' ? { title: ['x', text] } : { title: { [`k${text}`]: 1 } }
        const error = outcome(() => measureAttributes(value, owner))
        expect(isWellFormedText(text)).toBe(roundTrips(text))
        if (roundTrips(text)) {
          expect(error).toBeUndefined()
          return
        }
        expect(error).toBeInstanceOf(ValidationError)
        expect((error as ValidationError).issues[0]?.code).toBe('lone-surrogate')
        expect((error as ValidationError).issues[0]?.path[0]).toBe('title')
      }),
      { numRuns: RUNS },
    )
  })

  it('a key value is refused exactly when it is empty, holds the delimiter or is not well-formed; accepted ones survive UTF-8', () => {
    const rules: KeyRules = { delimiter: '#', keyValues: 'refuse' }
    const template = parseTemplate('DOC#{id}', '#')
    fc.assert(
      fc.property(anyText, (text) => {
        const error = outcome(() => formatKey(template, { id: text }, rules))
        const bad = text === '' || text.includes('#') || !roundTrips(text)
        expect(error !== undefined).toBe(bad)
        if (!bad) expect(roundTrips(formatKey(template, { id: text }, rules))).toBe(true)
      }),
      { numRuns: RUNS },
    )
  })

  it('two different accepted key values never become one stored key (no lone-surrogate collisions)', () => {
    const rules: KeyRules = { delimiter: '#', keyValues: 'escape' }
    const template = parseTemplate('DOC#{id}', '#')
    const stored = (text: string) => Buffer.from(formatKey(template, { id: text }, rules), 'utf8').toString('hex')
    fc.assert(
      fc.property(anyText, anyText, (a, b) => {
        const ka = outcome(() => stored(a)) === undefined ? stored(a) : undefined
        const kb = outcome(() => stored(b)) === undefined ? stored(b) : undefined
        if (ka !== undefined && kb !== undefined && a !== b) expect(ka).not.toBe(kb)
      }),
      { numRuns: RUNS },
    )
  })

  it('a number is refused exactly when it is not finite, beyond 2^53, or below 1E-130', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer(), fc.constantFrom(2 ** 53, 2 ** 53 - 1, -(2 ** 53), 1e-131, 1e-130, 0, -0)), (n) => {
        const error = outcome(() => measureAttributes({ n: [n] }, owner))
        const magnitude = Math.abs(n)
        const bad = !Number.isFinite(n) || magnitude > Number.MAX_SAFE_INTEGER || (magnitude !== 0 && magnitude < 1e-130)
        expect(error !== undefined).toBe(bad)
        if (bad) expect(error).toBeInstanceOf(ValidationError)
      }),
      { numRuns: RUNS },
    )
  })

  it("a string's size is its UTF-8 byte count, a number's is counted from its digits, integer or not", () => {
    const digitsSize = (n: number) => Math.ceil(String(n).replace(/^-|\.|e.*$/gi, '').length / 2) + 1
    const safe = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true, min: -(2 ** 53 - 1), max: 2 ** 53 - 1 }), fc.maxSafeInteger(), fc.integer(), fc.constantFrom(0, -0, 9, 10, 99, 100, 2 ** 53 - 1, 1e15))
    fc.assert(
      fc.property(fc.oneof(anyText, longText), safe, (text, n) => {
        fc.pre(roundTrips(text) && (n === 0 || Math.abs(n) >= 1e-130))
        // Each attribute adds its name's length (1 byte each here).
        expect(measureAttributes({ s: text }, owner).size).toBe(1 + Buffer.byteLength(text, 'utf8'))
        expect(measureAttributes({ n }, owner).size).toBe(1 + digitsSize(n))
      }),
      { numRuns: RUNS },
    )
  })

  it('nesting is refused exactly past 32 levels, at any depth without a RangeError', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6000 }), fc.boolean(), (wraps, lists) => {
        let value: unknown = 'leaf'
        for (let i = 0; i < wraps; i++) value = lists ? [value] : { n: value }
        const error = outcome(() => measureAttributes({ data: value }, owner))
        // `data` is level 1; each wrap inside it is one more level, and the leaf is one below the last.
        const levels = wraps + 1
        if (levels <= MAX_NESTING) expect(error).toBeUndefined()
        else expect(error).toBeInstanceOf(LimitError)
      }),
      { numRuns: 200 },
    )
  })

  it('undefined map values are dropped at any depth; everything else is kept as it was', () => {
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined))
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('map'), tie('list')),
      map: fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }), tie('node'), { maxKeys: 4 }),
      list: fc.array(tie('node').filter((v) => v !== undefined), { maxLength: 4 }),
    }))
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }), tree.node, { maxKeys: 4 }), (item) => {
        const measured = measureAttributes(item, owner)
        const cleaned = cleanAttributes(item)
        // JSON drops undefined map values and keeps everything else of these values.
        expect(cleaned).toStrictEqual(JSON.parse(JSON.stringify(item)))
        expect(measureAttributes(cleaned, owner).unclean).toBe(false)
        expect(measureAttributes(cleaned, owner).size).toBe(measured.size)
      }),
      { numRuns: RUNS },
    )
  })

  it('an empty Set is refused; a Set of well-formed strings is not', () => {
    expect(outcome(() => measureAttributes({ tags: new Set() }, owner))).toBeInstanceOf(ValidationError)
    fc.assert(
      fc.property(fc.uniqueArray(anyText, { minLength: 1, maxLength: 5 }), (texts) => {
        const error = outcome(() => measureAttributes({ tags: new Set(texts) }, owner))
        expect(error === undefined).toBe(texts.every(roundTrips))
      }),
      { numRuns: RUNS },
    )
  })
})
