// The placeholders of one request. Every expression of the request (key condition, filter,
// condition, update, projection) compiles into the same context, so one attribute name gets
// one '#nN' across all of them, and the maps go to DynamoDB once.

import { ExpressionError } from './error.js'
import { compileSegments, compileStringPath, isSimpleName, type NamePlaceholders } from './path.js'

export interface ExpressionContext {
  /** '#n0' -> 'people' */
  readonly names: Record<string, string>
  /** ':v0' -> 50 */
  readonly values: Record<string, unknown>
  /**
   * Placeholder text for an attribute path: 'people' -> '#n0'; 'address.city' -> '#n1.#n2';
   * 'tags[0]' -> '#n3[0]'. The same name reuses the same placeholder. A string path is split on
   * '.' and '[n]' unless it is one of `literalNames`; an array path is taken literally.
   */
  path(path: string | readonly (string | number)[]): string
  /** Placeholder for a value: always a fresh ':vN'. */
  value(v: unknown): string
}

export interface ContextOptions {
  /** Attribute names to take whole even though they contain '.' or '[' (e.g. 'a.b'). */
  readonly literalNames?: ReadonlySet<string>
}

/**
 * Placeholder strings, made once and reused by every request: a key built by concatenation would
 * be looked up in the engine's string table each time it is stored into the names or values map.
 */
const NAME_PLACEHOLDERS: string[] = []
const VALUE_PLACEHOLDERS: string[] = []
const CACHED_PLACEHOLDERS = 256

function placeholder(cache: string[], prefix: string, n: number): string {
  if (n >= CACHED_PLACEHOLDERS) return prefix + n
  return (cache[n] ??= prefix + n)
}

class Context implements ExpressionContext, NamePlaceholders {
  readonly names: Record<string, string> = {}
  readonly values: Record<string, unknown> = {}
  private readonly placeholders = new Map<string, string>()
  private nameCount = 0
  private valueCount = 0
  private readonly literalNames: ReadonlySet<string> | undefined

  constructor(literalNames: ReadonlySet<string> | undefined) {
    this.literalNames = literalNames
  }

  path(path: string | readonly (string | number)[]): string {
    if (typeof path === 'string') {
      if (path.length !== 0 && (isSimpleName(path) || this.literalNames?.has(path) === true)) {
        return this.placeholderFor(path)
      }
      return compileStringPath(path, this)
    }
    return compileSegments(path, this)
  }

  value(v: unknown): string {
    if (v === undefined) throw new ExpressionError('An expression value is undefined; DynamoDB cannot store undefined')
    const text = placeholder(VALUE_PLACEHOLDERS, ':v', this.valueCount++)
    this.values[text] = v
    return text
  }

  placeholderFor(name: string): string {
    let text = this.placeholders.get(name)
    if (text === undefined) {
      text = placeholder(NAME_PLACEHOLDERS, '#n', this.nameCount++)
      this.placeholders.set(name, text)
      this.names[text] = name
    }
    return text
  }
}

export function createContext(options?: ContextOptions): ExpressionContext {
  return new Context(options?.literalNames)
}

export interface ExpressionParams {
  ExpressionAttributeNames?: Record<string, string>
  ExpressionAttributeValues?: Record<string, unknown>
}

/** The placeholder maps for a command input, leaving out empty ones (DynamoDB rejects them). */
export function expressionParams(ctx: ExpressionContext): ExpressionParams {
  const params: ExpressionParams = {}
  if (hasKeys(ctx.names)) params.ExpressionAttributeNames = ctx.names
  if (hasKeys(ctx.values)) params.ExpressionAttributeValues = ctx.values
  return params
}

function hasKeys(record: object): boolean {
  for (const _ in record) return true
  return false
}
