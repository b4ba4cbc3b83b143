import { describe, expect, test } from 'vitest'
import { isBareField, parseTemplate, TemplateSyntaxError, type KeyTemplate } from '../../../src/keys/index.js'

const parse = (source: string, delimiter = '#'): KeyTemplate => parseTemplate(source, delimiter)

describe('parseTemplate', () => {
  test('a literal prefix and one field', () => {
    expect(parse('USER#{username}')).toEqual({
      source: 'USER#{username}',
      parts: [
        { kind: 'literal', text: 'USER#' },
        { kind: 'field', name: 'username', pad: undefined },
      ],
      fields: ['username'],
      prefix: 'USER#',
    })
  })

  test('a literal only: the prefix is the whole key', () => {
    expect(parse('#METADATA')).toEqual({
      source: '#METADATA',
      parts: [{ kind: 'literal', text: '#METADATA' }],
      fields: [],
      prefix: '#METADATA',
    })
  })

  test('a template that starts with a field has an empty prefix', () => {
    const t = parse('{status}#{createdAt}')
    expect(t.parts).toEqual([
      { kind: 'field', name: 'status', pad: undefined },
      { kind: 'literal', text: '#' },
      { kind: 'field', name: 'createdAt', pad: undefined },
    ])
    expect(t.fields).toEqual(['status', 'createdAt'])
    expect(t.prefix).toBe('')
  })

  test('pad widths', () => {
    const t = parse('SCORE#{score:6}#{id}#V{version:1}#{big:38}')
    expect(t.parts.filter((p) => p.kind === 'field')).toEqual([
      { kind: 'field', name: 'score', pad: 6 },
      { kind: 'field', name: 'id', pad: undefined },
      { kind: 'field', name: 'version', pad: 1 },
      { kind: 'field', name: 'big', pad: 38 },
    ])
    expect(t.prefix).toBe('SCORE#')
  })

  test('leading zeros in a pad width are read as a number', () => {
    expect(parse('N#{n:06}').parts[1]).toEqual({ kind: 'field', name: 'n', pad: 6 })
  })

  test('literals around and between fields, with a trailing literal', () => {
    const t = parse('A#{a}x#{b}#END')
    expect(t.parts).toEqual([
      { kind: 'literal', text: 'A#' },
      { kind: 'field', name: 'a', pad: undefined },
      { kind: 'literal', text: 'x#' },
      { kind: 'field', name: 'b', pad: undefined },
      { kind: 'literal', text: '#END' },
    ])
    expect(t.fields).toEqual(['a', 'b'])
  })

  test('a literal after the last field need not hold the delimiter', () => {
    expect(parse('{a}END').parts).toEqual([
      { kind: 'field', name: 'a', pad: undefined },
      { kind: 'literal', text: 'END' },
    ])
  })

  test('field names may use _, $, digits after the first character and -', () => {
    expect(parse('{_a}#{$b}#{c1}#{d-e}').fields).toEqual(['_a', '$b', 'c1', 'd-e'])
  })

  test('the delimiter is the one given', () => {
    expect(parse('A|{a}|{b}', '|').fields).toEqual(['a', 'b'])
    expect(() => parse('A|{a}|{b}', '#')).toThrow(TemplateSyntaxError)
  })

  test('isBareField', () => {
    expect(isBareField(parse('{created_at}'))).toBe(true)
    expect(isBareField(parse('{n:4}'))).toBe(true)
    expect(isBareField(parse('X{created_at}'))).toBe(false)
    expect(isBareField(parse('{a}#{b}'))).toBe(false)
    expect(isBareField(parse('X'))).toBe(false)
  })
})

describe('parseTemplate syntax errors', () => {
  const errors: [string, string | RegExp][] = [
    ['', 'key template must be a non-empty string'],
    ['{a}{b}', `'{a}{b}': fields "a" and "b" need a literal between them`],
    ['X#{a}{b:3}', `'X#{a}{b:3}': fields "a" and "b" need a literal between them`],
    ['{a}-{b}', `'{a}-{b}': the literal '-' between two fields must contain the delimiter '#'`],
    ['A#{a}xy{b}#', `'A#{a}xy{b}#': the literal 'xy' between two fields must contain the delimiter '#'`],
    ['{a}#{a}', `'{a}#{a}': field "a" appears twice`],
    ['{a}#{a:3}', `'{a}#{a:3}': field "a" appears twice`],
    ['A#{}', `'A#{}': '{}' is not a field name`],
    ['A#{1a}', `'A#{1a}': '{1a}' is not a field name`],
    ['A#{a b}', `'A#{a b}': '{a b}' is not a field name`],
    ['A#{a.b}', `'A#{a.b}': '{a.b}' is not a field name`],
    ['A#{a:}', `'A#{a:}': '{a:}' is not a field name`],
    ['A#{a:x}', `'A#{a:x}': '{a:x}' is not a field name`],
    ['A#{a:-1}', `'A#{a:-1}': '{a:-1}' is not a field name`],
    ['A#{a:0}', `'A#{a:0}': pad width of "a" must be between 1 and 38`],
    ['A#{a:39}', `'A#{a:39}': pad width of "a" must be between 1 and 38`],
    ['A#{a', `'A#{a': unbalanced '{' or '}'`],
    ['A#a}', `'A#a}': unbalanced '{' or '}'`],
    ['A#{a}}', `'A#{a}}': unbalanced '{' or '}'`],
    ['A#{{a}', `'A#{{a}': unbalanced '{' or '}'`],
    ['}{a}', `'}{a}': unbalanced '{' or '}'`],
    ['{a}#{', `'{a}#{': unbalanced '{' or '}'`],
  ]
  test.each(errors)('%j', (source, message) => {
    let error: unknown
    try {
      parse(source)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(TemplateSyntaxError)
    expect((error as Error).message).toBe(message)
  })

  test('a template that is not a string', () => {
    expect(() => parseTemplate(undefined as unknown as string, '#')).toThrow(
      new TemplateSyntaxError('key template must be a non-empty string'),
    )
  })
})
