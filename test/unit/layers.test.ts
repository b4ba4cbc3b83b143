// Layers import one way (docs/architecture.md): a folder of src imports only from the layers
// listed for it there, type-only imports included. testing and cli sit on top and may import any.
import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SRC, sourceFiles } from '../support/source-files.js'

const BELOW: Readonly<Record<string, readonly string[]>> = {
  keys: [],
  expressions: ['keys'],
  schema: [],
  client: [],
  entity: ['keys', 'expressions', 'schema', 'client'],
  query: ['keys', 'expressions', 'schema', 'client', 'entity'],
  table: ['keys', 'expressions', 'schema', 'client', 'entity', 'query'],
  describe: ['keys', 'schema', 'entity', 'table'],
  observe: ['client'],
  migrate: ['client', 'expressions', 'entity', 'table'],
}

function upwardImports(): string[] {
  const found: string[] = []
  for (const file of sourceFiles()) {
    const [layer] = relative(SRC, file).split('/')
    const allowed = BELOW[layer as string]
    if (!allowed) continue // a top-level file, testing or cli
    for (const match of readFileSync(file, 'utf8').matchAll(/from '\.\.\/([a-z-]+)\//g)) {
      if (!allowed.includes(match[1] as string)) found.push(`${relative(SRC, file)} imports ${match[1]}`)
    }
  }
  return found
}

describe('layers', () => {
  it('no folder of src imports from a layer above it', () => {
    expect(upwardImports()).toEqual([])
  })

  it('the rule sees imports between layers', () => {
    // It must be able to fail: the entity layer does import from the layers below it.
    const entityImports = sourceFiles(`${SRC}/entity`).some((file) => /from '\.\.\/keys\//.test(readFileSync(file, 'utf8')))
    expect(entityImports).toBe(true)
  })
})
