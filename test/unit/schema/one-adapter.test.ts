// The schema layer is the one module that knows zod: no file outside src/schema reads a schema's
// `_zod` internals or imports zod at run time, so classic and mini (and a future zod) are handled
// in one place. Type-only imports and doc-comment examples are not run-time code.
import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SRC, sourceFiles as files } from '../../support/source-files.js'

/** Lines of run-time code: comments dropped; type positions (`['_zod']` indexed access types) are kept out by the caller. */
function codeLines(file: string): { line: string; at: string }[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => ({ line: line.replace(/\/\/.*$/, ''), at: `${relative(SRC, file)}:${i + 1}` }))
    .filter(({ line }) => !/^\s*\*/.test(line))
}

describe('one schema adapter', () => {
  const outside = files(SRC).filter((file) => !relative(SRC, file).startsWith('schema/'))

  it('no file outside src/schema reads ._zod at run time', () => {
    const readers = outside.flatMap(codeLines).filter(({ line }) => /\._zod\b|\?\._zod\b/.test(line)).map(({ at }) => at)
    expect(readers).toEqual([])
  })

  it('no file outside src/schema imports zod except for types', () => {
    const importers = outside
      .flatMap(codeLines)
      .filter(({ line }) => /\bfrom\s+'zod(\/[^']*)?'/.test(line) && !/^\s*import\s+type\b|^\s*export\s+type\b/.test(line))
      .map(({ at }) => at)
    expect(importers).toEqual([])
  })

  it('the rule finds a reader when there is one', () => {
    // The checks above must be able to fail: src/schema itself reads _zod.
    const inside = files(join(SRC, 'schema')).flatMap(codeLines).filter(({ line }) => /\._zod\b/.test(line))
    expect(inside.length).toBeGreaterThan(0)
  })
})
