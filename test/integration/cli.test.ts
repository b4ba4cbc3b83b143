// The built `sortkey` bin, end to end against the test DynamoDB Local: schema load, seeding the
// 835-item battle-royale data set, scan, drop; a seed file with bad lines; errors in one line.
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { uniqueTableName } from '../support/client.js'
import { hasChromium, launchChromium } from '../support/chromium.js'
import { runProcess, type Run } from '../support/run-process.js'
import { freePort } from '../support/local-dynamodb.js'

const root = resolve(import.meta.dirname, '../..')
const bin = resolve(root, (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: { sortkey: string } }).bin.sortkey)
const model = 'examples/game-player/model.ts'
const dataSet = 'examples/game-player/data/battle-royale-items.jsonl'
let scratch: string

/** Runs the built bin (through its shebang) from the repository root. */
function sortkey(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return runProcess(bin, args, { cwd: root, env: { ...process.env, ...env } })
}

/** `sortkey local ...args`, once it printed its banner; stop() sends Ctrl-C and resolves with the exit code. */
async function startLocal(args: string[]): Promise<{ stdout: string; stderr(): string; stop(): Promise<number | null> }> {
  const child = spawn(bin, ['local', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
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
  return {
    stdout,
    stderr: () => stderr,
    stop: () => {
      child.kill('SIGINT')
      return closed
    },
  }
}

beforeAll(() => {
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' })
  scratch = mkdtempSync(join(tmpdir(), 'sortkey-cli-'))
}, 300_000)

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

  it('every data format sortkey writes, and DynamoDB JSON, is read by every command that reads data', async () => {
    // messaging: ISO dates (a codec) and key-only fields, so application form and stored form differ
    const messaging = 'examples/messaging/model.ts'
    const env = { MESSAGES_TABLE: uniqueTableName('cli-formats') }
    const endpoint = inject('dynamoEndpoint')
    expect((await sortkey(['schema', 'load', messaging, '--endpoint', endpoint], env)).code).toBe(0)
    const seeded = await sortkey(['seed', messaging, 'examples/messaging/data.jsonl', '--endpoint', endpoint], env)
    expect(seeded.code).toBe(0)
    const summary = (/: (.*)\n$/.exec(seeded.stdout) as RegExpExecArray)[1] as string // `Message 25, MessageGroup 6`
    const count = Number(/^seeded (\d+) items/.exec(seeded.stdout)?.[1])
    expect(count).toBe(31)

    // written by sortkey
    const files: Record<string, string> = {}
    files['scan --json'] = join(scratch, 'scan.jsonl')
    writeFileSync(files['scan --json'], (await sortkey(['scan', messaging, '--json', '--endpoint', endpoint], env)).stdout)
    files['export-workbench'] = join(scratch, 'workbench.json')
    expect((await sortkey(['export-workbench', messaging, '--data', 'examples/messaging/data.jsonl', '--out', files['export-workbench']], env)).code).toBe(0)
    // written by DynamoDB: aws dynamodb scan's output, and an export to S3 (one {"Item": ...} a line)
    const raw = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } })
    const { Items = [] } = await raw.send(new ScanCommand({ TableName: env.MESSAGES_TABLE }))
    raw.destroy()
    expect(Items).toHaveLength(31)
    files['aws dynamodb scan'] = join(scratch, 'aws-scan.json')
    writeFileSync(files['aws dynamodb scan'], JSON.stringify({ Items, Count: Items.length, ScannedCount: Items.length, ConsumedCapacity: null }, null, 4))
    files['export to S3'] = join(scratch, 'export.json')
    writeFileSync(files['export to S3'], Items.map((Item) => JSON.stringify({ Item })).join('\n'))

    // attribute order aside (DynamoDB returns its own)
    const canonical = (item: Record<string, unknown>) => JSON.stringify(Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : 1))))
    const tableData = (file: string) =>
      ((JSON.parse(readFileSync(file, 'utf8')) as { DataModel: { TableData: Record<string, unknown>[] }[] }).DataModel[0]?.TableData ?? []).map(canonical).sort()
    const expected = tableData(files['export-workbench'])
    for (const [format, file] of Object.entries(files)) {
      const [dry, view, workbench] = await Promise.all([
        sortkey(['seed', messaging, file, '--dry-run', '--endpoint', endpoint], env),
        sortkey(['view', messaging, '--data', file, '--out', `${file}.html`], env),
        sortkey(['export-workbench', messaging, '--data', file, '--out', `${file}.workbench.json`], env),
      ])
      expect({ format, ...dry }).toEqual({ format, code: 0, stdout: `31 valid items for ${env.MESSAGES_TABLE}: ${summary} (dry run: nothing written)\n`, stderr: '' })
      expect({ format, code: view.code, stderr: view.stderr }).toEqual({ format, code: 0, stderr: '' })
      expect(view.stdout).toContain(`: 31 items: ${summary};`)
      expect({ format, code: workbench.code }).toEqual({ format, code: 0 })
      expect(tableData(`${file}.workbench.json`)).toEqual(expected)
    }

    // scan --json, seeded into another table, scans the same
    const copy = { MESSAGES_TABLE: uniqueTableName('cli-formats-copy') }
    expect((await sortkey(['schema', 'load', messaging, '--endpoint', endpoint], copy)).code).toBe(0)
    expect(await sortkey(['seed', messaging, files['scan --json'], '--endpoint', endpoint], copy)).toMatchObject({ code: 0, stderr: '' })
    const lines = (text: string) => text.trim().split('\n').sort()
    expect(lines((await sortkey(['scan', messaging, '--json', '--endpoint', endpoint], copy)).stdout)).toEqual(lines(readFileSync(files['scan --json'], 'utf8')))
  }, 240_000)

  it('view --live shows the table as stored, and marks (with the reason) the items their entity refuses', async () => {
    const cart = 'examples/retail-cart/model.ts'
    const env = { CART_TABLE: uniqueTableName('cli-live') }
    const endpoint = inject('dynamoEndpoint')
    expect((await sortkey(['schema', 'load', cart, '--endpoint', endpoint], env)).code).toBe(0)
    expect((await sortkey(['seed', cart, 'examples/retail-cart/data.jsonl', '--endpoint', endpoint], env)).code).toBe(0)
    // another program wrote a line the model refuses
    const bad = { CustomerID: 'Zed', 'Status#Date': 'ACTIVE#2019-10-08T21:11:42.000Z', Status: 'ACTIVE', ItemSKU: 'zz1', Price: '~new~', Count: 1 }
    const raw = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }))
    await raw.send(new PutCommand({ TableName: env.CART_TABLE, Item: bad }))
    raw.destroy()

    const page = join(scratch, 'live.html')
    const live = await sortkey(['view', cart, '--live', '--endpoint', endpoint, '--out', page], env)
    expect(live).toEqual({
      code: 0,
      stdout: `wrote ${page}: 10 items: CartItem 10 (1 invalid, marked) from table ${env.CART_TABLE}; views: table, GSI-SKU, OrdersBySKU\n`,
      stderr: 'CustomerID "Zed", Status#Date "ACTIVE#2019-10-08T21:11:42.000Z": invalid CartItem: Price: Invalid input: expected number, received string\n',
    })
    const limited = await sortkey(['view', cart, '--live', '-n', '4', '--endpoint', endpoint, '--out', join(scratch, 'four.html')], env)
    expect(limited.stdout).toMatch(/: 4 items: CartItem 4 (\(1 invalid, marked\) )?from table \S+ \(first 4; more remain\);/)
    expect(await sortkey(['view', cart, '--live', '--data', 'x.jsonl'], env)).toMatchObject({ code: 2, stderr: 'sortkey view: give --data or --live, not both\n' })
    expect(await sortkey(['view', cart, '-n', '3'], env)).toMatchObject({ code: 2, stderr: 'sortkey view: --limit goes with --live\n' })

    if (!hasChromium() && !process.env.CI) return
    const browser = await launchChromium()
    try {
      const tab = await browser.newPage()
      await tab.goto(pathToFileURL(page).href)
      expect(await tab.textContent('#summary')).toContain('Invalid items: 1 (marked, with the reason).')
      const rows = tab.locator('tr.item.invalid')
      expect(await rows.count()).toBe(1)
      expect(await rows.locator('td.sk').textContent()).toBe('\u26a0 ACTIVE#2019-10-08T21:11:42.000Z')
      expect(await rows.locator('.invalid-mark').getAttribute('title')).toBe('Price: Invalid input: expected number, received string')
      expect(await tab.locator('tr.problem td').textContent()).toBe('invalid CartItem: Price: Invalid input: expected number, received string')
      expect(await tab.locator('tbody.partition[data-partition="Zed"] tr.item td').allTextContents()).toContain('~new~')
      expect(await tab.locator('tr.item:not(.invalid)').count()).toBe(9)
    } finally {
      await browser.close()
    }
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
    const local = await startLocal(['--port', String(port)])
    const endpoint = `http://127.0.0.1:${port}`
    expect(local.stdout).toBe(`DynamoDB Local at ${endpoint} (in memory)\n  export AWS_ENDPOINT_URL=${endpoint}\nCtrl-C to stop.\n`)
    expect(await sortkey(['tables', '--endpoint', endpoint])).toMatchObject({ code: 0, stdout: '', stderr: 'no tables\n' })
    expect(await local.stop()).toBe(0)
    expect(local.stderr()).toBe('DynamoDB Local stopped.\n')
    expect((await sortkey(['tables', '--endpoint', endpoint])).stderr).toMatch(/ECONNREFUSED/)
  }, 180_000)

  it('local refuses a port already in use before printing anything', async () => {
    const taken = new URL(inject('dynamoEndpoint')).port
    const run = await sortkey(['local', '--port', taken])
    expect(run).toEqual({ code: 1, stdout: '', stderr: `sortkey local: port ${taken} is already in use (another DynamoDB Local?): choose another with --port\n` })
  })

  it('local --path keeps tables and items in a folder across restarts; without it nothing survives', async () => {
    const folder = join(scratch, 'local-data')
    const port = await freePort()
    const endpoint = `http://127.0.0.1:${port}`
    const env = { GAME_TABLE: 'kept-games' }
    let local = await startLocal(['--port', String(port), '--path', folder])
    expect(local.stdout).toContain(`(data in ${folder})`)
    expect((await sortkey(['schema', 'load', model, '--endpoint', endpoint], env)).code).toBe(0)
    const three = join(scratch, 'three.jsonl')
    writeFileSync(three, readFileSync(resolve(root, dataSet), 'utf8').split('\n').slice(0, 3).join('\n'))
    expect((await sortkey(['seed', model, three, '--endpoint', endpoint], env)).code).toBe(0)
    expect(await local.stop()).toBe(0)

    local = await startLocal(['--port', String(port), '--path', folder])
    expect((await sortkey(['tables', '--endpoint', endpoint])).stdout).toBe('kept-games\n')
    expect((await sortkey(['scan', model, '--json', '--endpoint', endpoint], env)).stdout.trim().split('\n')).toHaveLength(3)
    expect(await local.stop()).toBe(0)

    local = await startLocal(['--port', String(port)])
    expect((await sortkey(['tables', '--endpoint', endpoint])).stderr).toBe('no tables\n')
    expect(await local.stop()).toBe(0)
  }, 300_000) // three starts of Java
})

describe('sortkey/testing from the built package', () => {
  it("runs examples/testing's jest tests: jest's global setup and teardown, ts-jest, require('sortkey/testing')", async () => {
    const jest = resolve(root, 'node_modules/jest/bin/jest.js')
    // The run's DynamoDB Local is not handed down: jest's global setup starts (and stops) its own.
    const run = await runProcess(process.execPath, [jest, '-c', 'examples/testing/jest.config.cjs', '--ci'], { cwd: root, env: { ...process.env, SORTKEY_TEST_ENDPOINT: '' } })
    expect(run.stderr).toMatch(/Tests:\s+2 passed, 2 total/)
    expect(run.code).toBe(0)
  }, 180_000)
})
