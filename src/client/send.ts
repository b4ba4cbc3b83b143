// Sending one command and turning AWS's errors into ours. The caller says what the request
// was (entity, operation, key) so the error can name it.

import {
  ConditionFailedError,
  ItemExistsError,
  DefinitionError,
} from '../errors.js'

/** The part of a DynamoDBDocumentClient that sortkey uses. */
export interface CommandSender {
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

export async function send<T>(client: CommandSender, command: unknown, context: RequestContext): Promise<T> {
  try {
    return (await client.send(command)) as T
  } catch (error) {
    throw mapAwsError(error, context)
  }
}

export function awsErrorName(error: unknown): string | undefined {
  if (error && typeof error === 'object') {
    const name = (error as { name?: unknown; __type?: unknown }).name
    if (typeof name === 'string') return name
  }
  return undefined
}

/** ConditionalCheckFailed becomes ItemExistsError (for create) or ConditionFailedError; others pass through. */
export function mapAwsError(error: unknown, context: RequestContext): unknown {
  if (awsErrorName(error) !== 'ConditionalCheckFailedException') return error
  const raw = (error as { Item?: Record<string, unknown> }).Item
  const item = raw && context.decodeFailedItem ? context.decodeFailedItem(raw) : undefined
  if (context.operation === 'create') return new ItemExistsError(context.entity, context.key, { cause: error })
  return new ConditionFailedError(context.entity, context.operation, context.key, item, { cause: error })
}
