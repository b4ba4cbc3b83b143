// DynamoDB's hard limits and value rules, checked before a request is sent so that the error
// names the entity, the field and the rule instead of coming back from DynamoDB (or from inside
// the SDK's marshaller) as an untyped error. One walk over each value measures its size and
// checks it; nothing here allocates unless a value breaks a rule or must be cleaned.

import { LimitError, ValidationError } from '../errors.js'

type Attrs = Record<string, unknown>

export const MAX_ITEM_BYTES = 400 * 1024
export const MAX_PARTITION_KEY_BYTES = 2048
export const MAX_SORT_KEY_BYTES = 1024
/** Levels of nesting: a top-level attribute is level 1; a map or list in it is level 2, and so on. */
export const MAX_NESTING = 32
export const MAX_EXPRESSION_BYTES = 4 * 1024
/** All expression attribute names and values of one request together. */
export const MAX_SUBSTITUTION_BYTES = 2 * 1024 * 1024
export const MAX_TRANSACTION_ITEMS = 100
export const MAX_TRANSACTION_BYTES = 4 * 1024 * 1024
export const MAX_BATCH_WRITE = 25
export const MAX_BATCH_GET = 100
/** BatchWriteItem's request size limit. */
export const MAX_BATCH_BYTES = 16 * 1024 * 1024
/** Significant digits a DynamoDB number holds. */
export const MAX_NUMBER_DIGITS = 38
/** The largest magnitude DynamoDB stores (9.9999999999999999999999999999999999999E+125); JavaScript numbers stop being exact long before. */
const MIN_NUMBER_MAGNITUDE = 1e-130

/** Who a checked value belongs to. */
export interface OwnerInfo {
  readonly entity: string | undefined
  readonly operation: string
}

/**
 * The owner, or something that gives it (a function, an operation): resolved only when a rule is
 * broken, so a request that passes allocates nothing for it.
 */
export type Owner = OwnerInfo | (() => OwnerInfo) | { requestContext(): OwnerInfo }

export function ownerOf(owner: Owner): OwnerInfo {
  if (typeof owner === 'function') return owner()
  if ('requestContext' in owner) return owner.requestContext()
  return owner
}

/** Byte limit of each key attribute of a table (its own keys and its indexes'), by attribute name. */
export type KeyLimits = ReadonlyMap<string, number>

const keyLimitCache = new WeakMap<object, KeyLimits>()

/** The key attributes of a table and their byte limits (an attribute that is a sort key anywhere gets the sort key's limit). */
export function keyLimitsOf(table: {
  /** The table's index registry: the table's own key first, then each index, with their key attributes. */
  readonly registry: { readonly entries: readonly { readonly partitionKey: readonly string[]; readonly sortKey: readonly string[] }[] }
}): KeyLimits {
  let limits = keyLimitCache.get(table)
  if (limits) return limits
  const map = new Map<string, number>()
  const add = (name: string | undefined, bytes: number) => {
    if (name !== undefined) map.set(name, Math.min(map.get(name) ?? bytes, bytes))
  }
  for (const entry of table.registry.entries) {
    for (const name of entry.partitionKey) add(name, MAX_PARTITION_KEY_BYTES)
    for (const name of entry.sortKey) add(name, MAX_SORT_KEY_BYTES)
  }
  limits = map
  keyLimitCache.set(table, limits)
  return limits
}

/** A broken rule, thrown inside the walk and turned into the public error with its path. */
class Broken {
  constructor(
    readonly kind: 'validation' | 'limit',
    readonly rule: string,
    readonly message: string,
    readonly path: (string | number)[],
  ) {}
}

const isWellFormed: (text: string) => boolean = (text) => (text as unknown as { isWellFormed(): boolean }).isWellFormed() // Node 20+

/** True when `text` is well-formed UTF-16: no lone surrogate, so it has one UTF-8 form and cannot collide with another string. */
export function isWellFormedText(text: string): boolean {
  return isWellFormed(text)
}

/** Set while walking when a map held an undefined value: the value must be cleaned before sending. */
let sawUndefined = false

/**
 * The size DynamoDB counts for a value (strings as UTF-8, numbers about one byte per two digits
 * plus one, binary by length, lists and maps with 3 bytes overhead plus 1 per element), and
 * checks it: well-formed strings, finite numbers DynamoDB can hold exactly, no empty set, no
 * nesting past 32 levels, no undefined in a list. `level` is the value's nesting level.
 */
function measure(value: unknown, level: number, path: (string | number)[]): number {
  switch (typeof value) {
    case 'string':
      return textBytes(value, path, false)
    case 'number':
      checkNumber(value, path)
      return Number.isInteger(value) ? integerSize(value) : numberSize(String(value))
    case 'bigint': {
      const digits = (value < 0n ? -value : value).toString()
      if (digits.replace(/0+$/, '').length > MAX_NUMBER_DIGITS) {
        throw new Broken('validation', 'number-precision', `has more than ${MAX_NUMBER_DIGITS} significant digits, which DynamoDB cannot store`, path)
      }
      return numberSize(digits)
    }
    case 'boolean':
      return 1
    case 'object':
      if (value === null) return 1
      if (level >= MAX_NESTING) throw new Broken('limit', 'nesting', `is nested more than ${MAX_NESTING} levels deep (DynamoDB's limit)`, path)
      return measureObject(value, level, path)
    case 'undefined':
      throw new Broken('validation', 'undefined-in-list', 'is undefined inside a list: a list cannot skip a position (use null, or leave the element out)', path)
    default:
      throw new Broken('validation', 'unsupported-type', `is a ${typeof value}, which DynamoDB cannot store`, path)
  }
}

function measureObject(value: object, level: number, path: (string | number)[]): number {
  if (value instanceof Uint8Array) return value.byteLength
  if (Array.isArray(value)) {
    let size = 3
    for (let i = 0; i < value.length; i++) {
      path.push(i)
      size += 1 + measure(value[i], level + 1, path)
      path.pop()
    }
    return size
  }
  if (value instanceof Set) {
    if (value.size === 0) throw new Broken('validation', 'empty-set', 'is an empty Set, which DynamoDB cannot store (leave the field out, or remove it in an update)', path)
    let size = 0
    for (const element of value) size += measure(element, level + 1, path)
    return size
  }
  if (value instanceof Map) throw new Broken('validation', 'unsupported-type', 'is a Map: store a plain object (or use a codec)', path)
  if (value instanceof Date) throw new Broken('validation', 'unsupported-type', 'is a Date: store it through a codec (e.g. isoDate()) so it is stored as a string', path)
  if (isNumberValue(value)) return numberSize((value as { value: string }).value)
  let size = 3
  for (const key in value) {
    const element = (value as Attrs)[key]
    if (element === undefined) {
      sawUndefined = true
      continue
    }
    path.push(key)
    size += 1 + textBytes(key, path, true) + measure(element, level + 1, path)
    path.pop()
  }
  return size
}

/** lib-dynamodb's NumberValue: a number kept as its string (for precision beyond a JavaScript number). */
function isNumberValue(value: object): boolean {
  return value.constructor?.name === 'NumberValue' && typeof (value as { value?: unknown }).value === 'string'
}

function checkNumber(value: number, path: (string | number)[]): void {
  if (!Number.isFinite(value)) throw new Broken('validation', 'number-not-finite', `is ${value}, which DynamoDB cannot store`, path)
  const magnitude = Math.abs(value)
  if (magnitude > Number.MAX_SAFE_INTEGER) {
    throw new Broken('validation', 'number-unsafe', `is ${value}, above 2^53 - 1, where JavaScript numbers lose precision: use a bigint (or a codec that stores a string)`, path)
  }
  if (magnitude !== 0 && magnitude < MIN_NUMBER_MAGNITUDE) throw new Broken('validation', 'number-range', `is ${value}, smaller than DynamoDB's smallest number (1E-130)`, path)
}

/** `numberSize(String(value))` for a safe integer (checkNumber refused larger ones), without making the string. */
function integerSize(value: number): number {
  let digits = 1
  for (let rest = Math.abs(value); rest >= 10; rest = Math.floor(rest / 10)) digits++
  return Math.ceil(digits / 2) + 1
}

function numberSize(digits: string): number {
  return Math.ceil(digits.replace(/^-|\.|e.*$/gi, '').length / 2) + 1
}

/** Strings up to this length are scanned here; longer ones (keys, built by concatenation) are counted natively, which is faster for them. */
const SCANNED_TEXT = 16

/**
 * UTF-8 bytes of a string that must be well-formed. An ASCII string (the common case) is its
 * length and cannot hold a surrogate; only other strings are checked for lone surrogates.
 */
function textBytes(text: string, path: (string | number)[], isName: boolean): number {
  const length = text.length
  let bytes = length
  if (length > SCANNED_TEXT) {
    // Every UTF-16 unit past ASCII takes 2 or more bytes: the count equals the length only for ASCII.
    bytes = Buffer.byteLength(text, 'utf8')
  } else {
    for (let i = 0; i < length; i++) {
      if (text.charCodeAt(i) > 0x7f) {
        bytes = Buffer.byteLength(text, 'utf8')
        break
      }
    }
  }
  if (bytes !== length && !isWellFormed(text)) {
    throw new Broken('validation', 'lone-surrogate', isName ? 'has a name that is not well-formed UTF-16 (a lone surrogate)' : 'is not well-formed UTF-16 (it holds a lone surrogate): DynamoDB would store it altered, so two different strings could become one', path)
  }
  return bytes
}

function utf8Length(text: string): number {
  // ASCII-only strings (the common case) are their length; otherwise count UTF-8 bytes.
  const length = text.length
  for (let i = 0; i < length; i++) {
    if (text.charCodeAt(i) > 0x7f) return Buffer.byteLength(text, 'utf8')
  }
  return length
}

export interface MeasuredAttributes {
  /** The size DynamoDB counts. */
  readonly size: number
  /** True when a map inside held an undefined value: `cleanAttributes` must run before sending. */
  readonly unclean: boolean
}

/**
 * Measures and checks top-level attributes (an item, a key, or ExpressionAttributeValues). A
 * top-level undefined is skipped, as everywhere in sortkey. Key attributes are checked against
 * `keys` (byte limits, not empty). With `expressions` (the command input), the attributes are
 * ExpressionAttributeValues and an error names the field each is compared with. Throws
 * ValidationError / LimitError.
 */
export function measureAttributes(attributes: Attrs, owner: Owner, keys?: KeyLimits, expressions?: Attrs): MeasuredAttributes {
  sawUndefined = false
  let size = 0
  const path: (string | number)[] = []
  let name = ''
  try {
    for (const key in attributes) {
      name = key
      const value = attributes[key]
      if (value === undefined) continue
      const bytes = measure(value, 1, path)
      const limit = keys?.get(name)
      if (limit !== undefined && (typeof value === 'string' || value instanceof Uint8Array)) {
        if (bytes === 0) throw new Broken('validation', 'empty-key', `is key attribute "${name}" and empty; DynamoDB refuses empty key values`, [])
        if (bytes > limit) {
          throw new Broken('limit', limit === MAX_PARTITION_KEY_BYTES ? 'partition-key-size' : 'sort-key-size', `is key attribute "${name}" of ${bytes} bytes; DynamoDB's limit for a ${limit === MAX_PARTITION_KEY_BYTES ? 'partition' : 'sort'} key is ${limit} bytes`, [])
        }
      }
      size += textBytes(key, path, true) + bytes
    }
  } catch (error) {
    if (!(error instanceof Broken)) throw error
    throw brokenError(error, expressions ? fieldOf(name, expressions) : name, owner)
  }
  return { size, unclean: sawUndefined }
}

function brokenError(broken: Broken, name: string, owner: Owner): Error {
  const { entity, operation } = ownerOf(owner)
  const field = [name, ...broken.path].reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text === '' ? part : `${text}.${part}`), '')
  if (broken.kind === 'limit') {
    return new LimitError(broken.rule, `${entity ? `${entity}.` : ''}${operation}: ${field} ${broken.message}`, { entity, field })
  }
  const path: (string | number)[] = [...name.split('.'), ...broken.path]
  return new ValidationError(entity ?? '(table)', operation, [{ path, message: broken.message, code: broken.rule }])
}

/** Refuses a single attribute value over the item size limit (an update's value, a condition's operand). */
export function checkValueSize(size: number, name: string, owner: Owner): void {
  if (size > MAX_ITEM_BYTES) {
    const { entity, operation } = ownerOf(owner)
    throw new LimitError('value-size', `${entity ? `${entity}.` : ''}${operation}: the value of ${name} is about ${size} bytes; no attribute value can exceed DynamoDB's item limit of ${MAX_ITEM_BYTES} bytes (400 KB)`, { entity, field: name })
  }
}

/** A copy of `attributes` without undefined map values at any depth (the SDK's `removeUndefinedValues`, made explicit). */
export function cleanAttributes(attributes: Attrs): Attrs {
  const out: Attrs = {}
  for (const name in attributes) {
    const value = attributes[name]
    if (value !== undefined) out[name] = clean(value)
  }
  return out
}

function clean(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array || value instanceof Set || isNumberValue(value)) return value
  if (Array.isArray(value)) return value.map(clean)
  return cleanAttributes(value as Attrs)
}

/** The size DynamoDB counts for an item (checked: see `measureAttributes`). */
export function itemSize(item: Attrs): number {
  return measureAttributes(item, () => ({ entity: undefined, operation: 'itemSize' })).size
}

/** Refuses an item over 400 KB; returns its size. */
export function checkItemSize(size: number, owner: Owner): number {
  if (size > MAX_ITEM_BYTES) {
    const { entity, operation } = ownerOf(owner)
    throw new LimitError('item-size', `${entity ? `${entity}.` : ''}${operation}: the item is about ${size} bytes; DynamoDB's limit is ${MAX_ITEM_BYTES} bytes (400 KB)`, { entity })
  }
  return size
}

/** Refuses an expression string over 4 KB. */
export function checkExpression(expression: unknown, which: string, owner: Owner): void {
  if (typeof expression !== 'string' || expression.length * 3 <= MAX_EXPRESSION_BYTES) return
  const bytes = utf8Length(expression)
  if (bytes > MAX_EXPRESSION_BYTES) {
    const { entity, operation } = ownerOf(owner)
    throw new LimitError('expression-size', `${entity ? `${entity}.` : ''}${operation}: the ${which} is ${bytes} bytes; DynamoDB's limit for an expression is ${MAX_EXPRESSION_BYTES} bytes (4 KB)`, { entity })
  }
}

const EXPRESSIONS = ['UpdateExpression', 'ConditionExpression', 'KeyConditionExpression', 'FilterExpression', 'ProjectionExpression'] as const

/** The attribute path an expression compares `placeholder` with, for messages (`address.city`); the placeholder itself when none is found. */
export function fieldOf(placeholder: string, input: Attrs): string {
  const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>
  for (const which of EXPRESSIONS) {
    const expression = input[which]
    if (typeof expression !== 'string') continue
    const at = expression.search(new RegExp(`${placeholder}(?!\\w)`))
    if (at < 0) continue
    const paths = expression.slice(0, at).match(/#\w+(?:\.#\w+|\[\d+\])*/g)
    const path = paths?.[paths.length - 1]
    if (path !== undefined) return path.replace(/#\w+/g, (name) => names[name] ?? name)
  }
  return placeholder
}
