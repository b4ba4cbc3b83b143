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

/**
 * The base of every error sortkey throws. `code` is stable: branch on it (or on the class) rather
 * than on the message. Errors that wrap an AWS SDK error keep it as `cause`.
 *
 * @example
 * ```ts
 * import { SortkeyError } from 'sortkey'
 *
 * try {
 *   await User.create({ username: 'alice', name: 'Alice', email: 'alice@example.com', joined: new Date() })
 * } catch (error) {
 *   if (error instanceof SortkeyError && error.code === 'ITEM_EXISTS') console.log('taken')
 *   else throw error
 * }
 * ```
 */
export class SortkeyError extends Error {
  readonly code: ErrorCode
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
    this.name = new.target.name
  }
}

/**
 * A table or entity definition that cannot work, found when `defineTable`, `table.entity`,
 * `defineCollection` or `streamHandler` runs: colliding key patterns, a placeholder that is not a
 * schema field, two placeholders without a delimiter between them, a number without a width, an
 * unknown index. Code `DEFINITION`.
 *
 * @example
 * ```ts
 * import { z } from 'zod'
 * import { DefinitionError, defineTable } from 'sortkey'
 *
 * const t = defineTable({ name: 'app', partitionKey: 'PK', sortKey: 'SK' })
 * try {
 *   t.entity('A', { schema: z.object({ a: z.string(), b: z.string() }), key: { pk: 'A#{a}', sk: '{a}{b}' } })
 * } catch (error) {
 *   if (error instanceof DefinitionError) console.log(error.message) // names the entity and the template
 * }
 * ```
 */
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

/**
 * An item, key, update value, condition or read option that does not match the entity's schema or
 * the operation's rules, refused before anything is sent. `entity` and `operation` say where;
 * `issues` hold one `{ path, message, code? }` per problem. Code `VALIDATION`.
 *
 * @example
 * ```ts
 * import { ValidationError } from 'sortkey'
 *
 * try {
 *   await Game.put({ game_id: 'g1', map: 'Juicy Jungle', creator: 'alice', people: 51 })
 * } catch (error) {
 *   if (error instanceof ValidationError) console.log(error.entity, error.issues[0]?.path) // 'Game' ['people']
 * }
 * ```
 */
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

/**
 * A value that cannot go into a key: an empty string, a string holding the table's delimiter (unless
 * the table escapes), a number without its declared width, negative or fractional, or a type keys
 * cannot hold. Carries `entity`, `template`, `field` and `value`. Code `KEY_VALUE`.
 *
 * @example
 * ```ts
 * import { KeyValueError } from 'sortkey'
 *
 * try {
 *   User.key({ username: 'a#b' })
 * } catch (error) {
 *   if (error instanceof KeyValueError) console.log(error.field, error.template) // 'username' 'USER#{username}'
 * }
 * ```
 */
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

/**
 * A key input, query or update that lacks fields a key template needs: an update that sets some
 * fields of an index key's template without the others (the key would go stale), a query without
 * its partition-key fields. The types refuse these where they can see them; the error covers input
 * the types cannot see. Carries `entity`, `template` and the `missing` fields. Code
 * `INCOMPLETE_KEY`.
 *
 * @example
 * ```ts
 * import { z } from 'zod'
 * import { IncompleteKeyError, defineTable } from 'sortkey'
 *
 * const tasks = defineTable({ name: 'tasks', partitionKey: 'PK', sortKey: 'SK', indexes: { GSI1: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK' } }, client })
 * const Task = tasks.entity('Task', {
 *   schema: z.object({ id: z.string(), owner: z.string(), status: z.string(), due: z.string() }),
 *   key: { pk: 'TASK#{id}', sk: 'TASK' },
 *   indexes: { GSI1: { pk: 'OWNER#{owner}', sk: '{status}#{due}' } },
 * })
 * const changes: { set: { status: string } } = JSON.parse('{"set":{"status":"DONE"}}') // the types cannot see this
 * try {
 *   await Task.update({ id: 't1' }, changes as never)
 * } catch (error) {
 *   if (error instanceof IncompleteKeyError) console.log(error.missing) // ['due']
 * }
 * ```
 */
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

/**
 * `create` found an item already stored under the same key. Carries `entity` and the stored `key`.
 * Code `ITEM_EXISTS`.
 *
 * @example
 * ```ts
 * import { ItemExistsError } from 'sortkey'
 *
 * try {
 *   await UserGameMapping.create({ game_id: 'g1', username: 'alice' })
 * } catch (error) {
 *   if (error instanceof ItemExistsError) console.log('already in the game', error.key)
 * }
 * ```
 */
export class ItemExistsError extends SortkeyError {
  readonly entity: string
  readonly key: Record<string, unknown>
  constructor(entity: string, key: Record<string, unknown>, options?: { cause?: unknown }) {
    super('ITEM_EXISTS', `${entity}.create: an item with key ${JSON.stringify(key)} already exists`, options)
    this.entity = entity
    this.key = key
  }
}

/**
 * A condition on a write did not hold, or an update found no item, or (code `VERSION_CONFLICT`) the
 * stored version was not the one expected. Carries `entity`, `operation`, the stored `key` and
 * `item`: the stored item when DynamoDB returned it (sortkey asks for it), undefined when there was
 * none. Code `CONDITION_FAILED` or `VERSION_CONFLICT`.
 *
 * @example
 * ```ts
 * import { ConditionFailedError, lt } from 'sortkey'
 *
 * try {
 *   await Game.update({ game_id: 'g1' }, { add: { people: 1 } }, { condition: { people: lt(50) } })
 * } catch (error) {
 *   if (error instanceof ConditionFailedError) console.log(error.item === undefined ? 'no such game' : 'full')
 * }
 * ```
 */
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

/**
 * DynamoDB cancelled a transaction. `reasons` has one entry per operation, in order: `index`,
 * `entity`, `operation`, `key`, DynamoDB's `code` (`None` for operations that did not fail,
 * `ConditionalCheckFailed`, `TransactionConflict`, ...), `message` and the stored `item` where
 * DynamoDB returned it; `failed` lists only the ones that failed. Code `TRANSACTION_CANCELED`.
 *
 * @example
 * ```ts
 * import { TransactionCanceledError, transactWrite, lt } from 'sortkey'
 *
 * try {
 *   await transactWrite([
 *     UserGameMapping.create({ game_id: 'g1', username: 'alice' }),
 *     Game.update({ game_id: 'g1' }, { add: { people: 1 } }, { condition: { people: lt(50) } }),
 *   ])
 * } catch (error) {
 *   if (error instanceof TransactionCanceledError) for (const r of error.failed) console.log(r.index, r.entity, r.code)
 * }
 * ```
 */
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

/**
 * Writes `batchWrite` did not do: still unprocessed after every retry, or never sent because an
 * error retrying cannot fix (a missing table, denied access) stopped the batch. Every one of them
 * is in `unprocessed` (`entity`, `kind`, `key`, and the `request` to send again), with the number
 * `written`; `cause` is the error that stranded them. Nothing is dropped. Code `BATCH_WRITE`.
 *
 * @example
 * ```ts
 * import { BatchWriteError, batchWrite } from 'sortkey'
 *
 * try {
 *   await batchWrite([Game.delete({ game_id: 'g1' }), Game.delete({ game_id: 'g2' })], { maxAttempts: 3 })
 * } catch (error) {
 *   if (error instanceof BatchWriteError) console.log(error.written, error.unprocessed.map((u) => u.key))
 * }
 * ```
 */
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

/**
 * Keys `batchGet` did not read: still unprocessed after every retry, or never sent because an
 * error retrying cannot fix stopped the batch (`cause`). `unprocessed` holds each (`entity`,
 * `key`), and `items` everything that was read, in request order. Code `BATCH_GET`.
 *
 * @example
 * ```ts
 * import { BatchGetError, batchGet } from 'sortkey'
 *
 * try {
 *   await batchGet([User.get({ username: 'alice' }), User.get({ username: 'bob' })])
 * } catch (error) {
 *   if (error instanceof BatchGetError) console.log(error.unprocessed.length, error.items)
 * }
 * ```
 */
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

/**
 * A request over one of DynamoDB's hard limits, refused before sending: a key over 2,048 / 1,024
 * bytes, an item over 400 KB, an expression over 4 KB, nesting past 32 levels, a transaction over
 * 100 operations or 4 MB or with two operations on one item, duplicate keys in a batch. `limit`
 * names the limit; `entity` and `field` say where. Code `LIMIT`.
 *
 * @example
 * ```ts
 * import { LimitError, transactWrite } from 'sortkey'
 *
 * try {
 *   await transactWrite([Game.delete({ game_id: 'g1' }), Game.delete({ game_id: 'g1' })])
 * } catch (error) {
 *   if (error instanceof LimitError) console.log(error.limit)
 * }
 * ```
 */
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
 * throttled request the SDK gave up on. `awsName` is the SDK's error name, `cause` the error
 * itself. Code `REQUEST_FAILED`.
 *
 * @example
 * ```ts
 * import { RequestFailedError } from 'sortkey'
 *
 * try {
 *   await Game.get({ game_id: 'g1' })
 * } catch (error) {
 *   if (error instanceof RequestFailedError && error.awsName === 'ResourceNotFoundException') console.log('create the table first')
 *   else throw error
 * }
 * ```
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

/**
 * A pagination cursor that is malformed or was made by another read (another entity, index,
 * partition or number of segments), refused before sending. Code `CURSOR`.
 *
 * @example
 * ```ts
 * import { CursorError } from 'sortkey'
 *
 * try {
 *   await Order.query.primary({ customerId: 'c1' }).startAfter('not-a-cursor')
 * } catch (error) {
 *   if (error instanceof CursorError) console.log('start over')
 * }
 * ```
 */
export class CursorError extends SortkeyError {
  constructor(message: string) {
    super('CURSOR', message)
  }
}

/**
 * Another item of the entity already holds a value declared in its `unique` fields. Carries
 * `entity`, `field` and `value`. Code `UNIQUE_CONSTRAINT`.
 *
 * @example
 * ```ts
 * import { z } from 'zod'
 * import { UniqueConstraintError, defineTable } from 'sortkey'
 *
 * const accounts = defineTable({ name: 'accounts', partitionKey: 'PK', sortKey: 'SK', client })
 * const Account = accounts.entity('Account', {
 *   schema: z.object({ id: z.string(), email: z.email() }),
 *   key: { pk: 'ACCOUNT#{id}', sk: 'ACCOUNT' },
 *   unique: ['email'],
 * })
 * try {
 *   await Account.create({ id: 'a2', email: 'alice@example.com' })
 * } catch (error) {
 *   if (error instanceof UniqueConstraintError) console.log(`${error.field} is taken`)
 * }
 * ```
 */
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
