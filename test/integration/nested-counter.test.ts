// A counter inside a map that may not exist yet ('booked.deluxe'): DynamoDB refuses
// `SET booked = if_not_exists(booked, :empty)` with `ADD booked.deluxe :1` in one expression
// (overlapping paths), so the documented pattern is measured here: the map made when the item is
// created (a default), and for an item without it, a conditioned update and a fallback.
import { describe, it, expect, beforeAll } from 'vitest'
import { z } from 'zod'
import { UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { defineTable, createTable, ConditionFailedError, ValidationError, exists, notExists } from '../../src/index.js'
import { localClient, uniqueTableName } from '../support/client.js'
import { countingClient } from '../support/counting.js'

const client = localClient()
const { sender, sent } = countingClient()
const table = defineTable({ name: uniqueTableName('nested-counter'), partitionKey: 'PK', sortKey: 'SK', client: sender })

const Hotel = table.entity('Hotel', {
  schema: z.object({ hotelId: z.string(), name: z.string(), booked: z.record(z.string(), z.number()).optional() }),
  key: { pk: 'HOTEL#{hotelId}', sk: 'SUMMARY' },
})

/** One room type booked once more: the nested ADD when the map exists, else the map written whole. */
async function book(hotelId: string, room: string) {
  try {
    return await Hotel.update({ hotelId }, { add: { [`booked.${room}`]: 1 } }, { condition: { booked: exists() } }).withMeta()
  } catch (error) {
    if (!(error instanceof ConditionFailedError) || error.item === undefined) throw error
    // No map yet: write it with this first count, only while it is still missing (else retry the ADD).
    return await Hotel.update({ hotelId }, { set: { booked: { [room]: 1 } } }, { condition: { booked: notExists() } }).withMeta()
  }
}

beforeAll(async () => {
  await createTable(table)
})

describe('a counter inside a map that may not exist', () => {
  it('DynamoDB refuses the one-expression form: the paths overlap (sortkey refuses it before sending)', async () => {
    const direct = client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: { PK: 'HOTEL#x', SK: 'SUMMARY' },
        UpdateExpression: 'SET #b = if_not_exists(#b, :empty) ADD #b.#d :one',
        ExpressionAttributeNames: { '#b': 'booked', '#d': 'deluxe' },
        ExpressionAttributeValues: { ':empty': {}, ':one': 1 },
      }),
    )
    await expect(direct).rejects.toThrow(/overlap/i)
    expect(() => Hotel.update({ hotelId: 'x' }, { setIfNotExists: { booked: {} }, add: { 'booked.deluxe': 1 } }).params()).toThrow(ValidationError)
  })

  it('the map made on create: every count is one nested ADD', async () => {
    await Hotel.upsert({ hotelId: 'h1', name: 'Grand' }, { setIfNotExists: { booked: {} } })
    const { capacity, requests } = await Hotel.update({ hotelId: 'h1' }, { add: { 'booked.deluxe': 1 } }).withMeta()
    expect(requests).toBe(1)
    expect(capacity?.write).toBe(1)
    expect((await Hotel.get({ hotelId: 'h1' }))?.booked).toEqual({ deluxe: 1 })
  })

  it('an item without the map: two requests the first time, one after', async () => {
    await Hotel.put({ hotelId: 'h2', name: 'Plaza' })
    const requests: number[] = []
    const units: (number | undefined)[] = []
    for (const room of ['deluxe', 'deluxe', 'suite']) {
      const before = sent.length
      const { capacity } = await book('h2', room)
      requests.push(sent.length - before)
      units.push(capacity?.write)
    }
    expect(requests).toEqual([2, 1, 1])
    expect(units).toEqual([1, 1, 1]) // the successful request's units; a failed condition is charged too on DynamoDB
    expect((await Hotel.get({ hotelId: 'h2' }))?.booked).toEqual({ deluxe: 2, suite: 1 })
  })
})
