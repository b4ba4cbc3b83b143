// Walks over a schema's zod 4 definition (`_zod.def`, the same in classic and mini) for what the
// layers above need to know about a field beyond encoding: its DynamoDB attribute type, the
// strings a key field can hold, and how JSON stand-ins map back to the values it outputs. The
// rest of sortkey asks these questions here instead of reading zod's internals itself.

import { WRAPPERS } from './fields.js'

/** DynamoDB attribute type codes. */
export type AttributeType = 'S' | 'N' | 'B' | 'BOOL' | 'NULL' | 'M' | 'L' | 'SS' | 'NS' | 'BS'

interface StoredNode {
  _zod: {
    def: {
      type: string
      innerType?: StoredNode
      in?: StoredNode
      valueType?: StoredNode
      options?: readonly StoredNode[]
      values?: readonly unknown[]
      entries?: Readonly<Record<string, unknown>>
    }
  }
}

const STORED_WRAPPERS = new Set([...WRAPPERS, 'success', 'lazy'])

/** The stored attribute type of a zod schema; 'S' when it cannot be told. */
export function storedAttributeType(schema: unknown, depth = 0): AttributeType {
  const like = schema as StoredNode | undefined
  const def = like?._zod?.def
  if (!def || depth > 20) return 'S'
  if (STORED_WRAPPERS.has(def.type) && def.innerType) return storedAttributeType(def.innerType, depth + 1)
  switch (def.type) {
    case 'pipe':
      // A codec or transform: the stored form is its input side.
      return def.in ? storedAttributeType(def.in, depth + 1) : 'S'
    case 'number':
    case 'int':
    case 'bigint':
    case 'nan':
      return 'N'
    case 'boolean':
      return 'BOOL'
    case 'null':
      return 'NULL'
    case 'array':
    case 'tuple':
      return 'L'
    case 'object':
    case 'record':
    case 'map':
      return 'M'
    case 'set': {
      const element = def.valueType ? storedAttributeType(def.valueType, depth + 1) : 'S'
      return element === 'N' ? 'NS' : element === 'B' ? 'BS' : 'SS'
    }
    case 'literal':
      return scalarType(def.values?.[0])
    case 'enum':
      return scalarType(Object.values(def.entries ?? {})[0])
    case 'union': {
      const types = new Set((def.options ?? []).map((o) => storedAttributeType(o, depth + 1)).filter((t) => t !== 'NULL'))
      return types.size === 1 ? ([...types][0] as AttributeType) : 'S'
    }
    case 'custom':
      return 'S'
    default:
      return 'S'
  }
}

function scalarType(value: unknown): AttributeType {
  if (typeof value === 'number' || typeof value === 'bigint') return 'N'
  if (typeof value === 'boolean') return 'BOOL'
  if (value === null) return 'NULL'
  return 'S'
}

interface ReviveNode {
  _zod: {
    def: {
      type: string
      innerType?: ReviveNode
      out?: ReviveNode
      shape?: Readonly<Record<string, ReviveNode>>
      element?: ReviveNode
      valueType?: ReviveNode
      catchall?: ReviveNode
    }
  }
}


/** `value` with JSON stand-ins replaced by the types `schema` outputs; anything else as it was. */
export function reviveJson(schema: unknown, value: unknown, depth = 0): unknown {
  const def = (schema as ReviveNode | undefined)?._zod?.def
  if (!def || depth > 50 || value === null || value === undefined) return value
  if (WRAPPERS.has(def.type) && def.innerType) return reviveJson(def.innerType, value, depth + 1)
  switch (def.type) {
    case 'pipe': // a codec or transform: the application holds its output side
      return def.out ? reviveJson(def.out, value, depth + 1) : value
    case 'date':
      return typeof value === 'string' ? new Date(value) : value
    case 'bigint':
      return typeof value === 'string' && /^-?\d+$/.test(value) ? BigInt(value) : typeof value === 'number' && Number.isInteger(value) ? BigInt(value) : value
    case 'set':
      return Array.isArray(value) ? new Set(value.map((v) => reviveJson(def.valueType, v, depth + 1))) : value
    case 'array':
      return Array.isArray(value) ? value.map((v) => reviveJson(def.element, v, depth + 1)) : value
    case 'record':
      return isObject(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reviveJson(def.valueType, v, depth + 1)])) : value
    case 'object': {
      if (!isObject(value)) return value
      const shape = def.shape ?? {}
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reviveJson(shape[k] ?? def.catchall, v, depth + 1)]))
    }
    default:
      return value
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

interface ValuesNode {
  readonly _zod: {
    readonly def: {
      readonly type: string
      readonly innerType?: ValuesNode
      readonly in?: ValuesNode
      readonly entries?: Readonly<Record<string, unknown>>
      readonly values?: readonly unknown[]
      readonly pattern?: RegExp
      readonly checks?: readonly { readonly _zod: { readonly def: { readonly pattern?: RegExp } } }[]
    }
  }
}


/** What a key field's stored strings can be: one of a list (enum, literal), or text every given pattern accepts. */
export type StringValues = { readonly kind: 'oneOf'; readonly values: readonly string[] } | { readonly kind: 'patterns'; readonly patterns: readonly RegExp[] }

/**
 * The strings a field's stored form is limited to, read through wrappers and codecs (a codec's
 * input side is what is stored); undefined when it is not limited (or not a string).
 */
export function stringValues(schema: unknown): StringValues | undefined {
  let def = (schema as ValuesNode | undefined)?._zod?.def
  while (def && (WRAPPERS.has(def.type) || def.type === 'pipe')) def = (def.type === 'pipe' ? def.in : def.innerType)?._zod.def
  if (!def) return undefined
  if (def.type === 'enum' || def.type === 'literal') {
    const values = def.type === 'enum' ? Object.values(def.entries ?? {}) : (def.values ?? [])
    return values.every((v): v is string => typeof v === 'string') ? { kind: 'oneOf', values } : undefined
  }
  if (def.type !== 'string') return undefined
  const patterns = [def.pattern, ...(def.checks ?? []).map((check) => check._zod.def.pattern)].filter((p): p is RegExp => p instanceof RegExp)
  return patterns.length === 0 ? undefined : { kind: 'patterns', patterns }
}

/** The field names of an object schema. */
export function fieldNames(schema: unknown): readonly string[] {
  const shape = (schema as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def?.shape
  return shape ? Object.keys(shape) : []
}
