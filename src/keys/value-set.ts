// What a key field's values can be, for the overlap check: any string (the default), one of a
// few strings (an enum or literal), or strings over a set of characters (an ISO date, a UUID, a
// string checked by a regex). Over-approximations are sound: a set may hold values the schema
// refuses, never miss one it accepts. Numbers in keys are padded digits already.

export type ValueSet =
  | { readonly kind: 'any' }
  | { readonly kind: 'oneOf'; readonly values: readonly string[] }
  | { readonly kind: 'chars'; readonly chars: ReadonlySet<string> }

export const ANY_VALUE: ValueSet = { kind: 'any' }

/** Value sets of a template's fields by name; a field not listed is any string. */
export type FieldValueSets = ReadonlyMap<string, ValueSet>

/** A stable text for a field's value set (cache keys). */
export function valueSetId(set: ValueSet | undefined): string {
  if (!set || set.kind === 'any') return '*'
  if (set.kind === 'oneOf') return 'o' + JSON.stringify([...set.values].sort())
  return 'c' + JSON.stringify([...set.chars].sort().join(''))
}

/**
 * The characters a regular expression can match anywhere, or undefined when that is not a small
 * known set (`.`, a negated class, `\S`, ...). Reads the pattern's atoms only; quantifiers,
 * groups and anchors do not add characters.
 */
export function regexCharacters(pattern: RegExp): Set<string> | undefined {
  const source = pattern.source
  const out = new Set<string>()
  const add = (ch: string) => {
    out.add(ch)
    if (pattern.flags.includes('i')) out.add(ch.toLowerCase()).add(ch.toUpperCase())
  }
  const escape = (i: number, into: (ch: string) => void): number | undefined => {
    const next = source[i + 1]
    if (next === undefined) return undefined
    if (next === 'd') for (const d of '0123456789') into(d)
    else if (next === 'w') for (const ch of WORD) into(ch)
    else if (next === 'b' || next === 'B') return i + 2
    else if (/[DWSsckpPu0-9]/.test(next)) return next === 'u' ? unicodeEscape(i, into) : undefined
    else if (next === 'x') {
      const hex = source.slice(i + 2, i + 4)
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return undefined
      into(String.fromCharCode(parseInt(hex, 16)))
      return i + 4
    } else into(({ n: '\n', r: '\r', t: '\t', f: '\f', v: '\v' } as Record<string, string>)[next] ?? next)
    return i + 2
  }
  const unicodeEscape = (i: number, into: (ch: string) => void): number | undefined => {
    const hex = source.slice(i + 2, i + 6)
    if (!/^[0-9a-fA-F]{4}$/.test(hex)) return undefined
    into(String.fromCharCode(parseInt(hex, 16)))
    return i + 6
  }
  let i = 0
  while (i < source.length) {
    const ch = source[i] as string
    if (ch === '\\') {
      const end = escape(i, add)
      if (end === undefined) return undefined
      i = end
    } else if (ch === '[') {
      if (source[i + 1] === '^') return undefined
      const members: string[] = []
      let j = i + 1
      while (j < source.length && source[j] !== ']') {
        if (source[j] === '\\') {
          const end = escape(j, (c) => members.push(c))
          if (end === undefined) return undefined
          j = end
        } else {
          members.push(source[j] as string)
          j++
        }
        // a range: the member just read, '-', and the next member
        if (source[j] === '-' && source[j + 1] !== ']' && source[j + 1] !== undefined && source[j + 1] !== '\\') {
          const from = (members[members.length - 1] as string).charCodeAt(0)
          const to = (source[j + 1] as string).charCodeAt(0)
          if (to < from || to - from > 512) return undefined
          for (let c = from; c <= to; c++) members.push(String.fromCharCode(c))
          j += 2
        }
      }
      if (j >= source.length) return undefined
      for (const m of members) add(m)
      i = j + 1
    } else if (ch === '.') {
      return undefined
    } else if (ch === '{') {
      const close = source.indexOf('}', i)
      if (close < 0 || !/^\{\d*,?\d*\}$/.test(source.slice(i, close + 1))) add(ch)
      i = close < 0 ? i + 1 : close + 1
    } else if (ch === '(' && source[i + 1] === '?') {
      i += source[i + 2] === '<' ? 4 : 3 // (?: (?= (?! (?<= (?<!
    } else {
      if (!'^$|()*+?'.includes(ch)) add(ch)
      i++
    }
  }
  return out
}

const WORD = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_'
