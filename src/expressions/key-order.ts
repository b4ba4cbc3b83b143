// DynamoDB's order of string keys: UTF-8 bytes, which is Unicode code point order. JavaScript's
// `<` compares UTF-16 code units and disagrees for characters above U+FFFF against U+E000..U+FFFF,
// so key ranges are compared here, never with `<`.
//
// A sort-key value is at most 1,024 UTF-8 bytes (DynamoDB refuses a longer key condition value
// too), so "the last key that starts with p" exists: p filled to 1,024 bytes with the greatest
// characters. That is how an exclusive upper end becomes the inclusive end BETWEEN needs.

/** DynamoDB's limit on a sort-key value, in UTF-8 bytes. */
export const MAX_SORT_KEY_BYTES = 1024

/** Negative, zero or positive as `a` sorts before, with or after `b` in DynamoDB's order. */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x !== y) return rank(x) - rank(y)
  }
  return a.length - b.length
}

// Surrogates (U+D800..U+DFFF) stand for code points above U+FFFF: they sort after U+E000..U+FFFF.
function rank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000
  if (unit >= 0xe000) return unit - 0x800
  return unit
}

/** UTF-8 length of a string (a lone surrogate counts as the 3 bytes of U+FFFD). */
export function utf8Length(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (unit < 0x80) bytes += 1
    else if (unit < 0x800) bytes += 2
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && isLow(text.charCodeAt(i + 1))) {
      bytes += 4
      i++
    } else bytes += 3
  }
  return bytes
}

/**
 * The least string greater than every string that starts with `text` (its last code point plus
 * one); undefined when there is none (`text` is '' or only U+10FFFF).
 */
export function successor(text: string): string | undefined {
  let end = text.length
  while (end > 0) {
    const size = end > 1 && isLow(text.charCodeAt(end - 1)) && isHigh(text.charCodeAt(end - 2)) ? 2 : 1
    const point = text.codePointAt(end - size) as number
    let next = point + 1
    if (next === 0xd800) next = 0xe000
    if (next <= 0x10ffff) return text.slice(0, end - size) + String.fromCodePoint(next)
    end -= size
  }
  return undefined
}

/** The greatest sort key DynamoDB can store that starts with `prefix`: it filled to 1,024 bytes. */
export function lastKeyWith(prefix: string): string {
  const room = MAX_SORT_KEY_BYTES - utf8Length(prefix)
  if (room <= 0) return prefix
  // U+10FFFF is the greatest 4-byte character; the few bytes left take the greatest that fit.
  const tail = ['', '\u007f', '\u07ff', '\uffff'][room % 4] as string
  return prefix + '\u{10ffff}'.repeat(Math.floor(room / 4)) + tail
}

/** The greatest storable sort key before `text`; undefined when there is none (`text` is ''). */
export function predecessor(text: string): string | undefined {
  if (text.length === 0) return undefined
  const size = text.length > 1 && isLow(text.charCodeAt(text.length - 1)) && isHigh(text.charCodeAt(text.length - 2)) ? 2 : 1
  const base = text.slice(0, text.length - size)
  const point = text.codePointAt(text.length - size) as number
  if (point === 0) return base
  const previous = point - 1 === 0xdfff ? 0xd7ff : point - 1
  return lastKeyWith(base + String.fromCodePoint(previous))
}

function isHigh(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff
}

function isLow(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff
}
