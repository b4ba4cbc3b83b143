// The DynamoDB type of a field's stored form, read from its zod schema (through codecs to the
// stored side): what a Workbench model lists as `AttributeType`, and what a description shows.

/** DynamoDB attribute type codes. */
export type AttributeType = 'S' | 'N' | 'B' | 'BOOL' | 'NULL' | 'M' | 'L' | 'SS' | 'NS' | 'BS'

interface ZodLike {
  _zod: {
    def: {
      type: string
      innerType?: ZodLike
      in?: ZodLike
      valueType?: ZodLike
      options?: readonly ZodLike[]
      values?: readonly unknown[]
      entries?: Readonly<Record<string, unknown>>
    }
  }
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch', 'success', 'lazy'])

/** The stored attribute type of a zod schema; 'S' when it cannot be told. */
export function storedAttributeType(schema: unknown, depth = 0): AttributeType {
  const like = schema as ZodLike | undefined
  const def = like?._zod?.def
  if (!def || depth > 20) return 'S'
  if (WRAPPERS.has(def.type) && def.innerType) return storedAttributeType(def.innerType, depth + 1)
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

/** The type of a stored (DocumentClient) value, for attributes no schema describes. */
export function valueAttributeType(value: unknown): AttributeType {
  if (typeof value === 'string') return 'S'
  if (typeof value === 'number' || typeof value === 'bigint') return 'N'
  if (typeof value === 'boolean') return 'BOOL'
  if (value === null || value === undefined) return 'NULL'
  if (value instanceof Uint8Array) return 'B'
  if (value instanceof Set) {
    const first = value.values().next().value as unknown
    return typeof first === 'number' || typeof first === 'bigint' ? 'NS' : first instanceof Uint8Array ? 'BS' : 'SS'
  }
  if (Array.isArray(value)) return 'L'
  return 'M'
}
