// jest's globalSetup: DynamoDB Local, once per test run.
module.exports = require('sortkey/testing').setup
