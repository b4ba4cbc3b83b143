// Every error sortkey throws. Each carries a stable `code` so callers can branch without
// matching on messages, and names what failed: entity, operation, field, template.

export type ErrorCode =
  | 'DEFINITION'
  | 'VALIDATION'
  | 'KEY_VALUE'
  | 'INCOMPLETE_KEY'
  | 'ITEM_EXISTS'
  | 'CONDITION_FAILED'
  | 'VERSION_CONFLICT'
  | 'TRANSACTION_CANCELED'
  | 'BATCH_WRITE'
  | 'BATCH_GET'
  | 'LIMIT'
  | 'CURSOR'
  | 'UNIQUE_CONSTRAINT'
  | 'REQUEST_FAILED'

export class SortkeyError extends Error {
  readonly code: ErrorCode
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
    this.name = new.target.name
  }
}

/** A table or entity definition that cannot work: found when `defineTable` / `table.entity` runs. */
export class DefinitionError extends SortkeyError {
  constructor(message: string) {
    super('DEFINITION', message)
  }
}

export interface ValidationIssue {
  /** Path inside the item, e.g. `['address', 'city']`. */
  path: (string | number)[]
  message: string
  code?: string
}

/** An item, key or update value that does not match the entity's schema. */
export class ValidationError extends SortkeyError {
  readonly entity: string
  readonly operation: string
  readonly issues: ValidationIssue[]
  constructor(entity: string, operation: string, issues: ValidationIssue[], options?: { cause?: unknown }) {
    const detail = issues
      .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(item)'}: ${issue.message}`)
      .join('; ')
    super('VALIDATION', `${entity}.${operation}: invalid input — ${detail}`, options)
    this.entity = entity
    this.operation = operation
    this.issues = issues
  }
}

/** A value that cannot go into a key: empty, containing the delimiter, or of a type keys cannot hold. */
export class KeyValueError extends SortkeyError {
  readonly entity: string
  readonly template: string
  readonly field: string
  readonly value: unknown
  constructor(entity: string, template: string, field: string, value: unknown, reason: string) {
    super('KEY_VALUE', `${entity}: field "${field}" of key template '${template}' ${reason} (got ${describeValue(value)})`)
    this.entity = entity
    this.template = template
    this.field = field
    this.value = value
  }
}

/** A key input or update that lacks fields a key template needs. */
export class IncompleteKeyError extends SortkeyError {
  readonly entity: string
  readonly template: string
  readonly missing: string[]
  constructor(entity: string, template: string, missing: string[], context: string) {
    super(
      'INCOMPLETE_KEY',
      `${entity}: ${context} needs ${missing.map((f) => `"${f}"`).join(', ')} for key template '${template}'`,
    )
    this.entity = entity
    this.template = template
    this.missing = missing
  }
}

/** `create` found an item already stored under the same key. */
export class ItemExistsError extends SortkeyError {
  readonly entity: string
  readonly key: Record<string, unknown>
  constructor(entity: string, key: Record<string, unknown>, options?: { cause?: unknown }) {
    super('ITEM_EXISTS', `${entity}.create: an item with key ${JSON.stringify(key)} already exists`, options)
    this.entity = entity
    this.key = key
  }
}

/** A condition on a write did not hold. `item` is the stored item when DynamoDB returned it. */
export class ConditionFailedError extends SortkeyError {
  readonly entity: string
  readonly operation: string
  readonly key: Record<string, unknown>
  readonly item: Record<string, unknown> | undefined
  constructor(
    entity: string,
    operation: string,
    key: Record<string, unknown>,
    item: Record<string, unknown> | undefined,
    options?: { cause?: unknown; code?: 'CONDITION_FAILED' | 'VERSION_CONFLICT'; message?: string },
  ) {
    super(
      options?.code ?? 'CONDITION_FAILED',
      options?.message ?? `${entity}.${operation}: the condition failed for key ${JSON.stringify(key)}`,
      options,
    )
    this.entity = entity
    this.operation = operation
    this.key = key
    this.item = item
  }
}

export interface CancellationReason {
  /** Position of the operation in the transaction. */
  index: number
  entity: string | undefined
  operation: string
  key: Record<string, unknown> | undefined
  /** DynamoDB's code: `ConditionalCheckFailed`, `TransactionConflict`, `None`, ... */
  code: string
  message: string | undefined
  /** The stored item, when DynamoDB returned it (`ReturnValuesOnConditionCheckFailure: ALL_OLD`). */
  item: Record<string, unknown> | undefined
}

/** A transaction DynamoDB refused, with one reason per operation. */
export class TransactionCanceledError extends SortkeyError {
  readonly reasons: CancellationReason[]
  constructor(reasons: CancellationReason[], options?: { cause?: unknown }) {
    const failed = reasons.filter((r) => r.code !== 'None')
    const detail = failed
      .map((r) => `#${r.index} ${r.entity ?? '?'}.${r.operation} ${JSON.stringify(r.key)}: ${r.code}`)
      .join('; ')
    super('TRANSACTION_CANCELED', `transaction canceled — ${detail || 'no reason given'}`, options)
    this.reasons = reasons
  }
  /** The reasons of the operations that actually failed. */
  get failed(): CancellationReason[] {
    return this.reasons.filter((r) => r.code !== 'None')
  }
}

/** Writes not done: still unprocessed after every retry, or never sent because an error stopped the batch. Nothing is dropped: they are all here. */
export class BatchWriteError extends SortkeyError {
  readonly unprocessed: { entity: string | undefined; kind: 'put' | 'delete'; key: Record<string, unknown>; request: Record<string, unknown> }[]
  readonly written: number
  /** `cause` is the error that stranded the unprocessed items (the one that stopped the batch, or the last failed attempt). */
  constructor(unprocessed: BatchWriteError['unprocessed'], written: number, options?: { cause?: unknown }) {
    super('BATCH_WRITE', `batchWrite: ${unprocessed.length} item(s) not written (${written} written)${batchCause(options?.cause)}`, options)
    this.unprocessed = unprocessed
    this.written = written
  }
}

/** Keys not read: still unprocessed after every retry, or never sent because an error stopped the batch; with everything that was read. */
export class BatchGetError extends SortkeyError {
  readonly unprocessed: { entity: string | undefined; key: Record<string, unknown> }[]
  readonly items: unknown[]
  constructor(unprocessed: BatchGetError['unprocessed'], items: unknown[], options?: { cause?: unknown }) {
    super('BATCH_GET', `batchGet: ${unprocessed.length} key(s) not read${batchCause(options?.cause)}`, options)
    this.unprocessed = unprocessed
    this.items = items
  }
}

/** The first line of a batch error names what stranded its items. */
function batchCause(cause: unknown): string {
  if (cause === undefined) return ': DynamoDB still left them unprocessed after the last retry'
  const error = cause as { name?: unknown; message?: unknown }
  const message = typeof error?.message === 'string' ? error.message.split('\n')[0] : String(cause)
  return ` — ${message}`
}

/** A request over one of DynamoDB's hard limits, refused before sending. `limit` names the rule. */
export class LimitError extends SortkeyError {
  readonly limit: string
  /** The entity whose request is over the limit, when one is. */
  readonly entity: string | undefined
  /** The attribute (or path) over the limit, when one is. */
  readonly field: string | undefined
  constructor(limit: string, message: string, options?: { entity?: string | undefined; field?: string | undefined }) {
    super('LIMIT', message)
    this.limit = limit
    this.entity = options?.entity
    this.field = options?.field
  }
}

/**
 * A request DynamoDB (or the network, or the SDK) refused for a reason sortkey has no more
 * specific error for: a missing table, denied access, no region, a refused connection, a
 * throttled request the SDK gave up on. `awsName` is the SDK's error name, `cause` the error itself.
 */
export class RequestFailedError extends SortkeyError {
  readonly entity: string | undefined
  readonly operation: string
  /** The SDK's error name (`ResourceNotFoundException`, `ThrottlingException`, ...) or the network error code (`ECONNREFUSED`). */
  readonly awsName: string
  /** Whether sending the same request again later may succeed (throttling, a 5xx, a dropped connection). */
  readonly retryable: boolean
  constructor(entity: string | undefined, operation: string, awsName: string, detail: string, retryable: boolean, options?: { cause?: unknown }) {
    super('REQUEST_FAILED', `${entity ? `${entity}.` : ''}${operation}: ${awsName}: ${detail}`, options)
    this.entity = entity
    this.operation = operation
    this.awsName = awsName
    this.retryable = retryable
  }
}

/** A pagination cursor that is malformed or belongs to another query. */
export class CursorError extends SortkeyError {
  constructor(message: string) {
    super('CURSOR', message)
  }
}

/** Another item already holds a value declared unique. */
export class UniqueConstraintError extends SortkeyError {
  readonly entity: string
  readonly field: string
  readonly value: unknown
  constructor(entity: string, field: string, value: unknown, options?: { cause?: unknown }) {
    super('UNIQUE_CONSTRAINT', `${entity}: ${field} ${describeValue(value)} is already taken`, options)
    this.entity = entity
    this.field = field
    this.value = value
  }
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (value === undefined) return 'undefined'
  if (typeof value === 'bigint') return `${value}n`
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}
