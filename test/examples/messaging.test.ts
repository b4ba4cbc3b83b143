// The messaging (Cruddur direct messages) example against DynamoDB Local: every access pattern,
// the stored form the original expects, and the stream pattern fed records built from real items.
import { GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb'
import { beforeAll, describe, expect, it } from 'vitest'
import { ItemExistsError, dropTable, createTable, tableDefinition, parseStreamRecord, streamHandler } from '../../src/index.js'
import { client } from '../../examples/lib/client.js'
import { insertRecord } from '../../examples/messaging/local-stream.js'
import { Message, MessageGroup, table } from '../../examples/messaging/model.js'
import * as p from '../../examples/messaging/patterns.js'
import { andrew, bayko, londo, seed, WITH_BAYKO, WITH_LONDO } from '../../examples/messaging/seed.js'

const YEAR = '2024'
const at = (iso: string) => new Date(iso)
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`

async function raw(key: Record<string, unknown>) {
  return (await client.send(new GetCommand({ TableName: table.name, Key: key, ConsistentRead: true }))).Item
}

async function groupRows(message_group_uuid: string) {
  const { Items } = await client.send(
    new QueryCommand({ TableName: table.name, IndexName: 'message-group-sk-index', KeyConditionExpression: 'message_group_uuid = :g', ExpressionAttributeValues: { ':g': message_group_uuid } }),
  )
  // Rows with equal sort keys come back in no defined order.
  return (Items ?? []).map((i) => [String(i.pk), String(i.sk), String(i.message)]).sort((a, b) => a.join().localeCompare(b.join()))
}

beforeAll(async () => {
  await dropTable(table)
  await createTable(table)
})

describe('messaging example', () => {
  it('defines cruddur-messages as the original schema-load script does (provisioned 5/5, stream NEW_IMAGE)', () => {
    expect(tableDefinition(table)).toEqual({
      TableName: process.env.MESSAGES_TABLE ?? 'cruddur-messages',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'message_group_uuid', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'message-group-sk-index',
          KeySchema: [
            { AttributeName: 'message_group_uuid', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
          ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
        },
      ],
      BillingMode: 'PROVISIONED',
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    })
  })

  it('seeds the conversations and stores items as the original does: keys carry owner, group and time', async () => {
    expect(await seed(YEAR)).toEqual({ Message: 27, MessageGroup: 4 })
    expect(await raw(Message.key({ message_group_uuid: WITH_LONDO, created_at: at('2024-02-01T10:05:00.000Z') }))).toEqual({
      pk: `MSG#${WITH_LONDO}`,
      sk: '2024-02-01T10:05:00.000Z',
      message_uuid: uuid(27),
      message: 'Granted. Tuesday at noon.',
      user_uuid: andrew.uuid,
      user_display_name: 'Andrew Brown',
      user_handle: 'andrewbrown',
    })
    expect(await raw(MessageGroup.key({ owner_uuid: londo.uuid, last_message_at: at('2024-02-01T10:05:00.000Z') }))).toEqual({
      pk: `GRP#${londo.uuid}`,
      sk: '2024-02-01T10:05:00.000Z',
      message_group_uuid: WITH_LONDO,
      message: 'Granted. Tuesday at noon.',
      user_uuid: andrew.uuid,
      user_display_name: 'Andrew Brown',
      user_handle: 'andrewbrown',
    })
  })

  it('keeps messages out of message-group-sk-index: it holds the group rows alone', async () => {
    expect(await groupRows(WITH_BAYKO)).toEqual([
      [`GRP#${andrew.uuid}`, '2024-01-02T11:34:00.000Z', 'See you then.'],
      [`GRP#${bayko.uuid}`, '2024-01-02T11:34:00.000Z', 'See you then.'],
    ])
    const { Count } = await client.send(new ScanCommand({ TableName: table.name, IndexName: 'message-group-sk-index', Select: 'COUNT' }))
    expect(Count).toBe(4)
  })

  it('lists my message groups, newest conversation first, each naming the other participant', async () => {
    expect(await p.listMessageGroups(andrew.uuid)).toEqual([
      {
        owner_uuid: andrew.uuid,
        last_message_at: at('2024-02-01T10:05:00.000Z'),
        message_group_uuid: WITH_LONDO,
        message: 'Granted. Tuesday at noon.',
        user_uuid: londo.uuid,
        user_display_name: 'Londo Mollari',
        user_handle: 'londo',
      },
      {
        owner_uuid: andrew.uuid,
        last_message_at: at('2024-01-02T11:34:00.000Z'),
        message_group_uuid: WITH_BAYKO,
        message: 'See you then.',
        user_uuid: bayko.uuid,
        user_display_name: 'Andrew Bayko',
        user_handle: 'bayko',
      },
    ])
    expect((await p.listMessageGroups(bayko.uuid)).map((g) => [g.user_handle, g.message])).toEqual([['andrewbrown', 'See you then.']])
    expect(await p.listMessageGroups(uuid(999))).toEqual([])
  })

  it("lists a group's newest 20 messages of the year, in chronological order", async () => {
    const messages = await p.listMessages(WITH_BAYKO, YEAR)
    expect(messages).toHaveLength(20)
    expect(messages[0]).toEqual({
      message_group_uuid: WITH_BAYKO,
      created_at: at('2024-01-02T09:21:00.000Z'),
      message_uuid: uuid(6),
      message: 'Agreed. And the opening narration!',
      user_uuid: bayko.uuid,
      user_display_name: 'Andrew Bayko',
      user_handle: 'bayko',
    })
    expect(messages.map((m) => m.message_uuid)).toEqual(Array.from({ length: 20 }, (_, i) => uuid(i + 6)))
    expect(messages.map((m) => m.created_at.toISOString())).toEqual(Array.from({ length: 20 }, (_, i) => new Date(Date.UTC(2024, 0, 2, 9, 21 + 7 * i)).toISOString()))
    // The year before holds the conversation's first two messages.
    expect((await p.listMessages(WITH_BAYKO, '2023')).map((m) => [m.created_at.toISOString(), m.user_handle, m.message])).toEqual([
      ['2023-12-31T22:00:00.000Z', 'andrewbrown', 'Have you rewatched any of Babylon 5 lately?'],
      ['2023-12-31T22:30:00.000Z', 'bayko', 'Started again last week, season one.'],
    ])
    expect((await p.listMessages(WITH_LONDO, YEAR)).map((m) => m.message)).toEqual(['Ambassador Mollari requests an audience.', 'Granted. Tuesday at noon.'])
    expect(await p.listMessages(WITH_LONDO, '2025')).toEqual([])
  })

  it('creates a message in an existing group; only the message is written', async () => {
    const sent = await p.createMessage({ message_group_uuid: WITH_BAYKO, sender: bayko, message: 'Popcorn or pretzels?', created_at: at('2024-03-01T18:00:00.000Z'), message_uuid: uuid(100) })
    expect(sent).toEqual({
      message_group_uuid: WITH_BAYKO,
      created_at: at('2024-03-01T18:00:00.000Z'),
      message_uuid: uuid(100),
      message: 'Popcorn or pretzels?',
      user_uuid: bayko.uuid,
      user_display_name: 'Andrew Bayko',
      user_handle: 'bayko',
    })
    expect(await raw(Message.key(sent))).not.toHaveProperty('message_group_uuid')
    expect((await p.listMessages(WITH_BAYKO, YEAR)).at(-1)).toEqual(sent)
    // The group rows catch up from the stream, not here.
    expect((await p.listMessageGroups(bayko.uuid)).map((g) => g.message)).toEqual(['See you then.'])
    expect(await Promise.resolve(p.createMessage({ message_group_uuid: WITH_BAYKO, sender: andrew, message: 'same instant', created_at: sent.created_at })).catch((e: unknown) => e)).toBeInstanceOf(ItemExistsError)
  })

  it("moves both group rows to the new message's time from its stream record", async () => {
    const key = Message.key({ message_group_uuid: WITH_BAYKO, created_at: at('2024-03-01T18:00:00.000Z') })
    const record = await insertRecord(key)
    // The record's image has no message_group_uuid: parseStreamRecord recovers it from the key.
    expect(record.dynamodb?.NewImage).not.toHaveProperty('message_group_uuid')
    const change = parseStreamRecord(table, record, { entities: [Message, MessageGroup] })
    expect([change.eventName, change.entity, change.key]).toEqual(['INSERT', 'Message', { message_group_uuid: WITH_BAYKO, created_at: at('2024-03-01T18:00:00.000Z') }])

    const rows = await p.onMessageStreamRecord(record)
    expect(rows?.map((r) => [r.owner_uuid, r.last_message_at.toISOString(), r.message, r.user_handle]).sort()).toEqual([
      [andrew.uuid, '2024-03-01T18:00:00.000Z', 'Popcorn or pretzels?', 'bayko'],
      [bayko.uuid, '2024-03-01T18:00:00.000Z', 'Popcorn or pretzels?', 'andrewbrown'],
    ])
    expect((await p.listMessageGroups(andrew.uuid)).map((g) => [g.user_handle, g.last_message_at.toISOString(), g.message])).toEqual([
      ['bayko', '2024-03-01T18:00:00.000Z', 'Popcorn or pretzels?'],
      ['londo', '2024-02-01T10:05:00.000Z', 'Granted. Tuesday at noon.'],
    ])
    // Re-keyed, not copied: the old rows are gone.
    expect(await raw(MessageGroup.key({ owner_uuid: andrew.uuid, last_message_at: at('2024-01-02T11:34:00.000Z') }))).toBeUndefined()
    expect(await groupRows(WITH_BAYKO)).toEqual([
      [`GRP#${andrew.uuid}`, '2024-03-01T18:00:00.000Z', 'Popcorn or pretzels?'],
      [`GRP#${bayko.uuid}`, '2024-03-01T18:00:00.000Z', 'Popcorn or pretzels?'],
    ])
  })

  it('leaves group rows alone for a replayed or older message, and for group-row records', async () => {
    const before = await p.listMessageGroups(andrew.uuid)
    const replay = await insertRecord(Message.key({ message_group_uuid: WITH_BAYKO, created_at: at('2024-03-01T18:00:00.000Z') }))
    expect((await p.onMessageStreamRecord(replay))?.map((r) => r.last_message_at.toISOString())).toEqual(['2024-03-01T18:00:00.000Z', '2024-03-01T18:00:00.000Z'])
    await p.onMessageStreamRecord(await insertRecord(Message.key({ message_group_uuid: WITH_BAYKO, created_at: at('2024-01-02T09:00:00.000Z') })))
    const groupRecord = await insertRecord(MessageGroup.key({ owner_uuid: andrew.uuid, last_message_at: at('2024-03-01T18:00:00.000Z') }))
    expect(await p.onMessageStreamRecord(groupRecord)).toBeUndefined()
    expect(await p.listMessageGroups(andrew.uuid)).toEqual(before)
  })

  it('runs the same update as a Lambda handler, reporting a record it cannot handle', async () => {
    const sent = await p.createMessage({ message_group_uuid: WITH_LONDO, sender: londo, message: 'Tuesday it is.', created_at: at('2024-03-02T09:00:00.000Z'), message_uuid: uuid(101) })
    const record = await insertRecord(Message.key(sent))
    expect(await p.messageStreamHandler({ Records: [record] })).toEqual({ batchItemFailures: [] })
    expect((await p.listMessageGroups(londo.uuid)).map((g) => [g.user_handle, g.last_message_at.toISOString(), g.message])).toEqual([
      ['andrewbrown', '2024-03-02T09:00:00.000Z', 'Tuesday it is.'],
    ])
    // A message image that fails its schema stops the batch at that record, for Lambda to retry from.
    const broken = { ...record, dynamodb: { ...record.dynamodb, NewImage: { ...record.dynamodb?.NewImage, user_uuid: { S: 'not-a-uuid' } }, SequenceNumber: '999' } }
    const quiet = { onError: () => {} }
    const handler = streamHandler(table, { Message: { insert: (m) => p.updateMessageGroups(m) } }, { entities: [Message, MessageGroup], ...quiet })
    expect(await handler({ Records: [record, broken as typeof record] })).toEqual({ batchItemFailures: [{ itemIdentifier: '999' }] })
  })

  it('creates a new group: two mirrored group rows and the first message, in one transaction', async () => {
    const created = await p.createMessageGroup({
      sender: bayko,
      recipient: londo,
      message: 'Londo, are you free on Friday?',
      created_at: at('2024-03-03T12:00:00.000Z'),
      message_group_uuid: uuid(500),
      message_uuid: uuid(501),
    })
    const first = {
      message_group_uuid: uuid(500),
      created_at: at('2024-03-03T12:00:00.000Z'),
      message_uuid: uuid(501),
      message: 'Londo, are you free on Friday?',
      user_uuid: bayko.uuid,
      user_display_name: 'Andrew Bayko',
      user_handle: 'bayko',
    }
    expect(created).toEqual({ message_group_uuid: uuid(500), message: first })
    expect((await p.listMessageGroups(bayko.uuid)).map((g) => [g.message_group_uuid, g.user_handle, g.last_message_at.toISOString()])).toEqual([
      [uuid(500), 'londo', '2024-03-03T12:00:00.000Z'],
      [WITH_BAYKO, 'andrewbrown', '2024-03-01T18:00:00.000Z'],
    ])
    expect((await p.listMessageGroups(londo.uuid)).map((g) => [g.message_group_uuid, g.user_handle, g.message])).toEqual([
      [uuid(500), 'bayko', 'Londo, are you free on Friday?'],
      [WITH_LONDO, 'andrewbrown', 'Tuesday it is.'],
    ])
    expect(await p.listMessages(uuid(500), YEAR)).toEqual([first])
    // Its own stream record finds the rows already at its time.
    const rows = await p.onMessageStreamRecord(await insertRecord(Message.key(first)))
    expect(rows?.map((r) => r.last_message_at.toISOString())).toEqual(['2024-03-03T12:00:00.000Z', '2024-03-03T12:00:00.000Z'])
  })

  it('uses one timestamp format for every sort key', async () => {
    const { Items = [] } = await client.send(new ScanCommand({ TableName: table.name }))
    expect(Items).toHaveLength(27 + 2 + 3 + 4)
    expect(Items.filter((i) => !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(String(i.sk)))).toEqual([])
    expect(Items.filter((i) => 'owner_uuid' in i || 'last_message_at' in i || 'created_at' in i || '_type' in i)).toEqual([])
  })
})
