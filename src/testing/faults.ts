// A client that misbehaves the way DynamoDB can, on purpose and repeatably (seeded): throttling,
// unprocessed batch items, condition failures carrying the stored item, cancelled transactions
// with a reason per operation, timeouts. It works at the DocumentClient `send` level, so it
// tests whatever sends through a client, not one code path.

import { DescribeTableCommand } from '@aws-sdk/client-dynamodb'
import { BatchGetCommand, BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb'
import { marshall } from '@aws-sdk/util-dynamodb'
import type { CommandSender } from 'sortkey'
import { commandInput, commandName, type CommandName } from './commands.js'

type Attrs = Record<string, unknown>

export type FaultKind = 'throttle' | 'unprocessed' | 'conditionFailed' | 'transactionCanceled' | 'timeout' | 'error'

export interface FaultRule {
  /** The commands the rule applies to: 'Put', 'BatchWrite', 'TransactWrite', ... */
  on: CommandName | readonly CommandName[]
  fault: FaultKind
  /** Only calls whose input passes this test. */
  when?: (input: Attrs) => boolean
  /** Let this many matching calls through before the first fault (default 0). */
  after?: number
  /** Inject the fault at most this many times (default: every matching call). */
  times?: number
  /** The chance that a matching call gets the fault (default 1), drawn from the seeded random. */
  rate?: number
  /** throttle: the error name (default ProvisionedThroughputExceededException). error: the error thrown. */
  error?: string | Error
  /** unprocessed: the share of each batch left undone, or a range it is drawn from (default [0.3, 0.6]). */
  fraction?: number | readonly [number, number]
  /** transactionCanceled: DynamoDB's code per operation (default ConditionalCheckFailed for the first, None for the rest). */
  reasons?: readonly string[]
  /** timeout: the request reached DynamoDB and was applied before the caller gave up (default false). */
  applied?: boolean
  /** timeout: how long the call hangs before it fails (default 0 ms). */
  delayMs?: number
}

export interface InjectedFault {
  readonly command: CommandName
  readonly fault: FaultKind
  readonly input: Attrs
  /** unprocessed: how many items were left undone. */
  readonly withheld?: number
}

export interface FaultyClient extends CommandSender {
  /** Every fault injected, in order. */
  readonly injected: readonly InjectedFault[]
  /** Calls received (of one command, or all). */
  calls(name?: CommandName): number
  /** Faults injected (of one kind, or all). */
  count(fault?: FaultKind): number
  /** Batch items left unprocessed so far. */
  withheld(): number
}

/**
 * Wraps a client and injects the faults the rules describe; everything else passes through.
 * The first rule that matches a call and fires decides its fault.
 *
 * @example
 * ```ts
 * import { faultyClient, testClient } from 'sortkey/testing'
 * const flaky = faultyClient(testClient(), [
 *   { on: 'BatchWrite', fault: 'throttle', times: 2 },
 *   { on: 'BatchWrite', fault: 'unprocessed', fraction: 0.5 },
 *   { on: 'Update', fault: 'conditionFailed', times: 1 },
 *   { on: 'TransactWrite', fault: 'transactionCanceled', reasons: ['None', 'TransactionConflict'] },
 *   { on: 'Get', fault: 'timeout', applied: false },
 * ], { seed: 42 })
 * ```
 */
export function faultyClient(inner: CommandSender, rules: readonly FaultRule[], options: { seed?: number } = {}): FaultyClient {
  const random = seeded(options.seed ?? 1)
  const injected: InjectedFault[] = []
  const calls = new Map<CommandName, number>()
  const state = rules.map(() => ({ seen: 0, fired: 0 }))
  const keySchemas = new Map<string, Promise<string[]>>()

  const pick = (name: CommandName, input: Attrs): FaultRule | undefined => {
    for (const [i, rule] of rules.entries()) {
      const on = typeof rule.on === 'string' ? [rule.on] : rule.on
      if (!on.includes(name) || (rule.when && !rule.when(input))) continue
      const s = state[i] as { seen: number; fired: number }
      if (s.seen++ < (rule.after ?? 0)) continue
      if (rule.times !== undefined && s.fired >= rule.times) continue
      if (random() >= (rule.rate ?? 1)) continue
      s.fired++
      return rule
    }
    return undefined
  }

  /** The stored item under a request's key, marshalled as DynamoDB returns it with a failed condition. */
  const storedItem = async (part: Attrs): Promise<Attrs | undefined> => {
    if (part.ReturnValuesOnConditionCheckFailure !== 'ALL_OLD') return undefined
    const table = part.TableName as string
    let key = part.Key as Attrs | undefined
    if (!key && part.Item) {
      let names = keySchemas.get(table)
      if (!names) {
        names = (inner.send(new DescribeTableCommand({ TableName: table })) as Promise<{ Table?: { KeySchema?: { AttributeName?: string }[] } }>).then((out) =>
          (out.Table?.KeySchema ?? []).map((k) => k.AttributeName as string),
        )
        keySchemas.set(table, names)
      }
      key = Object.fromEntries((await names).map((n) => [n, (part.Item as Attrs)[n]]))
    }
    if (!key) return undefined
    const output = (await inner.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }))) as { Item?: Attrs }
    return output.Item ? (marshall(output.Item, { removeUndefinedValues: true }) as Attrs) : undefined
  }

  const inject = async (rule: FaultRule, name: CommandName, input: Attrs, command: unknown, sendOptions: unknown): Promise<unknown> => {
    const log = (withheld?: number) => injected.push({ command: name, fault: rule.fault, input, ...(withheld !== undefined ? { withheld } : {}) })
    switch (rule.fault) {
      case 'throttle':
        log()
        throw awsError(typeof rule.error === 'string' ? rule.error : 'ProvisionedThroughputExceededException', 'The level of configured provisioned throughput for the table was exceeded', 400)
      case 'error':
        log()
        throw rule.error instanceof Error ? rule.error : awsError(rule.error ?? 'InternalServerError', 'Internal server error', 500)
      case 'timeout': {
        if (rule.applied) await inner.send(command, sendOptions)
        if (rule.delayMs) await new Promise((r) => setTimeout(r, rule.delayMs))
        log()
        throw Object.assign(new Error(`the request timed out${rule.applied ? ' (after DynamoDB applied it)' : ''}`), { name: 'TimeoutError', $metadata: {} })
      }
      case 'conditionFailed': {
        const item = await storedItem(input)
        log()
        throw Object.assign(awsError('ConditionalCheckFailedException', 'The conditional request failed', 400), item ? { Item: item } : {})
      }
      case 'transactionCanceled': {
        const entries = (input.TransactItems ?? []) as Attrs[]
        const codes = entries.map((_, i) => rule.reasons?.[i] ?? (rule.reasons ? 'None' : i === 0 ? 'ConditionalCheckFailed' : 'None'))
        const reasons = await Promise.all(
          codes.map(async (Code, i) => {
            if (Code !== 'ConditionalCheckFailed') return { Code, ...(Code === 'None' ? {} : { Message: Code }) }
            const part = Object.values(entries[i] ?? {})[0] as Attrs | undefined
            const Item = part ? await storedItem(part) : undefined
            return { Code, Message: 'The conditional request failed', ...(Item ? { Item } : {}) }
          }),
        )
        log()
        throw Object.assign(awsError('TransactionCanceledException', `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes.join(', ')}]`, 400), {
          CancellationReasons: reasons,
        })
      }
      case 'unprocessed':
        return sendUnprocessed(rule, name, input, command, sendOptions, log)
    }
  }

  const undone = (list: readonly unknown[], rule: FaultRule): [kept: unknown[], held: unknown[]] => {
    const f = rule.fraction ?? [0.3, 0.6]
    const share = typeof f === 'number' ? f : f[0] + (f[1] - f[0]) * random()
    const count = share >= 1 ? list.length : Math.floor(list.length * share)
    const shuffled = [...list].sort(() => random() - 0.5)
    return [shuffled.slice(count), shuffled.slice(0, count)]
  }

  const sendUnprocessed = async (rule: FaultRule, name: CommandName, input: Attrs, command: unknown, sendOptions: unknown, log: (withheld: number) => void) => {
    if (name === 'BatchWrite') {
      const send: Record<string, unknown[]> = {}
      const unprocessed: Record<string, unknown[]> = {}
      let withheld = 0
      for (const [table, requests] of Object.entries((input.RequestItems ?? {}) as Record<string, unknown[]>)) {
        const [kept, held] = undone(requests, rule)
        if (kept.length > 0) send[table] = kept
        if (held.length > 0) unprocessed[table] = held
        withheld += held.length
      }
      log(withheld)
      if (Object.keys(send).length === 0) return { UnprocessedItems: unprocessed }
      const output = (await inner.send(new BatchWriteCommand({ ...input, RequestItems: send } as never), sendOptions)) as Attrs & { UnprocessedItems?: Record<string, unknown[]> }
      for (const [table, requests] of Object.entries(output.UnprocessedItems ?? {})) (unprocessed[table] ??= []).push(...requests)
      return { ...output, UnprocessedItems: unprocessed }
    }
    if (name === 'BatchGet') {
      const send: Record<string, Attrs> = {}
      const unprocessed: Record<string, Attrs & { Keys: unknown[] }> = {}
      let withheld = 0
      for (const [table, request] of Object.entries((input.RequestItems ?? {}) as Record<string, Attrs & { Keys?: unknown[] }>)) {
        const [kept, held] = undone(request.Keys ?? [], rule)
        if (kept.length > 0) send[table] = { ...request, Keys: kept }
        if (held.length > 0) unprocessed[table] = { ...request, Keys: held }
        withheld += held.length
      }
      log(withheld)
      if (Object.keys(send).length === 0) return { Responses: {}, UnprocessedKeys: unprocessed }
      const output = (await inner.send(new BatchGetCommand({ ...input, RequestItems: send } as never), sendOptions)) as Attrs & { UnprocessedKeys?: Record<string, { Keys: unknown[] }> }
      for (const [table, request] of Object.entries(output.UnprocessedKeys ?? {})) (unprocessed[table] ??= { ...request, Keys: [] }).Keys.push(...request.Keys)
      return { ...output, UnprocessedKeys: unprocessed }
    }
    return inner.send(command, sendOptions) // nothing to leave undone in other commands
  }

  return {
    injected,
    calls: (name) => (name === undefined ? [...calls.values()].reduce((a, b) => a + b, 0) : (calls.get(name) ?? 0)),
    count: (fault) => injected.filter((f) => fault === undefined || f.fault === fault).length,
    withheld: () => injected.reduce((n, f) => n + (f.withheld ?? 0), 0),
    async send(command: unknown, sendOptions?: unknown) {
      const name = commandName(command)
      calls.set(name, (calls.get(name) ?? 0) + 1)
      const input = commandInput(command)
      const rule = pick(name, input)
      return rule ? inject(rule, name, input, command, sendOptions) : inner.send(command, sendOptions)
    },
  }
}

/** An error shaped like the AWS SDK's service exceptions (name, $fault, $metadata). */
function awsError(name: string, message: string, status: number): Error {
  return Object.assign(new Error(message), { name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status } })
}

/** xorshift32: the same faults for the same seed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1
  return () => {
    state ^= state << 13
    state >>>= 0
    state ^= state >>> 17
    state ^= state << 5
    state >>>= 0
    return state / 0x100000000
  }
}
