// The TypeScript files under a folder, for tests that check a rule over the library's source.
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

export const SRC = join(import.meta.dirname, '../../src')

export function sourceFiles(dir: string = SRC): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : []
  })
}
