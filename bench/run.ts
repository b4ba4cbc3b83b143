// npm run bench — every benchmark in one run (overhead, types, bundle, cold start), then the whole table
// from bench/results.json. Benchmarks are never part of the test suite's pass/fail.
import { runOverhead } from './overhead/run.js'
import { runTypes } from './types/run.js'
import { runBundle } from './bundle/run.js'
import { runCold } from './cold/run.js'
import { printAll } from './report.js'

const started = Date.now()
console.error('bench: overhead (about a minute) ...')
await runOverhead(false)
console.error('bench: types ...')
runTypes(false)
console.error('bench: bundle ...')
await runBundle(false)
console.error('bench: cold start ...')
await runCold(false)
console.log('')
printAll()
console.log(`\nbench: ${((Date.now() - started) / 1000).toFixed(0)} s`)
