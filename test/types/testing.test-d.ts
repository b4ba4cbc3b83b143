import { describe, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import { defineTable, isoDate } from '../../src/index.js'
import { testTable, type TestTable } from '../../src/testing/index.js'

const table = defineTable({ name: 'types-kit', partitionKey: 'PK', sortKey: 'SK' })
const User = table.entity('User', {
  schema: z.object({ username: z.string(), joined: isoDate(), visits: z.number().default(0) }),
  key: { pk: 'USER#{username}', sk: 'PROFILE' },
})

describe('sortkey/testing types', () => {
  const db = testTable(table)

  it('keeps the table and entity types of the model', () => {
    expectTypeOf(db).toEqualTypeOf<TestTable<typeof table>>()
    expectTypeOf(db.table).toEqualTypeOf<typeof table>()
    expectTypeOf(db.entity(User)).toEqualTypeOf<typeof User>()
  })

  it("types fixtures as the entity's put input", () => {
    void db.seed(User, [{ username: 'a', joined: new Date() }]) // visits has a default
    // @ts-expect-error joined is a Date, not a string
    void db.seed(User, [{ username: 'a', joined: '2024-01-01' }])
    // @ts-expect-error username is required
    void db.seed(User, [{ joined: new Date() }])
  })
})
