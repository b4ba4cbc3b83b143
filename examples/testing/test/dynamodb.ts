// The global setup: DynamoDB Local, once per test run.
export { setup, teardown } from 'sortkey/testing'
