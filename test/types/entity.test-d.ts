import { describe, it, expectTypeOf } from 'vitest'
import { z } from 'zod'
import { defineTable, isoDate, lt } from '../../src/index.js'

const table = defineTable({
  name: 'types-table',
  partitionKey: 'PK',
  sortKey: 'SK',
  indexes: { GSI1: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK' } },
})

const User = table.entity('User', {
  schema: z.object({
    username: z.string(),
    name: z.string(),
    email: z.email(),
    joined: isoDate(),
    visits: z.number().default(0),
  }),
  key: { pk: 'USER#{username}', sk: '#METADATA#{username}' },
  indexes: { GSI1: { pk: 'EMAIL#{email}', sk: 'USER' } },
})

const Order = table.entity('Order', {
  schema: z.object({ customer: z.string(), orderId: z.string(), total: z.number() }),
  key: { pk: 'CUSTOMER#{customer}', sk: 'ORDER#{orderId}' },
  timestamps: true,
})

describe('key inputs', () => {
  it('require exactly the fields of the key templates', () => {
    // (Parameters, not .parameter(0): expect-type cannot read the overloads of a generic get with select paths)
    expectTypeOf<Parameters<typeof User.get>[0]>().toEqualTypeOf<{ username: string }>()
    expectTypeOf<Parameters<typeof Order.get>[0]>().toEqualTypeOf<{ customer: string; orderId: string }>()
    // @ts-expect-error orderId is part of the sort key template
    Order.get({ customer: 'c' })
    // @ts-expect-error name is not a key field
    User.get({ username: 'a', name: 'x' })
    // @ts-expect-error key values have the schema's type
    User.key({ username: 1 })
  })
})

describe('templates', () => {
  it('a placeholder that is not a schema field does not compile', () => {
    table.entity('Broken', {
      schema: z.object({ id: z.string() }),
      // @ts-expect-error "nope" is not a field of the schema
      key: { pk: 'B#{nope}', sk: 'B' },
    })
    table.entity('BrokenSk', {
      schema: z.object({ id: z.string() }),
      // @ts-expect-error "missing" is not a field of the schema
      key: { pk: 'B#{id}', sk: 'X#{missing}' },
    })
  })

  it('an index that is not on the table does not compile', () => {
    table.entity('BadIndex', {
      schema: z.object({ id: z.string() }),
      key: { pk: 'BI#{id}', sk: 'BI' },
      // @ts-expect-error GSI9 is not an index of the table
      indexes: { GSI9: { pk: 'X' } },
    })
  })
})

describe('items', () => {
  it('reads give the schema output, codecs decoded', async () => {
    const user = await User.get({ username: 'a' })
    expectTypeOf(user).toEqualTypeOf<{ username: string; name: string; email: string; joined: Date; visits: number } | undefined>()
  })

  it('put takes the output form with defaulted fields optional', () => {
    User.put({ username: 'a', name: 'A', email: 'a@example.com', joined: new Date() })
    // @ts-expect-error joined is a Date in the application's form
    User.put({ username: 'a', name: 'A', email: 'a@example.com', joined: '2020-01-01T00:00:00Z' })
    // @ts-expect-error email is required
    User.put({ username: 'a', name: 'A', joined: new Date() })
  })

  it('timestamps are typed in the output and optional in the input', async () => {
    Order.put({ customer: 'c', orderId: 'o', total: 1 })
    const order = await Order.get({ customer: 'c', orderId: 'o' })
    expectTypeOf(order).toEqualTypeOf<
      ({ customer: string; orderId: string; total: number } & { createdAt: string; updatedAt: string }) | undefined
    >()
  })

  it('select narrows the result', async () => {
    const user = await User.get({ username: 'a' }, { select: ['name', 'email'] })
    expectTypeOf(user).toEqualTypeOf<{ name: string; email: string } | undefined>()
    // @ts-expect-error not a field
    User.get({ username: 'a' }, { select: ['nope'] })
  })

  it('returnValues ALL_OLD gives the old item', async () => {
    const old = await User.delete({ username: 'a' }, { returnValues: 'ALL_OLD' })
    expectTypeOf(old).toEqualTypeOf<{ username: string; name: string; email: string; joined: Date; visits: number } | undefined>()
    const none = await User.delete({ username: 'a' })
    expectTypeOf(none).toEqualTypeOf<void>()
  })

  it('conditions are typed against the item', () => {
    User.put({ username: 'a', name: 'A', email: 'a@example.com', joined: new Date() }, { condition: { visits: lt(5) } })
    // @ts-expect-error visits is a number
    User.put({ username: 'a', name: 'A', email: 'a@example.com', joined: new Date() }, { condition: { visits: lt('x') } })
  })
})
