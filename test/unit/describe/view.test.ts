import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { defineTable, renderView } from '../../../src/index.js'
import { compareKeyValues, identifyItems, layoutIndex, viewData } from '../../../src/describe/index.js'
import { table as gameTable } from '../../../examples/game-player/model.js'

type Json = Record<string, unknown>
const root = resolve(import.meta.dirname, '../../..')
const items = readFileSync(resolve(root, 'examples/game-player/data/battle-royale-items.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Json)
const viewItems = identifyItems(gameTable, items)
const at = (layout: ReturnType<typeof layoutIndex>, p: number) => (layout.partitions[p]?.items ?? []).map((n) => viewItems[n] as { entity: string; item: Json })

describe('layoutIndex: the items each index holds, by partition, in sort-key order', () => {
  it('identifies every item of the data set by key pattern', () => {
    const counts: Record<string, number> = {}
    for (const { entity } of viewItems) counts[entity ?? '?'] = (counts[entity ?? '?'] ?? 0) + 1
    expect(counts).toEqual({ User: 300, Game: 15, UserGameMapping: 520 })
  })

  it('groups the table by PK: a game first, then its players in username order', () => {
    const layout = layoutIndex(gameTable, 'primary', viewItems)
    expect(layout).toMatchObject({ name: 'primary', partitionKey: 'PK', sortKey: 'SK', count: 835 })
    expect(layout.partitions).toHaveLength(315)
    expect(layout.partitions[0]?.key).toBe('GAME#0ab37cf1-fc60-4d93-b72b-89335f759581')
    const game = at(layout, 0)
    expect(game[0]?.entity).toBe('Game')
    expect(game.slice(1).every((i) => i.entity === 'UserGameMapping')).toBe(true)
    const sks = game.map((i) => i.item.SK as string)
    expect(sks).toEqual([...sks].sort())
    expect(layout.partitions.at(-1)?.key).toMatch(/^USER#/)
  })

  it('leaves sparse items out: OpenGamesIndex holds the 9 open games by map, in open_timestamp order', () => {
    const layout = layoutIndex(gameTable, 'OpenGamesIndex', viewItems)
    expect(layout.count).toBe(9)
    expect(layout.partitions.map((p) => p.key)).toEqual(['Dirty Desert', 'Green Grasslands', 'Juicy Jungle', 'Urban Underground'])
    for (let p = 0; p < layout.partitions.length; p++) {
      const open = at(layout, p).map((i) => i.item.open_timestamp as string)
      expect(open).toEqual([...open].sort())
      expect(at(layout, p).every((i) => i.entity === 'Game' && i.item.map === layout.partitions[p]?.key)).toBe(true)
    }
  })

  it('swaps the keys for InvertedIndex: a user partition holds their games', () => {
    const layout = layoutIndex(gameTable, 'InvertedIndex', viewItems)
    expect(layout.count).toBe(835)
    const partition = layout.partitions.findIndex((p) => p.key === 'USER#jennifer32')
    const games = at(layout, partition)
    expect(games.length).toBeGreaterThan(1)
    expect(games.every((i) => i.entity === 'UserGameMapping')).toBe(true)
    expect(games.map((i) => i.item.PK)).toEqual(games.map((i) => i.item.PK).sort())
  })

  it('orders numbers by value and strings by code point, and skips items without a usable key', () => {
    expect([10, 9, 100].sort(compareKeyValues)).toEqual([9, 10, 100])
    expect(['b', 'a', '\u{1F600}', '\uFFFF'].sort(compareKeyValues)).toEqual(['a', 'b', '\uFFFF', '\u{1F600}'])
    expect(['a', 1].sort(compareKeyValues)).toEqual([1, 'a'])
    const raw = [{ PK: 'A', SK: 'x' }, { PK: '', SK: 'y' }, { PK: 'A' }, { PK: 'A', SK: 'w', map: 'm' }]
    const layout = layoutIndex(gameTable, 'primary', identifyItems(gameTable, raw))
    expect(layout.partitions).toEqual([{ key: 'A', items: [3, 0] }])
  })
})

describe('renderView', () => {
  it('is one self-contained page: inline style, script and data, and a policy that allows nothing else', () => {
    const html = renderView(gameTable, { items })
    expect(html.startsWith('<!doctype html>')).toBe(true)
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`)
    expect(html).not.toMatch(/<(script|img|link|iframe)[^>]*\s(src|href)=/i)
    expect(html).not.toMatch(/https?:\/\//)
    expect(html).not.toMatch(/@import|url\(/)
    expect(html.length).toBeLessThan(400_000)
  })

  it('embeds item values so that no value can end the script', () => {
    const table = defineTable({ name: 'tricky', partitionKey: 'PK', sortKey: 'SK' })
    table.entity('Note', { schema: z.object({ id: z.string(), text: z.string() }), key: { pk: 'N#{id}', sk: 'N' } })
    const text = '</script><script>alert(1)</script>\u2028'
    const html = renderView(table, { items: [{ PK: 'N#1', SK: 'N', _type: 'Note', id: '1', text }], title: 'A <b> title' })
    expect(html.match(/<\/script>/g)).toHaveLength(2)
    expect(html).toContain('<title>A &#60;b&#62; title — sortkey view</title>')
    const json = /<script type="application\/json" id="sortkey-data">([^<]*)<\/script>/.exec(html)?.[1] as string
    const data = JSON.parse(json) as { items: [number, Json][] }
    expect(data.items).toEqual([[0, { PK: 'N#1', SK: 'N', _type: 'Note', id: '1', text }]])
  })
})

describe('viewData', () => {
  it('lists every index with its entities, partitions and projection, and starts on the index asked for', () => {
    const data = viewData(gameTable, { items, index: 'OpenGamesIndex' })
    expect(data).toMatchObject({ table: 'battle-royale', title: 'battle-royale', patterns: false, initial: 1 })
    expect(data.entities.map((e) => e.name)).toEqual(['User', 'Game', 'UserGameMapping'])
    expect(new Set(data.entities.map((e) => e.color)).size).toBe(3)
    expect(data.indexes.map((i) => [i.name, i.label, i.pk, i.sk, i.count, i.partitions.length, i.projection])).toEqual([
      ['primary', 'Table', 'PK', 'SK', 835, 315, null],
      ['OpenGamesIndex', 'OpenGamesIndex', 'map', 'open_timestamp', 9, 4, null],
      ['InvertedIndex', 'InvertedIndex', 'SK', 'PK', 835, expect.any(Number), null],
    ])
    expect(data.indexes[1]?.entities).toEqual([{ entity: 1, pk: '{map}', sk: '{open_timestamp}', sparse: true, requires: ['open_timestamp'] }])
    expect(() => viewData(gameTable, { index: 'Nope' })).toThrow('table battle-royale has no index Nope (indexes: primary, OpenGamesIndex, InvertedIndex)')
  })

  it('without items, shows one row of key templates per entity in every index that holds it', () => {
    const data = viewData(gameTable)
    expect(data.patterns).toBe(true)
    expect(data.items).toEqual([
      [0, { PK: 'USER#{username}', SK: '#METADATA#{username}', username: '‹S›', name: '‹S›', email: '‹S›', address: '‹S›', birthdate: '‹S›' }],
      [1, expect.objectContaining({ PK: 'GAME#{game_id}', SK: '#METADATA#{game_id}', map: '{map}', open_timestamp: '{open_timestamp}', people: '‹N›', gold: '‹S?›' })],
      [2, { PK: 'GAME#{game_id}', SK: 'USER#{username}', game_id: '‹S›', username: '‹S›', place: '‹S?›' }],
    ])
    // Game and its players share the partition template, so they are one row group.
    expect(data.indexes[0]?.partitions).toEqual([[1, 2], [0]])
    expect(data.indexes[1]?.partitions).toEqual([[1]])
  })

  it('projects KEYS_ONLY and INCLUDE indexes to their attributes, and marks items no entity claims', () => {
    const table = defineTable({
      name: 'projected',
      partitionKey: 'PK',
      sortKey: 'SK',
      indexes: { Keys: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK', projection: 'KEYS_ONLY' }, Some: { partitionKey: 'kind', projection: { include: ['n'] } } },
    })
    table.entity('Thing', { schema: z.object({ id: z.string(), kind: z.string(), n: z.number() }), key: { pk: 'T#{id}', sk: 'T' }, indexes: { Keys: { pk: 'K#{kind}', sk: 'T#{id}' } } })
    const data = viewData(table, { items: [{ PK: 'T#1', SK: 'T', GSI1PK: 'K#a', GSI1SK: 'T#1', _type: 'Thing', id: '1', kind: 'a', n: 1 }, { PK: 'X', SK: 'Y' }] })
    expect(data.indexes.map((i) => i.projection)).toEqual([null, ['PK', 'SK', 'GSI1PK', 'GSI1SK'], ['PK', 'SK', 'kind', 'n']])
    expect(data.items.map(([entity]) => entity)).toEqual([0, -1])
    expect(data.indexes.map((i) => i.count)).toEqual([2, 1, 1])
  })
})

describe('items their entity refuses', () => {
  it('are kept, identified, and carry the reason into the page data; valid items carry none', () => {
    const game = items.find((i) => String(i.PK).startsWith('GAME#')) as Json
    const bad = { ...game, PK: 'GAME#bad', SK: '#METADATA#bad', game_id: 'bad', people: '~new~' }
    const viewed = identifyItems(gameTable, [game, bad, { PK: 'TEAM#1', SK: 'x' }])
    expect(viewed.map((v) => [v.entity, v.problem])).toEqual([
      ['Game', undefined],
      ['Game', 'people: Invalid input: expected number, received string'],
      [undefined, undefined],
    ])
    const data = viewData(gameTable, { items: [game, bad] })
    expect(data.invalid).toBe(1)
    expect(data.items.map((i) => i.length)).toEqual([2, 3])
    expect(data.items[1]?.[2]).toBe('people: Invalid input: expected number, received string')
  })
})
