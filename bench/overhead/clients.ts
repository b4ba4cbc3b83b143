// The two ways the benchmark feeds the libraries canned DynamoDB answers.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
//
// doc: the DocumentClient's `send` is replaced by a function that returns the canned output
//      at once, so only the library's own work (and building the lib-dynamodb command) is timed.
// sdk: a real DynamoDBClient + DynamoDBDocumentClient whose request handler answers at once
//      with a canned HTTP response: marshalling, middleware, signing, serializing and parsing
//      all run; only the network is missing.
// The same client serves every library; `setLibrary` says whose stored items to answer with.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { marshall } from '@aws-sdk/util-dynamodb'
import type { Lib, Op } from './fixtures.js'

type Attrs = Record<string, unknown>
type Stored = ReturnType<Lib['stored']>

/** The DocumentClient output of each operation for one library's stored items. */
export function cannedOutput(stored: Stored): Record<Op, Attrs> {
  return deepFreeze({
    put: { $metadata: {} },
    get: { $metadata: {}, Item: stored.user },
    query: { $metadata: {}, Items: stored.players, Count: stored.players.length, ScannedCount: stored.players.length },
    update: { $metadata: {} },
  })
}

const COMMAND_OP: Record<string, Op> = { PutCommand: 'put', GetCommand: 'get', QueryCommand: 'query', UpdateCommand: 'update' }
const TARGET_OP: Record<string, Op> = {
  'DynamoDB_20120810.PutItem': 'put',
  'DynamoDB_20120810.GetItem': 'get',
  'DynamoDB_20120810.Query': 'query',
  'DynamoDB_20120810.UpdateItem': 'update',
}

export interface BenchClient {
  readonly client: DynamoDBDocumentClient
  /** Gives the canned outputs (DocumentClient form) for a library's operations. */
  register(name: string, outputs: Record<Op, Attrs>): void
  /** Answer with this library's outputs from now on. */
  setLibrary(name: string): void
  /** The last command input the library sent, per operation, while `capture` is on (for the equivalence checks). */
  readonly sent: Partial<Record<Op, Attrs>>
  capture: boolean
}

/** doc mode: `send` returns the canned DocumentClient output. */
export function docClient(): BenchClient {
  const outputs: Record<string, Record<Op, Attrs>> = {}
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } }))
  const sent: Partial<Record<Op, Attrs>> = {}
  let current: Record<Op, Attrs> | undefined
  const send = async (command: { input: Attrs; constructor: { name: string } }) => {
    const op = COMMAND_OP[command.constructor.name]
    if (op === undefined || current === undefined) throw new Error(`bench: unexpected command ${command.constructor.name}`)
    if (bench.capture) sent[op] = command.input
    return current[op]
  }
  ;(client as unknown as { send: typeof send }).send = send
  const bench: BenchClient = {
    client,
    sent,
    capture: false,
    register(name, output) {
      outputs[name] = output
    },
    setLibrary(name) {
      current = outputs[name]
    },
  }
  return bench
}

/** sdk mode: the whole SDK stack runs; the request handler answers at once with a canned HTTP response. */
export function sdkClient(): BenchClient {
  const bodies: Record<string, Record<Op, Uint8Array>> = {}
  const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value))
  const sent: Partial<Record<Op, Attrs>> = {}
  let current: Record<Op, Uint8Array> | undefined
  const headers = { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'bench' }
  const requestHandler = {
    handle: async (request: { headers: Record<string, string>; body?: unknown }) => {
      const op = TARGET_OP[request.headers['x-amz-target'] ?? '']
      if (op === undefined || current === undefined) throw new Error(`bench: unexpected request ${request.headers['x-amz-target']}`)
      if (bench.capture) sent[op] = JSON.parse(typeof request.body === 'string' ? request.body : new TextDecoder().decode(request.body as Uint8Array)) as Attrs
      return { response: { statusCode: 200, reason: 'OK', headers: { ...headers }, body: current[op] } }
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
  }
  const base = new DynamoDBClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    requestHandler,
  })
  const bench: BenchClient = {
    client: DynamoDBDocumentClient.from(base),
    sent,
    capture: false,
    register(name, output) {
      bodies[name] = {
        put: encode({}),
        get: encode({ Item: marshall(output.get.Item as Attrs) }),
        query: encode({ Items: (output.query.Items as Attrs[]).map((i) => marshall(i)), Count: output.query.Count, ScannedCount: output.query.ScannedCount }),
        update: encode({}),
      }
    },
    setLibrary(name) {
      current = bodies[name]
    },
  }
  return bench
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const key of Object.keys(value)) deepFreeze((value as Attrs)[key])
  }
  return value
}
