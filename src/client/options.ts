// Numeric options are checked where they are taken: a NaN from `Number(process.env.UNSET)`, a
// negative or an Infinity must not turn into "send nothing" or "retry forever".

import { ValidationError } from '../errors.js'

/**
 * Returns `value` when it is an integer in [min, max], `fallback` when it is undefined; anything
 * else is a ValidationError naming the option (as `owner.operation`, path `[name]`).
 */
export function integerOption(owner: string, operation: string, name: string, value: unknown, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ValidationError(owner, operation, [
      { path: [name], message: `must be an integer from ${min} to ${max.toLocaleString('en-US')}, got ${describe(value)}`, code: 'option-range' },
    ])
  }
  return value
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'bigint') return `${value}n`
  return String(value)
}
