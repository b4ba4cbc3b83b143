// The built `sortkey` bin, end to end against the test DynamoDB Local: schema load, seeding the
// 835-item battle-royale data set, scan, drop; a seed file with bad lines; errors in one line.
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { uniqueTableName } from '../support/client.js'
import { runProcess, type Run } from '../support/run-process.js'
import { freePort } from '../support/local-dynamodb.js'

const root = resolve(import.meta.dirname, '../..')
const bin = resolve(root, (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: { sortkey: string } }).bin.sortkey)
const model = 'examples/game-player/model.ts'
const dataSet = '../shared/data/battle-royale-items.jsonl'
let scratch: string

/** Runs the built bin (through its shebang) from the repository root. */
function sortkey(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return runProcess(bin, args, { cwd: root, env: { ...process.env, ...env } })
}

beforeAll(() => {
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' })
  scratch = mkdtempSync(join(tmpdir(), 'sortkey-cli-'))
}, 120_000)

afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe('sortkey (built bin)', () => {
  it('schema load → seed the 835 items → scan shows 300 users, 15 games, 520 mappings → drop', async () => {
    const env = { GAME_TABLE: uniqueTableName('cli-game') }
    const load = await sortkey(['schema', 'load', model, '--endpoint', inject('dynamoEndpoint')], env)
    expect(load).toMatchObject({ code: 0, stdout: `created table ${env.GAME_TABLE} with OpenGamesIndex, InvertedIndex\n` })
    expect((await sortkey(['tables'])).stdout.split('\n')).toContain(env.GAME_TABLE)

    const seeded = await sortkey(['seed', model, dataSet], env)
    expect(seeded).toMatchObject({ code: 0, stderr: '', stdout: `seeded 835 items into ${env.GAME_TABLE}: User 300, Game 15, UserGameMapping 520\n` })

    const scan = await sortkey(['scan', model], env)
    expect(scan.code).toBe(0)
    const lines = scan.stdout.split('\n')
    expect(lines).toContain('User (300 items)')
    expect(lines).toContain('Game (15 items)')
    expect(lines).toContain('UserGameMapping (520 items)')
    expect(lines.at(-2)).toBe('835 items: User 300, Game 15, UserGameMapping 520')
    expect(lines[lines.indexOf('Game (15 items)') + 1]).toMatch(/^game_id\s+map\s+creator\s+create_time\s+people/)

    const json = await sortkey(['scan', model, '--entity', 'Game', '--json'], env)
    const games = json.stdout.trim().split('\n').map((l) => JSON.parse(l) as { entity: string; item: { people: number } })
    expect(games).toHaveLength(15)
    expect(games.every((g) => g.entity === 'Game' && typeof g.item.people === 'number')).toBe(true)
    expect(json.stderr).toBe('15 items: Game 15\n')
    const limited = await sortkey(['scan', model, '-n', '5'], env)
    expect(limited.stdout.trim().split('\n').at(-1)).toMatch(/^5 items: .* \(first 5; more remain\)$/)

    expect(await sortkey(['schema', 'drop', model], env)).toMatchObject({ code: 0, stdout: `dropped table ${env.GAME_TABLE}\n` })
    expect((await sortkey(['tables'])).stdout.split('\n')).not.toContain(env.GAME_TABLE)
    const gone = await sortkey(['scan', model], env)
    expect(gone).toMatchObject({ code: 1, stdout: '', stderr: `sortkey scan: table ${env.GAME_TABLE} does not exist at ${inject('dynamoEndpoint')} (sortkey schema load ${model} creates it)\n` })
  })

  it('seeds the good lines of a file with two bad ones, and reports the bad ones by line', async () => {
    const env = { GAME_TABLE: uniqueTableName('cli-bad') }
    const file = join(scratch, 'items.jsonl')
    const data = readFileSync(resolve(root, dataSet), 'utf8').split('\n').slice(0, 4)
    const badGame = { PK: 'GAME#bad', SK: '#METADATA#bad', game_id: 'bad', map: 'Green Grasslands', creator: 'x', create_time: '2019', people: 500 }
    writeFileSync(file, [data[0], JSON.stringify(badGame), data[1], '{"PK": "TEAM#1", "SK": "x"}', data[2], data[3], ''].join('\n'))
    expect((await sortkey(['schema', 'load', model], env)).code).toBe(0)
    const seeded = await sortkey(['seed', model, file], env)
    expect(seeded.code).toBe(1)
    expect(seeded.stdout).toBe(`seeded 4 items into ${env.GAME_TABLE}: User 4\n`)
    expect(seeded.stderr.split('\n')).toEqual([
      'line 2: Game: people: Too big: expected number to be <=50',
      'line 4: no entity matches PK "TEAM#1", SK "x"',
      '2 invalid items skipped',
      '',
    ])
    const dry = await sortkey(['seed', model, file, '--dry-run'], env)
    expect(dry).toMatchObject({ code: 1, stdout: `4 valid items for ${env.GAME_TABLE}: User 4 (dry run: nothing written)\n` })
    const scan = await sortkey(['scan', model, '--json'], env)
    const stored = scan.stdout.trim().split('\n').map((l) => JSON.parse(l) as { entity: string; item: { username: string } })
    expect(stored.map((s) => s.entity)).toEqual(['User', 'User', 'User', 'User'])
    expect(new Set(stored.map((s) => s.item.username))).toEqual(new Set(data.map((l) => (JSON.parse(l as string) as { username: string }).username)))
    expect((await sortkey(['schema', 'drop', model], env)).code).toBe(0)
  })

  it('prints help for every command and reports mistakes in one line with a non-zero exit code', async () => {
    const help = await sortkey(['--help'])
    expect(help.code).toBe(0)
    for (const command of ['local', 'schema load', 'schema drop', 'schema print', 'tables', 'seed', 'scan']) {
      expect(help.stdout).toContain(`  ${command}`)
      const own = await sortkey([...command.split(' '), '--help'])
      expect(own.code).toBe(0)
      expect(own.stdout).toMatch(new RegExp(`^Usage: sortkey ${command}`))
    }
    expect(await sortkey(['scan', model, '--bogus'])).toMatchObject({ code: 2, stderr: 'sortkey scan: unknown option --bogus (see sortkey scan --help)\n' })
    expect(await sortkey(['frobnicate'])).toMatchObject({ code: 2, stderr: 'sortkey: unknown command frobnicate (see sortkey --help)\n' })
    expect(await sortkey(['scan', 'no-such-model.ts'])).toMatchObject({ code: 1, stderr: 'sortkey scan: model file no-such-model.ts not found\n' })
    const several = join(scratch, 'two-tables.ts')
    writeFileSync(
      several,
      `import { defineTable } from ${JSON.stringify(resolve(root, 'src/index.ts'))}\n` +
        `export const a = defineTable({ name: 'table-a', partitionKey: 'PK' })\nexport const b = defineTable({ name: 'table-b', partitionKey: 'PK' })\n`,
    )
    expect(await sortkey(['schema', 'print', several])).toMatchObject({ code: 1, stderr: `sortkey schema print: ${several} exports several tables (a = table-a, b = table-b): choose one with --table <name>\n` })
    const printed = await sortkey(['schema', 'print', several, '--table', 'b'])
    expect(JSON.parse(printed.stdout)).toEqual({ CreateTable: { TableName: 'table-b', AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' } })
    const refused = await sortkey(['tables', '--endpoint', 'http://127.0.0.1:9'])
    expect(refused).toMatchObject({ code: 1, stderr: 'sortkey tables: cannot reach DynamoDB at http://127.0.0.1:9 (ECONNREFUSED): is it running? (sortkey local starts one)\n' })
  })

  it('local starts DynamoDB Local on the port asked, which the other commands reach, and stops it on Ctrl-C', async () => {
    const port = await freePort()
    const child = spawn(bin, ['local', '--port', String(port)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const closed = new Promise<number | null>((done) => child.on('close', done))
    await new Promise<void>((ready, fail) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString()
        if (stdout.includes('Ctrl-C to stop.')) ready()
      })
      void closed.then(() => fail(new Error(`sortkey local exited: ${stderr}`)))
    })
    const endpoint = `http://127.0.0.1:${port}`
    expect(stdout).toBe(`DynamoDB Local at ${endpoint} (in memory)\n  export AWS_ENDPOINT_URL=${endpoint}\nCtrl-C to stop.\n`)
    expect(await sortkey(['tables', '--endpoint', endpoint])).toMatchObject({ code: 0, stdout: '', stderr: 'no tables\n' })
    child.kill('SIGINT')
    expect(await closed).toBe(0)
    expect(stderr).toBe('DynamoDB Local stopped.\n')
    expect((await sortkey(['tables', '--endpoint', endpoint])).stderr).toMatch(/ECONNREFUSED/)
  })
})
