// A client is anything with `send`: one that throws at once instead of rejecting, or answers with a
// plain value instead of a promise, goes through the executor like the SDK's does: errors mapped
// to sortkey's, answers used, and a refused request not sent at all.
import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { ConditionFailedError, defineTable, ItemExistsError, RequestFailedError, ValidationError } from '../../../src/index.js'

function model(send: (command: unknown) => unknown) {
  const table = defineTable({ name: 'shapes', partitionKey: 'PK', sortKey: 'SK', client: { send } as never })
  return table.entity('Doc', { schema: z.object({ id: z.string(), title: z.string(), views: z.number() }), key: { pk: 'DOC#{id}', sk: 'DOC' } })
}
const doc = { id: 'a', title: 'A', views: 1 }

const conditionFailed = () => Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException' })

describe('senders of any shape', () => {
  it('a send that throws synchronously rejects with the mapped error, from every operation', async () => {
    const Doc = model(() => {
      throw new Error('socket closed')
    })
    for (const run of [() => Doc.get({ id: 'a' }), () => Doc.put(doc), () => Doc.update({ id: 'a' }, { add: { views: 1 } }), () => Doc.delete({ id: 'a' })]) {
      const error = await run().then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(RequestFailedError)
      expect((error as RequestFailedError).message).toContain('socket closed')
    }
  })

  it('a synchronous condition failure becomes ItemExistsError / ConditionFailedError as a rejected one does', async () => {
    const Doc = model(() => {
      throw conditionFailed()
    })
    await expect(Doc.create(doc)).rejects.toBeInstanceOf(ItemExistsError)
    await expect(Doc.update({ id: 'a' }, { add: { views: 1 } })).rejects.toBeInstanceOf(ConditionFailedError)
  })

  it('a send that answers with a plain value (no promise) is read as the output', async () => {
    const Doc = model(() => ({ Item: { PK: 'DOC#a', SK: 'DOC', _type: 'Doc', ...doc } }))
    await expect(Doc.get({ id: 'a' })).resolves.toEqual(doc)
  })

  it('refused input rejects (never throws at the call) and sends nothing', async () => {
    const send = vi.fn(async () => ({}))
    const Doc = model(send)
    const pending = Doc.update({ id: 'a' }, { add: { views: Number.NaN } })
    await expect(pending).rejects.toBeInstanceOf(ValidationError)
    await expect(Doc.put({ ...doc, title: 'x\uD800' })).rejects.toBeInstanceOf(ValidationError)
    expect(send).not.toHaveBeenCalled()
  })
})
