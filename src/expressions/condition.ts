// ConditionExpression / FilterExpression from a plain condition object.
//
// Precedence is handled by construction: the compiler gathers a flat list of conjuncts, each
// of which is safe inside an AND (a comparison, a function call, NOT (...), or a fully
// parenthesized OR group); conjuncts are joined with ' AND '. An OR group is the only conjunct
// that starts with '(', which lets the top level and NOT drop redundant parentheses.

import type { ExpressionContext } from './context.js'
import { ExpressionError } from './error.js'
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

const OPERATORS: ReadonlySet<string> = new Set([
  'eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'between', 'in',
  'beginsWith', 'contains', 'exists', 'type', 'size',
])

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
  if (!isPlainObject(value)) {
    parts.push(path + ' = ' + ctx.value(value))
    return
  }
  let keys = 0
  let operators = 0
  for (const op in value) {
    keys++
    if (OPERATORS.has(op)) operators++
  }
  if (keys === 0) {
    throw new ExpressionError(`The condition on '${key}' is an empty object; to compare with an empty map write { eq: {} }`)
  }
  if (operators !== keys) {
    // Not an operator object: equality with a map value.
    parts.push(path + ' = ' + ctx.value(value))
    return
  }
  for (const op in value) compileOperator(path, key, op, value[op], ctx, parts)
}

function compileOperator(path: string, key: string, op: string, operand: unknown, ctx: ExpressionContext, parts: string[]): void {
  if (operand === undefined) throw new ExpressionError(`The operator '${op}' on '${key}' has no value (undefined)`)
  if (compileComparison(path, key, op, operand, ctx, parts)) return
  switch (op) {
    case 'beginsWith':
      parts.push('begins_with(' + path + ', ' + ctx.value(operand) + ')')
      return
    case 'contains':
      parts.push('contains(' + path + ', ' + ctx.value(operand) + ')')
      return
    case 'exists':
      if (operand === true) parts.push('attribute_exists(' + path + ')')
      else if (operand === false) parts.push('attribute_not_exists(' + path + ')')
      else throw new ExpressionError(`The operator 'exists' on '${key}' takes true or false, got ${describe(operand)}`)
      return
    case 'type':
      if (!ATTRIBUTE_TYPES.has(operand)) {
        throw new ExpressionError(`The operator 'type' on '${key}' takes one of S, SS, N, NS, B, BS, BOOL, NULL, L, M; got ${describe(operand)}`)
      }
      parts.push('attribute_type(' + path + ', ' + ctx.value(operand) + ')')
      return
    case 'size':
      compileSize(path, key, operand, ctx, parts)
      return
  }
}

function compileSize(path: string, key: string, operand: unknown, ctx: ExpressionContext, parts: string[]): void {
  if (!isPlainObject(operand)) throw new ExpressionError(`The operator 'size' on '${key}' takes an object of comparisons, e.g. { lt: 10 }`)
  const size = 'size(' + path + ')'
  const before = parts.length
  for (const op in operand) {
    const value = operand[op]
    if (value === undefined) throw new ExpressionError(`The operator 'size.${op}' on '${key}' has no value (undefined)`)
    if (!compileComparison(size, key, op, value, ctx, parts)) {
      throw new ExpressionError(`The operator 'size' on '${key}' takes eq, ne, lt, lte, gt, gte, between or in; got '${op}'`)
    }
  }
  if (parts.length === before) throw new ExpressionError(`The operator 'size' on '${key}' is an empty object`)
}

/** Comparison operators on an operand (a path or size(path)); false when `op` is not one. */
function compileComparison(operand: string, key: string, op: string, value: unknown, ctx: ExpressionContext, parts: string[]): boolean {
  const symbol = COMPARISONS[op]
  if (symbol !== undefined) {
    parts.push(operand + symbol + ctx.value(value))
    return true
  }
  if (op === 'between') {
    if (!Array.isArray(value) || value.length !== 2) {
      throw new ExpressionError(`The operator 'between' on '${key}' takes [low, high], got ${describe(value)}`)
    }
    parts.push(operand + ' BETWEEN ' + ctx.value(value[0]) + ' AND ' + ctx.value(value[1]))
    return true
  }
  if (op === 'in') {
    if (!Array.isArray(value) || value.length === 0 || value.length > MAX_IN) {
      throw new ExpressionError(`The operator 'in' on '${key}' takes an array of 1 to ${MAX_IN} values, got ${describe(value)}`)
    }
    let text = operand + ' IN (' + ctx.value(value[0])
    for (let i = 1; i < value.length; i++) text += ', ' + ctx.value(value[i])
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
