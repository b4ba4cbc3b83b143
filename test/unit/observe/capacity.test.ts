import { describe, it, expect } from 'vitest'
import { CapacitySum, Observation, capacityMode, probeFor, withCapacity, type ResponseEvent } from '../../../src/client/observe.js'

describe('CapacitySum', () => {
  it('splits CapacityUnits into read or write by the action when DynamoDB gives no split', () => {
    const sum = new CapacitySum()
    expect(sum.value()).toBeUndefined()
    sum.add([{ TableName: 't', CapacityUnits: 0.5 }], true)
    sum.add([{ TableName: 't', CapacityUnits: 2 }], false)
    expect(sum.value()).toEqual({ total: 2.5, read: 0.5, write: 2 })
  })

  it('uses ReadCapacityUnits / WriteCapacityUnits when given, and merges table and index parts across tables', () => {
    const sum = new CapacitySum()
    sum.add(
      [
        { TableName: 'a', CapacityUnits: 3, WriteCapacityUnits: 3, Table: { CapacityUnits: 1 }, GlobalSecondaryIndexes: { G1: { CapacityUnits: 2 } } },
        { TableName: 'b', CapacityUnits: 2, ReadCapacityUnits: 1, WriteCapacityUnits: 1, Table: { CapacityUnits: 1 }, LocalSecondaryIndexes: { L1: { CapacityUnits: 1 } } },
      ],
      true,
    )
    expect(sum.value()).toEqual({ total: 5, read: 1, write: 4, table: 2, indexes: { G1: 2, L1: 1 } })
  })
})

describe('observation switches', () => {
  it('gives no probe and no capacity mode when nothing watches', () => {
    const quiet = new Observation()
    expect(quiet.active).toBe(false)
    expect(probeFor(quiet, undefined, 't', 'E', 'get')).toBeUndefined()
    expect(probeFor(quiet, { label: 'just a label' }, 't', 'E', 'get')).toBeUndefined()
    expect(capacityMode(quiet, { label: 'x' })).toBeUndefined()
    const input = { TableName: 't' }
    expect(withCapacity(input, undefined)).toBe(input)
  })

  it('asks for TOTAL when a hook watches, the configured mode otherwise, and the operation overrides', () => {
    const watched = new Observation({ onResponse: () => {} })
    expect(capacityMode(watched, undefined)).toBe('TOTAL')
    expect(capacityMode(new Observation({ consumedCapacity: 'INDEXES' }), undefined)).toBe('INDEXES')
    expect(capacityMode(watched, { consumedCapacity: 'INDEXES' })).toBe('INDEXES')
    expect(capacityMode(undefined, { onRequest: () => {} })).toBe('TOTAL')
    expect(capacityMode(undefined, undefined, 'TOTAL')).toBe('TOTAL')
  })

  it('adds and removes observers', () => {
    const observation = new Observation()
    const seen: ResponseEvent[] = []
    const remove = observation.add({ onResponse: (e) => seen.push(e) })
    expect(observation.active).toBe(true)
    const probe = probeFor(observation, { label: 'l' }, 't', 'E', 'get')
    expect(probe).toBeDefined()
    const pending = probe!.start('GetItem', { TableName: 't' })
    probe!.end(pending, { ConsumedCapacity: { TableName: 't', CapacityUnits: 1 }, $metadata: { attempts: 3 } })
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({ label: 'l', entity: 'E', operation: 'get', command: 'GetItem', attempt: 1, sdkRetries: 2, capacity: { total: 1, read: 1, write: 0 } })
    expect(probe!.capacity()).toEqual({ total: 1, read: 1, write: 0 })
    remove()
    expect(observation.active).toBe(false)
  })

  it('per-operation hooks run after the table’s, and a probe counts its requests and rounds', () => {
    const order: string[] = []
    const observation = new Observation({ onRequest: () => order.push('table') })
    const probe = probeFor(observation, { onRequest: () => order.push('operation') }, 't', undefined, 'query')!
    const a = probe.start('Query', {})
    probe.end(a, { ConsumedCapacity: { CapacityUnits: 0.5 } })
    expect(probe.takeRound()).toEqual({ total: 0.5, read: 0.5, write: 0 })
    const b = probe.start('Query', {})
    probe.end(b, { ConsumedCapacity: { CapacityUnits: 1 } })
    expect(probe.takeRound()).toEqual({ total: 1, read: 1, write: 0 })
    expect(probe.capacity()).toEqual({ total: 1.5, read: 1.5, write: 0 })
    expect(probe.requests).toBe(2)
    expect(order).toEqual(['table', 'operation', 'table', 'operation'])
  })
})
