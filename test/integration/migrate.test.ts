// migrate(table) against DynamoDB Local: a GSI backfill with a dry run first, a field renamed by
// an upgrade (read path and rewrite), a primary-key template change with its unique marker moved,
// concurrent writers during a migration, a stopped run resumed from its checkpoint, and refused
// options that send nothing. Each test writes with an "old" model and migrates with a "new" one
// over the same table.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GetCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { afterAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { batchWrite, createTable, defineTable, migrate, ValidationError, type CommandSender } from '../../src/index.js'
import { localClient, uniqueTableName } from '../support/client.js'

const client = localClient()
const scratch = mkdtempSync(join(tmpdir(), 'sortkey-migrate-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

type Attrs = Record<string, unknown>
const indexes = { GSI1: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK' } }

/** A client that records the command of every request and passes it on. */
function spy(inner: DynamoDBDocumentClient): CommandSender & { commands: string[] } {
  const commands: string[] = []
  return {
    commands,
    send(command: unknown, options?: unknown) {
      commands.push((command as { constructor: { name: string } }).constructor.name)
      return inner.send(command as never, options as never)
    },
  }
}

async function rawItems(name: string): Promise<Attrs[]> {
  const items: Attrs[] = []
  let start: Attrs | undefined
  do {
    const page = await client.send(new ScanCommand({ TableName: name, ExclusiveStartKey: start, ConsistentRead: true }))
    items.push(...((page.Items ?? []) as Attrs[]))
    start = page.LastEvaluatedKey as Attrs | undefined
  } while (start)
  return items
}

function userModels(name: string) {
  const schema = z.object({ username: z.string(), email: z.string(), visits: z.number().optional() })
  const old = defineTable({ name, partitionKey: 'PK', sortKey: 'SK', indexes, client })
  const OldUser = old.entity('User', { schema, key: { pk: 'USER#{username}', sk: 'USER' } })
  const OldOrder = old.entity('Order', { schema: z.object({ username: z.string(), orderId: z.string() }), key: { pk: 'USER#{username}', sk: 'ORDER#{orderId}' } })
  const next = defineTable({ name, partitionKey: 'PK', sortKey: 'SK', indexes, client })
  const User = next.entity('User', {
    schema: schema.extend({ plan: z.string().default('free') }),
    key: { pk: 'USER#{username}', sk: 'USER' },
    indexes: { GSI1: { pk: 'EMAIL#{email}', sk: 'USER' } },
  })
  const Order = next.entity('Order', { schema: z.object({ username: z.string(), orderId: z.string() }), key: { pk: 'USER#{username}', sk: 'ORDER#{orderId}' } })
  return { old, OldUser, OldOrder, next, User, Order }
}

describe('migrate: add an index to an entity (backfill)', () => {
  it('a dry run counts and shows examples and sends no write; the run rewrites only users; a rerun changes nothing', async () => {
    const { old, OldUser, OldOrder, next, User } = userModels(uniqueTableName('mig-gsi'))
    await createTable(old)
    const users = Array.from({ length: 30 }, (_, i) => ({ username: `u${i}`, email: `u${i}@example.com` }))
    await batchWrite([...users.map((u) => OldUser.put(u)), ...users.slice(0, 10).map((u) => OldOrder.put({ username: u.username, orderId: 'o1' }))])

    const watched = spy(client)
    const dry = await migrate(next, { dryRun: true, client: watched, segments: 3, pageSize: 7 })
    expect(watched.commands.every((c) => c === 'ScanCommand')).toBe(true)
    expect(watched.commands.length).toBeGreaterThan(3)
    expect(dry).toMatchObject({ dryRun: true, complete: true, scanned: 40, current: 10, rewritten: 30, rekeyed: 0, failed: [] })
    expect(dry.byEntity).toEqual({ User: { current: 0, 'index-keys': 30, fields: 0, upgrade: 0, rekey: 0 }, Order: { current: 10, 'index-keys': 0, fields: 0, upgrade: 0, rekey: 0 } })
    expect(dry.examples.length).toBe(3)
    const example = dry.examples[0] as { before: Attrs; after: Attrs }
    expect(example.before.GSI1PK).toBeUndefined()
    expect(example.after).toMatchObject({ GSI1PK: `EMAIL#${example.before.email as string}`, GSI1SK: 'USER', plan: 'free' })
    expect(await rawItems(next.name)).toSatisfy((items: Attrs[]) => items.every((i) => i.GSI1PK === undefined))

    const report = await migrate(next, { segments: 2 })
    expect(report).toMatchObject({ dryRun: false, complete: true, scanned: 40, current: 10, rewritten: 30, failed: [] })
    expect(report.capacity.write).toBeGreaterThan(0)
    expect(report.capacity.read).toBeGreaterThan(0)
    const found = await User.query.GSI1({ email: 'u7@example.com' })
    expect(found.items).toEqual([{ username: 'u7', email: 'u7@example.com', plan: 'free' }])

    const again = spy(client)
    const rerun = await migrate(next, { client: again, segments: 2 })
    expect(rerun).toMatchObject({ scanned: 40, current: 40, rewritten: 0 })
    expect(again.commands.every((c) => c === 'ScanCommand')).toBe(true)
  })
})

describe('migrate: rename a field with an upgrade', () => {
  it('reads upgrade old items; migrate rewrites each once and records the model version', async () => {
    const name = uniqueTableName('mig-rename')
    const old = defineTable({ name, partitionKey: 'PK', sortKey: 'SK', client })
    const OldPerson = old.entity('Person', { schema: z.object({ id: z.string(), fullName: z.string() }), key: { pk: 'P#{id}', sk: 'P' } })
    await createTable(old)
    await OldPerson.put({ id: '1', fullName: 'Ada Lovelace' })
    await OldPerson.put({ id: '2', fullName: 'Alan Turing' })

    const upgrades: (number | undefined)[] = []
    const next = defineTable({ name, partitionKey: 'PK', sortKey: 'SK', client })
    const Person = next.entity('Person', {
      schema: z.object({ id: z.string(), name: z.string() }),
      key: { pk: 'P#{id}', sk: 'P' },
      modelVersion: 2,
      upgrade: ({ fullName, ...rest }, from) => {
        upgrades.push(from)
        return { ...rest, name: fullName }
      },
    })
    // the read path upgrades before the migration has run: get, query, scan, table.parse
    expect(await Person.get({ id: '1' })).toEqual({ id: '1', name: 'Ada Lovelace' })
    expect((await Person.query.primary({ id: '2' })).items).toEqual([{ id: '2', name: 'Alan Turing' }])
    expect((await Person.scan().all()).items).toHaveLength(2)
    expect(next.parse((await client.send(new GetCommand({ TableName: name, Key: { PK: 'P#1', SK: 'P' } }))).Item as Attrs)).toEqual({ entity: 'Person', item: { id: '1', name: 'Ada Lovelace' } })
    // a new put records the model version, so it is never upgraded
    await Person.put({ id: '3', name: 'Grace Hopper' })
    upgrades.length = 0

    const report = await migrate(next)
    expect(report).toMatchObject({ scanned: 3, current: 1, rewritten: 2, upgraded: 2, failed: [] })
    expect(report.byEntity.Person).toMatchObject({ upgrade: 2, current: 1 })
    expect(upgrades).toEqual([undefined, undefined])
    const stored = (await client.send(new GetCommand({ TableName: name, Key: { PK: 'P#2', SK: 'P' } }))).Item
    expect(stored).toEqual({ PK: 'P#2', SK: 'P', _type: 'Person', _mv: 2, id: '2', name: 'Alan Turing' })

    upgrades.length = 0
    expect(await migrate(next)).toMatchObject({ scanned: 3, current: 3, rewritten: 0, upgraded: 0 })
    expect(await Person.get({ id: '2' })).toEqual({ id: '2', name: 'Alan Turing' })
    expect(upgrades).toEqual([])
  })

  it('an upgrade that throws, or an item that does not validate, is reported as failed with its key; the rest migrate', async () => {
    const name = uniqueTableName('mig-bad')
    const old = defineTable({ name, partitionKey: 'PK', sortKey: 'SK', client })
    const OldThing = old.entity('Thing', { schema: z.object({ id: z.string(), size: z.string() }), key: { pk: 'T#{id}', sk: 'T' } })
    await createTable(old)
    await batchWrite([OldThing.put({ id: 'a', size: '3' }), OldThing.put({ id: 'b', size: 'huge' }), OldThing.put({ id: 'c', size: '-' })])
    const next = defineTable({ name, partitionKey: 'PK', sortKey: 'SK', client })
    next.entity('Thing', {
      schema: z.object({ id: z.string(), size: z.number().int() }),
      key: { pk: 'T#{id}', sk: 'T' },
      modelVersion: 1,
      upgrade: (stored) => {
        if (stored.size === '-') throw new Error('no size')
        return { ...stored, size: Number(stored.size) }
      },
    })
    const report = await migrate(next)
    expect(report).toMatchObject({ scanned: 3, rewritten: 1 })
    expect(report.failed.map((f) => [f.key, f.code]).sort((a, b) => String((a[0] as Attrs).PK).localeCompare(String((b[0] as Attrs).PK)))).toEqual([
      [{ PK: 'T#b', SK: 'T' }, 'VALIDATION'],
      [{ PK: 'T#c', SK: 'T' }, 'VALIDATION'],
    ])
    expect(report.failed.find((f) => f.key.PK === 'T#c')?.message).toMatch(/no size/)
  })
})

describe('migrate: change a primary-key template (re-key)', () => {
  it('moves each item to its new key in one transaction, moving its unique marker along', async () => {
    const name = uniqueTableName('mig-rekey')
    const schema = z.object({ id: z.string(), email: z.string() })
    const old = defineTable({ name, partitionKey: 'PK', sortKey: 'SK', client })
    const OldAccount = old.entity('Account', { schema, key: { pk: 'ACCOUNT#{id}', sk: 'A' }, unique: ['email'] })
    await createTable(old)
    await OldAccount.create({ id: '1', email: 'one@example.com' })
    await OldAccount.create({ id: '2', email: 'two@example.com' })

    const next = defineTable({ name, partitionKey: 'PK', sortKey: 'SK', client })
    const Account = next.entity('Account', { schema, key: { pk: 'ACCT#{id}', sk: 'ACCT#{id}' }, unique: ['email'] })
    const dry = await migrate(next, { dryRun: true })
    expect(dry).toMatchObject({ scanned: 4, rekeyed: 2, unknown: 2 })
    const report = await migrate(next)
    expect(report).toMatchObject({ scanned: 4, rekeyed: 2, rewritten: 0, unknown: 2, failed: [] })

    const items = await rawItems(name)
    expect(items.filter((i) => i._type === 'Account').map((i) => i.PK).sort()).toEqual(['ACCT#1', 'ACCT#2'])
    expect(await Account.get({ id: '1' })).toEqual({ id: '1', email: 'one@example.com' })
    const marker = items.find((i) => i.PK === '_unique#Account#email#one@example.com')
    expect(marker?.owner).toBe(JSON.stringify({ PK: 'ACCT#1', SK: 'ACCT#1' }))
    // the unique value is still held
    await expect(Account.create({ id: '9', email: 'one@example.com' })).rejects.toMatchObject({ code: 'UNIQUE_CONSTRAINT' })
    expect(await migrate(next)).toMatchObject({ rekeyed: 0, current: 2 })
  })

  it('without an entity attribute, `identify` claims items under the old template', async () => {
    const name = uniqueTableName('mig-nokind')
    const schema = z.object({ id: z.string(), title: z.string() })
    const old = defineTable({ name, partitionKey: 'PK', sortKey: 'SK', entityAttribute: false, client })
    const OldNote = old.entity('Note', { schema, key: { pk: 'NOTE#{id}', sk: 'NOTE' } })
    await createTable(old)
    await batchWrite([OldNote.put({ id: 'x', title: 'X' }), OldNote.put({ id: 'y', title: 'Y' })])
    const next = defineTable({ name, partitionKey: 'PK', sortKey: 'SK', entityAttribute: false, client })
    const Note = next.entity('Note', { schema, key: { pk: 'N#{id}', sk: 'N#{id}' } })
    expect(await migrate(next, { dryRun: true })).toMatchObject({ unknown: 2, rekeyed: 0 })
    const report = await migrate(next, { identify: (raw) => (String(raw.PK).startsWith('NOTE#') ? 'Note' : undefined) })
    expect(report).toMatchObject({ rekeyed: 2, unknown: 0, failed: [] })
    expect(await Note.get({ id: 'y' })).toEqual({ id: 'y', title: 'Y' })
    expect((await rawItems(name)).map((i) => i.PK).sort()).toEqual(['N#x', 'N#y'])
  })
})

describe('migrate under live traffic', () => {
  it('concurrent writers lose nothing and every item ends migrated', async () => {
    const { old, OldUser, next, User } = userModels(uniqueTableName('mig-live'))
    await createTable(old)
    const count = 120
    await batchWrite(Array.from({ length: count }, (_, i) => OldUser.put({ username: `u${i}`, email: `u${i}@example.com`, visits: 0 })))

    const increments = new Array<number>(count).fill(0)
    let running = true
    const writer = async (seed: number) => {
      let rounds = 0
      // bounded: stops when the migration is done, or after 400 writes
      while (running && rounds++ < 400) {
        const i = (seed * 7919 + rounds * 104729) % count
        await User.update({ username: `u${i}` }, { add: { visits: 1 } })
        increments[i] = (increments[i] as number) + 1
      }
    }
    const writers = [1, 2, 3].map(writer)
    const report = await migrate(next, { segments: 4, pageSize: 10, concurrency: 4 })
    running = false
    await Promise.all(writers)

    expect(report.failed).toEqual([])
    expect(report.scanned).toBe(count)
    expect(report.rewritten + report.current).toBe(count)
    const items = await rawItems(next.name)
    expect(items).toHaveLength(count)
    for (const item of items) {
      const i = Number(String(item.username).slice(1))
      expect(item.visits).toBe(increments[i])
      expect(item).toMatchObject({ GSI1PK: `EMAIL#${item.email as string}`, GSI1SK: 'USER', plan: 'free' })
    }
    expect(increments.reduce((a, b) => a + b, 0)).toBeGreaterThan(0)
    console.log(`live: ${increments.reduce((a, b) => a + b, 0)} writes during the migration, ${report.conflicts} conflicts redone`)
    expect(await migrate(next, { dryRun: true })).toMatchObject({ current: count, rewritten: 0 })
  })
})

describe('migrate: a write between read and rewrite', () => {
  it('makes the rewrite fail its condition; the item is read again and migrated with the write kept', async () => {
    const { old, OldUser, next, User } = userModels(uniqueTableName('mig-race'))
    await createTable(old)
    await OldUser.put({ username: 'ann', email: 'ann@example.com', visits: 1 })
    let raced = false
    const racing: CommandSender = {
      async send(command: unknown, options?: unknown) {
        if (!raced && (command as { constructor: { name: string } }).constructor.name === 'UpdateCommand') {
          raced = true
          await User.update({ username: 'ann' }, { add: { visits: 5 } })
        }
        return client.send(command as never, options as never)
      },
    }
    const report = await migrate(next, { client: racing })
    expect(report).toMatchObject({ scanned: 1, rewritten: 1, conflicts: 1, failed: [] })
    const stored = (await client.send(new GetCommand({ TableName: next.name, Key: { PK: 'USER#ann', SK: 'USER' } }))).Item
    expect(stored).toMatchObject({ visits: 6, GSI1PK: 'EMAIL#ann@example.com', plan: 'free' })
  })

  it('an item deleted meanwhile is counted as gone, not recreated', async () => {
    const { old, OldUser, next, User } = userModels(uniqueTableName('mig-gone'))
    await createTable(old)
    await OldUser.put({ username: 'bo', email: 'bo@example.com' })
    const deleting: CommandSender = {
      async send(command: unknown, options?: unknown) {
        if ((command as { constructor: { name: string } }).constructor.name === 'UpdateCommand') await User.delete({ username: 'bo' })
        return client.send(command as never, options as never)
      },
    }
    const report = await migrate(next, { client: deleting })
    expect(report).toMatchObject({ scanned: 1, rewritten: 0, gone: 1, failed: [] })
    expect(await rawItems(next.name)).toEqual([])
  })
})

describe('migrate: throttling', () => {
  it('a throttled scan or write pauses and is tried again; nothing is lost or failed', async () => {
    const { old, OldUser, next } = userModels(uniqueTableName('mig-throttle'))
    await createTable(old)
    await batchWrite(Array.from({ length: 12 }, (_, i) => OldUser.put({ username: `u${i}`, email: `u${i}@example.com` })))
    const throttled: Record<string, number> = { ScanCommand: 1, UpdateCommand: 3 }
    const refused: string[] = []
    const flaky: CommandSender = {
      send(command: unknown, options?: unknown) {
        const name = (command as { constructor: { name: string } }).constructor.name
        if ((throttled[name] ?? 0) > 0) {
          throttled[name] = (throttled[name] as number) - 1
          refused.push(name)
          return Promise.reject(Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), { name: 'ProvisionedThroughputExceededException' }))
        }
        return client.send(command as never, options as never)
      },
    }
    const report = await migrate(next, { client: flaky, concurrency: 1 })
    expect(refused).toEqual(['ScanCommand', 'UpdateCommand', 'UpdateCommand', 'UpdateCommand'])
    expect(report).toMatchObject({ scanned: 12, rewritten: 12, failed: [], conflicts: 0 })
    expect(await migrate(next, { dryRun: true })).toMatchObject({ current: 12 })
  })
})

describe('migrate: resumable', () => {
  it('a run stopped part way resumes from its checkpoint without scanning the done pages again', async () => {
    const { old, OldUser, next } = userModels(uniqueTableName('mig-resume'))
    await createTable(old)
    const count = 60
    await batchWrite(Array.from({ length: count }, (_, i) => OldUser.put({ username: `u${i}`, email: `u${i}@example.com` })))
    const checkpoint = join(scratch, 'resume.checkpoint')

    const stop = new AbortController()
    const first = await migrate(next, {
      checkpoint,
      segments: 2,
      pageSize: 5,
      signal: stop.signal,
      onProgress: (p) => {
        if (p.scanned >= 20) stop.abort()
      },
    })
    expect(first.complete).toBe(false)
    expect(first.scanned).toBeGreaterThanOrEqual(20)
    expect(first.scanned).toBeLessThan(count)
    const saved = JSON.parse(readFileSync(checkpoint, 'utf8')) as { positions: unknown[]; tally: { scanned: number } }
    expect(saved.positions).toHaveLength(2)
    expect(saved.tally.scanned).toBe(first.scanned)

    const watched = spy(client)
    const second = await migrate(next, { checkpoint, segments: 2, pageSize: 5, client: watched })
    expect(second.complete).toBe(true)
    // cumulative: the resumed run scanned only what was left
    expect(second.scanned).toBe(count)
    expect(second.rewritten).toBe(count)
    expect(watched.commands.filter((c) => c === 'UpdateCommand')).toHaveLength(count - first.scanned)

    await expect(migrate(next, { checkpoint, segments: 3 })).rejects.toThrow(/2 segments/)
    const done = await migrate(next, { checkpoint, segments: 2 })
    expect(done).toMatchObject({ complete: true, scanned: count })
  })
})

describe('migrate: options', () => {
  it.each([
    ['segments', Number.NaN],
    ['segments', 0],
    ['maxWcu', -5],
    ['maxWcu', Number.POSITIVE_INFINITY],
    ['maxRcu', 1.5],
    ['pageSize', '10'],
    ['concurrency', 0],
  ])('%s: %s is a ValidationError naming the option, before anything is sent', async (option, value) => {
    const { next } = userModels(uniqueTableName('mig-opts'))
    const watched = spy(client)
    const error = await migrate(next, { client: watched, [option]: value }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues[0]?.path).toEqual([option])
    expect(watched.commands).toEqual([])
  })

  it('a dry run with a checkpoint is refused; a missing table is an error', async () => {
    const { next } = userModels(uniqueTableName('mig-missing'))
    await expect(migrate(next, { dryRun: true, checkpoint: join(scratch, 'x') })).rejects.toBeInstanceOf(ValidationError)
    await expect(migrate(next)).rejects.toMatchObject({ name: 'RequestFailedError', awsName: 'ResourceNotFoundException' })
  })
})
