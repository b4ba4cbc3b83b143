// The type-check projects: N entities, each with a primary key, one GSI, and four used
// operations (put, get, an index query with a sort-key condition, an update with a condition),
// written the way each library's documentation writes them. Each project imports its library
// the way an application does, through its published declaration files: 'sortkey' maps to the
// dist/index.d.ts that `tsup` builds from src (bench/build.ts builds it into bench/.gen/dist),
// electrodb and dynamodb-toolbox resolve to their own from node_modules.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export type TypedLib = 'sortkey' | 'sortkey-mini' | 'electrodb' | 'toolbox'

const tsconfig = (lib: TypedLib) => ({
  compilerOptions: {
    // sortkey: its published declaration file, from the bench's own build of src (bench/build.ts).
    ...(lib === 'sortkey' || lib === 'sortkey-mini' ? { paths: { sortkey: ['../../dist/index.d.ts'] } } : {}),
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2022'],
    types: [],
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  },
  include: ['*.ts'],
})

const files: Record<Exclude<TypedLib, 'sortkey-mini'>, { table: string; entity: (i: number) => string }> = {
  sortkey: {
    table: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { defineTable } from 'sortkey'

export const table = defineTable({
  name: 'bench',
  partitionKey: 'PK',
  sortKey: 'SK',
  indexes: { GSI1: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK' } },
  client: DynamoDBDocumentClient.from(new DynamoDBClient({})),
})
`,
    entity: (i) => `import { z } from 'zod'
import { lt } from 'sortkey'
import { table } from './table.js'

export const Entity${i} = table.entity('Entity${i}', {
  schema: z.object({ id: z.string(), name: z.string(), status: z.string(), createdAt: z.string(), count: z.number(), note${i}: z.string().optional() }),
  key: { pk: 'ENTITY${i}#{id}', sk: 'ENTITY${i}' },
  indexes: { GSI1: { pk: 'ENTITY${i}#{status}', sk: 'AT#{createdAt}' } },
})

export async function use${i}() {
  await Entity${i}.put({ id: 'a', name: 'n', status: 's', createdAt: '2024-01-01', count: 1 })
  const item = await Entity${i}.get({ id: 'a' })
  const page = await Entity${i}.query.GSI1({ status: 's' }).beginsWith({ createdAt: '2024' })
  await Entity${i}.update({ id: 'a' }, { set: { name: 'm' }, add: { count: 1 } }, { condition: { count: lt(10) } })
  return [item?.name, page.items[0]?.count] as const
}
`,
  },
  electrodb: {
    table: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'

export const table = 'bench'
export const client = DynamoDBDocumentClient.from(new DynamoDBClient({}))
`,
    entity: (i) => `import { Entity } from 'electrodb'
import { client, table } from './table.js'

export const Entity${i} = new Entity(
  {
    model: { entity: 'Entity${i}', version: '1', service: 'bench' },
    attributes: {
      id: { type: 'string', required: true },
      name: { type: 'string', required: true },
      status: { type: 'string', required: true },
      createdAt: { type: 'string', required: true },
      count: { type: 'number', required: true },
      note${i}: { type: 'string' },
    },
    indexes: {
      primary: { pk: { field: 'PK', composite: ['id'] }, sk: { field: 'SK', composite: [] } },
      byStatus: { index: 'GSI1', pk: { field: 'GSI1PK', composite: ['status'] }, sk: { field: 'GSI1SK', composite: ['createdAt'] } },
    },
  },
  { table, client },
)

export async function use${i}() {
  await Entity${i}.put({ id: 'a', name: 'n', status: 's', createdAt: '2024-01-01', count: 1 }).go()
  const item = await Entity${i}.get({ id: 'a' }).go()
  const page = await Entity${i}.query.byStatus({ status: 's' }).begins({ createdAt: '2024' }).go()
  await Entity${i}.patch({ id: 'a' }).set({ name: 'm' }).add({ count: 1 }).where(({ count }, { lt }) => lt(count, 10)).go()
  return [item.data?.name, page.data[0]?.count] as const
}
`,
  },
  toolbox: {
    table: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { Table } from 'dynamodb-toolbox'

export const table = new Table({
  name: 'bench',
  partitionKey: { name: 'PK', type: 'string' },
  sortKey: { name: 'SK', type: 'string' },
  indexes: { GSI1: { type: 'global', partitionKey: { name: 'GSI1PK', type: 'string' }, sortKey: { name: 'GSI1SK', type: 'string' } } },
  documentClient: DynamoDBDocumentClient.from(new DynamoDBClient({})),
})
`,
    entity: (i) => `import { $add, Entity, GetItemCommand, PutItemCommand, QueryCommand, UpdateItemCommand, item, number, string } from 'dynamodb-toolbox'
import { table } from './table.js'

export const Entity${i} = new Entity({
  name: 'Entity${i}',
  table,
  schema: item({ id: string().key(), name: string(), status: string(), createdAt: string(), count: number(), note${i}: string().optional() }).and((prev) => ({
    GSI1PK: string().link<typeof prev>(({ status }) => \`ENTITY${i}#\${status}\`),
    GSI1SK: string().link<typeof prev>(({ createdAt }) => \`AT#\${createdAt}\`),
  })),
  computeKey: ({ id }) => ({ PK: \`ENTITY${i}#\${id}\`, SK: 'ENTITY${i}' }),
})

export async function use${i}() {
  await Entity${i}.build(PutItemCommand).item({ id: 'a', name: 'n', status: 's', createdAt: '2024-01-01', count: 1 }).send()
  const { Item } = await Entity${i}.build(GetItemCommand).key({ id: 'a' }).send()
  const { Items } = await table.build(QueryCommand).entities(Entity${i}).query({ index: 'GSI1', partition: 'ENTITY${i}#s', range: { beginsWith: 'AT#2024' } }).send()
  await Entity${i}.build(UpdateItemCommand).item({ id: 'a', name: 'm', count: $add(1) }).options({ condition: { attr: 'count', lt: 10 } }).send()
  return [Item?.name, Items?.[0]?.count] as const
}
`,
  },
}

/** Writes the project for `lib` with `n` entities under `root`; returns its directory. */
// The same entities with zod/mini schemas: the types must cost the same in both flavours.
const miniFiles = {
  table: files.sortkey.table,
  entity: (i: number) =>
    files.sortkey
      .entity(i)
      .replace("import { z } from 'zod'", "import * as z from 'zod/mini'")
      .replace(`note${i}: z.string().optional()`, `note${i}: z.optional(z.string())`),
}

export function generate(root: string, lib: TypedLib, n: number): string {
  const dir = join(root, `${lib}-${n}`)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig(lib), null, 2) + '\n')
  const source = lib === 'sortkey-mini' ? miniFiles : files[lib]
  writeFileSync(join(dir, 'table.ts'), source.table)
  for (let i = 0; i < n; i++) writeFileSync(join(dir, `entity${i}.ts`), source.entity(i))
  return dir
}
