// Runs every messaging access pattern against whatever endpoint the AWS SDK is configured for
// (`npm run examples` points it at an embedded DynamoDB Local) and prints what each returns.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import { client } from '../lib/client.js'
import { insertRecord } from './local-stream.js'
import { Message, table } from './model.js'
import { createMessage, createMessageGroup, currentYear, listMessageGroups, listMessages, onMessageStreamRecord } from './patterns.js'
import { andrew, bayko, londo, seed, WITH_BAYKO } from './seed.js'
import type { RequestObserver } from '../../src/index.js'
import { dropTable, createTable } from '../../src/index.js'

export async function run(log: (line: string) => void = console.log, observer?: RequestObserver): Promise<void> {
  const detach = observer && table.observe(observer) // npm run examples: the cost report
  await dropTable(table)
  await createTable(table)
  const year = currentYear()
  const counts = await seed(year)
  log(`loaded ${counts.Message} messages and ${counts.MessageGroup} group rows (conversations of ${year})`)
  const inbox = async (who: typeof andrew) =>
    (await listMessageGroups(who.uuid)).map((g) => `@${g.user_handle} ${g.last_message_at.toISOString()} "${g.message}"`).join(' | ')

  log(`list message groups of @andrewbrown: ${await inbox(andrew)}`)
  const messages = await listMessages(WITH_BAYKO, year)
  log(`list messages with @bayko in ${year}: ${messages.length} (newest 20, chronological): first "${messages[0]?.message}" at ${messages[0]?.created_at.toISOString()}, last "${messages.at(-1)?.message}"`)

  const sent = await createMessage({ message_group_uuid: WITH_BAYKO, sender: bayko, message: 'Popcorn or pretzels?' })
  const key = Message.key(sent)
  const stored = (await client.send(new GetCommand({ TableName: table.name, Key: key }))).Item
  log(`create message in an existing group: stored as ${JSON.stringify(stored)} (no message_group_uuid attribute)`)
  const rows = await onMessageStreamRecord(await insertRecord(key))
  const handle = new Map([andrew, bayko, londo].map((u) => [u.uuid, `@${u.handle}`]))
  log(`its stream record moves both group rows to the new sk: ${rows?.map((r) => `${handle.get(r.owner_uuid)}'s row → ${r.last_message_at.toISOString()}`).join(', ')}`)
  log(`list message groups of @andrewbrown: ${await inbox(andrew)}`)

  const { message_group_uuid } = await createMessageGroup({ sender: bayko, recipient: londo, message: 'Londo, are you free on Friday?' })
  log(`create message group @bayko → @londo: ${message_group_uuid}; @bayko's groups: ${await inbox(bayko)}`)
  log(`list messages in it: ${JSON.stringify((await listMessages(message_group_uuid)).map((m) => `@${m.user_handle}: ${m.message}`))}`)

  const index = await client.send(new QueryCommand({ TableName: table.name, IndexName: 'message-group-sk-index', KeyConditionExpression: 'message_group_uuid = :g', ExpressionAttributeValues: { ':g': WITH_BAYKO } }))
  log(`message-group-sk-index for the @bayko conversation holds ${index.Count} items, both group rows: ${index.Items?.map((i) => handle.get(String(i.pk).slice(4))).join(', ')}`)
  detach?.()
}
