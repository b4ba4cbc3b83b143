// `npm run examples`: starts an embedded DynamoDB Local, points the AWS SDK at it, and runs
// every example's access patterns, printing what each returns, then what each access pattern
// cost in capacity units (DynamoDB Local reports them as DynamoDB does) and any waste found.
// `npm run examples -- messaging` runs only the examples named.
import { startLocalDynamoDB } from '../test/support/local-dynamodb.js'
import { createCostReport, type RequestObserver } from '../src/index.js'

const all = ['messaging', 'game-player', 'retail-cart', 'bank-payments']
const named = process.argv.slice(2)
const unknown = named.filter((name) => !all.includes(name))
if (unknown.length > 0) {
  console.error(`unknown example(s) ${unknown.join(', ')}; the examples are ${all.join(', ')}`)
  process.exit(2)
}
const examples = named.length > 0 ? named : all

const local = await startLocalDynamoDB()
process.env.AWS_ENDPOINT_URL = local.endpoint
process.env.AWS_REGION = 'us-east-1'
process.env.AWS_ACCESS_KEY_ID = 'local'
process.env.AWS_SECRET_ACCESS_KEY = 'local'
console.log(`DynamoDB Local at ${local.endpoint}\n`)

let failed = false
try {
  for (const name of examples) {
    console.log(`== ${name}`)
    const { run } = (await import(`./${name}/run.js`)) as { run(log?: (line: string) => void, observer?: RequestObserver): Promise<void> }
    const report = createCostReport()
    try {
      await run((line) => console.log(`  ${line}`), report)
    } catch (error) {
      failed = true
      console.error(`  ${name} failed:`, error)
    }
    console.log(`\n  cost of ${name}'s access patterns:`)
    report.print((line) => console.log(line ? `    ${line}` : ''))
    console.log('')
  }
} finally {
  await local.stop()
}
process.exit(failed ? 1 : 0)
