// The examples' READMEs show what `sortkey describe` and `check` print, and their folders hold the
// `export-workbench` output: both must be current (regenerate with `npx tsx examples/outputs.ts`).
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkTable, describeMarkdown, describeTable, exportWorkbench } from '../../../src/index.js'
import { checkText } from '../../../src/describe/index.js'
import { BEGIN, END, EXAMPLES, WORKBENCH_DATE } from '../../../examples/outputs.js'
import type { Table } from '../../../src/table/table.js'

const root = resolve(import.meta.dirname, '../../..')
const read = (file: string) => readFileSync(resolve(root, file), 'utf8')

describe.each(EXAMPLES)('examples/$name', (example) => {
  const load = async () => ((await import(`../../../examples/${example.name}/model.ts`)) as { table: Table }).table

  it('README shows the current describe and check output', async () => {
    const table = await load()
    const readme = read(`examples/${example.name}/README.md`)
    const section = readme.slice(readme.indexOf(BEGIN), readme.indexOf(END))
    expect(section.length).toBeGreaterThan(BEGIN.length)
    expect(section).toContain(describeMarkdown(describeTable(table)))
    expect(section).toContain(['```text', ...checkText(checkTable(table)), '```'].join('\n'))
    expect(section).toContain(`](../../docs/${example.name}-view.png)`)
  })

  it('workbench.json is the current export of the model and its data', async () => {
    const table = await load()
    const items = read(example.data).split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, unknown>)
    const committed = JSON.parse(read(`examples/${example.name}/workbench.json`)) as unknown
    expect(committed).toEqual(JSON.parse(JSON.stringify(exportWorkbench(table, { items, date: new Date(WORKBENCH_DATE) }))))
  })
})
