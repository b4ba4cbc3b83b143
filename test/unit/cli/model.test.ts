import { describe, expect, it } from 'vitest'
import { defineTable } from '../../../src/index.js'
import { isTable, pickTable } from '../../../src/cli/model.js'

const one = defineTable({ name: 'one-table', partitionKey: 'PK' })
const two = defineTable({ name: 'two-table', partitionKey: 'PK' })

describe('pickTable', () => {
  it('finds the only table among the exports, also when exported twice', () => {
    expect(pickTable('m.ts', { table: one, default: one, client: {}, helper: () => 1 }, undefined)).toBe(one)
  })

  it('says when there is no table, or several without --table', () => {
    expect(() => pickTable('m.ts', { client: {} }, undefined)).toThrow('m.ts exports no sortkey table (export the one defineTable returns)')
    expect(() => pickTable('m.ts', { one, two }, undefined)).toThrow('m.ts exports several tables (one = one-table, two = two-table): choose one with --table <name>')
  })

  it('picks by export name or table name', () => {
    expect(pickTable('m.ts', { one, two }, 'two')).toBe(two)
    expect(pickTable('m.ts', { one, two }, 'one-table')).toBe(one)
    expect(() => pickTable('m.ts', { one, two }, 'three')).toThrow('m.ts has no table named three (tables: one = one-table, two = two-table)')
  })

  it('recognises a table by shape, not by class identity', () => {
    expect(isTable(one)).toBe(true)
    expect(isTable({ name: 'x' })).toBe(false)
    expect(isTable(null)).toBe(false)
  })
})

describe('pickTable with a CommonJS model', () => {
  it('looks inside the default export', () => {
    expect(pickTable('m.cjs', { default: { table: one, other: 1 }, table: one }, undefined)).toBe(one)
    expect(() => pickTable('m.cjs', { default: { one, two } }, undefined)).toThrow(/several tables \(one = one-table, two = two-table\)/)
  })
})
