// JSON of an item in its application form (what `sortkey scan --json` prints) back to the values
// its schema's output side holds: ISO strings to Dates, strings to bigints, arrays to Sets. JSON
// cannot carry those types, so the schema says where they were.

interface ZodLike {
  _zod: {
    def: {
      type: string
      innerType?: ZodLike
      out?: ZodLike
      shape?: Readonly<Record<string, ZodLike>>
      element?: ZodLike
      valueType?: ZodLike
      catchall?: ZodLike
    }
  }
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch'])

/** `value` with JSON stand-ins replaced by the types `schema` outputs; anything else as it was. */
export function reviveJson(schema: unknown, value: unknown, depth = 0): unknown {
  const def = (schema as ZodLike | undefined)?._zod?.def
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
