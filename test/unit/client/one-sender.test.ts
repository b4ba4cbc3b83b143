// The executor is the one module that sends: no other file in src calls a client's `send`, so
// no request can skip the limit checks, the hooks or the error mapping.
import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SRC, sourceFiles as files } from '../../support/source-files.js'



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
    // sortkey/testing's recording and faulty clients are clients: the executor sends through them.
    expect(senders.filter((where) => !where.startsWith('client/executor.ts:') && !/^testing\/(faults|recording)\.ts:/.test(where))).toEqual([])
    expect(senders.length).toBeGreaterThan(0)
  })

  it('no file outside src/client builds a request context for errors by hand from an SDK error name', () => {
    const offenders = files(SRC)
      // sortkey/testing's faulty client makes these errors up, as DynamoDB would send them
      .filter((file) => !relative(SRC, file).startsWith('client/') && relative(SRC, file) !== 'testing/faults.ts')
      .filter((file) => /ConditionalCheckFailedException|TransactionCanceledException/.test(readFileSync(file, 'utf8')))
    expect(offenders.map((file) => relative(SRC, file))).toEqual([])
  })
})
