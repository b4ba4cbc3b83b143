// sortkey/testing: a kit for the tests of applications built on sortkey. A separate entry point,
// so an application that imports 'sortkey' never loads it.

export { setup, teardown, testEndpoint, ENDPOINT_VARIABLE } from './dynamodb.js'
export { testClient } from './client.js'
export { testTable, uniqueTableName, type TestTable, type TestTableOptions, type SeedItems } from './test-table.js'
export { recordingClient, type RecordingClient, type RecordedCommand, type ItemRequest } from './recording.js'
export { faultyClient, type FaultyClient, type FaultRule, type FaultKind, type InjectedFault } from './faults.js'
export type { CommandName } from './commands.js'
