// jest's globalTeardown: stops the DynamoDB Local of the global setup.
module.exports = require('sortkey/testing').teardown
