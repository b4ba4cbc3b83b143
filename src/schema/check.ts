// Telling a schema sortkey can use from one it cannot, at definition, with a sentence that says
// what was given and what to give instead.

interface Probe {
  readonly _zod?: { readonly def?: { readonly type?: unknown; readonly shape?: unknown }; readonly version?: { readonly major?: unknown } }
  readonly _def?: unknown
  readonly '~standard'?: { readonly vendor?: unknown }
}

const GIVE = "give a zod 4 object schema: z.object({...}) from 'zod' or from 'zod/mini'"

/**
 * Undefined when `schema` is a zod 4 object schema (classic or mini) whose fields are zod 4
 * schemas; otherwise why it is not, as a sentence.
 *
 * Other Standard Schema validators (valibot, arktype, ...) are refused on purpose: Standard Schema
 * only validates one way and does not describe an object's fields, while sortkey must encode each
 * value to its stored form and decode it back, and needs each field's own schema for key inputs,
 * update values and condition operands.
 */
export function schemaProblem(schema: unknown): string | undefined {
  if (schema === null || typeof schema !== 'object') return `schema must be an object schema, got ${schema === null ? 'null' : typeof schema}: ${GIVE}`
  const probe = schema as Probe
  const zod = probe._zod
  if (zod && typeof zod === 'object' && zod.def && typeof zod.def === 'object') {
    if (zod.version?.major !== 4) return `schema is not from zod 4: ${GIVE}`
    if (zod.def.type !== 'object') return `schema is a zod ${String(zod.def.type)} schema, not an object schema: ${GIVE}`
    const shape = zod.def.shape as Record<string, Probe>
    for (const name of Object.keys(shape)) {
      const field = shape[name]
      if (!field || typeof field !== 'object' || !field._zod) return `schema field "${name}" is not a zod 4 schema: ${GIVE}, with zod fields`
    }
    return undefined
  }
  if (probe._def !== undefined) return `schema is a zod 3 schema: ${GIVE} (zod 4.1 or later)`
  const standard = probe['~standard']
  if (standard && typeof standard === 'object') {
    return (
      `schema is a ${String(standard.vendor ?? 'Standard Schema')} schema: sortkey needs zod 4 (classic or mini), because it encodes every value ` +
      `to its stored form and decodes it back and reads each field's schema for keys, updates and conditions, which Standard Schema does not offer; ${GIVE}`
    )
  }
  return `schema is not a zod schema: ${GIVE}`
}
