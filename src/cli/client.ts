// The DocumentClient the command line sends with: endpoint from --endpoint, AWS_ENDPOINT_URL_DYNAMODB
// or AWS_ENDPOINT_URL; region from --region or the AWS SDK's usual configuration. DynamoDB
// Local on a loopback address gets `localClient` (a region and dummy credentials) when no
// credentials are configured.

import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { httpUrl, localClient } from '../client/local-client.js'
import { CliError } from './errors.js'

export interface ClientOptions {
  endpoint?: string | undefined
  region?: string | undefined
}

export interface Connection {
  client: DynamoDBDocumentClient
  /** The endpoint given or configured, for messages; undefined means AWS's own. */
  endpoint: string | undefined
  close(): void
}

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]', '::1']

export function connect(options: ClientOptions, env: NodeJS.ProcessEnv = process.env): Connection {
  const endpoint = options.endpoint ?? env.AWS_ENDPOINT_URL_DYNAMODB ?? env.AWS_ENDPOINT_URL
  let local = false
  if (endpoint !== undefined) {
    const url = httpUrl(endpoint)
    if (url === undefined) {
      throw new CliError(`--endpoint must be an http(s) URL such as http://localhost:8000 (got ${JSON.stringify(endpoint)})`, 2)
    }
    local = LOOPBACK.includes(url.hostname)
  }
  const region = options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? (local ? 'us-east-1' : undefined)
  const configured = env.AWS_ACCESS_KEY_ID !== undefined || env.AWS_PROFILE !== undefined
  const client =
    local && !configured
      ? localClient({ endpoint, region })
      : DynamoDBDocumentClient.from(
          new DynamoDBClient({
            ...(endpoint !== undefined ? { endpoint } : {}),
            ...(region !== undefined ? { region } : {}),
          }),
        )
  return { client, endpoint, close: () => client.destroy() }
}
