// Errors the command line reports: each becomes one line on stderr and a non-zero exit code.

import { BatchGetError, BatchWriteError, RequestFailedError } from '../errors.js'

/** A mistake in how the command was called, or a problem the command found; its message is the line printed. */
export class CliError extends Error {
  readonly exitCode: number
  constructor(message: string, exitCode = 1) {
    super(message)
    this.name = 'CliError'
    this.exitCode = exitCode
  }
}

/** What went wrong, on one line, for any error: ours, the library's, the AWS SDK's, the network's. */
export function describeError(error: unknown, endpoint?: string): string {
  // What the SDK or the network said is the line; a batch says first what stopped it.
  if (error instanceof RequestFailedError && error.cause !== undefined) return describeError(error.cause, endpoint)
  if ((error instanceof BatchWriteError || error instanceof BatchGetError) && error.cause !== undefined) {
    return `${describeError(error.cause, endpoint)} (${error.unprocessed.length} item(s) not ${error instanceof BatchWriteError ? 'written' : 'read'})`
  }
  const e = (error ?? {}) as { name?: string; code?: string; message?: string; errors?: { code?: string }[] }
  const code = e.code ?? e.errors?.[0]?.code
  const where = endpoint ? ` at ${endpoint}` : ''
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH') {
    return `cannot reach DynamoDB${where} (${code}): is it running? (sortkey local starts one)`
  }
  switch (e.name) {
    case 'CredentialsProviderError':
      return `no AWS credentials found: configure them (AWS_PROFILE, AWS_ACCESS_KEY_ID, ...), or pass --endpoint for DynamoDB Local`
    case 'ResourceNotFoundException':
      return `${oneLine(e.message)}${where} (sortkey schema load <model> creates the table)`
    case 'ResourceInUseException':
      return `${oneLine(e.message)}${where}`
    case 'UnrecognizedClientException':
    case 'InvalidSignatureException':
      return `AWS refused the credentials${where}: ${oneLine(e.message)}`
  }
  if (typeof e.message === 'string' && /region is missing/i.test(e.message)) return 'no AWS region: pass --region or set AWS_REGION'
  const message = oneLine(e.message ?? String(error))
  return e.name && e.name !== 'Error' && e.name !== 'CliError' && !message.startsWith(e.name) ? `${e.name}: ${message}` : message
}

export function oneLine(text: string | undefined): string {
  return (text ?? '').replace(/\s*\n\s*/g, ' ').trim() || 'unknown error'
}
