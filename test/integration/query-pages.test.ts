// Pagination against DynamoDB Local: pages with limit and filter, take(n), cursors and their
// tampering, and parallel scans that return every item exactly once.
import { describe, it, expect, beforeAll } from 'vitest'
import { z } from 'zod'
import { PutCommand } from '@aws-sdk/lib-dynamodb'
import { CursorError, defineTable, ValidationError, type CommandSender, type Page, createTable, queryTable, scanTable, lt } from '../../src/index.js'
import { localClient, uniqueTableName } from '../support/client.js'

const client = localClient()

function recorder() {
  const inputs: Record<string, unknown>[] = []
  const sender: CommandSender = {
    async send(command: unknown) {
      inputs.push((command as { input: Record<string, unknown> }).input)
      return client.send(command as never)
    },
  }
  return { sender, inputs }
}

const table = defineTable({
  name: uniqueTableName('pages'),
  partitionKey: 'PK',
  sortKey: 'SK',
  indexes: { GSI1: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK' } },
  client,
})

const Reading = table.entity('Reading', {
  schema: z.object({ sensor: z.string(), n: z.number().int(), value: z.number().int() }),
  key: { pk: 'SENSOR#{sensor}', sk: 'READING#{n:4}' },
  indexes: { GSI1: { pk: 'VALUE#{value:1}', sk: 'READING#{sensor}#{n:4}' } },
})

const Sensor = table.entity('Sensor', {
  schema: z.object({ sensor: z.string(), label: z.string() }),
  key: { pk: 'SENSOR#{sensor}', sk: '#META' },
})

const Event = table.entity('Event', {
  schema: z.object({ id: z.number().int(), kind: z.string() }),
  key: { pk: 'EVENT#{id:5}', sk: 'EVENT' },
})

const READINGS = 40
// value: n mod 5, so a filter value = 0 matches n = 0, 5, 10, ... (8 of 40)
const EVENTS = 120

const ns = (page: { items: { n: number }[] }) => page.items.map((r) => r.n)

beforeAll(async () => {
  await createTable(table)
  const puts: PromiseLike<unknown>[] = [Sensor.put({ sensor: 's1', label: 'roof' })]
  for (let n = 0; n < READINGS; n++) puts.push(Reading.put({ sensor: 's1', n, value: n % 5 }))
  for (let n = 0; n < 3; n++) puts.push(Reading.put({ sensor: 's2', n, value: 0 }))
  for (let id = 0; id < EVENTS; id++) puts.push(Event.put({ id, kind: id % 3 === 0 ? 'click' : 'view' }))
  await Promise.all(puts)
})

describe('pages with limit and filter', () => {
  const matching = [0, 5, 10, 15, 20, 25, 30, 35]

  it('Limit counts items evaluated, so filtered pages come back short (even empty) while more remain', async () => {
    const q = Reading.query.primary({ sensor: 's1' }).where({ value: 0 }).limit(4)
    const pages: Page<{ n: number }>[] = []
    for await (const page of q.pages()) pages.push(page)
    // 40 readings, 4 evaluated per request: n = 16..19 and 36..39 hold no match; the last
    // full page still has a LastEvaluatedKey, so one more (empty) request ends the read.
    expect(pages.map((p) => ns(p))).toEqual([[0], [5], [10], [15], [], [20], [25], [30], [35], [], []])
    expect(pages.slice(0, -1).every((p) => typeof p.cursor === 'string')).toBe(true)
    expect(pages.at(-1)?.cursor).toBeUndefined()
  })

  it('each cursor continues exactly where its page stopped', async () => {
    const q = Reading.query.primary({ sensor: 's1' }).where({ value: 0 }).limit(7)
    const seen: number[] = []
    let cursor: string | undefined
    let requests = 0
    do {
      const page = await q.startAfter(cursor)
      seen.push(...ns(page))
      cursor = page.cursor
      requests++
    } while (cursor !== undefined)
    expect(seen).toEqual(matching)
    expect(requests).toBe(6) // 40 items, 7 per request
  })

  it('all() reads every page; maxPages stops early with a cursor to continue from', async () => {
    const q = Reading.query.primary({ sensor: 's1' }).where({ value: 0 }).limit(7)
    expect(ns(await q.all())).toEqual(matching)
    const first = await q.all({ maxPages: 2 })
    expect(ns(first)).toEqual([0, 5, 10])
    expect(first.cursor).toEqual(expect.any(String))
    const rest = await q.startAfter(first.cursor).all()
    expect(ns(rest)).toEqual([15, 20, 25, 30, 35])
    expect(rest.cursor).toBeUndefined()
  })

  it('take(n) returns n matching items across pages, and its cursor neither skips nor repeats', async () => {
    const q = Reading.query.primary({ sensor: 's1' }).where({ value: 0 })
    const first = await q.take(3)
    expect(ns(first)).toEqual([0, 5, 10])
    const second = await q.startAfter(first.cursor).take(3)
    expect(ns(second)).toEqual([15, 20, 25])
    const third = await q.startAfter(second.cursor).take(3)
    expect(ns(third)).toEqual([30, 35])
    expect(third.cursor).toBeUndefined()
  })

  it('take(n) cuts a page that holds more than n, resuming right after the last item returned', async () => {
    const { sender, inputs } = recorder()
    const q = Reading.withClient(sender).query.primary({ sensor: 's1' }).where({ value: lt(3) }).limit(20)
    const first = await q.take(4)
    expect(ns(first)).toEqual([0, 1, 2, 5])
    expect(inputs).toHaveLength(1)
    const second = await q.startAfter(first.cursor).take(4)
    expect(ns(second)).toEqual([6, 7, 10, 11])
  })

  it('take(n) is bounded by maxPages', async () => {
    const page = await Reading.query.primary({ sensor: 's1' }).where({ value: 0 }).limit(2).take(5, { maxPages: 3 })
    expect(ns(page)).toEqual([0, 5]) // three requests of two read n = 0..5
    expect(page.cursor).toEqual(expect.any(String))
    expect(ns(await Reading.query.primary({ sensor: 's1' }).where({ value: 0 }).limit(2).startAfter(page.cursor).take(1))).toEqual([10])
  })

  it('reverse pages with cursors', async () => {
    const q = Reading.query.primary({ sensor: 's1' }).reverse().limit(15)
    const first = await q
    const second = await q.startAfter(first.cursor)
    expect(ns(first)).toEqual(Array.from({ length: 15 }, (_, i) => 39 - i))
    expect(ns(second)).toEqual(Array.from({ length: 15 }, (_, i) => 24 - i))
  })

  it('index queries page with the index keys in the cursor', async () => {
    const q = Reading.query.GSI1({ value: 0 }).limit(3)
    const seen: string[] = []
    for await (const page of q.pages()) seen.push(...page.items.map((r) => `${r.sensor}:${r.n}`))
    expect(seen).toEqual(['s1:0', 's1:5', 's1:10', 's1:15', 's1:20', 's1:25', 's1:30', 's1:35', 's2:0', 's2:1', 's2:2'])
  })
})

describe('cursors', () => {
  const decode = (cursor: string) => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>
  const encode = (body: unknown) => Buffer.from(JSON.stringify(body), 'utf8').toString('base64url')

  it('are URL-safe and hold the last evaluated key', async () => {
    const page = await Reading.query.primary({ sensor: 's1' }).limit(2)
    expect(page.cursor).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(decode(page.cursor as string)).toMatchObject({ k: { PK: 'SENSOR#s1', SK: 'READING#0001' } })
  })

  it('made by another read are refused with CursorError before anything is sent', async () => {
    const page = await Reading.query.primary({ sensor: 's1' }).limit(2)
    const cursor = page.cursor as string
    const { sender, inputs } = recorder()
    const BoundReading = Reading.withClient(sender)
    const BoundSensor = Sensor.withClient(sender)
    const refused = [
      BoundReading.query.primary({ sensor: 's2' }).startAfter(cursor), // another partition
      BoundReading.query.GSI1({ value: 0 }).startAfter(cursor), // another index
      BoundSensor.query.primary({ sensor: 's1' }).startAfter(cursor), // another entity
      BoundReading.scan().startAfter(cursor), // a scan
      BoundReading.scan({ segments: 2 }).startAfter((await Reading.scan().limit(1)).cursor), // other segment count
      queryTable(table.withClient(sender)).primary({ PK: 'SENSOR#s1' }).startAfter(cursor), // a table read
    ]
    for (const q of refused) await expect(q.then()).rejects.toBeInstanceOf(CursorError)
    expect(() => BoundReading.query.primary({ sensor: 's2' }).startAfter(cursor).params()).toThrow(CursorError)
    expect(inputs).toEqual([])
  })

  it('that are malformed or tampered with are refused', async () => {
    const page = await Reading.query.primary({ sensor: 's1' }).limit(2)
    const body = decode(page.cursor as string)
    const k = body.k as Record<string, unknown>
    const { sender, inputs } = recorder()
    const q = Reading.withClient(sender).query.primary({ sensor: 's1' })
    const bad = [
      'not a cursor!',
      'AAAA',
      encode('just a string'),
      encode({ ...body, q: 'zzz' }), // fingerprint of another read
      encode({ ...body, k: { ...k, PK: 'SENSOR#s2' } }), // key moved to another partition
      encode({ ...body, k: { PK: k.PK } }), // key attributes missing
      encode({ ...body, k: { ...k, GSI1PK: 'x' } }), // extra attribute
      encode({ ...body, k: { ...k, SK: { S: 'x' } } }), // not a key value
      encode({ q: body.q }), // no key at all
      (page.cursor as string).slice(0, -3),
    ]
    for (const cursor of bad) {
      const error = await q.startAfter(cursor).then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(error, cursor).toBeInstanceOf(CursorError)
      expect((error as CursorError).code).toBe('CURSOR')
    }
    expect(inputs).toEqual([])
  })

  it('undefined starts from the beginning', async () => {
    expect(ns(await Reading.query.primary({ sensor: 's1' }).limit(2).startAfter(undefined))).toEqual([0, 1])
  })
})

describe('scans', () => {
  it('Entity.scan() returns only that entity, filtered server-side', async () => {
    const q = Sensor.scan()
    expect(q.params()).toMatchObject({ FilterExpression: '#n0 = :v0', ExpressionAttributeValues: { ':v0': 'Sensor' } })
    const all = await q.all()
    expect(all.items).toEqual([{ sensor: 's1', label: 'roof' }])
    expect(await Event.scan().where({ kind: 'click' }).count()).toBe(EVENTS / 3)
  })

  it('a 4-segment parallel scan returns every item exactly once', async () => {
    const { sender, inputs } = recorder()
    const q = Event.withClient(sender).scan({ segments: 4 })
    const page = await q.all()
    expect(page.items.map((e) => e.id).sort((a, b) => a - b)).toEqual(Array.from({ length: EVENTS }, (_, i) => i))
    expect(page.cursor).toBeUndefined()
    expect(inputs.map((i) => [i.Segment, i.TotalSegments]).sort()).toEqual([
      [0, 4],
      [1, 4],
      [2, 4],
      [3, 4],
    ])
  })

  it('parallel scan pages carry a combined cursor; resuming reads the rest exactly once', async () => {
    const q = Event.scan({ segments: 4 }).limit(10)
    const first = await q.all({ maxPages: 1 })
    expect(first.items.length).toBeGreaterThan(0)
    expect(first.cursor).toEqual(expect.any(String))
    const rest = await q.startAfter(first.cursor).all()
    const ids = [...first.items, ...rest.items].map((e) => e.id).sort((a, b) => a - b)
    expect(ids).toEqual(Array.from({ length: EVENTS }, (_, i) => i))
  })

  it('parallel take(n) in steps returns every item exactly once', async () => {
    const q = Event.scan({ segments: 4 }).limit(9)
    const seen: number[] = []
    let cursor: string | undefined
    let steps = 0
    do {
      const page = await q.startAfter(cursor).take(25)
      expect(page.items.length).toBe(Math.min(25, EVENTS - seen.length))
      seen.push(...page.items.map((e) => e.id))
      cursor = page.cursor
      steps++
    } while (cursor !== undefined && steps < 20)
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: EVENTS }, (_, i) => i))
  })

  it('scanTable(table) in 4 segments meets every item of the table once, identified', async () => {
    await client.send(new PutCommand({ TableName: table.name, Item: { PK: 'OTHER#1', SK: 'X', note: 'unknown' } }))
    const page = await scanTable(table, { segments: 4 }).all()
    const counts: Record<string, number> = {}
    for (const entry of page.items) counts[entry.entity ?? 'unknown'] = (counts[entry.entity ?? 'unknown'] ?? 0) + 1
    expect(counts).toEqual({ Sensor: 1, Reading: READINGS + 3, Event: EVENTS, unknown: 1 })
    expect(await scanTable(table).count()).toBe(1 + READINGS + 3 + EVENTS + 1)
  })

  it('refuses a bad segment count', () => {
    expect(() => Event.scan({ segments: 0 })).toThrow(ValidationError)
    expect(() => Event.scan({ segments: 1.5 })).toThrow(ValidationError)
  })
})
