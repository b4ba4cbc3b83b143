// DynamoDB Local for the test suite's global setup and `npm run examples`: the logic lives with
// the `sortkey local` command.
export { startLocalDynamoDB, freePort, type LocalDynamoDB } from '../../src/cli/local.js'
