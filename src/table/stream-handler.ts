// streamHandler(table, ...): a Lambda handler for a DynamoDB stream that routes each record to
// the callback for its entity and event. Records are handled one at a time, in order; at the
// first failure (a callback that throws, or an item its schema refuses) the handler stops and
// reports that record in `batchItemFailures`, so Lambda retries from it — the records before it
// are not delivered again, and the order of changes to an item is kept.

import type { Entity } from '../entity/entity.js'
import type { EntityTypes } from '../entity/types.js'
import { DefinitionError, ValidationError } from '../errors.js'
import { parseRecord, streamModels, type EntityChange, type Loose, type StreamBatchResponse, type StreamChange, type StreamEventInput, type StreamRecordInput, type UnknownChange } from './streams.js'
import type { TableHandle } from './table.js'

type Awaitable<T> = T | PromiseLike<T>

/** Callbacks for one entity's changes. Each gets the item and the whole change (key, old and new items). */
export interface EntityStreamHandlers<T extends EntityTypes> {
  /** A new item: `item` is the new image (the stream must carry new images). */
  insert?(item: Loose<T['item']>, change: EntityChange<Entity<T>, 'INSERT'>): Awaitable<unknown>
  /** A changed item: `item` is the new image; `change.oldItem` the old one when the stream carries old images. */
  modify?(item: Loose<T['item']>, change: EntityChange<Entity<T>, 'MODIFY'>): Awaitable<unknown>
  /** A deleted item: `item` is the old image, undefined when the stream carries none (`change.key` is always there). */
  remove?(item: Loose<T['item']> | undefined, change: EntityChange<Entity<T>, 'REMOVE'>): Awaitable<unknown>
}

type TypesOf<E> = E extends Entity<infer T> ? T : never

/** Callbacks by entity name. */
export type StreamHandlers<E> = {
  [N in TypesOf<E>['name']]?: EntityStreamHandlers<TypesOf<Extract<E, { readonly name: N }>>>
}

export interface StreamHandlerOptions<E> {
  /** The entities to route (types the callbacks); default every entity of the table, untyped. */
  entities?: E
  /** Called for records no entity claims (default: skipped). */
  unknown?(change: UnknownChange): Awaitable<unknown>
  /** Told of the failure that stops the batch (default: `console.error`). */
  onError?(error: unknown, record: StreamRecordInput): void
}

/** A Lambda handler for DynamoDB stream events; `DynamoDBStreamHandler` from `@types/aws-lambda` fits it. */
export type StreamHandler = (event: StreamEventInput) => Promise<StreamBatchResponse>

/**
 * A Lambda handler for `table`'s stream: each record goes to the callback for its entity and
 * event (`{ Message: { insert(item) {...} } }`), in order. At the first failure it stops and
 * reports that record in `batchItemFailures` (enable `ReportBatchItemFailures` on the event
 * source mapping), so only it and the records after it are retried.
 *
 * @example
 * ```ts
 * import { streamHandler } from 'sortkey'
 *
 * export const handler = streamHandler(
 *   table,
 *   {
 *     Game: {
 *       insert: async (game) => console.log('new game on', game.map),
 *       modify: async (game, change) => console.log(change.oldItem?.people, '->', game.people),
 *     },
 *   },
 *   { entities: [Game] },
 * )
 * ```
 */
export function streamHandler<const E extends readonly Entity<EntityTypes>[] = readonly Entity[]>(
  table: TableHandle,
  handlers: StreamHandlers<E[number]>,
  options: StreamHandlerOptions<E> = {},
): StreamHandler {
  const models = streamModels(table, options.entities)
  for (const name of Object.keys(handlers)) {
    if (!models.some((m) => m.name === name)) throw new DefinitionError(`streamHandler: table ${table.name} has no entity ${name}${options.entities ? ' among the entities given' : ''}`)
  }
  return handle((record) => parseRecord(table.name, models, record), handlers as Readonly<Record<string, EntityStreamHandlers<EntityTypes> | undefined>>, options)
}

function handle(
  parse: (record: StreamRecordInput) => StreamChange,
  handlers: Readonly<Record<string, EntityStreamHandlers<EntityTypes> | undefined>>,
  options: StreamHandlerOptions<unknown>,
): StreamHandler {
  const onError = options.onError ?? defaultOnError
  return async (event) => {
    for (const record of event?.Records ?? []) {
      try {
        await route(parse(record), handlers, options)
      } catch (error) {
        onError(error, record)
        return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? record.eventID ?? '' }] }
      }
    }
    return { batchItemFailures: [] }
  }
}

async function route(
  change: StreamChange,
  handlers: Readonly<Record<string, EntityStreamHandlers<EntityTypes> | undefined>>,
  options: StreamHandlerOptions<unknown>,
): Promise<void> {
  if (change.entity === undefined) {
    await options.unknown?.(change)
    return
  }
  const on = handlers[change.entity]
  if (!on) return
  const needsNew = (change.eventName === 'INSERT' && on.insert) || (change.eventName === 'MODIFY' && on.modify)
  if (needsNew && change.newItem === undefined) {
    const view = change.record.dynamodb?.StreamViewType ?? 'unknown'
    throw new ValidationError(change.entity, `stream ${change.eventName}`, [
      { path: ['dynamodb', 'NewImage'], message: `the ${change.eventName.toLowerCase()} handler needs the new item, but the stream (view type ${view}) carries no new image: use NEW_IMAGE or NEW_AND_OLD_IMAGES` },
    ])
  }
  if (change.eventName === 'INSERT') await on.insert?.(change.newItem as Record<string, unknown>, change as never)
  else if (change.eventName === 'MODIFY') await on.modify?.(change.newItem as Record<string, unknown>, change as never)
  else await on.remove?.(change.oldItem, change as never)
}

function defaultOnError(error: unknown, record: StreamRecordInput): void {
  console.error(`sortkey stream handler: record ${record.dynamodb?.SequenceNumber ?? record.eventID ?? '?'} (${record.eventName ?? '?'}) failed; reporting it for retry`, error)
}
