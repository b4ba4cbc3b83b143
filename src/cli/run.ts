// The `sortkey` command line: finds the command, parses its arguments, runs it, and turns any
// error into one line on stderr and a non-zero exit code.

import { helpText, parseCommand } from './args.js'
import type { Command, Io } from './context.js'
import { CliError, describeError } from './errors.js'
import { local } from './commands/local.js'
import { scan } from './commands/scan.js'
import { schemaDrop, schemaLoad, schemaPrint } from './commands/schema.js'
import { seed } from './commands/seed.js'
import { tables } from './commands/tables.js'
import { check, describe } from './commands/describe.js'
import { exportWorkbenchCommand } from './commands/export-workbench.js'
import { view } from './commands/view.js'
import { migrateCommand } from './commands/migrate.js'

export const commands: readonly Command[] = [local, schemaLoad, schemaDrop, schemaPrint, tables, seed, scan, migrateCommand, describe, check, exportWorkbenchCommand, view]

export function mainHelp(): string {
  const width = Math.max(...commands.map((c) => commandUsage(c).length))
  return [
    'Usage: sortkey <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${commandUsage(c).padEnd(width)}  ${c.spec.summary.replace(/\.$/, '')}`),
    '',
    'Run sortkey <command> --help for its options. Endpoint and region: --endpoint / --region, AWS_ENDPOINT_URL,',
    "or the AWS SDK's usual configuration.",
  ].join('\n')
}

function commandUsage(command: Command): string {
  return [command.spec.name, ...command.spec.positionals.map((p) => `<${p}>`)].join(' ')
}

/** Runs the command line `argv` (without node and script) and resolves to the exit code. */
export async function run(argv: readonly string[], io: Io, version = 'unknown'): Promise<number> {
  const [first, second] = argv
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    io.out(mainHelp())
    return first === undefined ? 2 : 0
  }
  if (first === '-v' || first === '--version') {
    io.out(version)
    return 0
  }
  const command = commands.find((c) => c.spec.name === first) ?? commands.find((c) => c.spec.name === `${first} ${second}`)
  if (!command) {
    const group = commands.filter((c) => c.spec.name.startsWith(`${first} `))
    if (group.length > 0) {
      if (second === '--help' || second === '-h') {
        io.out(group.map((c) => `sortkey ${commandUsage(c)}  ${c.spec.summary}`).join('\n'))
        return 0
      }
      const known = group.map((c) => c.spec.name.slice(first.length + 1)).join(', ')
      io.err(second === undefined ? `sortkey ${first}: give one of ${known}` : `sortkey ${first}: unknown subcommand ${second} (one of ${known})`)
      return 2
    }
    io.err(`sortkey: unknown command ${first} (see sortkey --help)`)
    return 2
  }
  const rest = argv.slice(command.spec.name.split(' ').length)
  try {
    const parsed = parseCommand(command.spec, rest)
    if (parsed.help) {
      io.out(helpText(command.spec))
      return 0
    }
    return await command.run(parsed, io)
  } catch (error) {
    io.err(`sortkey ${command.spec.name}: ${error instanceof CliError ? error.message.replace(`sortkey ${command.spec.name}: `, '') : describeError(error)}`)
    return error instanceof CliError ? error.exitCode : 1
  }
}
