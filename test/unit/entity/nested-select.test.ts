// select of paths into lists: DynamoDB returns only the selected elements of a list, packed from
// position 0 in index order. For any stored list and any indexes selected, each selected path must
// read the element that was at its own index (or nothing when the list is shorter).
import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { z } from 'zod'
import { defineTable } from '../../../src/index.js'
import { decodeSelected } from '../../../src/entity/read-operations.js'

const table = defineTable({ name: 'nested-select', partitionKey: 'PK', sortKey: 'SK' })
const Order = table.entity('Order', {
  schema: z.object({ id: z.string(), lines: z.array(z.object({ sku: z.string(), parts: z.array(z.number()) })) }),
  key: { pk: 'ORDER#{id}', sk: 'ORDER' },
})

/** What DynamoDB returns for a projection of `lines[i].sku` and `lines[i].parts[j]`. */
function project(lines: { sku: string; parts: number[] }[], picks: { line: number; part?: number }[]) {
  const byLine = new Map<number, { sku: boolean; parts: Set<number> }>()
  for (const p of picks) {
    const at = byLine.get(p.line) ?? { sku: false, parts: new Set<number>() }
    if (p.part === undefined) at.sku = true
    else at.parts.add(p.part)
    byLine.set(p.line, at)
  }
  const packed = [...byLine.keys()]
    .sort((a, b) => a - b)
    .filter((i) => i < lines.length)
    .map((i) => {
      const line = lines[i] as { sku: string; parts: number[] }
      const want = byLine.get(i) as { sku: boolean; parts: Set<number> }
      const out: Record<string, unknown> = {}
      if (want.sku) out.sku = line.sku
      const parts = [...want.parts].sort((a, b) => a - b).filter((j) => j < line.parts.length).map((j) => line.parts[j])
      if (want.parts.size > 0 && parts.length > 0) out.parts = parts
      return out
    })
  return packed.length > 0 ? { lines: packed } : {}
}

describe('select of list elements', () => {
  it('reads every selected element at its own index, however DynamoDB packs them', () => {
    const line = fc.record({ sku: fc.string({ minLength: 1, maxLength: 3 }), parts: fc.array(fc.integer(), { maxLength: 4 }) })
    const pick = fc.record({ line: fc.nat(6), part: fc.option(fc.nat(5), { nil: undefined }) })
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), fc.uniqueArray(pick, { minLength: 1, maxLength: 6, selector: (p) => `${p.line}/${p.part}` }), (lines, picks) => {
        // A line's whole parts list and one of its elements overlap; keep the picks DynamoDB accepts.
        const paths = picks.map((p) => (p.part === undefined ? `lines[${p.line}].sku` : `lines[${p.line}].parts[${p.part}]`))
        const got = decodeSelected(Order.model, project(lines, picks), paths, 'get')
        picks.forEach((p, k) => {
          const expected = p.part === undefined ? lines[p.line]?.sku : lines[p.line]?.parts[p.part]
          expect(got[paths[k] as string]).toEqual(expected)
        })
      }),
    )
  })
})
