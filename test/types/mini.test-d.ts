// zod/mini schemas are typed exactly as zod classic ones: item, put input, key input, update
// changes and conditions come out the same for the same model.
import { describe, it, expectTypeOf } from 'vitest'
import { z } from 'zod'
import * as zm from 'zod/mini'
import { defineTable, isoDate, gt, lt } from '../../src/index.js'

const table = defineTable({ name: 'types-mini', partitionKey: 'PK', sortKey: 'SK', indexes: { GSI1: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK' } } })

const Classic = table.entity('Classic', {
  schema: z.object({ id: z.string(), email: z.string().trim(), joined: isoDate(), visits: z.number().default(0), tags: z.array(z.string()), note: z.string().optional() }),
  key: { pk: 'C#{id}', sk: 'C' },
  indexes: { GSI1: { pk: 'EMAIL#{email}', sk: 'C' } },
  timestamps: true,
  version: 'v',
})

const Mini = table.entity('Mini', {
  schema: zm.object({ id: zm.string(), email: zm.string().check(zm.trim()), joined: isoDate(), visits: zm._default(zm.number(), 0), tags: zm.array(zm.string()), note: zm.optional(zm.string()) }),
  key: { pk: 'M#{id}', sk: 'M' },
  indexes: { GSI1: { pk: 'EMAIL#{email}', sk: 'M' } },
  timestamps: true,
  version: 'v',
})

describe('zod/mini entities', () => {
  it('have the same item, input and key types as classic ones', () => {
    expectTypeOf<typeof Mini.types.item>().toEqualTypeOf<typeof Classic.types.item>()
    expectTypeOf<typeof Mini.types.input>().toEqualTypeOf<typeof Classic.types.input>()
    expectTypeOf<typeof Mini.types.key>().toEqualTypeOf<{ id: string }>()
  })

  it('check updates and conditions the same way', () => {
    Mini.update({ id: 'a' }, { set: { joined: new Date() }, add: { visits: 1 }, append: { tags: ['x'] }, remove: ['note'] }, { condition: { joined: lt(new Date()) } })
    // @ts-expect-error a Date field takes a Date
    Mini.update({ id: 'a' }, { set: { joined: '2024' } })
    // @ts-expect-error visits is required: it cannot be removed
    Mini.update({ id: 'a' }, { remove: ['visits'] })
    // @ts-expect-error the filter takes the decoded type (a Date)
    Mini.query.primary({ id: 'a' }).where({ joined: gt('2024') })
    Mini.query.primary({ id: 'a' }).where({ joined: gt(new Date()) })
  })
})

describe('zod/mini nested paths and upsert', () => {
  const Box = table.entity('Box', {
    schema: zm.object({ id: zm.string(), size: zm.object({ w: zm.number(), label: zm.optional(zm.string()) }), count: zm._default(zm.number(), 0) }),
    key: { pk: 'B#{id}', sk: 'B' },
  })

  it('types nested paths and upsert clauses as classic does', () => {
    Box.update({ id: 'a' }, { set: { 'size.w': 2 }, remove: ['size.label'] })
    Box.upsert({ id: 'a', size: { w: 1 } }, { add: { count: 1 } })
    // @ts-expect-error w is a number
    Box.update({ id: 'a' }, { set: { 'size.w': 'wide' } })
    // @ts-expect-error w is required inside size
    Box.update({ id: 'a' }, { remove: ['size.w'] })
    expectTypeOf(Box.get({ id: 'a' }, { select: ['size.w'] })).resolves.toEqualTypeOf<{ 'size.w'?: number } | undefined>()
  })
})
