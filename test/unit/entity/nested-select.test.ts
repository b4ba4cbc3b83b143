// select of paths into lists. DynamoDB returns the selected elements of a list packed from
// position 0, and leaves out an element none of whose selected parts exist (observed on DynamoDB
// Local 3.3, and pinned below). For any stored item and any selected paths, each path must read
// the value stored at it, or nothing.
import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { z } from 'zod'
import { defineTable } from '../../../src/index.js'
import { decodeSelected } from '../../../src/entity/read-operations.js'
import { selection } from '../../../src/entity/selection.js'

const table = defineTable({ name: 'nested-select', partitionKey: 'PK', sortKey: 'SK' })
const Order = table.entity('Order', {
  schema: z.object({ id: z.string(), lines: z.array(z.object({ sku: z.string().optional(), parts: z.array(z.number()).optional() })) }),
  key: { pk: 'ORDER#{id}', sk: 'ORDER' },
})

type Step = string | number
const steps = (path: string): Step[] => (path.match(/[^.[\]]+|\[\d+\]/g) ?? []).map((s) => (s.startsWith('[') ? Number(s.slice(1, -1)) : s))

/** DynamoDB's projection of `paths` from `item`: maps keep what exists, lists keep non-empty elements in index order. */
function project(item: unknown, paths: Step[][]): unknown {
  if (paths.some((p) => p.length === 0)) return item
  if (Array.isArray(item)) {
    const indexes = [...new Set(paths.map((p) => p[0]).filter((s): s is number => typeof s === 'number'))].sort((a, b) => a - b)
    const out = indexes.map((i) => (i < item.length ? project(item[i], paths.filter((p) => p[0] === i).map((p) => p.slice(1))) : undefined)).filter((v) => v !== undefined)
    return out.length > 0 ? out : undefined
  }
  if (item !== null && typeof item === 'object') {
    const out: Record<string, unknown> = {}
    for (const name of new Set(paths.map((p) => p[0]).filter((s): s is string => typeof s === 'string'))) {
      const value = project((item as Record<string, unknown>)[name], paths.filter((p) => p[0] === name).map((p) => p.slice(1)))
      if (value !== undefined) out[name] = value
    }
    return Object.keys(out).length > 0 ? out : undefined
  }
  return undefined
}

function read(item: unknown, path: Step[]): unknown {
  let value = item
  for (const step of path) value = value === undefined || value === null ? undefined : (value as Record<string | number, unknown>)[step]
  return value
}

describe('select of list elements', () => {
  it('the projection model matches what DynamoDB Local returned', () => {
    const item = { lines: [{ sku: 'a', notes: ['x'] }, { sku: 'b' }, { sku: 'c', notes: ['y', 'z'] }] }
    expect(project(item, [steps('lines[0].notes[3]'), steps('lines[1].sku')])).toEqual({ lines: [{ sku: 'b' }] })
    expect(project(item, [steps('lines[1].notes[0]'), steps('lines[2].sku')])).toEqual({ lines: [{ sku: 'c' }] })
    expect(project(item, [steps('lines[0].nope'), steps('lines[2].notes[1]')])).toEqual({ lines: [{ notes: ['z'] }] })
  })

  it('reads every selected path at its own index, whatever DynamoDB leaves out', () => {
    const line = fc.record({ sku: fc.string({ minLength: 1, maxLength: 3 }), parts: fc.array(fc.integer(), { maxLength: 4 }) }, { requiredKeys: [] })
    const pick = fc.record({ line: fc.nat(6), part: fc.option(fc.nat(5), { nil: undefined }) })
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), fc.uniqueArray(pick, { minLength: 1, maxLength: 6, selector: (p) => `${p.line}/${p.part}` }), (lines, picks) => {
        const names = picks.map((p) => (p.part === undefined ? `lines[${p.line}].sku` : `lines[${p.line}].parts[${p.part}]`))
        const stored = { id: 'o', lines }
        const projected = (project(stored, selection(Order.model, names, 'get').paths.map(steps)) ?? {}) as Record<string, unknown>
        const got = decodeSelected(Order.model, projected, names, 'get')
        for (const name of names) expect(got[name]).toEqual(read(stored, steps(name)))
      }),
    )
  })
})
