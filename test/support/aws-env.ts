// Points the AWS SDK's default configuration at the test DynamoDB Local, so example models that
// build their client from the environment (as real applications do) talk to it.
import { inject } from 'vitest'

process.env.AWS_ENDPOINT_URL = inject('dynamoEndpoint')
process.env.AWS_REGION = 'us-east-1'
process.env.AWS_ACCESS_KEY_ID = 'local'
process.env.AWS_SECRET_ACCESS_KEY = 'local'
