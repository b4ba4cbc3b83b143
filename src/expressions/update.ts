// UpdateExpression: 'SET #n0 = :v0, #n1 = #n1 - :v1 REMOVE #n2 ADD #n3 :v2 DELETE #n4 :v3'.
// Keys are attribute paths with the context's path rules, so set: { 'address.city': 'Oslo' }
// changes only that nested attribute. A path may appear once, and never inside another one.

import type { ExpressionContext } from './context.js'
import { ExpressionError } from './error.js'
import { PathClaims } from './overlap.js'

export interface UpdateSpec {
  /** SET #a = :v */
  set?: Record<string, unknown>
  /** SET #a = if_not_exists(#a, :v) */
  setIfNotExists?: Record<string, unknown>
  /** REMOVE #a */
  remove?: readonly string[]
  /** ADD #a :v — adds to a number (a missing one counts as 0) or adds elements to a set. */
  add?: Record<string, number | Set<unknown>>
  /** SET #a = #a - :v (the attribute must exist) */
  subtract?: Record<string, number>
  /** SET #a = list_append(if_not_exists(#a, :empty), :v) */
  append?: Record<string, readonly unknown[]>
  /** SET #a = list_append(:v, if_not_exists(#a, :empty)) */
  prepend?: Record<string, readonly unknown[]>
  /** DELETE #a :v — removes elements from a set. */
  delete?: Record<string, Set<unknown>>
}

type Entries = Record<string, unknown> | undefined

/** Builds one update; a class so the clause helpers share state without closures. */
class UpdateCompiler {
  private readonly claims = new PathClaims('update')
  private emptyList: string | undefined
  private readonly ctx: ExpressionContext
  set = ''

  constructor(ctx: ExpressionContext) {
    this.ctx = ctx
  }

  path(path: string, clause: string): string {
    const compiled = this.ctx.path(path)
    this.claims.claim(compiled, path, clause)
    return compiled
  }

  empty(): string {
    if (this.emptyList === undefined) this.emptyList = this.ctx.value([])
    return this.emptyList
  }

  addSet(action: string): void {
    this.set += this.set.length === 0 ? action : ', ' + action
  }

  setClause(entries: Entries, clause: 'set' | 'setIfNotExists' | 'subtract' | 'append' | 'prepend'): void {
    if (entries === undefined) return
    for (const key in entries) {
      const value = entries[key]
      if (value === undefined) continue
      const path = this.path(key, clause)
      switch (clause) {
        case 'set':
          this.addSet(path + ' = ' + this.ctx.value(value))
          break
        case 'setIfNotExists':
          this.addSet(path + ' = if_not_exists(' + path + ', ' + this.ctx.value(value) + ')')
          break
        case 'subtract':
          checkNumber(value, key, clause)
          this.addSet(path + ' = ' + path + ' - ' + this.ctx.value(value))
          break
        case 'append':
          checkList(value, key, clause)
          this.addSet(path + ' = list_append(if_not_exists(' + path + ', ' + this.empty() + '), ' + this.ctx.value(value) + ')')
          break
        case 'prepend':
          checkList(value, key, clause)
          this.addSet(path + ' = list_append(' + this.ctx.value(value) + ', if_not_exists(' + path + ', ' + this.empty() + '))')
          break
      }
    }
  }

  /** ADD / DELETE: 'path :v' actions. */
  valueClause(entries: Entries, clause: 'add' | 'delete'): string {
    let text = ''
    if (entries === undefined) return text
    for (const key in entries) {
      const value = entries[key]
      if (value === undefined) continue
      if (value instanceof Set) {
        if (value.size === 0) throw new ExpressionError(`The update's ${clause} of '${key}' is an empty set; DynamoDB cannot store empty sets`)
      } else if (clause === 'delete') {
        throw new ExpressionError(`The update's delete of '${key}' takes a Set of elements to remove, got ${kind(value)}`)
      } else {
        checkNumber(value, key, clause)
      }
      const action = this.path(key, clause) + ' ' + this.ctx.value(value)
      text += text.length === 0 ? action : ', ' + action
    }
    return text
  }

  remove(paths: readonly string[] | undefined): string {
    let text = ''
    if (paths === undefined) return text
    for (let i = 0; i < paths.length; i++) {
      const path = paths[i]
      if (typeof path !== 'string') throw new ExpressionError(`The update's remove takes attribute paths, got ${kind(path)}`)
      const compiled = this.path(path, 'remove')
      text += text.length === 0 ? compiled : ', ' + compiled
    }
    return text
  }
}

export function compileUpdate(update: UpdateSpec, ctx: ExpressionContext): string {
  const compiler = new UpdateCompiler(ctx)
  compiler.setClause(update.set, 'set')
  compiler.setClause(update.setIfNotExists, 'setIfNotExists')
  compiler.setClause(update.subtract, 'subtract')
  compiler.setClause(update.append, 'append')
  compiler.setClause(update.prepend, 'prepend')
  const remove = compiler.remove(update.remove)
  const add = compiler.valueClause(update.add, 'add')
  const del = compiler.valueClause(update.delete, 'delete')
  let out = compiler.set.length === 0 ? '' : 'SET ' + compiler.set
  if (remove.length !== 0) out += (out.length === 0 ? 'REMOVE ' : ' REMOVE ') + remove
  if (add.length !== 0) out += (out.length === 0 ? 'ADD ' : ' ADD ') + add
  if (del.length !== 0) out += (out.length === 0 ? 'DELETE ' : ' DELETE ') + del
  if (out.length === 0) throw new ExpressionError('The update changes nothing (every clause is empty or undefined)')
  return out
}

/** Numbers, bigints and number wrappers (e.g. lib-dynamodb's NumberValue) pass; obvious mistakes do not. */
function checkNumber(value: unknown, key: string, clause: string): void {
  const type = typeof value
  if (type === 'number' || type === 'bigint') return
  if (type === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Set) && !isPlain(value as object)) return
  throw new ExpressionError(`The update's ${clause} of '${key}' takes a number${clause === 'add' ? ' or a non-empty Set' : ''}, got ${kind(value)}`)
}

function checkList(value: unknown, key: string, clause: string): void {
  if (!Array.isArray(value)) throw new ExpressionError(`The update's ${clause} of '${key}' takes an array of elements, got ${kind(value)}`)
}

function isPlain(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

function kind(value: unknown): string {
  if (Array.isArray(value)) return 'an array'
  if (value === null) return 'null'
  if (value instanceof Set) return 'a Set'
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`
}
