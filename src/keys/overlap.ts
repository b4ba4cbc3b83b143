// Can two key templates produce the same stored key? An exact decision, used by `table` to refuse
// entities whose key patterns collide on one index.
//
// Each template is compiled once into a nondeterministic automaton over characters: a literal
// is a chain of its characters; a string field is one or more value units (any character but the
// delimiter; in 'escape' mode any character but the delimiter and '%', or one of the escapes
// formatValue writes); a padded field is exactly N digits (for N >= 16, only numbers up to
// Number.MAX_SAFE_INTEGER, as formatValue allows no more). Characters are grouped into symbol
// classes: every character the automaton mentions has its own class, and one 'other' class stands
// for every character it does not mention, all of which it treats alike. Two templates overlap when
// a breadth-first search of the product automaton reaches a pair of accepting states; the
// search keeps parents, so it also yields the shortest shared key as a witness.

import { formatValue, type KeyRules } from './format.js'
import type { KeyTemplate } from './template.js'
import { valueSetId, type FieldValueSets } from './value-set.js'

/** A template compiled for overlap checks (see `compileTemplateAutomaton`). */
export interface TemplateAutomaton {
  readonly template: KeyTemplate
  readonly rules: KeyRules
  /** Characters with a symbol class of their own; class `i` is `alphabet[i]`. */
  readonly alphabet: readonly string[]
  /** Class of each character in `alphabet`; every other character is in class `otherClass`. */
  readonly classOf: ReadonlyMap<string, number>
  readonly otherClass: number
  readonly start: number
  /** `accepting[state]`: the template's whole key has been read. */
  readonly accepting: readonly boolean[]
  /** `next[state][class]`: the states reached by reading one character of that class. */
  readonly next: readonly (readonly (readonly number[])[])[]
}

const DIGITS = '0123456789'
const MAX_SAFE = String(Number.MAX_SAFE_INTEGER)
const cache = new WeakMap<KeyTemplate, Map<string, TemplateAutomaton>>()

/** The template's automaton under `rules` and its fields' value sets; cached per template object, rules and sets. */
export function compileTemplateAutomaton(template: KeyTemplate, rules: KeyRules, sets?: FieldValueSets): TemplateAutomaton {
  let rulesKey = `${rules.keyValues}\u0000${rules.delimiter}`
  if (sets) for (const field of template.fields) rulesKey += '\u0000' + valueSetId(sets.get(field))
  let byRules = cache.get(template)
  if (byRules === undefined) {
    byRules = new Map()
    cache.set(template, byRules)
  }
  let automaton = byRules.get(rulesKey)
  if (automaton === undefined) {
    automaton = compile(template, rules, sets)
    byRules.set(rulesKey, automaton)
  }
  return automaton
}

/** True when some stored key string can be produced by both templates (values as the rules and value sets allow). */
export function templatesOverlap(a: KeyTemplate, b: KeyTemplate, rules: KeyRules, setsA?: FieldValueSets, setsB?: FieldValueSets): boolean {
  return overlapWitness(a, b, rules, setsA, setsB) !== undefined
}

/** A witness key both templates can produce, or undefined (useful in error messages). */
export function overlapWitness(a: KeyTemplate, b: KeyTemplate, rules: KeyRules, setsA?: FieldValueSets, setsB?: FieldValueSets): string | undefined {
  checkDelimiter(rules)
  if (literalsDisagree(a, b)) return undefined
  return search(compileTemplateAutomaton(a, rules, setsA), compileTemplateAutomaton(b, rules, setsB))
}

/**
 * Every key of a template starts with its literal prefix and ends with its literal suffix, whatever
 * its values; when two templates' prefixes (or suffixes) differ where both have text, no key is
 * shared. That settles most pairs of a model (`USER#` / `GAME#`) without building automata, which
 * is most of an entity definition's cost on a cold start.
 */
export function literalsDisagree(a: KeyTemplate, b: KeyTemplate): boolean {
  if (!a.prefix.startsWith(b.prefix) && !b.prefix.startsWith(a.prefix)) return true
  const suffixA = literalSuffix(a)
  const suffixB = literalSuffix(b)
  return !suffixA.endsWith(suffixB) && !suffixB.endsWith(suffixA)
}

function checkDelimiter(rules: KeyRules): void {
  if (rules.delimiter.length !== 1) throw new Error(`the key delimiter must be a single character, got '${rules.delimiter}'`)
}

function literalSuffix(template: KeyTemplate): string {
  const last = template.parts[template.parts.length - 1]
  return last?.kind === 'literal' ? last.text : ''
}

function compile(template: KeyTemplate, rules: KeyRules, sets: FieldValueSets | undefined): TemplateAutomaton {
  checkDelimiter(rules)
  const delimiter = rules.delimiter
  const escape = rules.keyValues === 'escape'
  // The escaped forms of the two characters a value cannot hold as they are, taken from
  // formatValue itself so the two never disagree.
  const escapes = escape ? [...new Set(['%', delimiter])].map((ch) => formatValue(ESCAPE_PROBE, ch, rules)) : []

  const chars = new Set<string>([delimiter, ...DIGITS])
  for (const part of template.parts) if (part.kind === 'literal') for (const ch of codeUnits(part.text)) chars.add(ch)
  if (escape) chars.add('%')
  for (const text of escapes) for (const ch of codeUnits(text)) chars.add(ch)
  // A restricted field: the formatted forms of its values, or its characters (a value set with a
  // character outside the Basic Multilingual Plane is taken as any string).
  const fieldValues = new Map<string, string[]>()
  const fieldChars = new Map<string, string[]>()
  for (const part of template.parts) {
    if (part.kind !== 'field' || part.pad !== undefined) continue
    const set = sets?.get(part.name)
    if (set?.kind === 'oneOf') {
      const formatted: string[] = []
      for (const value of set.values) {
        if (value.length === 0 || (!escape && value.includes(delimiter))) continue
        formatted.push(formatValue(part, value, rules))
      }
      fieldValues.set(part.name, formatted)
      for (const text of formatted) for (const ch of codeUnits(text)) chars.add(ch)
    } else if (set?.kind === 'chars' && [...set.chars].every((ch) => ch.length === 1 && (ch < '\ud800' || ch > '\udfff'))) {
      const usable = [...set.chars].filter((ch) => ch !== delimiter && !(escape && ch === '%'))
      fieldChars.set(part.name, usable)
      for (const ch of usable) chars.add(ch)
    }
  }
  const alphabet = [...chars]
  const classOf = new Map(alphabet.map((ch, i) => [ch, i] as const))
  const otherClass = alphabet.length
  const classCount = alphabet.length + 1
  const cls = (ch: string): number => classOf.get(ch) as number

  const next: number[][][] = []
  const state = (): number => next.push(Array.from({ length: classCount }, () => [])) - 1
  const edge = (from: number, to: number, classes: Iterable<number>): void => {
    const row = next[from] as number[][]
    for (const c of classes) {
      const targets = row[c] as number[]
      if (!targets.includes(to)) targets.push(to)
    }
  }
  const chain = (from: number, to: number, text: string): void => {
    let cur = from
    for (let i = 0; i < text.length; i++) {
      const target = i === text.length - 1 ? to : state()
      edge(cur, target, [cls(text[i] as string)])
      cur = target
    }
  }

  const allClasses = Array.from({ length: classCount }, (_, i) => i)
  const excluded = new Set([cls(delimiter), ...(escape ? [cls('%')] : [])])
  const plainUnit = allClasses.filter((c) => !excluded.has(c))
  const digitClasses = (digits: string): number[] => [...digits].map(cls)
  const anyDigit = digitClasses(DIGITS)

  const start = state()
  let cur = start
  for (const part of template.parts) {
    if (part.kind === 'literal') {
      const end = state()
      chain(cur, end, part.text)
      cur = end
    } else if (part.pad === undefined && fieldValues.has(part.name)) {
      // One of a few values, each a chain of its formatted characters.
      const end = state()
      for (const text of fieldValues.get(part.name) as string[]) chain(cur, end, text)
      cur = end
    } else if (part.pad === undefined) {
      // One or more value units; the loop state is also where the field may end.
      const own = fieldChars.get(part.name)
      const units = own === undefined ? plainUnit : own.map(cls)
      const loop = state()
      for (const from of [cur, loop]) {
        edge(from, loop, units)
        if (own === undefined) for (const text of escapes) chain(from, loop, text)
      }
      cur = loop
    } else {
      cur = paddedNumber(cur, part.pad)
    }
  }

  // N digits; from 16 digits on, only strings whose value is at most Number.MAX_SAFE_INTEGER:
  // leading zeros, then 16 digits compared with MAX_SAFE while they are equal to it (tight).
  function paddedNumber(from: number, pad: number): number {
    let at = from
    if (pad < MAX_SAFE.length) {
      for (let i = 0; i < pad; i++) {
        const target = state()
        edge(at, target, anyDigit)
        at = target
      }
      return at
    }
    for (let i = 0; i < pad - MAX_SAFE.length; i++) {
      const target = state()
      edge(at, target, [cls('0')])
      at = target
    }
    let tight = at
    let loose: number | undefined
    for (let i = 0; i < MAX_SAFE.length; i++) {
      const last = i === MAX_SAFE.length - 1
      const nextTight = state()
      const nextLoose = last ? nextTight : state()
      const limit = MAX_SAFE[i] as string
      edge(tight, nextTight, [cls(limit)])
      edge(tight, nextLoose, digitClasses(DIGITS.slice(0, DIGITS.indexOf(limit))))
      if (loose !== undefined) edge(loose, nextLoose, anyDigit)
      tight = nextTight
      loose = nextLoose
    }
    return tight
  }

  const accepting = next.map((_, s) => s === cur)
  return { template, rules, alphabet, classOf, otherClass, start, accepting, next }
}

const ESCAPE_PROBE = { kind: 'field', name: 'value', pad: undefined } as const

function codeUnits(text: string): string[] {
  const out: string[] = []
  for (let i = 0; i < text.length; i++) out.push(text[i] as string)
  return out
}

/** Breadth-first search of the product automaton; the shortest key both accept, or undefined. */
function search(a: TemplateAutomaton, b: TemplateAutomaton): string | undefined {
  if (a.rules.delimiter !== b.rules.delimiter || a.rules.keyValues !== b.rules.keyValues) {
    throw new Error('templates compiled under different key rules cannot be compared')
  }
  // One symbol per character either automaton mentions, plus one character neither mentions.
  const symbols: string[] = [...new Set([...a.alphabet, ...b.alphabet])]
  symbols.push(otherChar(symbols))
  const classA = symbols.map((ch) => a.classOf.get(ch) ?? a.otherClass)
  const classB = symbols.map((ch) => b.classOf.get(ch) ?? b.otherClass)

  const nB = b.next.length
  const size = a.next.length * nB
  const parent = new Int32Array(size).fill(-1)
  const via = new Int32Array(size)
  const startPair = a.start * nB + b.start
  parent[startPair] = startPair
  const queue = [startPair]
  for (let head = 0; head < queue.length; head++) {
    const pair = queue[head] as number
    const sa = Math.floor(pair / nB)
    const sb = pair % nB
    if (a.accepting[sa] && b.accepting[sb]) return witness(pair)
    const rowA = a.next[sa] as (readonly number[])[]
    const rowB = b.next[sb] as (readonly number[])[]
    for (let s = 0; s < symbols.length; s++) {
      const targetsA = rowA[classA[s] as number] as readonly number[]
      if (targetsA.length === 0) continue
      const targetsB = rowB[classB[s] as number] as readonly number[]
      for (const ta of targetsA) {
        for (const tb of targetsB) {
          const target = ta * nB + tb
          if (parent[target] !== -1) continue
          parent[target] = pair
          via[target] = s
          queue.push(target)
        }
      }
    }
  }
  return undefined

  function witness(end: number): string {
    const out: string[] = []
    for (let pair = end; pair !== startPair; pair = parent[pair] as number) out.push(symbols[via[pair] as number] as string)
    return out.reverse().join('')
  }
}

/** A plain character not in `taken`, to stand for every character neither template mentions. */
function otherChar(taken: readonly string[]): string {
  const used = new Set(taken)
  for (const ch of 'xyzqjkvwXYZQ') if (!used.has(ch)) return ch
  for (let code = 0x61; ; code++) {
    const ch = String.fromCharCode(code)
    if (!used.has(ch) && (code < 0xd800 || code > 0xdfff)) return ch
  }
}
