// The DynamoDB type of a stored (DocumentClient) value, for attributes no schema describes; a
// schema field's type comes from the schema layer (storedAttributeType).

export { storedAttributeType, type AttributeType } from '../schema/index.js'
import type { AttributeType } from '../schema/index.js'

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
