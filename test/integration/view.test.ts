// The view page in a real browser (Debian's chromium, headless, through playwright-core): the
// game-player model with its 835 items, one page load, switching index and reading what is shown.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderView } from '../../src/index.js'
import { table } from '../../examples/game-player/model.js'
import { hasChromium, launchChromium } from '../support/chromium.js'

const root = resolve(import.meta.dirname, '../..')
const items = readFileSync(resolve(root, 'examples/game-player/data/battle-royale-items.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>)

// CI installs chromium (.ci/run); elsewhere the test is skipped when there is none.
describe.skipIf(!hasChromium() && !process.env.CI)('sortkey view in headless Chromium', () => {
  let browser: Browser
  let page: Page
  let scratch: string
  const requests: string[] = []
  const errors: string[] = []

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'sortkey-view-'))
    const file = join(scratch, 'battle-royale.html')
    writeFileSync(file, renderView(table, { items }))
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    page.on('request', (request) => requests.push(request.url()))
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('console', (message) => void (message.type() === 'error' && errors.push(message.text())))
    await page.goto(pathToFileURL(file).href)
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    rmSync(scratch, { recursive: true, force: true })
  })

  const texts = (selector: string) => page.$$eval(selector, (nodes) => nodes.map((n) => n.textContent ?? ''))
  const attrs = (selector: string, name: string) => page.$$eval(selector, (nodes, a) => nodes.map((n) => n.getAttribute(a) ?? ''), name)
  /** The sort keys shown in each partition, by partition key. */
  const sortKeys = () =>
    page.$$eval('tbody.partition', (bodies) => bodies.map((b) => [b.getAttribute('data-partition'), [...b.querySelectorAll('td.sk')].map((td) => td.textContent)] as const))

  it('opens on the table: 835 items in 315 partitions, a legend per entity, a game before its players', async () => {
    expect(await attrs('#tabs button', 'data-index')).toEqual(['primary', 'OpenGamesIndex', 'InvertedIndex'])
    expect(await attrs('#tabs button', 'aria-selected')).toEqual(['true', 'false', 'false'])
    expect(await page.textContent('#summary')).toContain('835 items in 315 partitions')
    expect(await attrs('#legend li', 'data-entity')).toEqual(['User', 'Game', 'UserGameMapping'])
    expect(await attrs('#legend li', 'data-count')).toEqual(['300', '15', '520'])
    expect(await page.locator('tbody.partition').count()).toBe(315)
    const first = page.locator('tbody.partition').first()
    expect(await first.getAttribute('data-partition')).toBe('GAME#0ab37cf1-fc60-4d93-b72b-89335f759581')
    expect(await first.locator('tr.item').first().getAttribute('data-entity')).toBe('Game')
    // A long partition shows its first ten items and a row to show the rest.
    expect(await first.locator('tr.item').count()).toBe(10)
    await first.locator('button.more').click()
    const expanded = page.locator('tbody.partition').first()
    expect(await expanded.locator('tr.item').count()).toBe(35)
    expect(await expanded.locator('tr.item[data-entity="UserGameMapping"]').count()).toBe(34)
  })

  it('switches to the sparse OpenGamesIndex: only the 9 open games, by map, in open_timestamp order', async () => {
    await page.click('#tabs button[data-index="OpenGamesIndex"]')
    expect(await attrs('#tabs button', 'aria-selected')).toEqual(['false', 'true', 'false'])
    expect(new URL(page.url()).hash).toBe('#OpenGamesIndex')
    expect(await page.textContent('#summary')).toContain('9 of 835 items in 4 partitions')
    expect(await page.textContent('#summary')).toContain('Sparse: items without open_timestamp (Game) are not in it.')
    expect(await attrs('tr.item', 'data-entity')).toEqual(Array(9).fill('Game'))
    expect(await attrs('#legend li', 'data-count')).toEqual(['0', '9', '0'])
    expect(await attrs('#legend li', 'class')).toEqual(['absent', '', 'absent'])
    const partitions = await sortKeys()
    expect(partitions.map(([key]) => key)).toEqual(['Dirty Desert', 'Green Grasslands', 'Juicy Jungle', 'Urban Underground'])
    for (const [, keys] of partitions) expect(keys).toEqual([...keys].sort())
    expect(await texts('#grid thead th')).toEqual(['map (partition key)', 'open_timestamp (sort key)', 'Attributes'])
  })

  it("switches to InvertedIndex and filters to one user's partition: their games, in PK order", async () => {
    await page.click('#tabs button[data-index="InvertedIndex"]')
    expect(await page.textContent('#summary')).toContain('835 items in')
    await page.fill('#filter', 'USER#jennifer32')
    const partitions = await sortKeys()
    expect(partitions.map(([key]) => key)).toEqual(['USER#jennifer32'])
    const games = partitions[0]?.[1] ?? []
    expect(games.length).toBeGreaterThan(1)
    expect(games.every((k) => k?.startsWith('GAME#'))).toBe(true)
    expect(games).toEqual([...games].sort())
    expect(new Set(await attrs('tr.item', 'data-entity'))).toEqual(new Set(['UserGameMapping']))
    expect(await page.textContent('#shown')).toMatch(/^showing 1 partition of \d+$/)
  })

  it('made no request but for the page itself, and no script error', () => {
    expect(requests).toEqual([expect.stringMatching(/^file:\/\/.*battle-royale\.html$/)])
    expect(errors).toEqual([])
  })
})
