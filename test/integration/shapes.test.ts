import { describe, it, expect, beforeAll } from 'vitest'
import { z } from 'zod'
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import { defineTable, isoDate, KeyValueError, createTable } from '../../src/index.js'
import { localClient, uniqueTableName } from '../support/client.js'

const client = localClient()

async function raw(tableName: string, key: Record<string, unknown>) {
  return (await client.send(new GetCommand({ TableName: tableName, Key: key }))).Item
}

describe('entityAttribute: false — entities told apart by key pattern', () => {
  const table = defineTable({ name: uniqueTableName('noattr'), partitionKey: 'PK', sortKey: 'SK', entityAttribute: false, client })
  const User = table.entity('User', {
    schema: z.object({ username: z.string(), name: z.string() }),
    key: { pk: 'USER#{username}', sk: '#METADATA#{username}' },
  })
  beforeAll(() => createTable(table))

  it('stores no type attribute and still round-trips', async () => {
    await User.put({ username: 'lindsay56', name: 'Daniel Price' })
    expect(await raw(table.name, User.key({ username: 'lindsay56' }))).toEqual({
      PK: 'USER#lindsay56',
      SK: '#METADATA#lindsay56',
      username: 'lindsay56',
      name: 'Daniel Price',
    })
    expect(await User.get({ username: 'lindsay56' })).toEqual({ username: 'lindsay56', name: 'Daniel Price' })
  })
})

describe("keyValues: 'escape'", () => {
  const table = defineTable({ name: uniqueTableName('escape'), partitionKey: 'PK', sortKey: 'SK', keyValues: 'escape', client })
  const Folder = table.entity('File', {
    schema: z.object({ folder: z.string(), file: z.string() }),
    key: { pk: 'FOLDER#{folder}', sk: 'FILE#{file}' },
    keyOnly: ['folder'],
  })
  beforeAll(() => createTable(table))

  it('escapes the delimiter reversibly instead of refusing', async () => {
    await Folder.put({ folder: 'a#b', file: '100%#x' })
    expect(Folder.key({ folder: 'a#b', file: '100%#x' })).toEqual({ PK: 'FOLDER#a%23b', SK: 'FILE#100%25%23x' })
    expect(await Folder.get({ folder: 'a#b', file: '100%#x' })).toEqual({ folder: 'a#b', file: '100%#x' })
    // a different value never lands on the same key
    await Folder.put({ folder: 'a', file: 'b#100%#x' })
    expect(await Folder.get({ folder: 'a#b', file: '100%#x' })).toEqual({ folder: 'a#b', file: '100%#x' })
  })
})

describe('padded numbers, codecs and a table without a sort key', () => {
  const table = defineTable({ name: uniqueTableName('nosk'), partitionKey: 'id', client })
  const Invoice = table.entity('Invoice', {
    schema: z.object({ year: z.number().int(), seq: z.number().int(), issued: isoDate(), amount: z.number() }),
    key: { pk: 'INVOICE#{year:4}#{seq:6}' },
  })
  beforeAll(() => createTable(table))

  it('zero-pads numbers so lexical order is numeric order', async () => {
    await Invoice.put({ year: 2024, seq: 42, issued: new Date('2024-03-01T10:00:00.000Z'), amount: 9.5 })
    expect(Invoice.key({ year: 2024, seq: 42 })).toEqual({ id: 'INVOICE#2024#000042' })
    expect(await Invoice.get({ year: 2024, seq: 42 })).toEqual({
      year: 2024,
      seq: 42,
      issued: new Date('2024-03-01T10:00:00.000Z'),
      amount: 9.5,
    })
  })

  it('refuses numbers that do not fit the width, or negative ones', () => {
    expect(() => Invoice.key({ year: 12345, seq: 1 })).toThrow(KeyValueError)
    expect(() => Invoice.key({ year: 2024, seq: -1 })).toThrow(/non-negative integer/)
  })
})

describe('key-only fields (a field that lives only in the key)', () => {
  const table = defineTable({
    name: uniqueTableName('keyonly'),
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: { 'message-group-sk-index': { partitionKey: 'message_group_uuid', sortKey: 'sk' } },
    entityAttribute: false,
    client,
  })
  const Message = table.entity('Message', {
    schema: z.object({ message_group_uuid: z.string(), created_at: z.string(), message: z.string() }),
    key: { pk: 'MSG#{message_group_uuid}', sk: '{created_at}' },
    keyOnly: ['message_group_uuid', 'created_at'],
  })
  const Group = table.entity('MessageGroup', {
    schema: z.object({ owner_uuid: z.string(), last_message_at: z.string(), message_group_uuid: z.string() }),
    key: { pk: 'GRP#{owner_uuid}', sk: '{last_message_at}' },
    keyOnly: ['owner_uuid', 'last_message_at'],
  })
  beforeAll(() => createTable(table))

  it('keeps the field out of the stored item (and so out of the index) and recovers it on read', async () => {
    expect(Message.model.indexes.has('message-group-sk-index')).toBe(false)
    expect(Group.model.indexes.has('message-group-sk-index')).toBe(true)
    const queries = Message.query as unknown as Record<string, (key: object) => unknown>
    expect(() => queries['message-group-sk-index']?.({ message_group_uuid: 'g-1' })).toThrow(
      'Message.query: invalid input — message-group-sk-index: index message-group-sk-index does not hold Message items',
    )
    await Message.put({ message_group_uuid: 'g-1', created_at: '2023-05-01T10:00:00.000Z', message: 'hi' })
    expect(await raw(table.name, { pk: 'MSG#g-1', sk: '2023-05-01T10:00:00.000Z' })).toEqual({
      pk: 'MSG#g-1',
      sk: '2023-05-01T10:00:00.000Z',
      message: 'hi',
    })
    expect(await Message.get({ message_group_uuid: 'g-1', created_at: '2023-05-01T10:00:00.000Z' })).toEqual({
      message_group_uuid: 'g-1',
      created_at: '2023-05-01T10:00:00.000Z',
      message: 'hi',
    })
  })

  it('decodes items another program wrote', async () => {
    await client.send(
      new PutCommand({ TableName: table.name, Item: { pk: 'GRP#owner-1', sk: '2023-06-01T00:00:00.000Z', message_group_uuid: 'g-9' } }),
    )
    expect(await Group.get({ owner_uuid: 'owner-1', last_message_at: '2023-06-01T00:00:00.000Z' })).toEqual({
      owner_uuid: 'owner-1',
      last_message_at: '2023-06-01T00:00:00.000Z',
      message_group_uuid: 'g-9',
    })
  })
})

describe('a key attribute that is the field itself', () => {
  const table = defineTable({
    name: uniqueTableName('cart'),
    partitionKey: 'CustomerID',
    sortKey: 'Status#Date',
    indexes: { 'GSI-SKU': { partitionKey: 'ItemSKU', sortKey: 'Status#Date' } },
    entityAttribute: false,
    client,
  })
  const CartLine = table.entity('CartLine', {
    schema: z.object({
      CustomerID: z.string(),
      status: z.enum(['ACTIVE', 'SAVED', 'PURCHASED']),
      createdAt: z.string(),
      ItemSKU: z.string(),
      price: z.number(),
    }),
    key: { pk: '{CustomerID}', sk: '{status}#{createdAt}' },
  })
  beforeAll(() => createTable(table))

  it('writes the attribute once and uses attribute names with # in them', async () => {
    await CartLine.put({ CustomerID: 'c-1', status: 'ACTIVE', createdAt: '2024-01-01T00:00:00.000Z', ItemSKU: 'sku-1', price: 10 })
    expect(await raw(table.name, { CustomerID: 'c-1', 'Status#Date': 'ACTIVE#2024-01-01T00:00:00.000Z' })).toEqual({
      CustomerID: 'c-1',
      'Status#Date': 'ACTIVE#2024-01-01T00:00:00.000Z',
      status: 'ACTIVE',
      createdAt: '2024-01-01T00:00:00.000Z',
      ItemSKU: 'sku-1',
      price: 10,
    })
    await expect(CartLine.create({ CustomerID: 'c-1', status: 'ACTIVE', createdAt: '2024-01-01T00:00:00.000Z', ItemSKU: 'sku-1', price: 11 })).rejects.toThrow(
      /already exists/,
    )
  })
})
