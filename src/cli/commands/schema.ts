// sortkey schema load | drop | print: create the model's table (waiting until ACTIVE, TTL on),
// delete it, or print its CreateTable input.

import { toJson } from '../render.js'
import { CliError } from '../errors.js'
import { modelNotes, modelOptions, tableOption, withModel, type Command } from '../context.js'
import { loadTable } from '../model.js'
import { tableDefinition, ttlDefinition } from '../../table/definition.js'
import { createTable, dropTable } from '../../table/lifecycle.js'

export const schemaLoad: Command = {
  spec: {
    name: 'schema load',
    summary: "Create the model's table and wait until it is ACTIVE.",
    positionals: ['model'],
    options: modelOptions,
    notes: [...modelNotes, 'Indexes, billing and streams come from the table definition; TTL is turned on when an entity declares ttl.'],
  },
  async run(parsed, io) {
    await withModel(parsed, async ({ table, connection }) => {
      try {
        await createTable(table)
      } catch (error) {
        if ((error as { name?: string }).name === 'ResourceInUseException') {
          throw new CliError(`table ${table.name} already exists${connection.endpoint ? ` at ${connection.endpoint}` : ''} (sortkey schema drop removes it)`)
        }
        throw error
      }
      const indexes = table.spec.registry.entries.filter((entry) => entry.kind !== 'table').map((entry) => entry.name)
      const ttl = ttlDefinition(table)?.TimeToLiveSpecification?.AttributeName
      io.out(`created table ${table.name}${indexes.length ? ` with ${indexes.join(', ')}` : ''}${ttl ? `; TTL on ${ttl}` : ''}`)
    })
    return 0
  },
}

export const schemaDrop: Command = {
  spec: { name: 'schema drop', summary: "Delete the model's table and wait until it is gone.", positionals: ['model'], options: modelOptions, notes: modelNotes },
  async run(parsed, io) {
    await withModel(parsed, async ({ table }) => {
      const dropped = await dropTable(table)
      io.out(dropped ? `dropped table ${table.name}` : `table ${table.name} does not exist; nothing to drop`)
    })
    return 0
  },
}

export const schemaPrint: Command = {
  spec: {
    name: 'schema print',
    summary: "Print the model's CreateTable (and UpdateTimeToLive) input as JSON.",
    positionals: ['model'],
    options: tableOption,
    notes: modelNotes,
  },
  async run(parsed, io) {
    const table = await loadTable(parsed.positionals[0] as string, parsed.values.table as string | undefined)
    const ttl = ttlDefinition(table)
    io.out(JSON.stringify(JSON.parse(toJson({ CreateTable: tableDefinition(table), ...(ttl ? { UpdateTimeToLive: ttl } : {}) })), null, 2))
    return 0
  },
}
