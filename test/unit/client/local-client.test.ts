// localClient / localEndpoint without DynamoDB: which endpoint, region and credentials a client
// gets, and the options it refuses before any client is built.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { localClient, ValidationError } from '../../../src/index.js'
import { localEndpoint } from '../../../src/client/local-client.js'

describe('localEndpoint', () => {
  it('takes endpoint, then port, then AWS_ENDPOINT_URL_DYNAMODB, then AWS_ENDPOINT_URL, then localhost:8000', () => {
    const env = { AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9001', AWS_ENDPOINT_URL: 'http://127.0.0.1:9002' }
    expect(localEndpoint({ endpoint: 'http://127.0.0.1:7000', port: 7001 }, env)).toBe('http://127.0.0.1:7000')
    expect(localEndpoint({ port: 7001 }, env)).toBe('http://localhost:7001')
    expect(localEndpoint({}, env)).toBe('http://127.0.0.1:9001')
    expect(localEndpoint({}, { AWS_ENDPOINT_URL: 'http://127.0.0.1:9002' })).toBe('http://127.0.0.1:9002')
    expect(localEndpoint({}, {})).toBe('http://localhost:8000')
    expect(localEndpoint(undefined, {})).toBe('http://localhost:8000')
  })

  it('refuses a port that is not a whole number from 1 to 65535, naming the option', () => {
    for (const port of [0, -1, 65536, 80.5, Number.NaN, Number.POSITIVE_INFINITY, '8000' as unknown as number]) {
      expect(() => localEndpoint({ port }, {}), String(port)).toThrow(ValidationError)
      expect(() => localEndpoint({ port }, {})).toThrow(/localClient\.options: invalid input — port: must be a whole number from 1 to 65535/)
    }
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 65535 }), (port) => localEndpoint({ port }, {}) === `http://localhost:${port}`),
    )
  })

  it('refuses an endpoint that is not an http(s) URL, from the options or the environment', () => {
    for (const endpoint of ['localhost:8000', '', 'ftp://localhost', 'http://', '{"$ne":1}']) {
      expect(() => localEndpoint({ endpoint }, {}), endpoint).toThrow(/endpoint: must be an http\(s\) URL/)
    }
    expect(() => localEndpoint({}, { AWS_ENDPOINT_URL: 'localhost:8000' })).toThrow(/AWS_ENDPOINT_URL: must be an http\(s\) URL/)
  })
})

describe('localClient', () => {
  it('configures endpoint, region and dummy credentials, so the SDK needs nothing else', async () => {
    const client = localClient({ port: 8123 })
    const endpoint = await client.config.endpoint?.()
    expect(`${endpoint?.protocol}//${endpoint?.hostname}:${endpoint?.port}`).toBe('http://localhost:8123')
    expect(await client.config.region()).toBe('us-east-1')
    expect(await client.config.credentials()).toMatchObject({ accessKeyId: 'local', secretAccessKey: 'local' })
    client.destroy()
    const other = localClient({ endpoint: 'http://127.0.0.1:8000', region: 'eu-north-1' })
    expect(await other.config.region()).toBe('eu-north-1')
    other.destroy()
  })

  it('refuses an empty region', () => {
    expect(() => localClient({ region: '' })).toThrow(/region: must be a region name/)
  })
})
