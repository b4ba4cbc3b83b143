// Telling DocumentClient commands apart by name, at the `send` level: `PutCommand` is 'Put'.
// Names rather than classes, so commands built by another copy of the AWS SDK count too.

/** A DocumentClient command name without its `Command` suffix: 'Put', 'BatchWrite', 'TransactWrite', 'CreateTable', ... */
export type CommandName =
  | 'Put'
  | 'Get'
  | 'Update'
  | 'Delete'
  | 'Query'
  | 'Scan'
  | 'BatchWrite'
  | 'BatchGet'
  | 'TransactWrite'
  | 'TransactGet'
  | (string & {})

export interface SentCommand {
  readonly name: CommandName
  readonly input: Record<string, unknown>
}

export function commandName(command: unknown): CommandName {
  const name = (command as { constructor?: { name?: unknown } } | undefined)?.constructor?.name
  return typeof name === 'string' ? name.replace(/Command$/, '') : 'Unknown'
}

export function commandInput(command: unknown): Record<string, unknown> {
  return ((command as { input?: Record<string, unknown> } | undefined)?.input ?? {}) as Record<string, unknown>
}
