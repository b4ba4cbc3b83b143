// `sortkey describe`, `check`, `export-workbench` and `view` as a user runs them: the command
// line from source through tsx (the bin is the same code, built), on the examples and on models
// written here. None of them connects to DynamoDB.
import { runProcess, type Run } from '../support/run-process.js'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')
const dataSet = '../shared/data/battle-royale-items.jsonl'
let scratch: string

function sortkey(args: string[]): Promise<Run> {
  const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }
  return runProcess(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, env })
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'sortkey-cli-describe-'))
})
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe('sortkey describe / check / export-workbench / view', () => {
  it('describe prints the access-pattern table, or the description as JSON', async () => {
    const [md, json] = await Promise.all([sortkey(['describe', 'examples/game-player/model.ts']), sortkey(['describe', 'examples/messaging/model.ts', '--json'])])
    expect(md).toMatchObject({ code: 0, stderr: '' })
    expect(md.stdout).toContain('| entity | index | partition key | sort key | sparse | query |\n| --- | --- | --- | --- | --- | --- |\n| User | table | PK = `USER#{username}` |')
    expect(md.stdout).toContain('| Game | OpenGamesIndex | map = `{map}` | open_timestamp = `{open_timestamp}` | yes: needs `open_timestamp` |')
    expect(json.code).toBe(0)
    const description = JSON.parse(json.stdout) as { name: string; indexes: { name: string; entities: { entity: string }[] }[] }
    expect(description.name).toBe('cruddur-messages')
    expect(description.indexes.map((i) => [i.name, i.entities.map((e) => e.entity)])).toEqual([
      ['primary', ['MessageGroup', 'Message']],
      ['message-group-sk-index', ['MessageGroup']],
    ])
  })

  it('check passes the examples and exits 1 on a model whose queries must filter', async () => {
    const ok = await sortkey(['check', 'examples/game-player/model.ts'])
    expect(ok).toMatchObject({ code: 0, stderr: '' })
    expect(ok.stdout.trim().split('\n').at(-1)).toBe("ok: no two key patterns can match the same stored key, and no query reads another entity's items")
    const model = join(scratch, 'filtering.ts')
    writeFileSync(
      model,
      `import { z } from ${JSON.stringify(resolve(root, 'node_modules/zod/index.js'))}\nimport { defineTable } from ${JSON.stringify(resolve(root, 'src/index.ts'))}\n` +
        `export const table = defineTable({ name: 'filtering', partitionKey: 'PK', sortKey: 'SK' })\n` +
        `const schema = z.object({ id: z.string(), at: z.string() })\n` +
        `table.entity('Order', { schema, key: { pk: 'CUST#{id}', sk: 'ORDER#{at}' } })\n` +
        `table.entity('Event', { schema, key: { pk: 'CUST#{id}', sk: '{at}' } })\n`,
    )
    const bad = await sortkey(['check', model])
    expect(bad.code).toBe(1)
    expect(bad.stdout.split('\n')).toEqual([
      'filtering: 2 entities on 1 index (table)',
      expect.stringMatching(/^filtering on the table: Event's sort key SK '\{at\}' has no literal prefix, so its queries on the table read whole partitions, and Order shares those partitions/),
      '1 problem found',
      '',
    ])
    const json = await sortkey(['check', model, '--json'])
    expect(json.code).toBe(1)
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, problems: [{ kind: 'filter', index: 'primary', entities: ['Event', 'Order'] }] })
  })

  it('export-workbench writes a Workbench model with the data set, or prints it', async () => {
    const out = join(scratch, 'battle-royale.json')
    const written = await sortkey(['export-workbench', 'examples/game-player/model.ts', '--data', dataSet, '--out', out, '--date', '2025-01-01'])
    expect(written).toMatchObject({ code: 0, stderr: '', stdout: `wrote ${out}: 3 facets (User, Game, UserGameMapping), 835 items: User 300, Game 15, UserGameMapping 520\n` })
    const text = readFileSync(out, 'utf8')
    const model = JSON.parse(text) as { ModelMetadata: { Version: string; DateCreated: string }; DataModel: { TableData: unknown[]; TableFacets: unknown[] }[] }
    expect(model.ModelMetadata).toMatchObject({ Version: '2.0', DateCreated: '2025-01-01T00:00:00.000Z' })
    expect(model.DataModel[0]?.TableData).toHaveLength(835)
    // One item a line keeps a big model readable.
    expect(text).toContain('\n        {"PK":{"S":"USER#lindsay56"},"SK":{"S":"#METADATA#lindsay56"},')
    const printed = await sortkey(['export-workbench', 'examples/bank-payments/model.ts', '--name', 'Bank'])
    expect(printed.code).toBe(0)
    expect(JSON.parse(printed.stdout)).toMatchObject({ ModelName: 'Bank', DataModel: [{ TableName: 'PaymentScheduler', TableData: [] }] })
    expect(await sortkey(['export-workbench', 'examples/bank-payments/model.ts', '--date', 'soon'])).toMatchObject({
      code: 2,
      stderr: 'sortkey export-workbench: --date must be an ISO date such as 2024-01-31 (got "soon")\n',
    })
  })

  it('view writes one page; bad lines in the data are reported by line, and an unknown index refused', async () => {
    const out = join(scratch, 'game.html')
    const viewed = await sortkey(['view', 'examples/game-player/model.ts', '--data', dataSet, '--out', out, '--index', 'InvertedIndex'])
    expect(viewed).toMatchObject({ code: 0, stderr: '', stdout: `wrote ${out}: 835 items: User 300, Game 15, UserGameMapping 520; views: table, OpenGamesIndex, InvertedIndex\n` })
    const html = readFileSync(out, 'utf8')
    expect(html).toContain('<title>battle-royale — sortkey view</title>')
    expect(html).toContain('"initial":2')

    const data = join(scratch, 'mixed.jsonl')
    writeFileSync(data, ['{"PK":"USER#a","SK":"#METADATA#a","username":"a"}', 'not json', '{"PK":"TEAM#1","SK":"x"}', ''].join('\n'))
    const mixed = await sortkey(['view', 'examples/game-player/model.ts', '--data', data, '--out', join(scratch, 'mixed.html')])
    expect(mixed.code).toBe(1)
    expect(mixed.stderr).toMatch(/^line 2: invalid JSON: .*\n1 item no entity of battle-royale claims\n$/)
    expect(mixed.stdout).toBe(`wrote ${join(scratch, 'mixed.html')}: 2 items: User 1, (no entity) 1; views: table, OpenGamesIndex, InvertedIndex\n`)

    expect(await sortkey(['view', 'examples/game-player/model.ts', '--index', 'Nope'])).toMatchObject({
      code: 2,
      stderr: 'sortkey view: table battle-royale has no index Nope (indexes: primary, OpenGamesIndex, InvertedIndex)\n',
    })
  })

  it('has help for each command, listed in the main help', async () => {
    const commands = ['describe', 'check', 'export-workbench', 'view']
    const [help, ...own] = await Promise.all([sortkey(['--help']), ...commands.map((command) => sortkey([command, '--help']))])
    commands.forEach((command, i) => {
      expect(help?.stdout).toContain(`  ${command} <model>`)
      expect(own[i]?.code).toBe(0)
      expect(own[i]?.stdout).toMatch(new RegExp(`^Usage: sortkey ${command} <model> \\[options\\]`))
    })
  })
})
