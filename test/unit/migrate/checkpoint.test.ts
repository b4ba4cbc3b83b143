// Checkpoint files: saved atomically (no temporary file left), binary keys survive, and a
// checkpoint of another table or segment count is refused with a ValidationError.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ValidationError } from '../../../src/index.js'
import { checkCheckpoint, fileCheckpoint, type CheckpointState } from '../../../src/migrate/checkpoint.js'
import { Tally } from '../../../src/migrate/report.js'

const dir = mkdtempSync(join(tmpdir(), 'sortkey-checkpoint-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const state = (positions: CheckpointState['positions']): CheckpointState => ({ table: 't1', segments: positions.length, positions, tally: new Tally(0).state })

describe('fileCheckpoint', () => {
  it('round-trips positions (binary keys included) and leaves only the file', () => {
    const path = join(dir, 'a.json')
    const store = fileCheckpoint(path)
    expect(store.load()).toBeUndefined()
    const saved = state([{ PK: 'USER#1', SK: new Uint8Array([0, 255]) }, 'done', null])
    store.save(saved)
    store.save(saved)
    expect(readdirSync(dir)).toEqual(['a.json'])
    expect(store.load()).toEqual(saved)
  })

  it('refuses a checkpoint of another table, segment count, or not a checkpoint at all', () => {
    const fine = state([null, 'done'])
    expect(checkCheckpoint(fine, 't1', 2)).toBe(fine)
    expect(() => checkCheckpoint(fine, 't2', 2)).toThrow(ValidationError)
    expect(() => checkCheckpoint(fine, 't1', 3)).toThrow(/2 segments/)
    expect(() => checkCheckpoint({ positions: 'x' }, 't1', 2)).toThrow(/not a migration checkpoint/)
    expect(() => checkCheckpoint({ ...fine, positions: [42, null] }, 't1', 2)).toThrow(/not a key/)
    const broken = join(dir, 'broken.json')
    writeFileSync(broken, '{"table":')
    expect(() => fileCheckpoint(broken).load()).toThrow()
    expect(existsSync(broken)).toBe(true)
  })
})
