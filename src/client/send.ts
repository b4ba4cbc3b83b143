// Sending one command and turning AWS's errors into ours. The caller says what the request
// was (entity, operation, key) so the error can name it.

import {
  ConditionFailedError,
  ItemExistsError,
  DefinitionError,
} from '../errors.js'
import type { DynamoAction, Probe } from './observe.js'

/** The part of a DynamoDBDocumentClient that sortkey uses. */
export interface CommandSender {
  /** Sends one lib-dynamodb command, as `DynamoDBDocumentClient#send` does. */
  send(command: unknown, options?: unknown): Promise<unknown>
}

export interface RequestContext {
  readonly entity: string
  readonly operation: string
  readonly key: Record<string, unknown>
  /** Decodes the raw (AttributeValue) item DynamoDB returns with a failed condition. */
  readonly decodeFailedItem?: ((raw: Record<string, unknown>) => Record<string, unknown> | undefined) | undefined
}

export function requireClient(client: CommandSender | undefined, owner: string): CommandSender {
  if (!client) {
    throw new DefinitionError(`${owner} has no client: pass client to defineTable, or use withClient(client)`)
  }
  return client
}

/** What an observed request tells its probe: the action and the exact input of `command`. */
export interface Observed {
  readonly probe: Probe
  readonly command: DynamoAction
  readonly input: Readonly<Record<string, unknown>>
  /** 1 for the first attempt (default); batches count their retries. */
  readonly attempt?: number
}

/**
 * Sends one command. Without `observed` (nothing watches) this is `client.send` and error
 * mapping, nothing else; with it, the probe's observers see the request and its response.
 */
/** The context, or a function giving it: built only if the request fails, so a success pays nothing for it. */
export type ContextSource = RequestContext | (() => RequestContext)

export async function send<T>(client: CommandSender, command: unknown, context: ContextSource, observed?: Observed): Promise<T> {
  if (observed !== undefined) return sendObserved<T>(client, command, context, observed)
  try {
    return (await client.send(command)) as T
  } catch (error) {
    throw mapAwsError(error, context)
  }
}

async function sendObserved<T>(client: CommandSender, command: unknown, context: ContextSource, observed: Observed): Promise<T> {
  const probe = observed.probe
  const pending = probe.start(observed.command, observed.input, observed.attempt)
  let output: T
  try {
    output = (await client.send(command)) as T
  } catch (error) {
    const mapped = mapAwsError(error, context)
    probe.fail(pending, mapped)
    throw mapped
  }
  probe.end(pending, (output ?? {}) as Record<string, unknown>)
  return output
}

export function awsErrorName(error: unknown): string | undefined {
  if (error && typeof error === 'object') {
    const name = (error as { name?: unknown; __type?: unknown }).name
    if (typeof name === 'string') return name
  }
  return undefined
}

/** ConditionalCheckFailed becomes ItemExistsError (for create) or ConditionFailedError; others pass through. */
export function mapAwsError(error: unknown, source: ContextSource): unknown {
  if (awsErrorName(error) !== 'ConditionalCheckFailedException') return error
  const context = typeof source === 'function' ? source() : source
  const raw = (error as { Item?: Record<string, unknown> }).Item
  const item = raw && context.decodeFailedItem ? context.decodeFailedItem(raw) : undefined
  if (context.operation === 'create') return new ItemExistsError(context.entity, context.key, { cause: error })
  return new ConditionFailedError(context.entity, context.operation, context.key, item, { cause: error })
}
