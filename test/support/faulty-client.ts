// Wraps a real DocumentClient and makes batches misbehave the way DynamoDB may under load:
// BatchWriteItem / BatchGetItem leave a random 30–60% of each request unprocessed, and some
// calls fail outright with ProvisionedThroughputExceededException. Everything else passes through.
import { BatchGetCommand, BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'

type Attrs = Record<string, unknown>

export interface FaultStats {
  calls: number
  throttled: number
  withheld: number
}

export function faultyClient(real: DynamoDBDocumentClient, options: { seed: number; throttleRate: number }) {
  let state = options.seed >>> 0 || 1
  const random = () => {
    // xorshift32: repeatable for a seed
    state ^= state << 13
    state >>>= 0
    state ^= state >>> 17
    state ^= state << 5
    state >>>= 0
    return state / 0x100000000
  }
  const stats: FaultStats = { calls: 0, throttled: 0, withheld: 0 }
  const throttle = () => Object.assign(new Error('The level of configured provisioned throughput for the table was exceeded'), { name: 'ProvisionedThroughputExceededException' })
  const split = <T>(list: T[]): [T[], T[]] => {
    const count = Math.floor(list.length * (0.3 + 0.3 * random()))
    const shuffled = [...list].sort(() => random() - 0.5)
    return [shuffled.slice(count), shuffled.slice(0, count)]
  }
  const client = {
    stats,
    async send(command: unknown): Promise<unknown> {
      if (command instanceof BatchWriteCommand) {
        stats.calls++
        if (random() < options.throttleRate) {
          stats.throttled++
          throw throttle()
        }
        const send: Record<string, Attrs[]> = {}
        const unprocessed: Record<string, Attrs[]> = {}
        for (const [table, requests] of Object.entries(command.input.RequestItems ?? {})) {
          const [kept, held] = split(requests as Attrs[])
          if (kept.length > 0) send[table] = kept
          if (held.length > 0) unprocessed[table] = held
          stats.withheld += held.length
        }
        if (Object.keys(send).length > 0) {
          const output = (await real.send(new BatchWriteCommand({ RequestItems: send as never }))) as { UnprocessedItems?: Record<string, Attrs[]> }
          for (const [table, requests] of Object.entries(output.UnprocessedItems ?? {})) (unprocessed[table] ??= []).push(...requests)
        }
        return { UnprocessedItems: unprocessed }
      }
      if (command instanceof BatchGetCommand) {
        stats.calls++
        if (random() < options.throttleRate) {
          stats.throttled++
          throw throttle()
        }
        const send: Record<string, Attrs> = {}
        const unprocessed: Record<string, Attrs> = {}
        for (const [table, request] of Object.entries(command.input.RequestItems ?? {})) {
          const [kept, held] = split((request.Keys ?? []) as Attrs[])
          if (kept.length > 0) send[table] = { ...request, Keys: kept }
          if (held.length > 0) unprocessed[table] = { ...request, Keys: held }
          stats.withheld += held.length
        }
        let responses: Record<string, Attrs[]> = {}
        if (Object.keys(send).length > 0) {
          const output = (await real.send(new BatchGetCommand({ RequestItems: send as never }))) as {
            Responses?: Record<string, Attrs[]>
            UnprocessedKeys?: Record<string, { Keys: Attrs[] }>
          }
          responses = output.Responses ?? {}
          for (const [table, request] of Object.entries(output.UnprocessedKeys ?? {})) {
            const target = (unprocessed[table] ??= { Keys: [] }) as { Keys: Attrs[] }
            target.Keys.push(...request.Keys)
          }
        }
        return { Responses: responses, UnprocessedKeys: unprocessed }
      }
      return real.send(command as never)
    },
  }
  return client
}
