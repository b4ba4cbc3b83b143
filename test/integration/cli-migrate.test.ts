// `sortkey migrate` as a user runs it (the command line from source through tsx): a dry run,
// a paced run with a checkpoint, a rerun with nothing to do, and refused options.
import { runProcess, type Run } from '../support/run-process.js'
import type { ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { ScanCommand } from '@aws-sdk/lib-dynamodb'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { z } from 'zod'
import { batchWrite, createTable, defineTable, scanTable } from '../../src/index.js'
import { localClient, uniqueTableName } from '../support/client.js'

const root = resolve(import.meta.dirname, '../..')
const model = 'test/integration/fixtures/migrate-model.ts'
const scratch = mkdtempSync(join(tmpdir(), 'sortkey-cli-migrate-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

function sortkey(args: string[], table: string, started?: (child: ChildProcess) => void): Promise<Run> {
  const env = { ...process.env, MIGRATE_TABLE: table, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }
  return runProcess(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args, '--endpoint', inject('dynamoEndpoint')], { cwd: root, env }, started)
}

describe('sortkey migrate', () => {
  it('dry run, then a paced run with a checkpoint, then a rerun that changes nothing', async () => {
    const name = uniqueTableName('cli-migrate')
    const old = defineTable({ name, partitionKey: 'PK', sortKey: 'SK', indexes: { GSI1: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK' } }, client: localClient() })
    const OldUser = old.entity('User', { schema: z.object({ username: z.string(), email: z.string() }), key: { pk: 'USER#{username}', sk: 'USER' } })
    await createTable(old)
    await batchWrite(Array.from({ length: 25 }, (_, i) => OldUser.put({ username: `u${i}`, email: `u${i}@example.com` })))

    const dry = await sortkey(['migrate', model, '--dry-run'], name)
    expect(dry.code).toBe(0)
    const lines = dry.stdout.split('\n')
    expect(lines[0]).toMatch(new RegExp(`^dry run of migrate ${name}: scanned 25, current 0, would rewrite 25, would re-key 0, failed 0 in [\\d.]+s$`))
    expect(lines).toContain('  User: index-keys 25')
    expect(lines.filter((l) => l.startsWith('  example User index-keys:'))).toHaveLength(3)
    expect(dry.stdout).toMatch(/after {2}\{.*"GSI1PK":"EMAIL#u\d+@example.com"/)

    const checkpoint = join(scratch, 'run.checkpoint')
    const run = await sortkey(['migrate', model, '--segments', '2', '--max-wcu', '50', '--checkpoint', checkpoint, '--json'], name)
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout) as { scanned: number; rewritten: number; complete: boolean; capacity: { write: number } }
    expect(report).toMatchObject({ scanned: 25, rewritten: 25, complete: true })
    expect(report.capacity.write).toBeGreaterThan(0)
    expect(existsSync(checkpoint)).toBe(true)

    const rerun = await sortkey(['migrate', model], name)
    expect(rerun.code).toBe(0)
    expect(rerun.stdout.split('\n')[0]).toMatch(/scanned 25, current 25, rewrote 0, re-keyed 0, failed 0/)
  })

  it('a run killed part way (SIGKILL) resumes from its checkpoint and finishes; every item ends migrated', async () => {
    const name = uniqueTableName('cli-kill')
    const old = defineTable({ name, partitionKey: 'PK', sortKey: 'SK', indexes: { GSI1: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK' } }, client: localClient() })
    const OldUser = old.entity('User', { schema: z.object({ username: z.string(), email: z.string() }), key: { pk: 'USER#{username}', sk: 'USER' } })
    await createTable(old)
    const count = 40
    await batchWrite(Array.from({ length: count }, (_, i) => OldUser.put({ username: `u${i}`, email: `u${i}@example.com` })))
    const checkpoint = join(scratch, 'killed.checkpoint')
    // 2 WCU an item at 6 WCU/s: about 3 items a second, so the run is killed well before its end
    const args = ['migrate', model, '--checkpoint', checkpoint, '--page-size', '5', '--concurrency', '1', '--max-wcu', '6', '--json']
    let killedAt = 0
    const killed = await sortkey(args, name, (child) => {
      const poll = setInterval(() => {
        if (!existsSync(checkpoint)) return
        const saved = JSON.parse(readFileSync(checkpoint, 'utf8')) as { tally: { scanned: number } }
        if (saved.tally.scanned < 10) return
        killedAt = saved.tally.scanned
        clearInterval(poll)
        child.kill('SIGKILL')
      }, 100)
      child.on('close', () => clearInterval(poll))
    })
    expect(killed.code).toBe(null)
    expect(killedAt).toBeGreaterThanOrEqual(10)
    expect(killedAt).toBeLessThan(count)

    const resumed = await sortkey(['migrate', model, '--checkpoint', checkpoint, '--page-size', '5', '--json'], name)
    expect(resumed.code).toBe(0)
    const report = JSON.parse(resumed.stdout) as { complete: boolean; scanned: number; rewritten: number; current: number }
    expect(report.complete).toBe(true)
    // at most the page in progress when it was killed is read again (and found current)
    expect(report.scanned).toBeGreaterThanOrEqual(count)
    expect(report.scanned).toBeLessThanOrEqual(count + 5)
    expect(report.rewritten).toBeLessThanOrEqual(count)
    const items = (await scanTable(old).all()).items.map((i) => i.item)
    expect(items).toHaveLength(count)
    const raw = await localClient().send(new ScanCommand({ TableName: name }))
    expect(raw.Items?.every((i) => i.GSI1PK === `EMAIL#${i.email as string}`)).toBe(true)
  })

  it('refuses a capacity limit that is not a positive whole number, before connecting', async () => {
    for (const bad of ['0', '-3', '1.5', 'Infinity']) {
      const run = await sortkey(['migrate', model, `--max-wcu=${bad}`], 'never-created')
      expect(run.code).toBe(2)
      expect(run.stderr).toContain(`--max-wcu must be a whole number from 1 to`)
    }
  })
})
