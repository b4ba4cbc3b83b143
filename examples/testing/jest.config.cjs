// What an application's jest config needs for sortkey/testing: its global setup and teardown
// start one DynamoDB Local for the whole run and stop it; ts-jest compiles the TypeScript tests.
/** @type {import('jest').Config} */
module.exports = {
  testMatch: ['<rootDir>/test/**/*.jest.ts'],
  globalSetup: '<rootDir>/test/jest-setup.cjs',
  globalTeardown: '<rootDir>/test/jest-teardown.cjs',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: { module: 'commonjs', moduleResolution: 'node10', esModuleInterop: true, isolatedModules: true } }] },
  // the app's imports end in .js (NodeNext style); jest looks for the .ts file
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testTimeout: 30_000,
}
