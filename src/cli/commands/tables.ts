// sortkey tables: the tables at the endpoint, one a line.

import { ListTablesCommand } from '@aws-sdk/client-dynamodb'
import { executeControl } from '../../client/executor.js'
import { connectionOptions, withConnection, type Command } from '../context.js'

export const tables: Command = {
  spec: { name: 'tables', summary: 'List the tables at the endpoint.', positionals: [], options: connectionOptions },
  async run(parsed, io) {
    const names = await withConnection(parsed, async ({ client }) => {
      const all: string[] = []
      let start: string | undefined
      do {
        const page = await executeControl<{ TableNames?: string[]; LastEvaluatedTableName?: string }>(client, new ListTablesCommand({ ExclusiveStartTableName: start }), 'listTables')
        all.push(...(page.TableNames ?? []))
        start = page.LastEvaluatedTableName
      } while (start)
      return all
    })
    for (const name of names) io.out(name)
    if (names.length === 0) io.err('no tables')
    return 0
  },
}
