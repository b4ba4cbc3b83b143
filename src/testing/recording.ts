// A client that records every command sent through it — batches and transactions included —
// and flattens them into the item-level writes and reads they carry, for assertions.

import type { CommandSender } from 'sortkey'
import { commandInput, commandName, type CommandName } from './commands.js'

type Attrs = Record<string, unknown>

/** One command as it was sent, with what came back. */
export interface RecordedCommand {
  readonly name: CommandName
  readonly input: Attrs
  readonly output?: Attrs | undefined
  readonly error?: unknown
}

/** One item a command wrote or read, whichever command carried it. */
export interface ItemRequest {
  readonly kind: 'put' | 'update' | 'delete' | 'check' | 'get'
  readonly table: string
  /** The command that carried it: 'Put', 'BatchWrite', 'TransactWrite', ... */
  readonly via: CommandName
  /** The whole item, for puts. */
  readonly item?: Attrs | undefined
  /** The key, for everything but puts. */
  readonly key?: Attrs | undefined
  /** The request's own input (a TransactWrite entry's Put, a BatchWrite's PutRequest, ...). */
  readonly input: Attrs
}

export interface RecordingClient extends CommandSender {
  /** Every command, in the order sent. */
  readonly commands: readonly RecordedCommand[]
  /** Command names in order: `['TransactWrite', 'Get']`. */
  names(): CommandName[]
  /** The inputs of the commands called `name`. */
  inputs(name: CommandName): Attrs[]
  /** Every item write (put, update, delete, condition check) in order, from single, batch and transaction commands; optionally of one table. */
  writes(table?: string): ItemRequest[]
  /** Every item read by key (Get, BatchGet, TransactGet) in order; optionally of one table. */
  reads(table?: string): ItemRequest[]
  /** Forgets what was recorded. */
  clear(): void
}

/**
 * Wraps a client and records every command sent through it, with its output or error.
 *
 * @example
 * ```ts
 * import { recordingClient, testClient } from 'sortkey/testing'
 * const recorder = recordingClient(testClient())
 * // ... bind entities to it: testTable(table, { client: recorder }) or Entity.withClient(recorder)
 * recorder.names()          // ['BatchWrite', 'Get']
 * recorder.writes('orders') // every put / update / delete / check, batches and transactions flattened
 * ```
 */
export function recordingClient(inner: CommandSender): RecordingClient {
  const commands: RecordedCommand[] = []
  const items = (kinds: ReadonlySet<ItemRequest['kind']>, table: string | undefined) =>
    commands.flatMap((command) => itemRequests(command.name, command.input)).filter((r) => kinds.has(r.kind) && (table === undefined || r.table === table))
  return {
    commands,
    async send(command: unknown, options?: unknown) {
      const record: { name: CommandName; input: Attrs; output?: Attrs; error?: unknown } = { name: commandName(command), input: commandInput(command) }
      commands.push(record)
      try {
        const output = (await inner.send(command, options)) as Attrs
        record.output = output
        return output
      } catch (error) {
        record.error = error
        throw error
      }
    },
    names: () => commands.map((c) => c.name),
    inputs: (name) => commands.filter((c) => c.name === name).map((c) => c.input),
    writes: (table) => items(WRITES, table),
    reads: (table) => items(READS, table),
    clear: () => void commands.splice(0),
  }
}

const WRITES = new Set<ItemRequest['kind']>(['put', 'update', 'delete', 'check'])
const READS = new Set<ItemRequest['kind']>(['get'])

/** The item-level requests one command carries. */
export function itemRequests(via: CommandName, input: Attrs): ItemRequest[] {
  const one = (kind: ItemRequest['kind'], part: Attrs): ItemRequest => ({
    kind,
    table: part.TableName as string,
    via,
    ...(kind === 'put' ? { item: part.Item as Attrs } : { key: part.Key as Attrs }),
    input: part,
  })
  switch (via) {
    case 'Put':
      return [one('put', input)]
    case 'Update':
      return [one('update', input)]
    case 'Delete':
      return [one('delete', input)]
    case 'Get':
      return [one('get', input)]
    case 'BatchWrite':
      return Object.entries((input.RequestItems ?? {}) as Record<string, Attrs[]>).flatMap(([table, requests]) =>
        requests.map((r) =>
          r.PutRequest
            ? { kind: 'put' as const, table, via, item: (r.PutRequest as Attrs).Item as Attrs, input: r }
            : { kind: 'delete' as const, table, via, key: (r.DeleteRequest as Attrs).Key as Attrs, input: r },
        ),
      )
    case 'BatchGet':
      return Object.entries((input.RequestItems ?? {}) as Record<string, { Keys?: Attrs[] }>).flatMap(([table, request]) =>
        (request.Keys ?? []).map((key) => ({ kind: 'get' as const, table, via, key, input: request as Attrs })),
      )
    case 'TransactWrite':
      return ((input.TransactItems ?? []) as Attrs[]).map((entry) => {
        if (entry.Put) return one('put', entry.Put as Attrs)
        if (entry.Update) return one('update', entry.Update as Attrs)
        if (entry.Delete) return one('delete', entry.Delete as Attrs)
        return one('check', entry.ConditionCheck as Attrs)
      }).map((r) => ({ ...r, via }))
    case 'TransactGet':
      return ((input.TransactItems ?? []) as Attrs[]).map((entry) => ({ ...one('get', entry.Get as Attrs), via }))
    default:
      return []
  }
}
