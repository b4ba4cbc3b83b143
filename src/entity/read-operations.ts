// get, and decoding stored items.

import { GetCommand, type GetCommandInput } from '@aws-sdk/lib-dynamodb'
import { unmarshall } from '@aws-sdk/util-dynamodb'
import { compileProjection, expressionParams } from '../expressions/index.js'
import { decodeItem, encodeKeyValues, primaryKey } from './codec.js'
import { entityContext, withExpressionErrors } from './expression-input.js'
import { EntityOperation, type EntityRuntime } from './operation.js'
import { decodeValue, issuesAt, pickFields } from '../schema/index.js'
import { ValidationError } from '../errors.js'
import type { EntityModel } from './model.js'
import { selection, valueAtSelected } from './selection.js'
import { fieldSchemaAt } from './update-plan.js'
import type { ObserveOptions } from '../client/observe.js'

type Attrs = Record<string, unknown>

export interface GetOptions<F extends string = string> extends ObserveOptions {
  /** Strongly consistent read. */
  consistent?: boolean
  /** Read only these fields (a projection); the result holds just them. */
  select?: readonly F[]
}

/**
 * `get`: the item stored under a key, decoded through the entity's schema, or undefined. With
 * `select`, only the fields selected (a projection); with `consistent: true`, a strongly
 * consistent read.
 *
 * @example
 * ```ts
 * const alice = await User.get({ username: 'alice' }) // Date fields are Dates again
 * const email = await User.get({ username: 'alice' }, { select: ['email'], consistent: true }) // { email } | undefined
 * ```
 */
export class GetOperation<Result> extends EntityOperation<Result | undefined, GetCommandInput> {
  readonly kind = 'get' as const
  #key: Attrs | undefined

  constructor(
    entity: EntityRuntime,
    readonly keyInput: Attrs,
    readonly options: GetOptions | undefined,
  ) {
    super(entity)
  }

  key(): Attrs {
    const model = this.entity.model
    return (this.#key ??= primaryKey(model, encodeKeyValues(model, this.keyInput, model.keyFields, 'get')))
  }

  protected buildParams(): GetCommandInput {
    const model = this.entity.model
    const params: GetCommandInput = { TableName: model.table.name, Key: this.key() }
    if (this.options?.consistent) params.ConsistentRead = true
    const select = this.options?.select
    if (select && select.length > 0) {
      const ctx = entityContext(model)
      params.ProjectionExpression = withExpressionErrors(model, 'get', () => compileProjection(projectedAttributes(model, select, 'get'), ctx))
      Object.assign(params, expressionParams(ctx))
    }
    return params
  }

  protected command(params: GetCommandInput): unknown {
    return new GetCommand(params)
  }

  /** Decodes an item this get read through a transaction or batch (DocumentClient form). */
  decode(item: Attrs | undefined): Result | undefined {
    return item ? this.result({ Item: item }) : undefined
  }

  protected result(output: Attrs): Result | undefined {
    const item = output.Item as Attrs | undefined
    if (!item) return undefined
    const select = this.options?.select
    if (select && select.length > 0) return decodeSelected(this.entity.model, item, select, 'get') as Result
    return decodeStored(this.entity.model, item, 'get') as Result
  }
}

/** Decodes a stored item (DocumentClient form) into the application form. */
export function decodeStored(model: EntityModel, raw: Attrs, operation: string): Attrs {
  return decodeItem(model, raw, operation)
}

/** Decodes the AttributeValue item DynamoDB returns with a failed condition; undefined if it is not this entity's. */
export function decodeFailedItem(model: EntityModel, raw: Attrs, operation: string): Attrs | undefined {
  try {
    return decodeItem(model, unmarshall(raw as never), operation)
  } catch {
    return undefined
  }
}

/** Stored attribute paths a projection of `fields` reads; an unknown field is refused. */
export function projectedAttributes(model: EntityModel, fields: readonly string[], operation = 'read'): string[] {
  return [...selection(model, fields, operation).paths]
}

const partialSchemas = new WeakMap<EntityModel, Map<string, EntityModel>>()

/** Decodes a projected item: whole fields with the schema narrowed to them (cached per selection), each nested path under its own key, decoded with the schema there. */
export function decodeSelected(model: EntityModel, raw: Attrs, fields: readonly string[], operation: string): Attrs {
  const chosen = selection(model, fields, operation)
  let cache = partialSchemas.get(model)
  if (!cache) partialSchemas.set(model, (cache = new Map()))
  const id = chosen.fields.join('\u0000')
  let narrowed = cache.get(id)
  if (!narrowed) {
    const schema = pickFields(model.schema, chosen.fields)
    // No upgrade: a projection reads the current field names, not the old ones an upgrade would need.
    narrowed = { ...model, schema, upgrade: undefined, keyOnly: new Set([...model.keyOnly].filter((f) => chosen.fields.includes(f))), info: { ...model.info, hasCatchall: model.info.hasCatchall } }
    cache.set(id, narrowed)
  }
  if (chosen.nested.length === 0) return decodeItem(narrowed, raw, operation)
  const whole: Attrs = {}
  for (const name in raw) if (!chosen.nested.includes(name)) whole[name] = raw[name]
  const decoded = decodeItem(narrowed, whole, operation)
  for (const nested of chosen.nestedPaths) {
    const value = valueAtSelected(chosen, raw, nested)
    if (value === undefined) continue
    const schema = fieldSchemaAt(model, nested.path)
    const result = schema ? decodeValue(schema, value) : { ok: true as const, value }
    if (!result.ok) throw new ValidationError(model.name, operation, issuesAt(nested.path, result.issues))
    decoded[nested.path] = result.value
  }
  return decoded
}
