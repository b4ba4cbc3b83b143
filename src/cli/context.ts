// What every command gets: where to print, and the options shared by the commands that take a
// model (the table and the connection it is sent over).

import { awsErrorName } from '../client/send.js'
import type { CommandSpec, OptionSpec, Parsed } from './args.js'
import { connect, type Connection } from './client.js'
import { CliError, describeError } from './errors.js'
import { loadTable, type AnyTable } from './model.js'

export interface Io {
  out(text: string): void
  err(text: string): void
  /** For the progress bar (drawn only on a terminal). */
  readonly stderr: NodeJS.WriteStream
}

export const connectionOptions: Readonly<Record<string, OptionSpec>> = {
  endpoint: { type: 'string', value: 'url', description: 'DynamoDB endpoint (default: AWS_ENDPOINT_URL, else AWS)' },
  region: { type: 'string', value: 'region', description: 'AWS region (default: the AWS SDK configuration)' },
}

/** `--table`: for commands that load a model but do not connect. */
export const tableOption: { readonly table: OptionSpec } = {
  table: { type: 'string', value: 'name', description: 'the table to use when the model exports several (export or table name)' },
}

export const modelOptions: Readonly<Record<string, OptionSpec>> = { ...connectionOptions, ...tableOption }

export const modelNotes: readonly string[] = [
  '<model> is a module exporting the table defineTable returns; TypeScript modules run through tsx.',
]

/** A command: its arguments (for parsing and --help) and what it does; resolves to the exit code. */
export interface Command {
  readonly spec: CommandSpec
  run(parsed: Parsed, io: Io): Promise<number>
}

export interface ModelContext {
  /** The model's table, sending with the command's client. */
  table: AnyTable
  connection: Connection
}

/** Loads the model's table, connects, runs `body`, and closes the connection. */
export async function withModel<T>(parsed: Parsed, body: (context: ModelContext) => Promise<T>): Promise<T> {
  const model = await loadTable(parsed.positionals[0] as string, parsed.values.table as string | undefined)
  return withConnection(parsed, async (connection) => {
    try {
      return await body({ table: model.withClient(connection.client), connection })
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause
      if (awsErrorName(error) !== 'ResourceNotFoundException' && awsErrorName(cause) !== 'ResourceNotFoundException') throw error
      const where = connection.endpoint ? ` at ${connection.endpoint}` : ''
      throw new CliError(`table ${model.name} does not exist${where} (sortkey schema load ${parsed.positionals[0] as string} creates it)`)
    }
  })
}

export async function withConnection<T>(parsed: Parsed, body: (connection: Connection) => Promise<T>): Promise<T> {
  const connection = connect({ endpoint: parsed.values.endpoint as string | undefined, region: parsed.values.region as string | undefined })
  try {
    return await body(connection)
  } catch (error) {
    throw error instanceof CliError ? error : new CliError(describeError(error, connection.endpoint))
  } finally {
    connection.close()
  }
}
