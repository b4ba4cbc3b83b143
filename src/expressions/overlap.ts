// Overlapping document paths: 'a' and 'a.b', or 'a' and 'a[0]'. DynamoDB refuses an update or
// projection naming both, with an error that shows only placeholders. Compiled paths
// ('#n0.#n1[2]') are canonical, since a context gives one name one placeholder, and their
// proper prefixes end just before a '.' or '['.

import { ExpressionError } from './error.js'

const DOT = 46
const OPEN = 91

function isSeparator(c: number): boolean {
  return c === DOT || c === OPEN
}

interface PathUse {
  /** The path as the caller wrote it, for messages. */
  readonly path: string
  /** The update clause it is in: 'set', 'remove', ...; '' in a projection. */
  readonly clause: string
}

/** The paths one update or projection names; refuses a path used twice or two overlapping paths. */
export class PathClaims {
  private readonly full = new Map<string, PathUse>()
  /** Proper prefix of a claimed path -> that path (made at the first nested path). */
  private inner: Map<string, PathUse> | undefined
  /** 'update' or 'projection', for messages. */
  private readonly what: string

  constructor(what: string) {
    this.what = what
  }

  has(compiled: string): boolean {
    return this.full.has(compiled)
  }

  claim(compiled: string, path: string, clause: string): void {
    const use: PathUse = { path, clause }
    const same = this.full.get(compiled)
    if (same !== undefined) {
      throw new ExpressionError(
        same.clause === clause && same.path === path
          ? `The ${this.what} lists '${path}' twice in ${clause}`
          : `The ${this.what} uses ${shown(same)} and ${shown(use)}, which are the same path; a path may appear once in one ${this.what}`,
      )
    }
    const below = this.inner?.get(compiled)
    if (below !== undefined) throw this.overlap(use, below)
    for (let i = 1; i < compiled.length; i++) {
      if (!isSeparator(compiled.charCodeAt(i))) continue
      const prefix = compiled.slice(0, i)
      const above = this.full.get(prefix)
      if (above !== undefined) throw this.overlap(above, use)
      this.inner ??= new Map()
      if (!this.inner.has(prefix)) this.inner.set(prefix, use)
    }
    this.full.set(compiled, use)
  }

  private overlap(outer: PathUse, inner: PathUse): ExpressionError {
    return new ExpressionError(
      `The ${this.what} uses ${shown(outer)} and ${shown(inner)}, which overlap (one is inside the other); DynamoDB refuses overlapping paths in one ${this.what}`,
    )
  }
}

function shown(use: PathUse): string {
  return use.clause.length === 0 ? `'${use.path}'` : `'${use.path}' in ${use.clause}`
}
