// The DocumentClient the examples use: DynamoDB Local, at AWS_ENDPOINT_URL when set (as
// `npm run examples` and the tests set it), else at http://localhost:8000 where `npx sortkey local`
// listens. An application sending to AWS builds its client as usual instead.
import { localClient } from '../../src/index.js'

export const client = localClient()
