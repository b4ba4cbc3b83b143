import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { defineTable, describeMarkdown, describeTable, epochSeconds, isoDate } from '../../../src/index.js'
import { table as gameTable } from '../../../examples/game-player/model.js'
import { table as messagingTable } from '../../../examples/messaging/model.js'

function appTable() {
  const table = defineTable({
    name: 'app-table',
    partitionKey: 'PK',
    sortKey: 'SK',
    indexes: {
      GSI1: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK', projection: 'KEYS_ONLY' },
      ByStatus: { partitionKey: 'status', sortKey: 'score', projection: { include: ['name'] } },
      LSI1: { partitionKey: 'PK', sortKey: 'LSI1SK', type: 'local' },
    },
  })
  const User = table.entity('User', {
    schema: z.object({
      id: z.string(),
      name: z.string(),
      email: z.email().optional(),
      status: z.enum(['active', 'gone']),
      score: z.number().int(),
      tags: z.array(z.string()),
      roles: z.set(z.string()),
      profile: z.object({ bio: z.string() }),
      joined: isoDate(),
      expires: epochSeconds(),
      flag: z.boolean(),
    }),
    key: { pk: 'USER#{id}', sk: 'PROFILE' },
    indexes: { GSI1: { pk: 'EMAIL#{email}', sk: 'USER' } },
    timestamps: true,
    version: 'v',
    ttl: 'expires',
    unique: ['name'],
  })
  return { table, User }
}

describe('describeTable', () => {
  it('lists each index with the entities it holds, their key templates, and where they are sparse', () => {
    const d = describeTable(gameTable)
    expect(d).toMatchObject({ name: 'battle-royale', partitionKey: 'PK', sortKey: 'SK', entityAttribute: undefined, delimiter: '#', keyValues: 'refuse' })
    expect(d.indexes.map((i) => [i.name, i.type, i.partitionKey, i.sortKey, i.projection, i.entities.map((e) => e.entity)])).toEqual([
      ['primary', 'table', 'PK', 'SK', 'ALL', ['User', 'Game', 'UserGameMapping']],
      ['OpenGamesIndex', 'global', 'map', 'open_timestamp', 'ALL', ['Game']],
      ['InvertedIndex', 'global', 'SK', 'PK', 'ALL', ['User', 'Game', 'UserGameMapping']],
    ])
    const open = d.indexes[1]?.entities[0]
    const map = { attribute: 'map', template: '{map}', fields: ['map'], prefix: '', plain: true }
    const openedAt = { attribute: 'open_timestamp', template: '{open_timestamp}', fields: ['open_timestamp'], prefix: '', plain: true }
    expect(open).toEqual({
      entity: 'Game',
      partitionKey: map,
      sortKey: openedAt,
      // every key attribute in order: one each here, several for a multi-attribute key
      partitionKeys: [map],
      sortKeys: [openedAt],
      sparse: true,
      requires: ['open_timestamp'],
    })
    expect(d.indexes[2]?.entities[2]).toMatchObject({
      entity: 'UserGameMapping',
      partitionKey: { attribute: 'SK', template: 'USER#{username}', prefix: 'USER#', plain: false },
      sortKey: { attribute: 'PK', template: 'GAME#{game_id}', prefix: 'GAME#' },
      sparse: false,
      requires: [],
    })
    expect(JSON.parse(JSON.stringify(d))).toEqual(d)
  })

  it('gives every entity its stored attributes with their DynamoDB types, key-only fields left out', () => {
    const d = describeTable(messagingTable)
    const group = d.entities[0]
    expect(group?.keyOnly).toEqual(['owner_uuid', 'last_message_at'])
    expect(group?.attributes.map((a) => `${a.name}:${a.type}:${a.kind}`)).toEqual([
      'pk:S:key', 'sk:S:key', 'message_group_uuid:S:field', 'message:S:field', 'user_uuid:S:field', 'user_display_name:S:field', 'user_handle:S:field',
    ])
    expect(group?.fields.find((f) => f.name === 'last_message_at')).toEqual({ name: 'last_message_at', type: 'S', optional: false, keyOnly: true })
    // Messages keep message_group_uuid in the key only, so the index holds group rows alone.
    expect(d.indexes[1]?.entities.map((e) => e.entity)).toEqual(['MessageGroup'])
  })

  it('reads types through codecs, wrappers, sets and objects, and the entity options', () => {
    const { table } = appTable()
    const d = describeTable(table)
    const user = d.entities[0]
    const types = Object.fromEntries(user?.fields.map((f) => [f.name, f.type]) ?? [])
    expect(types).toEqual({ id: 'S', name: 'S', email: 'S', status: 'S', score: 'N', tags: 'L', roles: 'SS', profile: 'M', joined: 'S', expires: 'N', flag: 'BOOL', createdAt: 'S', updatedAt: 'S', v: 'N' })
    expect(user?.attributes.slice(0, 5).map((a) => [a.name, a.kind, a.optional, a.template])).toEqual([
      ['PK', 'key', false, 'USER#{id}'],
      ['SK', 'key', false, 'PROFILE'],
      ['GSI1PK', 'key', true, 'EMAIL#{email}'],
      ['GSI1SK', 'key', true, 'USER'],
      ['_type', 'entity', false, undefined],
    ])
    expect(user).toMatchObject({ timestamps: { createdAt: 'createdAt', updatedAt: 'updatedAt' }, version: 'v', ttl: 'expires', unique: ['name'], indexes: ['GSI1', 'ByStatus'] })
    expect(d.indexes.map((i) => [i.name, i.type, i.projection])).toEqual([
      ['primary', 'table', 'ALL'],
      ['GSI1', 'global', 'KEYS_ONLY'],
      ['ByStatus', 'global', { include: ['name'] }],
      ['LSI1', 'local', 'ALL'],
    ])
    expect(d.indexes[1]?.entities[0]).toMatchObject({ sparse: true, requires: ['email'] })
    expect(d.indexes[3]?.entities).toEqual([])
  })
})

describe('describeMarkdown', () => {
  it('prints the access-pattern table: entity, index, partition and sort templates, sparse, and the query', () => {
    const text = describeMarkdown(describeTable(gameTable))
    const lines = text.split('\n')
    expect(lines[0]).toBe('**Table `battle-royale`**: keys `PK` / `SK`; no entity attribute (entities told apart by key patterns); key delimiter `#`.')
    expect(lines).toContain('| entity | index | partition key | sort key | sparse | query |')
    expect(lines).toContain('| User | table | PK = `USER#{username}` | SK = `#METADATA#{username}` | no | `User.query.primary({ username })` |')
    expect(lines).toContain('| Game | OpenGamesIndex | map = `{map}` | open_timestamp = `{open_timestamp}` | yes: needs `open_timestamp` | `Game.query.OpenGamesIndex({ map })` |')
    expect(lines).toContain('| UserGameMapping | InvertedIndex | SK = `USER#{username}` | PK = `GAME#{game_id}` | no | `UserGameMapping.query.InvertedIndex({ username })` |')
    expect(lines).toContain('| Game | `PK` S, `SK` S, `game_id` S, `map` S, `creator` S, `create_time` S, `people` N, `open_timestamp?` S, `start_time?` S, `end_time?` S, `gold?` S, `silver?` S, `bronze?` S | — |')
  })

  it('marks projections, local indexes, key-only fields and entity options; quotes names that are not identifiers', () => {
    const { table } = appTable()
    const text = describeMarkdown(describeTable(table))
    expect(text).toContain('entity attribute `_type`')
    expect(text).toContain('| User | GSI1 (keys only) | GSI1PK = `EMAIL#{email}` | GSI1SK = `USER` | yes: needs `email` | `User.query.GSI1({ email })` |')
    expect(text).toContain('| User | ByStatus (include) |')
    expect(text).toMatch(/timestamps `createdAt` \/ `updatedAt`; version `v`; TTL `expires`; unique `name`/)
    const messaging = describeMarkdown(describeTable(messagingTable))
    expect(messaging).toContain("`MessageGroup.query['message-group-sk-index']({ message_group_uuid })`")
    expect(messaging).toContain('key-only (recovered from the key): `owner_uuid`, `last_message_at`')
  })
})
