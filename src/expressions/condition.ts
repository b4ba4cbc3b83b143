// ConditionExpression / FilterExpression from a plain condition object.
//
// Each key is an attribute; its value is an operator made by a helper of operators.ts (branded, so
// JSON cannot make one) or else a value compared for equality, whatever its shape: a plain object
// is a map, never an operator. Precedence is handled by construction: the compiler gathers a flat
// list of conjuncts, each of which is safe inside an AND (a comparison, a function call,
// NOT (...), or a fully parenthesized OR group); conjuncts are joined with ' AND '. An OR group is
// the only conjunct that starts with '(', which lets the top level and NOT drop redundant
// parentheses.

import type { ExpressionContext } from './context.js'
import { ExpressionError } from './error.js'
import { isOperator, type OperatorObject } from './operators.js'
import type { Condition } from './types.js'

type Raw = Record<string, unknown>

const COMPARISONS: Readonly<Record<string, string>> = {
  eq: ' = ',
  ne: ' <> ',
  lt: ' < ',
  lte: ' <= ',
  gt: ' > ',
  gte: ' >= ',
}

const ATTRIBUTE_TYPES: ReadonlySet<unknown> = new Set(['S', 'SS', 'N', 'NS', 'B', 'BS', 'BOOL', 'NULL', 'L', 'M'])

const MAX_IN = 100

export function compileCondition<T>(condition: Condition<T>, ctx: ExpressionContext): string {
  const parts: string[] = []
  collect(condition, ctx, parts, 'The condition')
  return joinTop(parts)
}

/** Joins conjuncts; a lone OR group loses its outer parentheses. */
function joinTop(parts: string[]): string {
  if (parts.length === 1) {
    const only = parts[0] as string
    return only.charCodeAt(0) === 40 ? only.slice(1, -1) : only
  }
  return parts.join(' AND ')
}

function collect(condition: unknown, ctx: ExpressionContext, parts: string[], where: string): void {
  if (!isPlainObject(condition)) throw new ExpressionError(`${where} must be a plain object, got ${describe(condition)}`)
  const before = parts.length
  for (const key in condition) {
    const value = condition[key]
    if (value === undefined) continue
    if (key === '$and') collectAnd(value, ctx, parts)
    else if (key === '$or') collectOr(value, ctx, parts)
    else if (key === '$not') collectNot(value, ctx, parts)
    else compileField(key, value, ctx, parts)
  }
  if (parts.length === before) {
    throw new ExpressionError(`${where} is empty (no attribute with a defined value); an empty condition is almost always a bug`)
  }
}

function checkList(value: unknown, key: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new ExpressionError(`${key} must be an array of conditions, got ${describe(value)}`)
  if (value.length === 0) throw new ExpressionError(`${key} is an empty list; an empty condition is almost always a bug`)
  return value
}

function collectAnd(value: unknown, ctx: ExpressionContext, parts: string[]): void {
  const list = checkList(value, '$and')
  for (let i = 0; i < list.length; i++) collect(list[i], ctx, parts, `$and[${i}]`)
}

function collectOr(value: unknown, ctx: ExpressionContext, parts: string[]): void {
  const list = checkList(value, '$or')
  if (list.length === 1) {
    collect(list[0], ctx, parts, '$or[0]')
    return
  }
  let text = '('
  const sub: string[] = []
  for (let i = 0; i < list.length; i++) {
    sub.length = 0
    collect(list[i], ctx, sub, `$or[${i}]`)
    if (i > 0) text += ' OR '
    text += sub.length === 1 ? (sub[0] as string) : '(' + sub.join(' AND ') + ')'
  }
  parts.push(text + ')')
}

function collectNot(value: unknown, ctx: ExpressionContext, parts: string[]): void {
  const sub: string[] = []
  collect(value, ctx, sub, '$not')
  const only = sub.length === 1 ? (sub[0] as string) : undefined
  parts.push(only !== undefined && only.charCodeAt(0) === 40 ? 'NOT ' + only : 'NOT (' + sub.join(' AND ') + ')')
}

function compileField(key: string, value: unknown, ctx: ExpressionContext, parts: string[]): void {
  const path = ctx.path(key)
  if (!isOperator(value)) {
    // Anything that is not a branded operator is a value: equality, a plain object included.
    parts.push(path + ' = ' + ctx.value(value))
    return
  }
  const { op, value: operand } = value
  if (op === 'attr') {
    parts.push(path + ' = ' + operandText(value, key, ctx))
    return
  }
  if (compileComparison(path, key, value, ctx, parts)) return
  switch (op) {
    case 'beginsWith':
      parts.push('begins_with(' + path + ', ' + operandText(operand, key, ctx, op) + ')')
      return
    case 'contains':
      parts.push('contains(' + path + ', ' + operandText(operand, key, ctx, op) + ')')
      return
    case 'exists':
      parts.push('attribute_exists(' + path + ')')
      return
    case 'notExists':
      parts.push('attribute_not_exists(' + path + ')')
      return
    case 'attributeType':
      if (!ATTRIBUTE_TYPES.has(operand)) {
        throw new ExpressionError(`attributeType on '${key}' takes one of S, SS, N, NS, B, BS, BOOL, NULL, L, M; got ${describe(operand)}`)
      }
      parts.push('attribute_type(' + path + ', ' + ctx.value(operand) + ')')
      return
    case 'size':
      if (!isOperator(operand) || !compileComparison('size(' + path + ')', key, operand, ctx, parts)) {
        throw new ExpressionError(`size on '${key}' takes a comparison, between or oneOf, e.g. size(lt(10)); got ${describe(operand)}`)
      }
      return
  }
  throw new ExpressionError(`The operator '${op as string}' on '${key}' is unknown`)
}

/** A value placeholder, or the path of `attr(...)`. */
function operandText(operand: unknown, key: string, ctx: ExpressionContext, op?: string): string {
  if (operand === undefined) throw new ExpressionError(`${op ?? 'The operand'} on '${key}' has no value (undefined)`)
  if (isOperator(operand)) {
    if (operand.op !== 'attr' || typeof operand.value !== 'string') {
      throw new ExpressionError(`${op ?? 'The operand'} on '${key}' takes a value or attr(name), not the operator ${operand.op}()`)
    }
    return ctx.path(operand.value)
  }
  return ctx.value(operand)
}

/** Comparison operators on an operand (a path or size(path)); false when the operator is not one. */
function compileComparison(subject: string, key: string, operator: OperatorObject, ctx: ExpressionContext, parts: string[]): boolean {
  const { op, value } = operator
  const symbol = COMPARISONS[op]
  if (symbol !== undefined) {
    parts.push(subject + symbol + operandText(value, key, ctx, op))
    return true
  }
  if (op === 'between') {
    if (!Array.isArray(value) || value.length !== 2) {
      throw new ExpressionError(`between on '${key}' takes a low and a high bound, got ${describe(value)}`)
    }
    parts.push(subject + ' BETWEEN ' + operandText(value[0], key, ctx, op) + ' AND ' + operandText(value[1], key, ctx, op))
    return true
  }
  if (op === 'oneOf') {
    if (!Array.isArray(value) || value.length === 0 || value.length > MAX_IN) {
      throw new ExpressionError(`oneOf on '${key}' takes an array of 1 to ${MAX_IN} values, got ${describe(value)}`)
    }
    let text = subject + ' IN (' + operandText(value[0], key, ctx, op)
    for (let i = 1; i < value.length; i++) text += ', ' + operandText(value[i], key, ctx, op)
    parts.push(text + ')')
    return true
  }
  return false
}

function isPlainObject(value: unknown): value is Raw {
  if (typeof value !== 'object' || value === null) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `an array of ${value.length}`
  if (value === null) return 'null'
  if (typeof value === 'object') return `an object (${(value as object).constructor?.name ?? 'no prototype'})`
  return typeof value === 'string' ? `'${value}'` : String(value)
}
