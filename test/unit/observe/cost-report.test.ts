import { describe, it, expect } from 'vitest'
import { createCostReport, type ResponseEvent } from '../../../src/index.js'

let call = 0
function event(patch: Partial<ResponseEvent> & Pick<ResponseEvent, 'command'>): ResponseEvent {
  return {
    call: ++call,
    table: 't',
    entity: 'Game',
    operation: 'query',
    label: undefined,
    input: { TableName: 't' },
    attempt: 1,
    durationMs: 1,
    capacity: undefined,
    consumedCapacity: undefined,
    sdkRetries: 0,
    ...patch,
  }
}

const read = (total: number) => ({ total, read: total, write: 0 })

describe('createCostReport', () => {
  it('sums capacity, requests and items per label, and takes nearest-rank latency percentiles', () => {
    const report = createCostReport()
    for (let i = 1; i <= 100; i++) report.onResponse(event({ command: 'GetItem', operation: 'get', label: 'profile', durationMs: i, capacity: read(0.5) }))
    const shared = ++call
    report.onResponse(event({ command: 'Query', call: shared, label: 'players', input: { KeyConditionExpression: '#a = :a AND begins_with(#b, :b)' }, capacity: read(1), items: { read: 10, matched: 10, returned: 10 } }))
    report.onResponse(event({ command: 'Query', call: shared, label: 'players', input: { KeyConditionExpression: '#a = :a AND begins_with(#b, :b)' }, capacity: read(0.5), items: { read: 4, matched: 4, returned: 4 } }))
    const [first, second] = report.rows()
    expect(first).toMatchObject({ label: 'profile', operations: 100, requests: 100, capacity: read(50), items: undefined, latencyMs: { p50: 50, p95: 95, p99: 99, max: 100 } })
    expect(second).toMatchObject({ label: 'players', operations: 1, requests: 2, capacity: read(1.5), items: { read: 14, matched: 14, returned: 14 } })
    expect(report.hints()).toEqual([])
  })

  it('counts retries and errors, and labels unlabelled operations by entity, operation and index', () => {
    const report = createCostReport()
    report.onResponse(event({ command: 'BatchWriteItem', entity: undefined, operation: 'batchWrite', error: new Error('throttled') }))
    report.onResponse(event({ command: 'BatchWriteItem', entity: undefined, operation: 'batchWrite', attempt: 2, sdkRetries: 1 }))
    report.onResponse(event({ command: 'Query', input: { IndexName: 'OpenGamesIndex' }, items: { read: 1, matched: 1, returned: 1 } }))
    expect(report.rows().map((r) => [r.label, r.retries, r.errors])).toEqual([
      ['batchWrite', 2, 1],
      ['Game.query OpenGamesIndex', 0, 0],
    ])
  })

  it('points out scans, filters that discard most of what they read, and queries with no sort-key condition', () => {
    const report = createCostReport()
    report.onResponse(event({ command: 'Scan', label: 'all games', capacity: read(4), items: { read: 40, matched: 40, returned: 40 } }))
    report.onResponse(event({ command: 'Query', label: 'big spenders', input: { KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :a AND :b' }, items: { read: 50, matched: 5, returned: 5 } }))
    report.onResponse(event({ command: 'Query', label: 'messages', input: { KeyConditionExpression: '#pk = :pk' }, items: { read: 30, matched: 30, returned: 3 } }))
    report.onResponse(event({ command: 'Query', label: 'fine', input: { KeyConditionExpression: '#pk = :pk' }, items: { read: 30, matched: 30, returned: 30 } }))
    expect(report.hints().map((h) => [h.label, h.kind])).toEqual([
      ['all games', 'scan'],
      ['big spenders', 'filter-waste'],
      ['messages', 'sort-key'],
    ])
    expect(report.hints()[1]?.message).toContain('90% discarded')
    const strict = createCostReport({ wasteThreshold: 0.05 })
    strict.onResponse(event({ command: 'Query', label: 'big spenders', input: { KeyConditionExpression: '#pk = :pk AND #sk > :a' }, items: { read: 50, matched: 5, returned: 5 } }))
    expect(strict.hints()).toEqual([])
  })

  it('formats an aligned table with a total line, and resets', () => {
    const report = createCostReport()
    report.onResponse(event({ command: 'GetItem', operation: 'get', label: 'profile', capacity: read(0.5) }))
    report.onResponse(event({ command: 'PutItem', operation: 'put', label: 'sign up', capacity: { total: 2, read: 0, write: 2 } }))
    const lines: string[] = []
    report.print((line) => lines.push(line))
    expect(lines[0]).toMatch(/^access pattern\s+ops\s+reqs\s+RCU\s+WCU\s+CU\/op\s+read\s+returned\s+p50 ms\s+p95 ms\s+p99 ms\s+retries\s+errors$/)
    expect(lines[2]).toMatch(/^sign up\s+1\s+1\s+0\s+2\s+2\s+-\s+-\s+1\.0\s+1\.0\s+1\.0\s+0\s+0$/)
    expect(lines[3]).toMatch(/^profile\s+1\s+1\s+0\.5\s+0\s+0\.5\s+-/)
    expect(lines.at(-1)).toMatch(/^total\s+2\s+2\s+0\.5\s+2\s+0\s+0\s+0\s+0$/)
    // right-aligned: every row's RCU column ends where the header's does
    const end = (lines[0] as string).indexOf('RCU') + 3
    expect([lines[2], lines[3]].map((l) => (l as string).slice(0, end).trimEnd().length)).toEqual([end, end])
    report.reset()
    expect(report.format()).toBe('(no requests recorded)')
  })
})
