// Sample conversations (the original seeds its table from a script, not a data file): Andrew
// Brown talks with Andrew Bayko (25 messages, the first two on the last day of the previous
// year) and with Londo Mollari (2 messages). Every timestamp is an ISO 8601 UTC string.
import { table, Message, MessageGroup, type Participant } from './model.js'
import { currentYear } from './patterns.js'
import { batchWrite } from '../../src/index.js'

export const andrew: Participant = { uuid: '4e6c8e2a-9b1e-4d55-8a1a-2f0b7a3c9d01', display_name: 'Andrew Brown', handle: 'andrewbrown' }
export const bayko: Participant = { uuid: '7f3d2c1b-5a4e-4c3d-9b2a-1e0f9d8c7b02', display_name: 'Andrew Bayko', handle: 'bayko' }
export const londo: Participant = { uuid: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c03', display_name: 'Londo Mollari', handle: 'londo' }

/** Andrew and Bayko's conversation, and Andrew and Londo's. */
export const WITH_BAYKO = '5ae290ed-55d1-47a0-bc6d-fe2bc2700399'
export const WITH_LONDO = '9c1d7e52-3b8a-4f0e-a6d4-6e2f1b9c8a04'

const LINES = [
  'Have you rewatched any of Babylon 5 lately?',
  'Started again last week, season one.',
  'Season one gets a bad reputation.',
  'It sets up everything that pays off later.',
  'The station itself is a character.',
  'Agreed. And the opening narration!',
  'Which season is your favourite?',
  'Season three, no contest.',
  'Severed Dreams is one of the best hours of TV.',
  'The Shadows were genuinely unsettling.',
  'Vorlons were not much better, honestly.',
  'Kosh asking "who are you?" still gets me.',
  'And "what do you want?"',
  'G\'Kar has the best character arc of the show.',
  'His speech in the prison cell.',
  'Londo\'s arc is the tragic mirror of it.',
  'The prophecy scenes are heavy.',
  'The effects hold up better than I expected.',
  'CGI in 1994 on a TV budget, remarkable.',
  'Season five is uneven though.',
  'Sleeping in Light makes up for it.',
  'Shall we watch the finale together?',
  'Friday?',
  'Friday works. Bring snacks.',
  'See you then.',
]

/** The seeded rows: group rows last, each at its conversation's last message time. */
export function sampleData(year: string = currentYear()) {
  const y = Number(year)
  const messages: (typeof Message.types.item)[] = []
  const say = (message_group_uuid: string, from: Participant, created_at: Date, message: string, n: number) =>
    messages.push({
      message_group_uuid,
      created_at,
      message_uuid: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      message,
      user_uuid: from.uuid,
      user_display_name: from.display_name,
      user_handle: from.handle,
    })
  // Two messages on 31 December of the previous year, then 23 from 2 January, 7 minutes apart.
  LINES.forEach((line, i) => {
    const at = i < 2 ? new Date(Date.UTC(y - 1, 11, 31, 22, 30 * i)) : new Date(Date.UTC(y, 0, 2, 9, 7 * (i - 2)))
    say(WITH_BAYKO, i % 2 === 0 ? andrew : bayko, at, line, i + 1)
  })
  say(WITH_LONDO, londo, new Date(Date.UTC(y, 1, 1, 10, 0)), 'Ambassador Mollari requests an audience.', 26)
  say(WITH_LONDO, andrew, new Date(Date.UTC(y, 1, 1, 10, 5)), 'Granted. Tuesday at noon.', 27)

  const groups: (typeof MessageGroup.types.item)[] = []
  for (const [uuid, a, b] of [
    [WITH_BAYKO, andrew, bayko],
    [WITH_LONDO, andrew, londo],
  ] as const) {
    const last = messages.filter((m) => m.message_group_uuid === uuid).at(-1)
    if (!last) continue
    const pairs: [Participant, Participant][] = [
      [a, b],
      [b, a],
    ]
    for (const [owner, other] of pairs) {
      groups.push({
        owner_uuid: owner.uuid,
        last_message_at: last.created_at,
        message_group_uuid: uuid,
        message: last.message,
        user_uuid: other.uuid,
        user_display_name: other.display_name,
        user_handle: other.handle,
      })
    }
  }
  return { messages, groups }
}

export async function seed(year: string = currentYear()): Promise<Record<string, number>> {
  const { messages, groups } = sampleData(year)
  await batchWrite([...messages.map((m) => Message.put(m)), ...groups.map((g) => MessageGroup.put(g))])
  return { Message: messages.length, MessageGroup: groups.length }
}
