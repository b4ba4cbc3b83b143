// zod/mini loads no locale, so unless the app configures one (`z.config(...)`) every issue it
// reports says only "Invalid input". An error must still name the rule that was broken, so for
// such an issue sortkey words the rule from the issue's own fields (the same facts a locale reads).
// Messages zod worded — classic zod's, a configured locale's, a schema's own — are kept as they are.

const GENERIC = 'Invalid input'

/** A zod issue as zod reports it: the fields each code carries. */
export interface RawIssue {
  readonly path: readonly PropertyKey[]
  readonly message: string
  readonly code?: string
  readonly expected?: string
  readonly values?: readonly unknown[]
  readonly origin?: string
  readonly minimum?: number | bigint
  readonly maximum?: number | bigint
  readonly inclusive?: boolean
  readonly exact?: boolean
  readonly format?: string
  readonly pattern?: string
  readonly divisor?: number | bigint
  readonly keys?: readonly string[]
}

/** The issue's message; for zod's bare "Invalid input", the rule worded from the issue. `input` is the value that was checked. */
export function issueMessage(issue: RawIssue, input: unknown): string {
  if (issue.message !== GENERIC) return issue.message
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected === 'nan' ? 'NaN' : (issue.expected ?? 'another type')}, got ${kindOf(valueAt(input, issue.path))}`
    case 'invalid_value': {
      const values = (issue.values ?? []).map(show)
      const got = valueAt(input, issue.path)
      const expected = values.length === 1 ? `expected ${values[0]}` : `expected one of ${values.join(', ')}`
      return `${expected}, got ${got === undefined ? 'nothing' : preview(got)}`
    }
    case 'too_small':
      return size(issue, issue.minimum, 'at least', 'more than')
    case 'too_big':
      return size(issue, issue.maximum, 'at most', 'less than')
    case 'invalid_format':
      return issue.format === 'regex' && issue.pattern ? `must match ${issue.pattern}` : `is not a valid ${issue.format ?? 'value'}`
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`
    case 'unrecognized_keys':
      return `unknown key${issue.keys?.length === 1 ? '' : 's'} ${(issue.keys ?? []).map(show).join(', ')}`
    default:
      return GENERIC
  }
}

const UNITS: Readonly<Record<string, string>> = { string: ' characters', array: ' items', set: ' items', map: ' entries', file: ' bytes' }

function size(issue: RawIssue, limit: number | bigint | undefined, inclusive: string, exclusive: string): string {
  const unit = UNITS[issue.origin ?? ''] ?? ''
  const how = issue.exact ? 'exactly' : issue.inclusive === false ? exclusive : inclusive
  return `${unit ? 'must have' : 'must be'} ${how} ${String(limit)}${unit}`
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<PropertyKey, unknown>)[part]
  }
  return value
}

function kindOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (value instanceof Date) return 'a Date'
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : Number.isFinite(value) ? 'a number' : String(value)
  if (typeof value === 'undefined') return 'nothing'
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}

/** A value as a message shows it: strings quoted and cut at 40 characters. */
function preview(value: unknown): string {
  const text = show(value)
  return text.length > 42 ? text.slice(0, 40) + '…' : text
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : typeof value === 'bigint' ? `${value}n` : String(value)
}
