// Attribute paths to placeholder text: 'address.city' -> '#n1.#n2', 'tags[0]' -> '#n3[0]'.
// Every name segment becomes a name placeholder; only '.', '[', digits and ']' produced here
// ever reach the expression string, never user text.

import { ExpressionError } from './error.js'

/** Gives the placeholder for one attribute name, the same one each time for the same name. */
export interface NamePlaceholders {
  placeholderFor(name: string): string
}

export type AttributePath = string | readonly (string | number)[]

const DOT = 46 // '.'
const OPEN = 91 // '['
const CLOSE = 93 // ']'
const ZERO = 48
const NINE = 57

/** True when `path` has no '.' or '[' and so is one attribute name as it stands. */
export function isSimpleName(path: string): boolean {
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i)
    if (c === DOT || c === OPEN) return false
  }
  return true
}

/** A path written as text: name segments split on '.', list indexes written '[n]'. */
export function compileStringPath(path: string, names: NamePlaceholders): string {
  const n = path.length
  if (n === 0) throw new ExpressionError('An attribute path is empty')
  if (isSimpleName(path)) return names.placeholderFor(path)
  let out = ''
  let i = 0
  for (;;) {
    let j = i
    while (j < n) {
      const c = path.charCodeAt(j)
      if (c === DOT || c === OPEN) break
      j++
    }
    if (j === i) throw badPath(path, 'has an empty name segment')
    out += names.placeholderFor(path.slice(i, j))
    i = j
    while (i < n && path.charCodeAt(i) === OPEN) {
      let k = i + 1
      while (k < n) {
        const c = path.charCodeAt(k)
        if (c < ZERO || c > NINE) break
        k++
      }
      if (k === i + 1 || k === n || path.charCodeAt(k) !== CLOSE) throw badPath(path, 'has a list index that is not [digits]')
      out += '[' + indexText(Number(path.slice(i + 1, k)), path) + ']'
      i = k + 1
    }
    if (i === n) return out
    if (path.charCodeAt(i) !== DOT) throw badPath(path, "has text after a list index that does not start with '.'")
    out += '.'
    i++
  }
}

/** A path given as segments, taken literally: strings are names, numbers are list indexes. */
export function compileSegments(path: readonly (string | number)[], names: NamePlaceholders): string {
  if (path.length === 0) throw new ExpressionError('An attribute path is empty')
  let out = ''
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]
    if (typeof segment === 'string') {
      if (segment.length === 0) throw badPath(path, 'has an empty name segment')
      out += i === 0 ? names.placeholderFor(segment) : '.' + names.placeholderFor(segment)
    } else if (typeof segment === 'number') {
      if (i === 0) throw badPath(path, 'starts with a list index; it must start with an attribute name')
      out += '[' + indexText(segment, path) + ']'
    } else {
      throw badPath(path, 'has a segment that is neither a string nor a number')
    }
  }
  return out
}

function indexText(index: number, path: AttributePath): string {
  if (!Number.isSafeInteger(index) || index < 0) throw badPath(path, 'has a list index that is not a non-negative integer')
  return String(index)
}

function badPath(path: AttributePath, reason: string): ExpressionError {
  const shown = typeof path === 'string' ? `'${path}'` : JSON.stringify(path)
  const hint =
    typeof path === 'string'
      ? " (if this is one attribute name, list it in literalNames or pass the path as an array)"
      : ''
  return new ExpressionError(`The attribute path ${shown} ${reason}${hint}`)
}
