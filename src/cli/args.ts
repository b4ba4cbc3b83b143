// Parsing a command's arguments with node's own util.parseArgs, and the help text made from the
// same description, so every command has `--help`.

import { parseArgs } from 'node:util'
import { CliError } from './errors.js'

export interface OptionSpec {
  type: 'string' | 'boolean'
  short?: string
  /** Shown in help: `--port <n>`. */
  value?: string
  description: string
}

export interface CommandSpec {
  /** `'schema load'` */
  name: string
  summary: string
  /** Positional arguments, all required: `['model', 'file']`. */
  positionals: readonly string[]
  options: Readonly<Record<string, OptionSpec>>
  /** Extra lines after the options. */
  notes?: readonly string[]
}

export interface Parsed {
  positionals: string[]
  values: Record<string, string | boolean | undefined>
  help: boolean
}

export function parseCommand(spec: CommandSpec, argv: readonly string[]): Parsed {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = { help: { type: 'boolean', short: 'h' } }
  for (const [name, option] of Object.entries(spec.options)) options[name] = option.short ? { type: option.type, short: option.short } : { type: option.type }
  let parsed: { values: Record<string, unknown>; positionals: string[] }
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true })
  } catch (error) {
    throw new CliError(`sortkey ${spec.name}: ${usageProblem(error)} (see sortkey ${spec.name} --help)`, 2)
  }
  const help = parsed.values.help === true
  if (!help) {
    if (parsed.positionals.length < spec.positionals.length) {
      const missing = spec.positionals.slice(parsed.positionals.length).map((p) => `<${p}>`).join(' ')
      throw new CliError(`sortkey ${spec.name}: missing ${missing} (see sortkey ${spec.name} --help)`, 2)
    }
    if (parsed.positionals.length > spec.positionals.length) {
      throw new CliError(`sortkey ${spec.name}: unexpected argument ${JSON.stringify(parsed.positionals[spec.positionals.length])} (see sortkey ${spec.name} --help)`, 2)
    }
  }
  return { positionals: parsed.positionals, values: parsed.values as Parsed['values'], help }
}

function usageProblem(error: unknown): string {
  const e = error as { code?: string; message?: string }
  const option = /'(-{1,2}[\w-]+)/.exec(e.message ?? '')?.[1]
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option ?? ''}`.trim()
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `${option ?? 'an option'} needs a value`
  return (e.message ?? String(error)).split('\n')[0] as string
}

export function helpText(spec: CommandSpec): string {
  const lines = [`Usage: sortkey ${spec.name}${spec.positionals.map((p) => ` <${p}>`).join('')} [options]`, '', spec.summary, '', 'Options:']
  const rows = Object.entries(spec.options).map(([name, o]) => [`${o.short ? `-${o.short}, ` : '    '}--${name}${o.value ? ` <${o.value}>` : ''}`, o.description] as const)
  rows.push(['-h, --help', 'show this help'])
  const width = Math.max(...rows.map(([left]) => left.length))
  for (const [left, right] of rows) lines.push(`  ${left.padEnd(width)}  ${right}`)
  if (spec.notes?.length) lines.push('', ...spec.notes)
  return lines.join('\n')
}

/** A whole number option (`--port`, `--limit`), or undefined when not given. */
export function intOption(command: string, name: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (typeof value !== 'string' || !/^\d+$/.test(value) || n < min || n > max) {
    throw new CliError(`sortkey ${command}: --${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(value)})`, 2)
  }
  return n
}
