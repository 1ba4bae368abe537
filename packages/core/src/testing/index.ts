/**
 * Contract test suites for every port, and builders for tests.
 *
 * Each `describe…Contract(name, make)` registers vitest `describe`/`it` blocks; `make` is called once
 * per test and must return a fresh (or freshly namespaced) instance of the port. Import this entry
 * only from test files: it imports `vitest`, an optional peer dependency.
 *
 * @packageDocumentation
 */
export { describeAttemptLimiterContract } from './contracts/attempt-limiter.contract.js';
export { describeClockContract } from './contracts/clock.contract.js';
export { describeMessageSenderContract } from './contracts/message-sender.contract.js';
export { describePasswordHasherContract } from './contracts/password-hasher.contract.js';
export { describePoolDirectoryContract } from './contracts/pool-directory.contract.js';
export { describeRandomSourceContract } from './contracts/random-source.contract.js';
export { describeRecoveryCodeStoreContract } from './contracts/recovery-code-store.contract.js';
export { describeUserStoreContract } from './contracts/user-store.contract.js';
export type { Make, RecoveryStores } from './contracts/support.js';
export { ADMIN_ONLY, EMAIL_FIRST, PHONE_FIRST, UserBuilder, aClient, aPool, aUser } from './builders.js';
export type { FaultKind, FaultSchedule, FaultablePort, FaultyPorts, PortCall } from './faults.js';
export { FAULTABLE_PORTS, withFaults } from './faults.js';
