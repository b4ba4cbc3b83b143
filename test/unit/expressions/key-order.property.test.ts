// The rule of multi-attribute keys, for all inputs: a key condition names every partition
// attribute, then a leading run of sort attributes (equalities) and at most one test on the
// attribute right after them; it never skips an attribute. Checked both where a read works out
// which sort attributes it gives (givenSortRun) and in the compiler itself (a spec that skips one
// is refused).
import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { compileKeyCondition, createContext, ExpressionError, givenSortRun, type KeyConditionSpec } from '../../../src/expressions/index.js'

const attributes = (max: number) => fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: 1, maxLength: max })
const keys = fc
  .tuple(attributes(4), attributes(4))
  .map(([partitionKey, sortKey]) => ({ partitionKey, sortKey: sortKey.filter((a) => !partitionKey.includes(a)) }))

/** The attribute names a key condition compares, in order, read back through the name placeholders. */
function compared(expression: string, names: Record<string, string>): string[] {
  return [...expression.matchAll(/#n\d+/g)].map((m) => names[m[0]] as string)
}

describe('multi-attribute key conditions', () => {
  it('givenSortRun takes a leading run, and refuses an attribute given after one left out', () => {
    fc.assert(
      fc.property(attributes(4), fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), (sortKey, flags) => {
        const given = (_: string, i: number) => flags[i] === true
        const firstGap = sortKey.findIndex((_, i) => !given('', i))
        const run = firstGap === -1 ? sortKey.length : firstGap
        const skips = sortKey.some((_, i) => i > run && given('', i))
        if (skips) expect(() => givenSortRun('q', sortKey, given)).toThrow(ExpressionError)
        else expect(givenSortRun('q', sortKey, given)).toBe(run)
      }),
    )
  })

  it('a condition built from any key input names every partition attribute, then sort attributes left to right', () => {
    fc.assert(
      fc.property(keys, fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), fc.boolean(), (index, flags, withRange) => {
        const given = (_: string, i: number) => flags[i] === true
        let run: number
        try {
          run = givenSortRun('q', index.sortKey, given)
        } catch {
          return // refused before any condition is built
        }
        const next = index.sortKey[run]
        const spec: KeyConditionSpec = {
          where: 'q',
          keys: index,
          partition: index.partitionKey.map((attribute) => ({ attribute, value: 'v' })),
          sortEquals: index.sortKey.slice(0, run).map((attribute) => ({ attribute, value: 1 })),
          sort: withRange && next !== undefined ? { kind: 'raw', attribute: next, condition: { op: 'gt', a: 5 } } : undefined,
        }
        const ctx = createContext()
        const names = compared(compileKeyCondition(spec, ctx), ctx.names)
        const expected = [...index.partitionKey, ...index.sortKey.slice(0, run + (spec.sort ? 1 : 0))]
        expect(names).toEqual(expected)
      }),
    )
  })

  it('the compiler refuses a spec that leaves out or reorders an attribute', () => {
    fc.assert(
      fc.property(keys, fc.nat(), fc.nat(), (index, a, b) => {
        const ctx = createContext()
        const all = index.partitionKey.map((attribute) => ({ attribute, value: 'v' }))
        if (all.length > 1) {
          const missing = all.filter((_, i) => i !== a % all.length)
          expect(() => compileKeyCondition({ where: 'q', keys: index, partition: missing }, ctx)).toThrow(/every partition-key attribute/)
        }
        if (index.sortKey.length > 1) {
          // equality on a sort attribute other than the first, with the first left out
          const skipped = index.sortKey[1 + (b % (index.sortKey.length - 1))] as string
          expect(() => compileKeyCondition({ where: 'q', keys: index, partition: all, sortEquals: [{ attribute: skipped, value: 1 }] }, ctx)).toThrow(/left to right/)
          expect(() => compileKeyCondition({ where: 'q', keys: index, partition: all, sort: { kind: 'raw', attribute: skipped, condition: { op: 'lt', a: 1 } } }, ctx)).toThrow(/left to right/)
        }
      }),
    )
  })
})
