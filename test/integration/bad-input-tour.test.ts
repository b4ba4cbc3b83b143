// A tour of bad input: every case of the hardening audit and more, each sent through a client
// whose `send` is counted. A refused input must get a typed error that names the entity, the
// field (or option) and the rule, with zero requests sent. The few that cannot be known before
// sending (a missing table, a dropped connection) must still come back typed.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { z } from 'zod'
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb'
import {
  defineTable,
  createTable,
  dropTable,
  batchWrite,
  batchGet,
  transactWrite,
  SortkeyError,
  KeyValueError,
  IncompleteKeyError,
  LimitError,
  ValidationError,
  RequestFailedError,
  BatchWriteError,
  epochSeconds,
  attr,
  lt,
  ne,
} from '../../src/index.js'
import { localClient, uniqueTableName } from '../support/client.js'

const real = localClient()
let sends = 0
const spy = {
  send(command: unknown) {
    sends++
    return real.send(command as never)
  },
}

const table = defineTable({
  name: uniqueTableName('tour'),
  partitionKey: 'PK',
  sortKey: 'SK',
  indexes: { ByCity: { partitionKey: 'city', sortKey: 'SK' } },
  client: spy,
})

const Doc = table.entity('Doc', {
  schema: z.object({
    org: z.string(),
    user: z.string(),
    doc: z.string(),
    title: z.string(),
    role: z.string().optional(),
    city: z.string().optional(),
    count: z.number().optional(),
    big: z.bigint().optional(),
    tags: z.set(z.string()).optional(),
    address: z.object({ city: z.string(), zip: z.string().optional() }).optional(),
    lines: z.array(z.object({ sku: z.string(), qty: z.number().optional() })).optional(),
    data: z.any().optional(),
    list: z.array(z.any()).optional(),
  }),
  key: { pk: 'ORG#{org}', sk: 'USER#{user}#DOC#{doc}' },
})

const Versioned = table.entity('Versioned', {
  schema: z.object({ id: z.string(), name: z.string() }),
  key: { pk: 'V#{id}', sk: 'V' },
  version: 'version',
})

const Event = table.entity('Event', {
  schema: z.object({ id: z.string(), at: epochSeconds() }),
  key: { pk: 'EV#{id}', sk: 'AT#{at:10}' },
})

const missing = defineTable({ name: uniqueTableName('tour-missing'), partitionKey: 'PK', sortKey: 'SK', client: spy })
const Ghost = missing.entity('Ghost', { schema: z.object({ id: z.string() }), key: { pk: 'G#{id}', sk: 'G' } })

const nowhere = DynamoDBDocumentClient.from(
  new DynamoDBClient({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 }),
)
let dropped = 0
const droppedSpy = {
  send(command: unknown) {
    dropped++
    return nowhere.send(command as never)
  },
}

const base = { org: 'acme', user: 'al', doc: 'd1', title: 't' }
const deep = (levels: number): unknown => {
  let value: unknown = 'leaf'
  for (let i = 0; i < levels; i++) value = { n: value }
  return value
}
const bigText = (bytes: number) => 'x'.repeat(bytes)
const puts = (n: number, size: number) => Array.from({ length: n }, (_, i) => Doc.put({ ...base, doc: `big${i}`, title: bigText(size) }))

type ErrorClass = abstract new (...args: never[]) => Error

interface Case {
  readonly name: string
  readonly run: () => PromiseLike<unknown> | unknown
  readonly error: ErrorClass
  /** Text the error must name: entity, field or option, rule. */
  readonly names: readonly (string | RegExp)[]
  /** Requests it may send (only what cannot be known before sending). */
  readonly sends?: number
}

const cases: Case[] = [
  // keys
  { name: '# in a key field (get)', run: () => Doc.get({ org: 'acme', user: 'a#b', doc: 'd' }), error: KeyValueError, names: ['Doc', 'user', 'delimiter'] },
  { name: '# in a key field (put)', run: () => Doc.put({ ...base, doc: 'x#y' }), error: KeyValueError, names: ['Doc', 'doc', 'delimiter'] },
  { name: 'empty key field', run: () => Doc.get({ org: '', user: 'al', doc: 'd' }), error: KeyValueError, names: ['Doc', 'org', 'empty'] },
  { name: 'lone high surrogate in a key (put)', run: () => Doc.put({ ...base, user: 'a\uD800' }), error: KeyValueError, names: ['Doc', 'user', 'surrogate'] },
  { name: 'lone low surrogate in a key (get)', run: () => Doc.get({ org: 'acme', user: 'a\uDC00', doc: 'd' }), error: KeyValueError, names: ['Doc', 'user', 'surrogate'] },
  { name: 'lone surrogate in a key (delete)', run: () => Doc.delete({ org: 'acme', user: 'a\uDBFF', doc: 'd' }), error: KeyValueError, names: ['Doc', 'user', 'surrogate'] },
  { name: 'lone surrogate in a key (update)', run: () => Doc.update({ org: 'acme', user: 'a\uD801', doc: 'd' }, { set: { title: 'x' } }), error: KeyValueError, names: ['Doc', 'user', 'surrogate'] },
  { name: 'lone surrogate in a query partition', run: () => Doc.query.primary({ org: 'a\uD800' }), error: KeyValueError, names: ['Doc', 'org', 'surrogate'] },
  { name: 'missing key field (get)', run: () => Doc.get({ org: 'acme', user: 'al' } as never), error: SortkeyError, names: ['Doc', 'doc'] },
  { name: 'number where a key wants a string', run: () => Doc.get({ org: 'acme', user: 5, doc: 'd' } as never), error: SortkeyError, names: ['Doc', 'user'] },
  { name: 'partition key over 2,048 bytes', run: () => Doc.put({ ...base, org: bigText(2100) }), error: LimitError, names: ['Doc', 'PK', '2048'] },
  { name: 'sort key over 1,024 bytes', run: () => Doc.put({ ...base, doc: bigText(1100) }), error: LimitError, names: ['Doc', 'SK', '1024'] },
  { name: 'sort key over 1,024 bytes (get)', run: () => Doc.get({ ...base, doc: bigText(1100) }), error: LimitError, names: ['Doc', 'SK', '1024'] },
  { name: 'index key attribute empty', run: () => Doc.put({ ...base, city: '' }), error: ValidationError, names: ['Doc', 'city', 'empty'] },
  { name: 'index key attribute over 2,048 bytes', run: () => Doc.put({ ...base, city: bigText(2100) }), error: LimitError, names: ['Doc', 'city', '2048'] },
  { name: 'query partition over 2,048 bytes', run: () => Doc.query.primary({ org: bigText(2100) }), error: LimitError, names: ['Doc', 'PK', '2048'] },
  // values and sizes
  { name: 'item over 400 KB (put)', run: () => Doc.put({ ...base, title: bigText(410 * 1024) }), error: LimitError, names: ['Doc', 'put', '400 KB'] },
  { name: 'value over 400 KB (update)', run: () => Doc.update({ org: 'acme', user: 'al', doc: 'd' }, { set: { title: bigText(410 * 1024) } }), error: LimitError, names: ['Doc', 'title', '400 KB'] },
  { name: '1 MB condition value', run: () => Doc.put(base, { condition: { title: bigText(1024 * 1024) } }), error: LimitError, names: ['Doc', 'title', '400 KB'] },
  { name: 'nesting over 32 levels', run: () => Doc.put({ ...base, data: deep(40) }), error: LimitError, names: ['Doc', 'data', '32 levels'] },
  { name: '5,000-deep nesting (no RangeError)', run: () => Doc.put({ ...base, data: deep(5000) }), error: LimitError, names: ['Doc', 'data', '32 levels'] },
  { name: 'number above 2^53', run: () => Doc.put({ ...base, count: 2 ** 60 }), error: ValidationError, names: ['Doc', 'count', '2^53'] },
  { name: 'NaN value', run: () => Doc.put({ ...base, data: { x: NaN } }), error: ValidationError, names: ['Doc', 'data.x', 'NaN'] },
  { name: 'Infinity value', run: () => Doc.put({ ...base, list: [1, Infinity] }), error: ValidationError, names: ['Doc', 'list', 'Infinity'] },
  { name: 'number below 1E-130', run: () => Doc.put({ ...base, data: 1e-200 }), error: ValidationError, names: ['Doc', 'data', '1E-130'] },
  { name: 'bigint over 38 digits', run: () => Doc.put({ ...base, big: 10n ** 40n + 1n }), error: ValidationError, names: ['Doc', 'big', '38'] },
  { name: 'empty Set', run: () => Doc.put({ ...base, tags: new Set() }), error: ValidationError, names: ['Doc', 'tags', 'empty Set'] },
  { name: 'empty Set (update)', run: () => Doc.update({ org: 'acme', user: 'al', doc: 'd' }, { set: { tags: new Set() } }), error: ValidationError, names: ['Doc', 'tags', 'empty Set'] },
  { name: 'undefined inside a list', run: () => Doc.put({ ...base, list: [1, undefined, 2] }), error: ValidationError, names: ['Doc', 'list.1', 'list'] },
  { name: 'lone surrogate in a value', run: () => Doc.put({ ...base, title: 'a\uD800' }), error: ValidationError, names: ['Doc', 'title', 'surrogate'] },
  { name: 'lone surrogate nested in a map', run: () => Doc.put({ ...base, data: { a: ['x', 'b\uDC00'] } }), error: ValidationError, names: ['Doc', 'data.a.1', 'surrogate'] },
  { name: 'lone surrogate in a map key', run: () => Doc.put({ ...base, data: { ['k\uD800']: 1 } }), error: ValidationError, names: ['Doc', 'data', 'surrogate'] },
  { name: 'lone surrogate in an update value', run: () => Doc.update({ org: 'acme', user: 'al', doc: 'd' }, { set: { title: '\uDFFFx' } }), error: ValidationError, names: ['Doc', 'title', 'surrogate'] },
  { name: 'lone surrogate in a condition operand', run: () => Doc.delete({ org: 'acme', user: 'al', doc: 'd' }, { condition: { title: 'a\uD800' } }), error: ValidationError, names: ['Doc', 'title', 'surrogate'] },
  { name: 'lone surrogate in a filter operand', run: () => Doc.query.primary({ org: 'acme' }).where({ title: 'a\uD800' }), error: ValidationError, names: ['Doc', 'title', 'surrogate'] },
  { name: 'a function as a value', run: () => Doc.put({ ...base, data: { f: () => 1 } }), error: ValidationError, names: ['Doc', 'data.f', 'function'] },
  { name: 'a Map as a value', run: () => Doc.put({ ...base, data: new Map([['a', 1]]) }), error: ValidationError, names: ['Doc', 'data', 'Map'] },
  { name: 'a Date without a codec', run: () => Doc.put({ ...base, data: { at: new Date() } }), error: ValidationError, names: ['Doc', 'data.at', 'Date'] },
  { name: "an operator object as a condition operand: condition: { role: JSON.parse('{\"ne\":\"x\"}') } on a z.string() field", run: () => Doc.update(base, { set: { title: 'x' } }, { condition: { role: JSON.parse('{"ne":"x"}') as string } }), error: ValidationError, names: ['Doc', 'role', 'operators are functions'] },
  { name: 'an operator object as a filter operand', run: () => Doc.query.primary({ org: 'acme' }).where({ title: JSON.parse('{"beginsWith":""}') as string }), error: ValidationError, names: ['Doc', 'title', 'operators are functions'] },
  { name: 'a forged copy of an operator as a condition operand', run: () => Doc.delete(base, { condition: { role: JSON.parse(JSON.stringify(ne('x'))) as string } }), error: ValidationError, names: ['Doc', 'role', 'plain object'] },
  { name: 'attr() of an attribute the entity does not have', run: () => Doc.update(base, { add: { count: 1 } }, { condition: { count: lt(attr('cuont')) } }), error: ValidationError, names: ['Doc', 'count', "attr('cuont')", 'not an attribute'] },
  { name: 'operator object as a string field (put)', run: () => Doc.put({ ...base, title: JSON.parse('{"ne":"x"}') }), error: ValidationError, names: ['Doc', 'title'] },
  { name: 'unknown field in put', run: () => Doc.put({ ...base, titel: 'typo' } as never), error: ValidationError, names: ['Doc', 'titel', 'not a field'] },
  { name: 'unknown field in update', run: () => Doc.update({ org: 'acme', user: 'al', doc: 'd' }, { set: { titel: 'x' } as never }), error: ValidationError, names: ['Doc', 'titel', 'not a field'] },
  { name: 'non-object item', run: () => Doc.put(null as never), error: ValidationError, names: ['Doc', 'object'] },
  // expressions and requests
  { name: 'condition over 4 KB of expression', run: () => Doc.put(base, { condition: { $or: Array.from({ length: 400 }, (_, i) => ({ title: `t${i}` })) } }), error: LimitError, names: ['Doc', 'ConditionExpression', '4 KB'] },
  { name: 'transaction of 101 operations', run: () => transactWrite(Array.from({ length: 101 }, (_, i) => Doc.put({ ...base, doc: `t${i}` }))), error: LimitError, names: ['transactWrite', '100'] },
  { name: 'transaction over 4 MB', run: () => transactWrite(puts(12, 390 * 1024)), error: LimitError, names: ['transactWrite', '4 MB'] },
  { name: 'transaction item over 400 KB', run: () => transactWrite([Doc.put({ ...base, title: bigText(410 * 1024) })]), error: LimitError, names: ['Doc', 'transactWrite', '400 KB'] },
  { name: 'lone surrogate in a transaction item', run: () => transactWrite([Doc.put(base), Doc.put({ ...base, doc: 'd2', title: 'x\uD800' })]), error: ValidationError, names: ['Doc', 'title', 'surrogate'] },
  { name: 'one item twice in a transaction', run: () => transactWrite([Doc.put(base), Doc.delete(base)]), error: LimitError, names: ['Doc', 'same item'] },
  { name: 'empty transaction', run: () => transactWrite([]), error: LimitError, names: ['transactWrite', 'no operations'] },
  { name: 'duplicate keys in a batch', run: () => batchWrite([Doc.put(base), Doc.put(base)]), error: LimitError, names: ['Doc', 'same key'] },
  { name: 'conditional put in a batch', run: () => batchWrite([Doc.put(base, { condition: { title: 'x' } })]), error: ValidationError, names: ['Doc', 'batchWrite', 'condition'] },
  { name: 'batch item over 400 KB, after good ones', run: () => batchWrite([...puts(30, 10), Doc.put({ ...base, title: bigText(410 * 1024) })]), error: LimitError, names: ['Doc', 'batchWrite #30', '400 KB'] },
  { name: 'lone surrogate in the last item of a batch', run: () => batchWrite([...puts(30, 10), Doc.put({ ...base, title: 'x\uDBFF' })]), error: ValidationError, names: ['Doc', 'title', 'surrogate'] },
  // numeric options
  { name: 'batchWrite concurrency NaN', run: () => batchWrite([Doc.put(base)], { concurrency: Number(process.env.SORTKEY_UNSET) }), error: ValidationError, names: ['Doc', 'concurrency', 'NaN'] },
  { name: 'batchWrite concurrency -1', run: () => batchWrite([Doc.put(base)], { concurrency: -1 }), error: ValidationError, names: ['Doc', 'concurrency', '-1'] },
  { name: 'batchWrite concurrency Infinity', run: () => batchWrite([Doc.put(base)], { concurrency: Infinity }), error: ValidationError, names: ['Doc', 'concurrency', 'Infinity'] },
  { name: 'batchWrite concurrency 1.5', run: () => batchWrite([Doc.put(base)], { concurrency: 1.5 }), error: ValidationError, names: ['Doc', 'concurrency', '1.5'] },
  { name: 'batchWrite maxAttempts NaN', run: () => batchWrite([Doc.put(base)], { maxAttempts: NaN }), error: ValidationError, names: ['Doc', 'maxAttempts', 'NaN'] },
  { name: 'batchWrite maxAttempts 0', run: () => batchWrite([Doc.put(base)], { maxAttempts: 0 }), error: ValidationError, names: ['Doc', 'maxAttempts', '0'] },
  { name: 'batchWrite maxAttempts Infinity', run: () => batchWrite([Doc.put(base)], { maxAttempts: Infinity }), error: ValidationError, names: ['Doc', 'maxAttempts', 'Infinity'] },
  { name: 'batchWrite baseDelayMs -5', run: () => batchWrite([Doc.put(base)], { baseDelayMs: -5 }), error: ValidationError, names: ['Doc', 'baseDelayMs', '-5'] },
  { name: 'batchWrite maxDelayMs NaN', run: () => batchWrite([Doc.put(base)], { maxDelayMs: NaN }), error: ValidationError, names: ['Doc', 'maxDelayMs', 'NaN'] },
  { name: 'batchGet concurrency NaN', run: () => batchGet([Doc.get(base)], { concurrency: NaN }), error: ValidationError, names: ['Doc', 'concurrency', 'NaN'] },
  { name: 'batchGet maxAttempts -1', run: () => batchGet([Doc.get(base)], { maxAttempts: -1 }), error: ValidationError, names: ['Doc', 'maxAttempts', '-1'] },
  { name: 'batchWrite([], { concurrency: NaN })', run: () => batchWrite([], { concurrency: NaN }), error: ValidationError, names: ['concurrency', 'NaN'] },
  // reads
  { name: 'select of an unknown field', run: () => Doc.get(base, { select: ['nope' as never] }), error: ValidationError, names: ['Doc', 'nope'] },
  { name: 'consistent() on a global secondary index', run: () => Doc.query.ByCity({ city: 'Oslo' }).consistent(), error: ValidationError, names: ['Doc', 'ByCity', 'consistent'] },
  { name: 'a sub-second Date in an epochSeconds() key field', run: () => Event.put({ id: 'e', at: new Date(1_700_000_000_123) }), error: KeyValueError, names: ['Event', 'at'] },
  { name: 'a sort-key bound that contradicts a fixed key field', run: () => Doc.query.primary({ org: 'acme', user: 'al' }).gt({ user: 'zz', doc: 'b' } as never), error: ValidationError, names: ['Doc', 'user'] },
  { name: 'query limit NaN', run: () => Doc.query.primary({ org: 'acme' }).limit(NaN), error: ValidationError, names: ['Doc', 'limit', 'NaN'] },
  { name: 'query limit -1', run: () => Doc.query.primary({ org: 'acme' }).limit(-1), error: ValidationError, names: ['Doc', 'limit', '-1'] },
  { name: 'query limit Infinity', run: () => Doc.query.primary({ org: 'acme' }).limit(Infinity), error: ValidationError, names: ['Doc', 'limit', 'Infinity'] },
  { name: 'query maxPages NaN', run: () => Doc.query.primary({ org: 'acme' }).all({ maxPages: NaN }), error: ValidationError, names: ['Doc', 'maxPages', 'NaN'] },
  { name: 'query maxPages 0', run: () => Doc.query.primary({ org: 'acme' }).all({ maxPages: 0 }), error: ValidationError, names: ['Doc', 'maxPages', '0'] },
  { name: 'query take(NaN)', run: () => Doc.query.primary({ org: 'acme' }).take(NaN), error: ValidationError, names: ['Doc', 'take', 'NaN'] },
  { name: 'scan segments NaN', run: () => Doc.scan({ segments: NaN }), error: ValidationError, names: ['Doc', 'segments', 'NaN'] },
  { name: 'scan segments 0', run: () => Doc.scan({ segments: 0 }), error: ValidationError, names: ['Doc', 'segments', '0'] },
  // versions and updates
  { name: 'expectedVersion without a version field', run: () => Doc.update({ org: 'acme', user: 'al', doc: 'd' }, { set: { title: 'x' } }, { expectedVersion: 3 } as never), error: ValidationError, names: ['Doc', 'expectedVersion', 'no version'] },
  { name: 'expectedVersion without a version field (delete)', run: () => Doc.delete({ org: 'acme', user: 'al', doc: 'd' }, { expectedVersion: 3 } as never), error: ValidationError, names: ['Doc', 'expectedVersion', 'no version'] },
  { name: 'expectedVersion NaN', run: () => Versioned.update({ id: 'a' }, { set: { name: 'x' } }, { expectedVersion: NaN }), error: ValidationError, names: ['Versioned', 'expectedVersion', 'NaN'] },
  { name: 'expectedVersion -1', run: () => Versioned.delete({ id: 'a' }, { expectedVersion: -1 }), error: ValidationError, names: ['Versioned', 'expectedVersion', '-1'] },
  { name: 'remove a required nested field', run: () => Doc.update({ org: 'acme', user: 'al', doc: 'd' }, { remove: ['address.city'] as never }), error: ValidationError, names: ['Doc', 'address.city', 'required'] },
  { name: 'remove a required field of a list element', run: () => Doc.update({ org: 'acme', user: 'al', doc: 'd' }, { remove: ['lines[0].sku'] as never }), error: ValidationError, names: ['Doc', 'lines[0].sku', 'required'] },
  { name: 'remove an unknown nested path', run: () => Doc.update({ org: 'acme', user: 'al', doc: 'd' }, { remove: ['address.street'] as never }), error: ValidationError, names: ['Doc', 'address.street', 'not a field'] },
  { name: 'remove a required field', run: () => Doc.update({ org: 'acme', user: 'al', doc: 'd' }, { remove: ['title'] as never }), error: ValidationError, names: ['Doc', 'title', 'required'] },
  { name: 'set a primary-key field', run: () => Doc.update({ org: 'acme', user: 'al', doc: 'd' }, { set: { user: 'bob' } as never }), error: ValidationError, names: ['Doc', 'user'] },
  { name: 'unknown update clause', run: () => Doc.update({ org: 'acme', user: 'al', doc: 'd' }, { sett: { title: 'x' } } as never), error: ValidationError, names: ['Doc', 'sett', 'clause'] },
]

async function outcome(run: () => PromiseLike<unknown> | unknown): Promise<{ error: unknown }> {
  try {
    const result = run()
    // Builders (queries, scans) are lazy: reading a page sends them.
    const value = result && typeof (result as { then?: unknown }).then === 'function' ? await result : result
    if (value && typeof (value as { page?: unknown }).page === 'function') await (value as { page(): Promise<unknown> }).page()
    return { error: undefined }
  } catch (error) {
    return { error }
  }
}

const tally = { tried: 0, typedBeforeSending: 0, typedAfterSending: 0 }

beforeAll(async () => {
  await createTable(table)
  sends = 0
})

afterAll(async () => {
  await dropTable(table)
  console.log(`bad-input tour: ${tally.tried} bad inputs tried; ${tally.typedBeforeSending} got a typed error before sending; ${tally.typedAfterSending} (which cannot be known before sending) a typed error after`)
})

describe('bad-input tour: a typed error naming entity, field and rule, and nothing sent', () => {
  for (const c of cases) {
    it(c.name, async () => {
      tally.tried++
      const before = sends
      const { error } = await outcome(c.run)
      expect(error, 'refused').toBeInstanceOf(c.error)
      expect(error).toBeInstanceOf(SortkeyError)
      const text = `${(error as Error).message} ${JSON.stringify(error)}`
      for (const name of c.names) expect(text).toMatch(typeof name === 'string' ? new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i') : name)
      expect(sends - before, 'requests sent').toBe(c.sends ?? 0)
      expect(error).not.toBeInstanceOf(RangeError)
      tally.typedBeforeSending++
    })
  }

  it('undefined nested in a map is dropped, like a top-level undefined, and the item round-trips', async () => {
    tally.tried++
    const before = sends
    await Doc.put({ ...base, doc: 'spread', data: { kept: 1, gone: undefined, inner: { also: undefined, x: 'y' } } })
    expect(sends - before).toBe(1)
    const raw = (await real.send(new GetCommand({ TableName: table.name, Key: Doc.key({ ...base, doc: 'spread' }) }))).Item
    expect(raw?.data).toEqual({ kept: 1, inner: { x: 'y' } })
    tally.typedBeforeSending++ // handled by rule before sending: nothing reaches the SDK's marshaller
  })

  it('batchWrite([]) and batchGet([]) resolve to empty results and send nothing', async () => {
    tally.tried += 2
    const before = sends
    expect(await batchWrite([])).toEqual({ written: 0 })
    expect(await batchGet([])).toEqual([])
    expect(sends - before).toBe(0)
    tally.typedBeforeSending += 2
  })

  it('a missing table: a RequestFailedError naming entity and cause, after the one request that finds out', async () => {
    tally.tried++
    const before = sends
    const error = await Ghost.get({ id: 'x' }).then(() => undefined, (e: unknown) => e)
    expect(error).toBeInstanceOf(RequestFailedError)
    expect((error as RequestFailedError).awsName).toBe('ResourceNotFoundException')
    expect((error as Error).message).toMatch(/^Ghost\.get: ResourceNotFoundException/)
    expect(sends - before).toBe(1)
    tally.typedAfterSending++
  })

  it('a missing table stops a batch at once: one request, every item handed back, cause on the first line', async () => {
    tally.tried++
    const before = sends
    const ops = Array.from({ length: 100 }, (_, i) => Ghost.put({ id: `g${i}` }))
    const error = await batchWrite(ops, { concurrency: 1 }).then(() => undefined, (e: unknown) => e)
    expect(error).toBeInstanceOf(BatchWriteError)
    const batch = error as BatchWriteError
    expect(batch.unprocessed).toHaveLength(100)
    expect(batch.cause).toBeInstanceOf(RequestFailedError)
    expect((batch.cause as RequestFailedError).awsName).toBe('ResourceNotFoundException')
    expect(batch.message.split('\n')[0]).toMatch(/100 item\(s\) not written.*non-existent table/i)
    expect(sends - before).toBe(1)
    tally.typedAfterSending++
  })

  it('a dropped connection: a RequestFailedError (ECONNREFUSED), not retried', async () => {
    tally.tried++
    const Offline = Doc.withClient(droppedSpy)
    const error = await Offline.get(base).then(() => undefined, (e: unknown) => e)
    expect(error).toBeInstanceOf(RequestFailedError)
    expect((error as RequestFailedError).awsName).toBe('ECONNREFUSED')
    expect((error as RequestFailedError).retryable).toBe(false)
    expect(dropped).toBe(1)
    tally.typedAfterSending++
  })

  it('every bad input tried got a typed error: before sending, or after the one request that could find out', () => {
    expect(tally.tried).toBe(cases.length + 6)
    expect(tally.typedBeforeSending + tally.typedAfterSending).toBe(tally.tried)
    expect(tally.typedAfterSending).toBe(3)
  })

  it('nothing was stored by any refused input', async () => {
    const page = await Doc.query.primary({ org: 'acme' }).all()
    expect(page.items.map((i) => i.doc)).toEqual(['spread'])
    expect(IncompleteKeyError).toBeDefined()
  })
})
