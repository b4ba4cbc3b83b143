// Entity reads through KEYS_ONLY and INCLUDE indexes against DynamoDB Local: the entity is told
// apart by its key templates where the index does not carry the entity attribute, key fields are
// parsed back from the keys, and items hold only what the index projects.
import { describe, it, expect, beforeAll, vi } from 'vitest'
import { z } from 'zod'
import { createTable, defineTable, tableDefinition, ValidationError } from '../../src/index.js'
import { localClient, uniqueTableName } from '../support/client.js'

const client = localClient()

function model(entityAttribute: string | false) {
  const table = defineTable({
    name: uniqueTableName('projections'),
    partitionKey: 'PK',
    sortKey: 'SK',
    entityAttribute,
    indexes: {
      ByMapKeys: { partitionKey: 'map', sortKey: 'people', projection: 'KEYS_ONLY' },
      ByMapInclude: { partitionKey: 'map', projection: { include: ['creator'] } },
      ByRegion: { partitionKey: ['map', 'region'], sortKey: ['people'], projection: 'KEYS_ONLY' },
      GSI1: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK', projection: 'KEYS_ONLY' },
    },
    client,
  })
  const Game = table.entity('Game', {
    schema: z.object({ game_id: z.string(), map: z.string(), region: z.string(), people: z.number().int(), creator: z.string(), notes: z.string() }),
    key: { pk: 'GAME#{game_id}', sk: '#METADATA#{game_id}' },
  })
  const User = table.entity('User', {
    schema: z.object({ username: z.string(), email: z.string(), bio: z.string() }),
    key: { pk: 'USER#{username}', sk: 'PROFILE' },
    indexes: { GSI1: { pk: 'EMAIL#{email}', sk: 'USER' } },
  })
  const Org = table.entity('Org', {
    schema: z.object({ orgId: z.string(), email: z.string(), plan: z.string() }),
    key: { pk: 'ORG#{orgId}', sk: 'ORG' },
    indexes: { GSI1: { pk: 'EMAIL#{email}', sk: 'ORG' } },
  })
  return { table, Game, User, Org }
}

for (const entityAttribute of ['_type', false] as const) {
  describe(`with entityAttribute ${JSON.stringify(entityAttribute)}`, () => {
    const { table, Game, User, Org } = model(entityAttribute)

    beforeAll(async () => {
      await createTable(table)
      await Promise.all([
        Game.put({ game_id: 'g1', map: 'Green', region: 'eu', people: 3, creator: 'ana', notes: 'long text' }),
        Game.put({ game_id: 'g2', map: 'Green', region: 'us', people: 7, creator: 'bo', notes: 'more text' }),
        Game.put({ game_id: 'g3', map: 'Desert', region: 'eu', people: 1, creator: 'cy', notes: 'x' }),
        User.put({ username: 'alice', email: 'a@example.com', bio: 'hi' }),
        Org.put({ orgId: 'o1', email: 'a@example.com', plan: 'pro' }),
      ])
    })

    it('KEYS_ONLY: key fields come back, recovered from the keys; nothing else', async () => {
      const page = await Game.query.ByMapKeys({ map: 'Green' })
      expect(page.items).toEqual([
        { game_id: 'g1', map: 'Green', people: 3 },
        { game_id: 'g2', map: 'Green', people: 7 },
      ])
      expect((await Game.query.ByMapKeys({ map: 'Green' }).gt({ people: 5 })).items).toEqual([{ game_id: 'g2', map: 'Green', people: 7 }])
      expect(await Game.query.ByMapKeys({ map: 'Green' }).count()).toBe(2)
      // a multi-attribute KEYS_ONLY index
      expect((await Game.query.ByRegion({ map: 'Green', region: 'us' })).items).toEqual([{ game_id: 'g2', map: 'Green', region: 'us', people: 7 }])
    })

    it('KEYS_ONLY with templated keys: entities sharing a partition are told apart by their key templates', async () => {
      const users = await User.query.GSI1({ email: 'a@example.com' })
      expect(users.items).toEqual([{ username: 'alice', email: 'a@example.com' }])
      const orgs = await Org.query.GSI1({ email: 'a@example.com' })
      expect(orgs.items).toEqual([{ orgId: 'o1', email: 'a@example.com' }])
      expect(User.query.GSI1({ email: 'a@example.com' }).params().FilterExpression ?? '').not.toContain('_type')
    })

    it('INCLUDE: the included fields and the key fields', async () => {
      const page = await Game.query.ByMapInclude({ map: 'Green' }).all()
      expect(page.items.sort((a, b) => a.game_id.localeCompare(b.game_id))).toEqual([
        { game_id: 'g1', map: 'Green', creator: 'ana' },
        { game_id: 'g2', map: 'Green', creator: 'bo' },
      ])
      if (entityAttribute !== false) {
        expect(tableDefinition(table).GlobalSecondaryIndexes?.find((i) => i.IndexName === 'ByMapInclude')?.Projection).toEqual({ ProjectionType: 'INCLUDE', NonKeyAttributes: ['creator', '_type'] })
      }
    })

    it('scans of a projected index return its items', async () => {
      const keys = await Game.scan({ index: 'ByMapKeys' }).all()
      expect(keys.items.map((g) => g.game_id).sort()).toEqual(['g1', 'g2', 'g3'])
      expect(keys.items.find((g) => g.game_id === 'g3')).toEqual({ game_id: 'g3', map: 'Desert', people: 1 })
      const include = await Game.scan({ index: 'ByMapInclude' }).all()
      expect(include.items.map((g) => g.creator).sort()).toEqual(['ana', 'bo', 'cy'])
      expect(await Game.scan({ index: 'ByMapKeys' }).count()).toBe(3)
      const users = await User.scan({ index: 'GSI1' }).all()
      expect(users.items).toEqual([{ username: 'alice', email: 'a@example.com' }])
    })

    it('select of a field the index does not project is refused before sending', async () => {
      const send = vi.spyOn(client, 'send')
      try {
        await expect(Game.query.ByMapKeys({ map: 'Green' }).select(['notes'])).rejects.toThrow(ValidationError)
        await expect(Game.query.ByMapKeys({ map: 'Green' }).select(['notes'])).rejects.toThrow(/does not project "notes"/)
        expect(send).not.toHaveBeenCalled()
      } finally {
        send.mockRestore()
      }
      expect((await Game.query.ByMapInclude({ map: 'Desert' }).select(['creator'])).items).toEqual([{ creator: 'cy' }])
    })
  })
}
