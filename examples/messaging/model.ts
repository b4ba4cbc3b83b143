// Cruddur's direct messages: one table `cruddur-messages` holding, per conversation, a group row
// for each participant (their inbox entry) and the messages themselves. The original stores no
// entity attribute, so entities are told apart by key pattern (GRP# vs MSG#).
import { z } from 'zod'
import { defineTable, isoDate } from '../../src/index.js'
import { client } from '../lib/client.js'

export const table = defineTable({
  name: process.env.MESSAGES_TABLE ?? 'cruddur-messages',
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: {
    // A conversation's group rows (one per participant), found by the conversation's uuid.
    'message-group-sk-index': { partitionKey: 'message_group_uuid', sortKey: 'sk' },
  },
  entityAttribute: false,
  // As the original's schema-load script: provisioned 5/5 for the table and its index; the
  // stream (NEW_IMAGE) feeds the Lambda that keeps group rows up to date.
  billing: { read: 5, write: 5 },
  stream: 'NEW_IMAGE',
  client,
})

/**
 * One participant's entry for a conversation: `GRP#{owner_uuid}` / last-message time. The row
 * describes the *other* participant (user_uuid, user_display_name, user_handle); its owner and
 * its time live only in the key, as in the original.
 */
export const MessageGroup = table.entity('MessageGroup', {
  schema: z.object({
    owner_uuid: z.uuid(),
    last_message_at: isoDate(),
    message_group_uuid: z.uuid(),
    message: z.string(),
    user_uuid: z.uuid(),
    user_display_name: z.string(),
    user_handle: z.string(),
  }),
  key: { pk: 'GRP#{owner_uuid}', sk: '{last_message_at}' },
  keyOnly: ['owner_uuid', 'last_message_at'],
})

/**
 * A message: `MSG#{message_group_uuid}` / created_at, with its sender. `message_group_uuid` and
 * `created_at` live only in the key: without a `message_group_uuid` attribute, messages stay out
 * of `message-group-sk-index`, which then holds group rows alone.
 */
export const Message = table.entity('Message', {
  schema: z.object({
    message_group_uuid: z.uuid(),
    created_at: isoDate(),
    message_uuid: z.uuid(),
    message: z.string(),
    user_uuid: z.uuid(),
    user_display_name: z.string(),
    user_handle: z.string(),
  }),
  key: { pk: 'MSG#{message_group_uuid}', sk: '{created_at}' },
  keyOnly: ['message_group_uuid', 'created_at'],
})

export type MessageGroupItem = typeof MessageGroup.types.item
export type MessageItem = typeof Message.types.item

/** A Cruddur user as the messaging code sees one. */
export interface Participant {
  uuid: string
  display_name: string
  handle: string
}
