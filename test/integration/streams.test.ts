// Stream records built from real DynamoDB Local items: the images are the AttributeValue maps
// DynamoDB Local stores, sent through JSON as Lambda delivers them (binary as base64).
import { DynamoDBClient, GetItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb'
import { PutCommand } from '@aws-sdk/lib-dynamodb'
import type { DynamoDBRecord, DynamoDBStreamEvent, DynamoDBStreamHandler } from 'aws-lambda'
import { afterAll, beforeAll, describe, expect, expectTypeOf, inject, it } from 'vitest'
import { z } from 'zod'
import { defineTable, isoDate, ValidationError, type StreamChange, createTable, dropTable, parseStreamRecord, streamHandler } from '../../src/index.js'
import { localClient, uniqueTableName } from '../support/client.js'

const table = defineTable({ name: uniqueTableName('streams'), partitionKey: 'PK', sortKey: 'SK', stream: 'NEW_AND_OLD_IMAGES', client: localClient() })
const Message = table.entity('Message', {
  schema: z.object({ group: z.string(), sentAt: isoDate(), body: z.string(), likes: z.number().int() }),
  key: { pk: 'GROUP#{group}', sk: 'MSG#{sentAt}' },
  timestamps: true,
})
const User = table.entity('User', {
  schema: z.object({ username: z.string(), name: z.string(), avatar: z.instanceof(Uint8Array).optional(), tags: z.set(z.string()).optional() }),
  key: { pk: 'USER#{username}', sk: 'PROFILE' },
})

const raw = new DynamoDBClient({ endpoint: inject('dynamoEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } })
const sentAt = new Date('2024-05-01T10:00:00.000Z')
let sequence = 100

/** The stored item as DynamoDB Local holds it, as Lambda's JSON (binary as base64). */
async function image(key: Record<string, unknown>): Promise<Record<string, AttributeValue>> {
  const { Item } = await raw.send(new GetItemCommand({ TableName: table.name, Key: Object.fromEntries(Object.entries(key).map(([k, v]) => [k, { S: String(v) }])), ConsistentRead: true }))
  if (!Item) throw new Error(`no item ${JSON.stringify(key)}`)
  // The replacer sees a Buffer after its toJSON: look at the value before it.
  const base64 = function (this: Record<string, unknown>, k: string, v: unknown) {
    const value = this[k]
    return value instanceof Uint8Array ? Buffer.from(value).toString('base64') : v
  }
  return JSON.parse(JSON.stringify(Item, base64)) as Record<string, AttributeValue>
}

function record(eventName: 'INSERT' | 'MODIFY' | 'REMOVE', key: Record<string, unknown>, images: { NewImage?: unknown; OldImage?: unknown }, view = 'NEW_AND_OLD_IMAGES'): DynamoDBRecord {
  return {
    eventID: `event-${sequence}`,
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    dynamodb: {
      ApproximateCreationDateTime: 1714557600,
      Keys: Object.fromEntries(Object.entries(key).map(([k, v]) => [k, { S: String(v) }])),
      ...(images as object),
      SequenceNumber: String(sequence++),
      SizeBytes: 100,
      StreamViewType: view as 'NEW_AND_OLD_IMAGES',
    },
    eventSourceARN: `arn:aws:dynamodb:us-east-1:123456789012:table/${table.name}/stream/2024-05-01T00:00:00.000`,
  }
}

const messageKey = Message.key({ group: 'g1', sentAt })
const userKey = User.key({ username: 'alice' })
const otherKey = { PK: 'AUDIT#1', SK: 'AUDIT' }
let insert: DynamoDBRecord
let modify: DynamoDBRecord
let remove: DynamoDBRecord
let insertUser: DynamoDBRecord
let unknown: DynamoDBRecord

beforeAll(async () => {
  await createTable(table)
  await Message.put({ group: 'g1', sentAt, body: 'hello', likes: 0 })
  const created = await image(messageKey)
  insert = record('INSERT', messageKey, { NewImage: created })
  await Message.update({ group: 'g1', sentAt }, { set: { body: 'hello, world' }, add: { likes: 2 } })
  const changed = await image(messageKey)
  modify = record('MODIFY', messageKey, { OldImage: created, NewImage: changed })
  await Message.delete({ group: 'g1', sentAt })
  remove = record('REMOVE', messageKey, { OldImage: changed })
  await User.put({ username: 'alice', name: 'Alice', avatar: new Uint8Array([1, 2, 255]), tags: new Set(['admin']) })
  insertUser = record('INSERT', userKey, { NewImage: await image(userKey) })
  await localClient().send(new PutCommand({ TableName: table.name, Item: { ...otherKey, _type: 'Audit', what: 'login' } }))
  unknown = record('INSERT', otherKey, { NewImage: await image(otherKey) })
})

afterAll(async () => {
  await dropTable(table)
  raw.destroy()
})

describe('parseStreamRecord', () => {
  it('INSERT: the entity, its key fields and the new item, decoded by its schema', () => {
    const change = parseStreamRecord(table, insert)
    expect(change).toMatchObject({ eventName: 'INSERT', entity: 'Message', key: { group: 'g1', sentAt }, storedKey: messageKey, sequenceNumber: insert.dynamodb?.SequenceNumber })
    expect(change.newItem).toMatchObject({ group: 'g1', sentAt, body: 'hello', likes: 0 })
    expect(change.newItem?.sentAt).toBeInstanceOf(Date)
    expect(change.newItem).not.toHaveProperty('PK')
    expect(change.oldItem).toBeUndefined()
  })

  it('MODIFY: old and new items; REMOVE: the old item', () => {
    const modified = parseStreamRecord(table, modify)
    expect(modified).toMatchObject({ eventName: 'MODIFY', entity: 'Message', oldItem: { body: 'hello', likes: 0 }, newItem: { body: 'hello, world', likes: 2 } })
    const removed = parseStreamRecord(table, remove)
    expect(removed).toMatchObject({ eventName: 'REMOVE', entity: 'Message', key: { group: 'g1', sentAt }, oldItem: { body: 'hello, world' } })
    expect(removed.newItem).toBeUndefined()
  })

  it('decodes binary sent as base64 and sets, like the DocumentClient', async () => {
    const change = parseStreamRecord(table, insertUser)
    expect(change.newItem).toEqual({ username: 'alice', name: 'Alice', avatar: new Uint8Array([1, 2, 255]), tags: new Set(['admin']) })
    expect(change.newItem).toEqual(await User.get({ username: 'alice' }))
  })

  it('returns a record no entity claims as unknown, with its raw attributes', () => {
    expect(parseStreamRecord(table, unknown)).toMatchObject({
      eventName: 'INSERT',
      entity: undefined,
      key: otherKey,
      newItem: { ...otherKey, _type: 'Audit', what: 'login' },
    })
  })

  it('identifies a KEYS_ONLY record by its key pattern', () => {
    const change = parseStreamRecord(table, record('REMOVE', messageKey, {}, 'KEYS_ONLY'))
    expect(change).toMatchObject({ eventName: 'REMOVE', entity: 'Message', key: { group: 'g1', sentAt } })
    expect(change.oldItem).toBeUndefined()
  })

  it('is typed by the entities given: a union to narrow by entity and event', () => {
    const change = parseStreamRecord(table, modify, { entities: [Message, User] })
    expectTypeOf(change).toEqualTypeOf<StreamChange<typeof Message | typeof User>>()
    if (change.entity === 'Message' && change.eventName === 'MODIFY') {
      expectTypeOf(change.newItem).toEqualTypeOf<typeof Message.types.item | undefined>()
      expectTypeOf(change.key).toEqualTypeOf<{ group: string; sentAt: Date }>()
      expect(change.newItem?.likes).toBe(2)
    } else {
      throw new Error(`not a Message MODIFY: ${String(change.entity)}`)
    }
    // Entities not asked about come back unclaimed.
    expect(parseStreamRecord(table, insertUser, { entities: [Message] }).entity).toBeUndefined()
  })

  it('throws a ValidationError for a record that is not a DynamoDB change, or an item its schema refuses', () => {
    expect(() => parseStreamRecord(table, { eventName: 'INSERT' })).toThrow(ValidationError)
    expect(() => parseStreamRecord(table, { ...insert, eventName: 'UPSERT' as 'INSERT' })).toThrow(/eventName: must be INSERT, MODIFY or REMOVE/)
    const bad = structuredClone(insert)
    ;(bad.dynamodb?.NewImage as Record<string, AttributeValue>).likes = { S: 'many' }
    expect(() => parseStreamRecord(table, bad)).toThrow(/Message\.stream INSERT: invalid input — likes:/)
  })
})

describe('streamHandler', () => {
  const event = (...records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records })

  it('routes each record to its entity’s callback with the decoded item, and skips the rest', async () => {
    const seen: string[] = []
    const handler = streamHandler(table, {
        Message: {
          insert: (item) => void seen.push(`insert ${item.body}`),
          modify: (item, change) => void seen.push(`modify ${change.oldItem?.body} -> ${item.body}`),
          remove: (item, change) => void seen.push(`remove ${item?.body} ${change.key.sentAt.toISOString()}`),
        },
        User: { insert: (item) => void seen.push(`user ${item.name} ${[...(item.tags ?? [])].join()}`) },
      }, { entities: [Message, User], unknown: (change) => void seen.push(`unknown ${String(change.newItem?._type)}`) })
    expect(await handler(event(insert, modify, remove, insertUser, unknown))).toEqual({ batchItemFailures: [] })
    expect(seen).toEqual(['insert hello', 'modify hello -> hello, world', `remove hello, world ${sentAt.toISOString()}`, 'user Alice admin', 'unknown Audit'])
  })

  it('reports just the record whose callback throws, and stops there so Lambda retries from it', async () => {
    const seen: string[] = []
    const errors: unknown[] = []
    const handler: DynamoDBStreamHandler = streamHandler(table, {
        Message: {
          insert: () => void seen.push('insert'),
          modify: () => {
            throw new Error('downstream is down')
          },
          remove: () => void seen.push('remove'),
        },
      }, { onError: (error) => void errors.push(error) })
    const result = await handler(event(insert, modify, remove), {} as never, () => {})
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: modify.dynamodb?.SequenceNumber }] })
    expect(seen).toEqual(['insert'])
    expect(errors).toEqual([new Error('downstream is down')])
  })

  it('reports a record whose item its schema refuses, and needs new images for insert callbacks', async () => {
    const bad = structuredClone(insert)
    ;(bad.dynamodb?.NewImage as Record<string, AttributeValue>).likes = { S: 'many' }
    const quiet = { onError: () => {} }
    const handler = streamHandler(table, { Message: { insert: () => {} } }, quiet)
    expect(await handler(event(bad))).toEqual({ batchItemFailures: [{ itemIdentifier: bad.dynamodb?.SequenceNumber }] })
    const keysOnly = record('INSERT', messageKey, {}, 'KEYS_ONLY')
    const errors: unknown[] = []
    await streamHandler(table, { Message: { insert: () => {} } }, { onError: (e) => void errors.push(e) })(event(keysOnly))
    expect(String(errors[0])).toMatch(/the stream \(view type KEYS_ONLY\) carries no new image/)
  })

  it('refuses callbacks for entities the table does not have', () => {
    expect(() => streamHandler(table, { Nope: {} } as never)).toThrow(`streamHandler: table ${table.name} has no entity Nope`)
  })
})
