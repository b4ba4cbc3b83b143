#!/usr/bin/env node
// The `sortkey` executable (dist/cli.js).

import { createRequire } from 'node:module'
import { run } from './run.js'

const version = (() => {
  try {
    return (createRequire(import.meta.url)('../package.json') as { version?: string }).version ?? 'unknown'
  } catch {
    return 'unknown'
  }
})()

// The AWS SDK's multi-line notice about future Node versions is not this command's business.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

const io = {
  out: (text: string) => void process.stdout.write(`${text}\n`),
  err: (text: string) => void process.stderr.write(`${text}\n`),
  stderr: process.stderr,
}

process.exitCode = await run(process.argv.slice(2), io, version)
