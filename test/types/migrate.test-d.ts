import { describe, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import { defineTable, migrate, type MigrateReport } from '../../src/index.js'

const table = defineTable({ name: 'types-migrate', partitionKey: 'PK', sortKey: 'SK', modelVersionAttribute: 'v' })

describe('migrate types', () => {
  it('entities take modelVersion and an upgrade from the stored item', () => {
    table.entity('Person', {
      schema: z.object({ id: z.string(), name: z.string() }),
      key: { pk: 'P#{id}', sk: 'P' },
      modelVersion: 2,
      upgrade: (stored, from) => {
        expectTypeOf(stored).toEqualTypeOf<Record<string, unknown>>()
        expectTypeOf(from).toEqualTypeOf<number | undefined>()
        return { ...stored, name: stored.fullName }
      },
    })
    table.entity('Other', {
      schema: z.object({ id: z.string() }),
      key: { pk: 'O#{id}', sk: 'O' },
      // @ts-expect-error modelVersion is a number
      modelVersion: '2',
    })
  })

  it('migrate resolves to a report; options are checked', async () => {
    expectTypeOf(await migrate(table, { dryRun: true, segments: 4 })).toEqualTypeOf<MigrateReport>()
    // @ts-expect-error maxWcu is a number
    await migrate(table, { maxWcu: '10' })
  })
})
