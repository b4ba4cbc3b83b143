// The executor is the one module that sends: no other file in src calls a client's `send`, so
// no request can skip the limit checks, the hooks or the error mapping.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const SRC = join(import.meta.dirname, '../../../src')

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : []
  })
}

describe('one executor', () => {
  it('only src/client/executor.ts calls .send( on a client', () => {
    const senders: string[] = []
    for (const file of files(SRC)) {
      const lines = readFileSync(file, 'utf8').split('\n')
      lines.forEach((line, i) => {
        // `this.send()` is an operation sending itself (through the executor), not a client call.
        // Comments (a doc comment's example sends with the SDK itself) are not code.
        if (/^\s*(\*|\/\/)/.test(line)) return
        if (/(?<!this)\.send\(/.test(line.replace(/\/\/.*$/, ''))) senders.push(`${relative(SRC, file)}:${i + 1}`)
      })
    }
    expect(senders.filter((where) => !where.startsWith('client/executor.ts:'))).toEqual([])
    expect(senders.length).toBeGreaterThan(0)
  })

  it('no file outside src/client builds a request context for errors by hand from an SDK error name', () => {
    const offenders = files(SRC)
      .filter((file) => !relative(SRC, file).startsWith('client/'))
      .filter((file) => /ConditionalCheckFailedException|TransactionCanceledException/.test(readFileSync(file, 'utf8')))
    expect(offenders.map((file) => relative(SRC, file))).toEqual([])
  })
})
