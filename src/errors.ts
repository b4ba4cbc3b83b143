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

/** Writes still unprocessed after every retry. Nothing is dropped: they are all here. */
export class BatchWriteError extends SortkeyError {
  readonly unprocessed: { entity: string | undefined; kind: 'put' | 'delete'; key: Record<string, unknown>; request: Record<string, unknown> }[]
  readonly written: number
  constructor(unprocessed: BatchWriteError['unprocessed'], written: number, options?: { cause?: unknown }) {
    super('BATCH_WRITE', `batchWrite: ${unprocessed.length} item(s) still unprocessed after retries (${written} written)`, options)
    this.unprocessed = unprocessed
    this.written = written
  }
}

/** Keys still unprocessed after every retry, with everything that was read. */
export class BatchGetError extends SortkeyError {
  readonly unprocessed: { entity: string | undefined; key: Record<string, unknown> }[]
  readonly items: unknown[]
  constructor(unprocessed: BatchGetError['unprocessed'], items: unknown[], options?: { cause?: unknown }) {
    super('BATCH_GET', `batchGet: ${unprocessed.length} key(s) still unprocessed after retries`, options)
    this.unprocessed = unprocessed
    this.items = items
  }
}

/** A request over one of DynamoDB's hard limits, refused before sending. */
export class LimitError extends SortkeyError {
  readonly limit: string
  constructor(limit: string, message: string) {
    super('LIMIT', message)
    this.limit = limit
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
