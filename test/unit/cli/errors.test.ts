import { describe, expect, it } from 'vitest'
import { connect } from '../../../src/cli/client.js'
import { CliError, describeError } from '../../../src/cli/errors.js'
import { ValidationError } from '../../../src/index.js'

const aws = (name: string, message: string) => Object.assign(new Error(message), { name })

describe('describeError', () => {
  it('puts any error on one line, naming the endpoint where it helps', () => {
    expect(describeError(Object.assign(new AggregateError([]), { code: 'ECONNREFUSED' }), 'http://127.0.0.1:8000')).toBe(
      'cannot reach DynamoDB at http://127.0.0.1:8000 (ECONNREFUSED): is it running? (sortkey local starts one)',
    )
    expect(describeError(aws('CredentialsProviderError', 'Could not load credentials from any providers'))).toMatch(/^no AWS credentials found/)
    expect(describeError(aws('ResourceInUseException', 'Table already exists: t'), 'http://x')).toBe('Table already exists: t at http://x')
    expect(describeError(new Error('Region is missing'))).toBe('no AWS region: pass --region or set AWS_REGION')
    expect(describeError(new ValidationError('User', 'put', [{ path: ['email'], message: 'bad' }]))).toBe('ValidationError: User.put: invalid input — email: bad')
    expect(describeError(new Error('first\n  second'))).toBe('first second')
    expect(describeError(new CliError('plain'))).toBe('plain')
  })
})

describe('connect', () => {
  it('gives a loopback endpoint a region and dummy credentials when none are configured', async () => {
    const { client, endpoint, close } = connect({ endpoint: 'http://localhost:8000' }, {})
    expect(endpoint).toBe('http://localhost:8000')
    expect(await client.config.region()).toBe('us-east-1')
    expect(await client.config.credentials()).toMatchObject({ accessKeyId: 'local', secretAccessKey: 'local' })
    close()
  })

  it('takes the endpoint from AWS_ENDPOINT_URL, the region from --region, and refuses a bad URL', async () => {
    const { client, endpoint, close } = connect({ region: 'eu-west-1' }, { AWS_ENDPOINT_URL: 'http://127.0.0.1:9000', AWS_REGION: 'us-west-2' })
    expect(endpoint).toBe('http://127.0.0.1:9000')
    expect(await client.config.region()).toBe('eu-west-1')
    close()
    expect(() => connect({ endpoint: 'localhost:8000x' }, {})).toThrow(/--endpoint must be an http\(s\) URL/)
  })
})
