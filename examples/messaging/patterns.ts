// The Cruddur direct-message access patterns, one function each, with plain arguments.
import { randomUUID } from 'node:crypto'
import type { StreamRecordInput } from '../../src/index.js'
import { Message, MessageGroup, table, type MessageGroupItem, type MessageItem, type Participant } from './model.js'
import { transactWrite, parseStreamRecord, streamHandler } from '../../src/index.js'

/** The year messages are listed for by default: the current one (UTC), as the original does. */
export const currentYear = () => String(new Date().getUTCFullYear())

/**
 * List messages in a group: the newest 20 of `year` (`begins_with(sk, year)`, newest first),
 * returned in chronological order, as the original's list_messages does.
 */
export async function listMessages(message_group_uuid: string, year: string = currentYear()): Promise<MessageItem[]> {
  const { items } = await Message.query.primary({ message_group_uuid }).beginsWith({ created_at: year }).reverse().take(20)
  return items.reverse()
}

/** List my message groups: my inbox, the conversation with the newest message first (20 at most). */
export async function listMessageGroups(owner_uuid: string): Promise<MessageGroupItem[]> {
  const { items } = await MessageGroup.query.primary({ owner_uuid }).reverse().take(20)
  return items
}

/**
 * Create a message in an existing group. Only the message is written, as in the original: the
 * group rows catch up from the table's stream (`onMessageStreamRecord`).
 */
export function createMessage(input: { message_group_uuid: string; sender: Participant; message: string; created_at?: Date; message_uuid?: string }) {
  return Message.create(newMessage(input))
}

function newMessage(input: { message_group_uuid: string; sender: Participant; message: string; created_at?: Date; message_uuid?: string }): MessageItem {
  return {
    message_group_uuid: input.message_group_uuid,
    created_at: input.created_at ?? new Date(),
    message_uuid: input.message_uuid ?? randomUUID(),
    message: input.message,
    user_uuid: input.sender.uuid,
    user_display_name: input.sender.display_name,
    user_handle: input.sender.handle,
  }
}

/**
 * Create a new group: a group row for each participant (each describing the other one) and the
 * first message, all with the same timestamp, in one transaction.
 */
export async function createMessageGroup(input: {
  sender: Participant
  recipient: Participant
  message: string
  created_at?: Date
  message_group_uuid?: string
  message_uuid?: string
}): Promise<{ message_group_uuid: string; message: MessageItem }> {
  const { sender, recipient, message } = input
  const now = input.created_at ?? new Date()
  const message_group_uuid = input.message_group_uuid ?? randomUUID()
  const row = (owner: Participant, other: Participant) =>
    MessageGroup.create({
      owner_uuid: owner.uuid,
      last_message_at: now,
      message_group_uuid,
      message,
      user_uuid: other.uuid,
      user_display_name: other.display_name,
      user_handle: other.handle,
    })
  const first = newMessage({ message_group_uuid, sender, message, created_at: now, ...(input.message_uuid ? { message_uuid: input.message_uuid } : {}) })
  await transactWrite([row(sender, recipient), row(recipient, sender), Message.create(first)])
  return { message_group_uuid, message: first }
}

/**
 * Update both group rows of a conversation after a new message (the original's stream Lambda):
 * find the rows through `message-group-sk-index`, then re-key each one under the message's time
 * with `MessageGroup.move` (delete + create in one transaction), carrying the new message text.
 * Rows already at or past the message's time are left alone, so a replayed or late record
 * never moves a conversation back. Returns the rows as they are now.
 */
export async function updateMessageGroups(message: Pick<MessageItem, 'message_group_uuid' | 'created_at' | 'message'>): Promise<MessageGroupItem[]> {
  const { items: rows } = await MessageGroup.query['message-group-sk-index']({ message_group_uuid: message.message_group_uuid }).all()
  return Promise.all(
    rows.map(async (row) => {
      if (row.last_message_at.getTime() >= message.created_at.getTime()) return row
      return MessageGroup.move(
        { owner_uuid: row.owner_uuid, last_message_at: row.last_message_at },
        { ...row, last_message_at: message.created_at, message: message.message },
      )
    }),
  )
}

/**
 * The stream pattern, typed: a record of the table's stream (view type NEW_IMAGE) parsed by
 * `parseStreamRecord`. A new message updates its group rows; everything else (the group
 * rows' own inserts and removes, which `move` causes) is ignored.
 */
export async function onMessageStreamRecord(record: StreamRecordInput): Promise<MessageGroupItem[] | undefined> {
  const change = parseStreamRecord(table, record, { entities: [Message, MessageGroup] })
  if (change.entity !== 'Message' || change.eventName !== 'INSERT' || change.newItem === undefined) return undefined
  // change.newItem is a MessageItem: message_group_uuid and created_at come back from the key.
  return updateMessageGroups(change.newItem)
}

/** The same as a Lambda handler for the stream, through `streamHandler` (failed records are reported for retry). */
export const messageStreamHandler = streamHandler(table, {
    Message: {
      async insert(message) {
        await updateMessageGroups(message)
      },
    },
  }, { entities: [Message, MessageGroup] })
