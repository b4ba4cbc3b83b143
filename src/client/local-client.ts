// A DocumentClient for DynamoDB Local. The AWS SDK needs a region and credentials even for a
// local endpoint, and fails with "Region is missing" without them; DynamoDB Local accepts any, so
// this gives it a region and dummy credentials. The `sortkey` command line uses it for loopback
// endpoints too, so app code and the CLI reach `sortkey local` the same way.

import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { ValidationError } from '../errors.js'

/** Where {@link localClient} connects. Every field is optional. */
export interface LocalClientOptions {
  /** The port of DynamoDB Local on `localhost`; ignored when `endpoint` is given. */
  port?: number | undefined
  /** The full endpoint URL, e.g. `http://127.0.0.1:8000`. */
  endpoint?: string | undefined
  /** The region sent with each request (DynamoDB Local with `-sharedDb` ignores it). Default `us-east-1`. */
  region?: string | undefined
}

/** The default port of DynamoDB Local and of `sortkey local`. */
export const LOCAL_PORT = 8000

/** The credentials sent to DynamoDB Local: it accepts any. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const

const refuse = (field: string, message: string): never => {
  throw new ValidationError('localClient', 'options', [{ path: [field], message }])
}

/** `text` as a URL when it is an http(s) URL, else undefined. */
export function httpUrl(text: string): URL | undefined {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return undefined
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined
}

/**
 * The endpoint {@link localClient} connects to: `endpoint`, else `http://localhost:<port>`, else
 * `AWS_ENDPOINT_URL_DYNAMODB` / `AWS_ENDPOINT_URL`, else `http://localhost:8000`.
 */
export function localEndpoint(options: LocalClientOptions = {}, env: Record<string, string | undefined> = process.env): string {
  const { port, endpoint } = options
  if (port !== undefined && (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535)) {
    refuse('port', `must be a whole number from 1 to 65535 (got ${String(port)})`)
  }
  const chosen =
    endpoint ?? (port !== undefined ? `http://localhost:${port}` : undefined) ?? env.AWS_ENDPOINT_URL_DYNAMODB ?? env.AWS_ENDPOINT_URL ?? `http://localhost:${LOCAL_PORT}`
  if (httpUrl(chosen) === undefined) {
    refuse(endpoint !== undefined ? 'endpoint' : 'AWS_ENDPOINT_URL', `must be an http(s) URL such as http://localhost:8000 (got ${JSON.stringify(chosen)})`)
  }
  return chosen
}

/**
 * A `DynamoDBDocumentClient` for DynamoDB Local (`npx sortkey local`, or any DynamoDB Local):
 * the endpoint from `endpoint`, else `http://localhost:<port>`, else the `AWS_ENDPOINT_URL_DYNAMODB`
 * or `AWS_ENDPOINT_URL` environment variable, else `http://localhost:8000`; the region given or
 * `us-east-1`; and dummy credentials. Use it for local development and tests; against AWS, build
 * the client as usual (`DynamoDBDocumentClient.from(new DynamoDBClient({}))`).
 *
 * Throws a `ValidationError` for a port that is not a whole number from 1 to 65535, or an endpoint
 * that is not an http(s) URL.
 *
 * @example
 * ```ts
 * import { z } from 'zod'
 * import { createTable, defineTable, localClient } from 'sortkey'
 *
 * // `npx sortkey local` is listening on port 8000
 * const table = defineTable({ name: 'app', partitionKey: 'PK', sortKey: 'SK', client: localClient() })
 * const User = table.entity('User', {
 *   schema: z.object({ username: z.string(), name: z.string() }),
 *   key: { pk: 'USER#{username}', sk: 'PROFILE' },
 * })
 * await createTable(table)
 * await User.put({ username: 'alice', name: 'Alice' })
 *
 * localClient({ port: 8001 })                        // http://localhost:8001
 * localClient({ endpoint: 'http://127.0.0.1:8000' }) // an explicit endpoint
 * ```
 */
export function localClient(options: LocalClientOptions = {}): DynamoDBDocumentClient {
  const endpoint = localEndpoint(options)
  const region = options.region ?? 'us-east-1'
  if (typeof region !== 'string' || region.trim() === '') refuse('region', `must be a region name such as us-east-1 (got ${JSON.stringify(region)})`)
  return DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint, region, credentials: LOCAL_CREDENTIALS }))
}
