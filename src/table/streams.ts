// DynamoDB Streams records, as a Lambda function receives them (AttributeValue images, binary as
// base64), turned into typed changes: which entity, its key fields, and the new and old items
// decoded with the entity's schema. A record no entity claims comes back with
// `entity: undefined` and its raw attributes, never thrown.
//
// The record types are structural, so the library needs no `aws-lambda` types to compile
// against: `DynamoDBRecord` from `@types/aws-lambda` (and the SDK's DynamoDB Streams record)
// fit them.

import { unmarshall } from '@aws-sdk/util-dynamodb'
import { decodeField, decodeItem } from '../entity/codec.js'
import type { Entity } from '../entity/entity.js'
import type { EntityModel } from '../entity/model.js'
import type { EntityTypes } from '../entity/types.js'
import { DefinitionError, ValidationError } from '../errors.js'
import { parseKey } from '../keys/index.js'
import { identify } from './identify.js'
import type { TableHandle } from './table.js'

type Attrs = Record<string, unknown>

/** An AttributeValue in a stream image: Lambda's JSON form (binary as base64) or the SDK's (Uint8Array). */
export interface StreamAttributeValue {
  S?: string | undefined
  N?: string | undefined
  B?: string | Uint8Array | undefined
  SS?: string[] | undefined
  NS?: string[] | undefined
  BS?: (string | Uint8Array)[] | undefined
  M?: { [name: string]: StreamAttributeValue } | undefined
  L?: StreamAttributeValue[] | undefined
  NULL?: boolean | undefined
  BOOL?: boolean | undefined
}

export type StreamImage = { [name: string]: StreamAttributeValue }

export type StreamEventName = 'INSERT' | 'MODIFY' | 'REMOVE'

/** One DynamoDB Streams record, e.g. `DynamoDBRecord` from `aws-lambda`. */
export interface StreamRecordInput {
  eventID?: string | undefined
  eventName?: StreamEventName | undefined
  eventSource?: string | undefined
  dynamodb?:
    | {
        Keys?: StreamImage | undefined
        NewImage?: StreamImage | undefined
        OldImage?: StreamImage | undefined
        SequenceNumber?: string | undefined
        StreamViewType?: string | undefined
        ApproximateCreationDateTime?: number | Date | undefined
        SizeBytes?: number | undefined
      }
    | undefined
}

/** A DynamoDB stream event, e.g. `DynamoDBStreamEvent` from `aws-lambda`. */
export interface StreamEventInput {
  Records: readonly StreamRecordInput[]
}

/** What a stream handler returns: the records Lambda should retry from (`ReportBatchItemFailures`). */
export interface StreamBatchResponse {
  batchItemFailures: { itemIdentifier: string }[]
}

interface ChangeFields<N extends StreamEventName, E, K, Item> {
  readonly eventName: N
  /** The entity's name; `undefined` for an item no entity claims. */
  readonly entity: E
  /** The entity's key fields (`{ username }`), decoded; the raw key attributes for an unclaimed item. */
  readonly key: K
  /** The stored primary key attributes, e.g. `{ PK: 'USER#alice', SK: '#METADATA#alice' }`. */
  readonly storedKey: Attrs
  /** The item after the change: INSERT and MODIFY, when the stream's view type has new images. */
  readonly newItem?: N extends 'REMOVE' ? undefined : Item
  /** The item before the change: MODIFY and REMOVE, when the stream's view type has old images. */
  readonly oldItem?: N extends 'INSERT' ? undefined : Item
  /** DynamoDB's sequence number: the identifier a failed record is reported by. */
  readonly sequenceNumber: string | undefined
  readonly record: StreamRecordInput
}

/** An untyped entity (`Entity`, no entities given) has `object` items: read them as records. */
export type Loose<X> = object extends X ? Attrs : X

type ChangeOf<T extends EntityTypes, N extends StreamEventName = StreamEventName> = N extends StreamEventName
  ? ChangeFields<N, T['name'], Loose<T['key']>, Loose<T['item']>>
  : never

/** A change to an item of entity `E`, by event: INSERT, MODIFY or REMOVE. */
export type EntityChange<E, N extends StreamEventName = StreamEventName> = E extends Entity<infer T> ? ChangeOf<T, N> : never

/** A change to an item no entity (of those asked about) claims: raw attributes. */
export type UnknownChange<N extends StreamEventName = StreamEventName> = N extends StreamEventName ? ChangeFields<N, undefined, Attrs, Attrs> : never

/** A parsed stream record: a typed change of one of `E`, or an `UnknownChange`. */
export type StreamChange<E = Entity> = EntityChange<E> | UnknownChange

const EVENTS: readonly string[] = ['INSERT', 'MODIFY', 'REMOVE']

/**
 * A DynamoDB Streams record of `table` (as Lambda receives it) as a typed change: `eventName`,
 * `entity`, the entity's `key` fields, and `newItem` / `oldItem` decoded with its schema. A record
 * no entity claims comes back with `entity: undefined` and raw attributes. Give `entities` to get
 * a union typed by them (records of other entities then come back unclaimed).
 *
 * @example
 * ```ts
 * import { parseStreamRecord, type StreamRecordInput } from 'sortkey'
 *
 * declare const record: StreamRecordInput // from a DynamoDBStreamEvent
 * const change = parseStreamRecord(table, record, { entities: [Game, UserGameMapping] })
 * if (change.entity === 'Game' && change.eventName === 'MODIFY') console.log(change.oldItem?.people, change.newItem?.people)
 * ```
 */
export function parseStreamRecord(table: TableHandle, record: StreamRecordInput): StreamChange
export function parseStreamRecord<const E extends readonly Entity<EntityTypes>[]>(table: TableHandle, record: StreamRecordInput, options: { entities: E }): StreamChange<E[number]>
export function parseStreamRecord(table: TableHandle, record: StreamRecordInput, options?: { entities?: readonly Entity<EntityTypes>[] }): StreamChange {
  return parseRecord(table.name, streamModels(table, options?.entities), record)
}

/** The models of `entities`, each checked to be an entity of `table`; every entity of it when none are given. */
export function streamModels(table: TableHandle, entities: readonly Entity<EntityTypes>[] | undefined): readonly EntityModel[] {
  if (!entities) return table.models
  return entities.map((entity) => {
    if (table.entities.get(entity.name)?.model !== entity.model) throw new DefinitionError(`entity ${entity.name} is not an entity of table ${table.name}`)
    return entity.model
  })
}

/** Parses one record; `models` are the entities it may belong to. */
export function parseRecord(tableName: string, models: readonly EntityModel[], record: StreamRecordInput): StreamChange {
  const invalid = (path: string[], message: string): never => {
    throw new ValidationError(`table ${tableName}`, 'parseStreamRecord', [{ path, message }])
  }
  if (!record || typeof record !== 'object') return invalid([], 'a stream record must be an object')
  const eventName = record.eventName
  if (typeof eventName !== 'string' || !EVENTS.includes(eventName)) return invalid(['eventName'], `must be INSERT, MODIFY or REMOVE (got ${String(eventName)})`)
  const data = record.dynamodb
  if (!data || typeof data !== 'object' || !data.Keys) return invalid(['dynamodb', 'Keys'], 'a DynamoDB stream record carries the item keys in dynamodb.Keys')
  const storedKey = image(data.Keys)
  const newRaw = eventName === 'REMOVE' || !data.NewImage ? undefined : image(data.NewImage)
  const oldRaw = eventName === 'INSERT' || !data.OldImage ? undefined : image(data.OldImage)
  const model = identify(models, { ...(oldRaw ?? newRaw), ...storedKey })
  const base = { eventName, storedKey, sequenceNumber: data.SequenceNumber, record }
  if (!model) {
    return { ...base, entity: undefined, key: storedKey, ...(newRaw ? { newItem: newRaw } : {}), ...(oldRaw ? { oldItem: oldRaw } : {}) } as UnknownChange
  }
  const operation = `stream ${eventName}`
  return {
    ...base,
    entity: model.name,
    key: keyFields(model, storedKey, operation),
    ...(newRaw ? { newItem: decodeItem(model, newRaw, operation) } : {}),
    ...(oldRaw ? { oldItem: decodeItem(model, oldRaw, operation) } : {}),
  } as StreamChange
}

/** Unmarshalls an image like the DocumentClient reads an item; Lambda's base64 binary becomes bytes. */
function image(attributes: StreamImage): Attrs {
  return unmarshall(withBytes(attributes) as never)
}

function withBytes(image: StreamImage): StreamImage {
  let out: StreamImage | undefined
  for (const name in image) {
    const value = image[name] as StreamAttributeValue
    const converted = bytes(value)
    if (converted !== value) (out ??= { ...image })[name] = converted
  }
  return out ?? image
}

function bytes(value: StreamAttributeValue): StreamAttributeValue {
  if (typeof value.B === 'string') return { B: fromBase64(value.B) }
  if (value.BS?.some((b) => typeof b === 'string')) return { BS: value.BS.map((b) => (typeof b === 'string' ? fromBase64(b) : b)) }
  if (value.M) {
    const m = withBytes(value.M)
    return m === value.M ? value : { M: m }
  }
  if (value.L) {
    const l = value.L.map(bytes)
    return l.every((v, i) => v === value.L?.[i]) ? value : { L: l }
  }
  return value
}

/** Bytes as the DocumentClient gives them: a plain Uint8Array, not a Buffer. */
function fromBase64(text: string): Uint8Array {
  const buffer = Buffer.from(text, 'base64')
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length)
}

/** The entity's key fields, read back from the stored key through its templates and decoded. */
function keyFields(model: EntityModel, storedKey: Attrs, operation: string): Attrs {
  const stored: Attrs = {}
  for (const key of [model.primary.pk, model.primary.sk]) {
    if (!key) continue
    const value = storedKey[key.attribute]
    if (key.plain) {
      stored[key.attribute] = value
      continue
    }
    const values = typeof value === 'string' ? parseKey(key.template, value, model.table.rules) : undefined
    if (!values) {
      throw new ValidationError(model.name, operation, [{ path: [key.attribute], message: `${JSON.stringify(value)} does not match key template '${key.template.source}'` }])
    }
    Object.assign(stored, values)
  }
  const out: Attrs = {}
  for (const field of model.keyFields) out[field] = decodeField(model, field, stored[field], operation)
  return out
}
