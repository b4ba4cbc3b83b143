// What a request needs besides its input: the client that sends it and the context its errors
// name (entity, operation, key). Sending itself is the executor's (executor.ts).

import { DefinitionError } from '../errors.js'

/** The part of a DynamoDBDocumentClient that sortkey uses. */
export interface CommandSender {
  /** Sends one lib-dynamodb command, as `DynamoDBDocumentClient#send` does. */
  send(command: unknown, options?: unknown): Promise<unknown>
}

/** One operation of a transaction, as its cancellation reason names it. */
export interface PartContext {
  readonly entity: string | undefined
  readonly operation: string
  key(): Record<string, unknown>
  /** Decodes the raw (AttributeValue) item DynamoDB returns for a failed condition. */
  decodeItem?(raw: Record<string, unknown>): Record<string, unknown> | undefined
}

export interface RequestContext {
  /** The entity (or collection) the request is for; undefined for table-level requests over several. */
  readonly entity: string | undefined
  readonly operation: string
  readonly key: Record<string, unknown> | undefined
  /** Decodes the raw (AttributeValue) item DynamoDB returns with a failed condition. */
  readonly decodeFailedItem?: ((raw: Record<string, unknown>) => Record<string, unknown> | undefined) | undefined
  /** A transaction's operations, in order. */
  readonly parts?: readonly PartContext[] | undefined
}

/** The context, or a function or an operation giving it: built only if the request fails, so a success pays nothing for it. */
export type ContextSource = RequestContext | (() => RequestContext) | { requestContext(): RequestContext }

export function requireClient(client: CommandSender | undefined, owner: string): CommandSender {
  if (!client) {
    throw new DefinitionError(`${owner} has no client: pass client to defineTable, or use withClient(client)`)
  }
  return client
}

/**
 * The name of an SDK error (`ResourceNotFoundException`), of the error a RequestFailedError
 * wraps, or a network error's code (`ECONNREFUSED`) when it has no better name.
 */
export function awsErrorName(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined
  const e = error as { name?: unknown; awsName?: unknown; code?: unknown; errors?: { code?: unknown }[] }
  if (typeof e.awsName === 'string') return e.awsName
  const code = typeof e.code === 'string' ? e.code : typeof e.errors?.[0]?.code === 'string' ? (e.errors[0].code as string) : undefined
  if (typeof e.name === 'string' && e.name !== 'Error' && e.name !== 'AggregateError') return e.name
  return code ?? (typeof e.name === 'string' ? e.name : undefined)
}
