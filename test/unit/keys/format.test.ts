import { describe, expect, test } from 'vitest'
import {
  formatKey,
  formatPartialKey,
  formatValue,
  KeyValueProblem,
  parseKey,
  parseTemplate,
  type KeyRules,
} from '../../../src/keys/index.js'

const refuse: KeyRules = { delimiter: '#', keyValues: 'refuse' }
const escape: KeyRules = { delimiter: '#', keyValues: 'escape' }
const t = (source: string, delimiter = '#') => parseTemplate(source, delimiter)

function problem(run: () => unknown): KeyValueProblem {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(KeyValueProblem)
    return error as KeyValueProblem
  }
  throw new Error('expected a KeyValueProblem')
}

describe('formatKey', () => {
  test('literal prefix and a string field', () => {
    expect(formatKey(t('USER#{username}'), { username: 'andrew' }, refuse)).toBe('USER#andrew')
  })

  test('several fields, padded numbers, trailing literal; extra values are ignored', () => {
    const template = t('GAME#{gameId}#SCORE#{score:6}#END')
    expect(formatKey(template, { gameId: 'g1', score: 4200, other: 'x' }, refuse)).toBe('GAME#g1#SCORE#004200#END')
  })

  test('a template without fields is its literal', () => {
    expect(formatKey(t('#METADATA'), {}, refuse)).toBe('#METADATA')
  })

  test('a bare field', () => {
    expect(formatKey(t('{createdAt}'), { createdAt: '2024-01-02T03:04:05.000Z' }, refuse)).toBe('2024-01-02T03:04:05.000Z')
  })

  test('padding: 0, exact width, MAX_SAFE_INTEGER in a wide field', () => {
    expect(formatKey(t('N#{n:3}'), { n: 0 }, refuse)).toBe('N#000')
    expect(formatKey(t('N#{n:3}'), { n: 999 }, refuse)).toBe('N#999')
    expect(formatKey(t('N#{n:20}'), { n: Number.MAX_SAFE_INTEGER }, refuse)).toBe('N#00009007199254740991')
  })

  test('values keep %, spaces and unicode as they are in refuse mode', () => {
    expect(formatKey(t('U#{u}'), { u: '50% off 日本 😀' }, refuse)).toBe('U#50% off 日本 😀')
  })

  test('another delimiter', () => {
    const rules: KeyRules = { delimiter: '|', keyValues: 'refuse' }
    expect(formatKey(t('A|{a}|{b}', '|'), { a: 'x#y', b: 'z' }, rules)).toBe('A|x#y|z')
    expect(problem(() => formatKey(t('A|{a}', '|'), { a: 'x|y' }, rules)).reason).toBe(
      "must not contain the delimiter '|' (or set keyValues: 'escape' on the table)",
    )
  })
})

describe('KeyValueProblem', () => {
  const cases: [string, string, unknown, string][] = [
    ['U#{u}', 'u', '', 'must not be empty'],
    ['U#{u}', 'u', 'a#b', "must not contain the delimiter '#' (or set keyValues: 'escape' on the table)"],
    ['U#{u}', 'u', '#', "must not contain the delimiter '#' (or set keyValues: 'escape' on the table)"],
    ['U#{u}', 'u', 7, 'is a number: declare its width in the template, e.g. {u:10}'],
    ['N#{n:3}', 'n', '007', 'is declared as a padded number ({n:3}) but is a string'],
    ['N#{n:3}', 'n', -1, 'must be a non-negative integer to keep numeric order in a key'],
    ['N#{n:3}', 'n', 1.5, 'must be a non-negative integer to keep numeric order in a key'],
    ['N#{n:3}', 'n', Number.NaN, 'must be a non-negative integer to keep numeric order in a key'],
    ['N#{n:3}', 'n', Number.POSITIVE_INFINITY, 'must be a non-negative integer to keep numeric order in a key'],
    ['N#{n:20}', 'n', Number.MAX_SAFE_INTEGER + 1, 'must be a non-negative integer to keep numeric order in a key'],
    ['N#{n:3}', 'n', 1000, 'has more than 3 digits'],
    ['U#{u}', 'u', undefined, 'is required'],
    ['U#{u}', 'u', null, 'is required'],
    ['U#{u}', 'u', new Date(0), 'is a Date: store it through a codec (e.g. isoDate()) so the key holds an ISO string'],
    ['U#{u}', 'u', true, 'must be a string or a number'],
    ['U#{u}', 'u', 10n, 'must be a string or a number'],
    ['U#{u}', 'u', { a: 1 }, 'must be a string or a number'],
  ]
  test.each(cases)('%s with %s = %o', (source, field, value, reason) => {
    const p = problem(() => formatKey(t(source), { [field]: value }, refuse))
    expect(p.field).toBe(field)
    expect(p.value).toBe(value)
    expect(p.reason).toBe(reason)
    expect(p.message).toBe(reason)
  })

  test('names the failing field of several', () => {
    const p = problem(() => formatKey(t('A#{a}#B#{b}'), { a: 'ok', b: '' }, refuse))
    expect(p.field).toBe('b')
  })

  test('escape mode still refuses empty values', () => {
    expect(problem(() => formatKey(t('U#{u}'), { u: '' }, escape)).reason).toBe('must not be empty')
  })

  test('formatValue on its own', () => {
    expect(formatValue({ kind: 'field', name: 'n', pad: 4 }, 42, refuse)).toBe('0042')
    expect(formatValue({ kind: 'field', name: 's', pad: undefined }, 'a%b', refuse)).toBe('a%b')
    expect(formatValue({ kind: 'field', name: 's', pad: undefined }, 'a%b#c', escape)).toBe('a%25b%23c')
  })
})

describe('parseKey', () => {
  test('values back from a key', () => {
    expect(parseKey(t('USER#{username}'), 'USER#andrew', refuse)).toEqual({ username: 'andrew' })
    expect(parseKey(t('GAME#{gameId}#SCORE#{score:6}#END'), 'GAME#g1#SCORE#004200#END', refuse)).toEqual({
      gameId: 'g1',
      score: 4200,
    })
    expect(parseKey(t('{status}#{createdAt}'), 'ACTIVE#2024', refuse)).toEqual({ status: 'ACTIVE', createdAt: '2024' })
    expect(parseKey(t('#METADATA'), '#METADATA', refuse)).toEqual({})
    expect(parseKey(t('{a}END'), 'xENDEND', refuse)).toEqual({ a: 'xEND' })
    expect(parseKey(t('A#{a}x#{b}'), 'A#vxx#w', refuse)).toEqual({ a: 'vx', b: 'w' })
  })

  test('keys that do not match', () => {
    const user = t('USER#{username}')
    expect(parseKey(user, 'USER#', refuse)).toBeUndefined()
    expect(parseKey(user, 'USER', refuse)).toBeUndefined()
    expect(parseKey(user, 'GAME#x', refuse)).toBeUndefined()
    expect(parseKey(user, 'USER#a#b', refuse)).toBeUndefined()
    expect(parseKey(t('#METADATA'), '#METADATAX', refuse)).toBeUndefined()
    expect(parseKey(t('{a}#{b}'), '#b', refuse)).toBeUndefined()
    expect(parseKey(t('{a}#{b}'), 'a#', refuse)).toBeUndefined()
    expect(parseKey(t('{a}#{b}'), 'a#b#c', refuse)).toBeUndefined()
    expect(parseKey(t('{a}END'), 'END', refuse)).toBeUndefined()
    expect(parseKey(t('{a}END'), 'x#END', refuse)).toBeUndefined()
    expect(parseKey(t('A#{a}x#{b}'), 'A#v#w', refuse)).toBeUndefined()
    expect(parseKey(t('FOLDER#{f}#FILE#{x}'), 'FOLDER#a#FILX#b', refuse)).toBeUndefined()
  })

  test('padded numbers must have exactly the width, digits only, and be safe integers', () => {
    const n = t('N#{n:3}')
    expect(parseKey(n, 'N#007', refuse)).toEqual({ n: 7 })
    expect(parseKey(n, 'N#07', refuse)).toBeUndefined()
    expect(parseKey(n, 'N#0007', refuse)).toBeUndefined()
    expect(parseKey(n, 'N#abc', refuse)).toBeUndefined()
    expect(parseKey(n, 'N#-07', refuse)).toBeUndefined()
    expect(parseKey(n, 'N#1.5', refuse)).toBeUndefined()
    expect(parseKey(n, 'N#٠١٢', refuse)).toBeUndefined()
    const wide = t('N#{n:20}')
    expect(parseKey(wide, 'N#00009007199254740991', refuse)).toEqual({ n: Number.MAX_SAFE_INTEGER })
    // 2^53 is no safe integer: formatKey can never write it, so it does not parse.
    expect(parseKey(wide, 'N#00009007199254740992', refuse)).toBeUndefined()
  })
})

describe('escape mode', () => {
  const user = t('USER#{u}#X')

  test('% and the delimiter are escaped as %XX and come back', () => {
    expect(formatKey(user, { u: 'a#b%c' }, escape)).toBe('USER#a%23b%25c#X')
    expect(parseKey(user, 'USER#a%23b%25c#X', escape)).toEqual({ u: 'a#b%c' })
    expect(formatKey(user, { u: '#' }, escape)).toBe('USER#%23#X')
    expect(formatKey(user, { u: '%23' }, escape)).toBe('USER#%2523#X')
    expect(parseKey(user, 'USER#%2523#X', escape)).toEqual({ u: '%23' })
    expect(formatKey(user, { u: 'plain' }, escape)).toBe('USER#plain#X')
  })

  test('round trip of awkward values', () => {
    for (const u of ['#', '%', '%%', '##', '%#%', 'a%2', '%25', '%23', '日本#😀%', ' # ']) {
      const key = formatKey(user, { u }, escape)
      expect(key.slice(5, -2)).not.toContain('#')
      expect(parseKey(user, key, escape)).toEqual({ u })
    }
  })

  test('only the escapes formatKey writes parse', () => {
    expect(parseKey(user, 'USER#%#X', escape)).toBeUndefined()
    expect(parseKey(user, 'USER#%2#X', escape)).toBeUndefined()
    expect(parseKey(user, 'USER#%zz#X', escape)).toBeUndefined()
    expect(parseKey(user, 'USER#%2a#X', escape)).toBeUndefined()
    // '%41' would be 'A', but formatKey writes 'A' as it is: a key it never writes.
    expect(parseKey(user, 'USER#%41#X', escape)).toBeUndefined()
  })

  test('in refuse mode % is an ordinary character', () => {
    expect(parseKey(user, 'USER#%zz#X', refuse)).toEqual({ u: '%zz' })
    expect(parseKey(user, 'USER#%23#X', refuse)).toEqual({ u: '%23' })
  })

  test('a delimiter above U+00FF is escaped without ambiguity', () => {
    const rules: KeyRules = { delimiter: '│', keyValues: 'escape' } // U+2502
    const template = t('A│{a}│{b}', '│')
    expect(formatKey(template, { a: '│', b: '%02' }, rules)).toBe('A│%u2502│%2502')
    expect(parseKey(template, 'A│%u2502│%2502', rules)).toEqual({ a: '│', b: '%02' })
  })
})

describe('formatPartialKey', () => {
  const template = t('USER#{username}#GAME#{gameId}#{n:3}')

  test('no values: the literal prefix', () => {
    expect(formatPartialKey(template, {}, refuse)).toEqual({ key: 'USER#', complete: false, given: 0 })
  })

  test('each complete field ends with the literal after it', () => {
    expect(formatPartialKey(template, { username: 'a' }, refuse)).toEqual({ key: 'USER#a#GAME#', complete: false, given: 1 })
    expect(formatPartialKey(template, { username: 'a', gameId: 'g' }, refuse)).toEqual({
      key: 'USER#a#GAME#g#',
      complete: false,
      given: 2,
    })
    expect(formatPartialKey(template, { username: 'a', gameId: 'g', n: 5 }, refuse)).toEqual({
      key: 'USER#a#GAME#g#005',
      complete: true,
      given: 3,
    })
  })

  test("{ username: 'a' } never matches USER#ab", () => {
    const user = t('USER#{username}#X#{x}')
    const { key } = formatPartialKey(user, { username: 'a' }, refuse)
    expect(key).toBe('USER#a#X#')
    expect(formatKey(user, { username: 'ab', x: 'y' }, refuse).startsWith(key)).toBe(false)
    expect(formatKey(user, { username: 'a', x: 'y' }, refuse).startsWith(key)).toBe(true)
    // With every field given the key is the whole key, trailing literal included.
    expect(formatPartialKey(t('USER#{username}#X'), { username: 'a' }, refuse)).toEqual({
      key: 'USER#a#X',
      complete: true,
      given: 1,
    })
  })

  test('a template ending in a field: all values give the full key', () => {
    expect(formatPartialKey(t('USER#{username}'), { username: 'a' }, refuse)).toEqual({ key: 'USER#a', complete: true, given: 1 })
  })

  test('a later field without an earlier one is refused', () => {
    const p = problem(() => formatPartialKey(template, { gameId: 'g' }, refuse))
    expect(p.field).toBe('gameId')
    expect(p.value).toBe('g')
    expect(p.reason).toBe('is given without "username" before it: only leading fields narrow a key')
    const q = problem(() => formatPartialKey(template, { username: 'a', n: 1 }, refuse))
    expect(q.field).toBe('n')
    expect(q.reason).toBe('is given without "gameId" before it: only leading fields narrow a key')
  })

  test('values are checked as in formatKey', () => {
    expect(problem(() => formatPartialKey(template, { username: 'a#b' }, refuse)).field).toBe('username')
    expect(problem(() => formatPartialKey(template, { username: '' }, refuse)).reason).toBe('must not be empty')
    expect(formatPartialKey(template, { username: 'a#b' }, escape).key).toBe('USER#a%23b#GAME#')
  })

  test('lastIsPrefix leaves the last value open', () => {
    expect(formatPartialKey(template, { username: 'a' }, refuse, true)).toEqual({ key: 'USER#a', complete: false, given: 1 })
    expect(formatPartialKey(template, { username: 'a', gameId: 'g' }, refuse, true)).toEqual({
      key: 'USER#a#GAME#g',
      complete: false,
      given: 2,
    })
    const { key } = formatPartialKey(template, { username: 'a' }, refuse, true)
    expect(formatKey(template, { username: 'ab', gameId: 'g', n: 1 }, refuse).startsWith(key)).toBe(true)
    // Every field given, the last one still open: a prefix, so not complete.
    expect(formatPartialKey(t('USER#{username}#X'), { username: 'a' }, refuse, true)).toEqual({
      key: 'USER#a',
      complete: false,
      given: 1,
    })
  })

  test('lastIsPrefix: an empty last value is no constraint; the delimiter is still refused', () => {
    expect(formatPartialKey(template, { username: '' }, refuse, true)).toEqual({ key: 'USER#', complete: false, given: 1 })
    expect(formatPartialKey(template, { username: 'a', gameId: '' }, refuse, true)).toEqual({
      key: 'USER#a#GAME#',
      complete: false,
      given: 2,
    })
    expect(problem(() => formatPartialKey(template, { username: 'a#' }, refuse, true)).field).toBe('username')
    expect(formatPartialKey(template, { username: 'a%' }, escape, true).key).toBe('USER#a%25')
  })

  test('lastIsPrefix with a number: the padded number, without the literal after it', () => {
    const scores = t('S#{n:3}#{id}')
    expect(formatPartialKey(scores, { n: 7 }, refuse, true)).toEqual({ key: 'S#007', complete: false, given: 1 })
    expect(formatPartialKey(scores, { n: 7 }, refuse)).toEqual({ key: 'S#007#', complete: false, given: 1 })
  })
})
