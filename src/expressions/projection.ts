// ProjectionExpression: '#n0, #n1.#n2'. A repeated path is sent once (the entity layer adds
// key attributes to a caller's list); overlapping paths ('a' and 'a.b') are refused, naming
// both, since DynamoDB refuses them with placeholders only. (They cannot simply be dropped:
// the dropped path's names would already be in the names map, and DynamoDB refuses unused names.)

import type { ExpressionContext } from './context.js'
import { ExpressionError } from './error.js'
import { PathClaims } from './overlap.js'

export function compileProjection(paths: readonly string[], ctx: ExpressionContext): string {
  if (paths.length === 0) throw new ExpressionError('A projection lists no attributes')
  const claims = new PathClaims('projection')
  let out = ''
  for (let i = 0; i < paths.length; i++) {
    const path = paths[i] as string
    const compiled = ctx.path(path)
    if (claims.has(compiled)) continue
    claims.claim(compiled, path, '')
    out += out.length === 0 ? compiled : ', ' + compiled
  }
  return out
}
