import { describe, it, expect, beforeAll } from 'vitest'
import { z } from 'zod'
import { ScanCommand } from '@aws-sdk/lib-dynamodb'
import { defineTable, BatchWriteError, RequestFailedError, LimitError, ValidationError, createTable, batchWrite, batchGet } from '../../src/index.js'
import { localClient, uniqueTableName } from '../support/client.js'
import { faultyClient } from '../support/faulty-client.js'

const client = localClient()
const table = defineTable({ name: uniqueTableName('batch'), partitionKey: 'PK', sortKey: 'SK', client })
const Reading = table.entity('Reading', {
  schema: z.object({ sensor: z.string(), seq: z.number().int(), value: z.number() }),
  key: { pk: 'SENSOR#{sensor}', sk: 'SEQ#{seq:6}' },
})
const Sensor = table.entity('Sensor', {
  schema: z.object({ sensor: z.string(), label: z.string() }),
  key: { pk: 'SENSOR#{sensor}', sk: 'META' },
})

async function countItems(tableName: string): Promise<number> {
  let count = 0
  let start: Record<string, unknown> | undefined
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, Select: 'COUNT', ExclusiveStartKey: start }))
    count += page.Count ?? 0
    start = page.LastEvaluatedKey
  } while (start)
  return count
}

beforeAll(async () => {
  await createTable(table)
})

describe('batchWrite and batchGet never drop items', () => {
  it('stores all 10,000 items while DynamoDB leaves 30–60% of each request unprocessed and throttles some calls', async () => {
    const faulty = faultyClient(client, { seed: 42, throttleRate: 0.1 })
    const ops = Array.from({ length: 10_000 }, (_, i) => Reading.put({ sensor: `s${i % 50}`, seq: i, value: i * 0.5 }))
    const progress: number[] = []
    const result = await batchWrite(ops, { client: faulty, baseDelayMs: 2, maxDelayMs: 50, maxAttempts: 40, concurrency: 8, onProgress: ({ done }) => progress.push(done) })
    expect(result.written).toBe(10_000)
    expect(faulty.stats.withheld).toBeGreaterThan(3_000)
    expect(faulty.stats.throttled).toBeGreaterThan(0)
    expect(progress[progress.length - 1]).toBe(10_000)
    expect(await countItems(table.name)).toBe(10_000)

    const gets = Array.from({ length: 10_000 }, (_, i) => Reading.get({ sensor: `s${i % 50}`, seq: i }))
    const before = faulty.stats.withheld
    const items = await batchGet(gets, { client: faulty, baseDelayMs: 2, maxDelayMs: 50, maxAttempts: 40, concurrency: 8 })
    expect(faulty.stats.withheld - before).toBeGreaterThan(3_000)
    expect(items).toHaveLength(10_000)
    expect(items.every((item, i) => item?.seq === i && item.value === i * 0.5 && item.sensor === `s${i % 50}`)).toBe(true)
  }, 180_000)

  it('gives back, typed, everything still unwritten when retries run out', async () => {
    const faulty = faultyClient(client, { seed: 7, throttleRate: 1 })
    const ops = Array.from({ length: 60 }, (_, i) => Sensor.put({ sensor: `never-${i}`, label: 'x' }))
    const error = await batchWrite(ops, { client: faulty, maxAttempts: 3, baseDelayMs: 1 })
      .then(
        () => undefined,
        (e: unknown) => e,
      )
    expect(error).toBeInstanceOf(BatchWriteError)
    const batchError = error as BatchWriteError
    expect(batchError.unprocessed).toHaveLength(60)
    // reported in request order, whichever chunk gave up first
    expect(batchError.unprocessed.map((u) => u.key.PK)).toEqual(ops.map((_, i) => `SENSOR#never-${i}`))
    expect(batchError.written).toBe(0)
    expect(batchError.unprocessed[0]).toMatchObject({ entity: 'Sensor', kind: 'put', key: { PK: 'SENSOR#never-0', SK: 'META' } })
    expect((batchError.cause as RequestFailedError).awsName).toBe('ProvisionedThroughputExceededException')
  })

  it('mixes entities and deletes, and returns gets in request order with undefined for missing', async () => {
    await batchWrite([Sensor.put({ sensor: 'a', label: 'A' }), Sensor.put({ sensor: 'b', label: 'B' }), Reading.delete({ sensor: 's0', seq: 0 })])
    const [b, missing, a, reading] = await batchGet([Sensor.get({ sensor: 'b' }), Sensor.get({ sensor: 'zzz' }), Sensor.get({ sensor: 'a' }), Reading.get({ sensor: 's0', seq: 0 })])
    expect(b).toEqual({ sensor: 'b', label: 'B' })
    expect(missing).toBeUndefined()
    expect(a).toEqual({ sensor: 'a', label: 'A' })
    expect(reading).toBeUndefined()
  })

  it('refuses duplicate keys and conditional writes before sending anything', async () => {
    let sent = 0
    const counting = { client: { send: (command: unknown) => (sent++, client.send(command as never)) } }
    await expect(batchWrite([Sensor.put({ sensor: 'd', label: '1' }), Sensor.put({ sensor: 'd', label: '2' })], counting)).rejects.toThrow(LimitError)
    await expect(batchWrite([Sensor.create({ sensor: 'd', label: '1' })], counting)).rejects.toThrow(ValidationError)
    await expect(batchGet([Sensor.get({ sensor: 'd' }), Sensor.get({ sensor: 'd' })], counting)).rejects.toThrow(/same key/)
    expect(sent).toBe(0)
  })
})
