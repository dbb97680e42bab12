/** Public surface of platform/src/testing: per-suite databases and broker names, waiting helpers. */
export {
  createTestDatabase,
  dropDatabase,
  testDatabaseName,
  DEFAULT_TEST_SERVER_URL,
  type CreateTestDatabaseOptions,
  type TestDatabase,
} from './test-database';
export { waitFor, waitForStable, type WaitForOptions } from './wait-for';
export {
  createTestBroker,
  closeConnectionsNamed,
  deleteBrokerObjects,
  DEFAULT_TEST_AMQP_URL,
  type TestBroker,
} from './test-broker';
