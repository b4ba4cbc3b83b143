// Compiling an entity's condition objects into the command input, with errors that name the
// entity and operation.

import { compileCondition, createContext, ExpressionError, type ExpressionContext } from '../expressions/index.js'
import { ValidationError } from '../errors.js'
import type { EntityModel } from './model.js'

/** Runs `build` and turns an ExpressionError into a ValidationError naming entity and operation. */
export function withExpressionErrors<T>(model: EntityModel, operation: string, build: () => T): T {
  try {
    return build()
  } catch (error) {
    if (error instanceof ExpressionError) {
      throw new ValidationError(model.name, operation, [{ path: [], message: error.message }], { cause: error })
    }
    throw error
  }
}

/** A context where the entity's own attribute names are taken whole ('Status#Date', 'a.b'). */
export function entityContext(model: EntityModel): ExpressionContext {
  return createContext({ literalNames: literalNames(model) })
}

const literalNameCache = new WeakMap<EntityModel, ReadonlySet<string>>()

function literalNames(model: EntityModel): ReadonlySet<string> {
  let names = literalNameCache.get(model)
  if (!names) {
    names = new Set([...model.info.fields.keys(), ...model.bookkeeping, model.primary.pk.attribute, ...(model.primary.sk ? [model.primary.sk.attribute] : [])])
    literalNameCache.set(model, names)
  }
  return names
}

export function conditionExpression(model: EntityModel, operation: string, ctx: ExpressionContext, condition: object): string {
  return withExpressionErrors(model, operation, () => compileCondition(condition as never, ctx))
}
