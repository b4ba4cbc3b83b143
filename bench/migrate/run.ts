// npm run bench:migrate — migrate() against DynamoDB Local: a GSI template added to one entity
// of a table of BENCH_ITEMS items (default 100,000). Two phases:
//   1. unpaced: items per second, and the write capacity it consumed per second;
//   2. paced (a second GSI template, maxWcu = BENCH_MAX_WCU, default half of phase 1's WCU/s),
//      stopped after BENCH_PACED_SECONDS: consumed WCU per second, second by second, against maxWcu.
// DynamoDB Local runs in memory on this machine, so the figures are this machine's, not AWS's.
import { cpus, loadavg } from 'node:os'
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { z } from 'zod'
import { batchWrite, createTable, defineTable, migrate, type MigrateReport } from '../../src/index.js'
import { startLocalDynamoDB } from '../../src/cli/local.js'

const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000)
const SEGMENTS = Number(process.env.BENCH_SEGMENTS ?? 4)
const PACED_SECONDS = Number(process.env.BENCH_PACED_SECONDS ?? 20)
const NAME = 'bench-migrate'
const indexes = { GSI1: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK' }, GSI2: { partitionKey: 'GSI2PK', sortKey: 'GSI2SK' } }
const userSchema = z.object({ username: z.string(), email: z.string(), country: z.string(), visits: z.number() })
const orderSchema = z.object({ username: z.string(), orderId: z.string(), total: z.number() })

type GsiTemplates = Partial<Record<'GSI1' | 'GSI2', { pk: string; sk: string }>>

/** The model with the User entity's index templates as given; Order never changes. */
function model(client: DynamoDBDocumentClient, userIndexes: GsiTemplates) {
  const table = defineTable({ name: NAME, partitionKey: 'PK', sortKey: 'SK', indexes, client })
  const User = table.entity('User', { schema: userSchema, key: { pk: 'USER#{username}', sk: 'PROFILE' }, indexes: userIndexes })
  const Order = table.entity('Order', { schema: orderSchema, key: { pk: 'USER#{username}', sk: 'ORDER#{orderId}' } })
  return { table, User, Order }
}

async function main(): Promise<void> {
  const local = await startLocalDynamoDB()
  try {
    const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: local.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }))
    const v1 = model(client, {})
    await createTable(v1.table)
    const seedStart = performance.now()
    const users = Math.round(ITEMS * 0.75)
    const ops = []
    for (let i = 0; i < ITEMS; i++) {
      if (i < users) ops.push(v1.User.put({ username: `user${i}`, email: `user${i}@example.com`, country: ['NL', 'FR', 'US', 'JP'][i % 4] as string, visits: i % 97 }))
      else ops.push(v1.Order.put({ username: `user${i % users}`, orderId: `o${i}`, total: i % 1000 }))
    }
    for (let i = 0; i < ops.length; i += 2_500) await batchWrite(ops.slice(i, i + 2_500))
    console.log(`seeded ${ITEMS} items (${users} User, ${ITEMS - users} Order) in ${((performance.now() - seedStart) / 1000).toFixed(1)}s`)

    // Phase 1: GSI1 added to User, unpaced.
    const v2 = model(client, { GSI1: { pk: 'EMAIL#{email}', sk: 'USER' } })
    const unpaced = await timed(v2.table, () => migrate(v2.table, { segments: SEGMENTS, concurrency: 8, pageSize: 200 }))
    const seconds1 = unpaced.report.durationMs / 1000
    const wcuPerSecond1 = unpaced.report.capacity.write / seconds1
    console.log(
      `unpaced: ${unpaced.report.scanned} scanned, ${unpaced.report.rewritten} rewritten, ${unpaced.report.current} current, ${unpaced.report.failed.length} failed in ${seconds1.toFixed(1)}s: ` +
        `${(unpaced.report.scanned / seconds1).toFixed(0)} items/s scanned, ${(unpaced.report.rewritten / seconds1).toFixed(0)} items/s rewritten; ` +
        `${unpaced.report.capacity.write.toFixed(0)} WCU (${wcuPerSecond1.toFixed(0)}/s), ${unpaced.report.capacity.read.toFixed(0)} RCU`,
    )

    // Phase 2: GSI2 added too, paced; stopped after PACED_SECONDS.
    const maxWcu = Number(process.env.BENCH_MAX_WCU ?? Math.max(10, Math.round(wcuPerSecond1 / 2)))
    const v3 = model(client, { GSI1: { pk: 'EMAIL#{email}', sk: 'USER' }, GSI2: { pk: 'COUNTRY#{country}', sk: 'USER#{username}' } })
    const stop = new AbortController()
    const timer = setTimeout(() => stop.abort(), PACED_SECONDS * 1000)
    const paced = await timed(v3.table, () => migrate(v3.table, { segments: SEGMENTS, concurrency: 8, pageSize: 200, maxWcu, signal: stop.signal }))
    clearTimeout(timer)
    const full = paced.perSecond.slice(0, -1) // the last second is partial
    const sorted = [...full].sort((a, b) => a - b)
    const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0
    const mean = full.reduce((a, b) => a + b, 0) / Math.max(1, full.length)
    console.log(
      `paced at maxWcu ${maxWcu}: ${paced.report.rewritten} rewritten in ${(paced.report.durationMs / 1000).toFixed(1)}s (${(paced.report.rewritten / (paced.report.durationMs / 1000)).toFixed(0)} items/s); ` +
        `WCU per second over ${full.length} full seconds: mean ${mean.toFixed(1)} (${((mean / maxWcu) * 100).toFixed(1)}% of maxWcu), p10 ${pct(0.1).toFixed(0)}, median ${pct(0.5).toFixed(0)}, p90 ${pct(0.9).toFixed(0)}, max ${Math.max(...full).toFixed(0)}`,
    )
    console.log(`  per second: ${paced.perSecond.map((n) => n.toFixed(0)).join(' ')}`)
    console.log(`machine: ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}, node ${process.version}`)
  } finally {
    await local.stop()
  }
}

/** Runs a migration, summing the write capacity its requests consumed in each second since it started. */
async function timed(table: ReturnType<typeof model>['table'], run: () => Promise<MigrateReport>): Promise<{ report: MigrateReport; perSecond: number[] }> {
  const perSecond: number[] = []
  const start = performance.now()
  const stopObserving = table.observe({
    onResponse(event) {
      if (event.label !== 'migrate' || event.capacity === undefined || event.capacity.write === 0) return
      const second = Math.floor((performance.now() - start) / 1000)
      while (perSecond.length <= second) perSecond.push(0)
      perSecond[second] = (perSecond[second] as number) + event.capacity.write
    },
  })
  try {
    return { report: await run(), perSecond }
  } finally {
    stopObserving()
  }
}

await main()
