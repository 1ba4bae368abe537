/**
 * Contract test suites for every port, the flow suite for every composition, and builders for tests.
 *
 * Each `describe…Contract(name, make)` registers vitest `describe`/`it` blocks; `make` is called once
 * per test and must return a fresh (or freshly namespaced) instance of the port.
 * `describeRecoveryFlow(name, makeFlow)` does the same for a whole composition: `makeFlow` answers
 * the recovery and what a flow needs from outside it (the delivered messages, a clock to move). Import
 * this entry only from test files: it imports `vitest`, an optional peer dependency.
 *
 * @packageDocumentation
 */
export { describeAttemptLimiterContract } from './contracts/attempt-limiter.contract.js';
export { describeClockContract } from './contracts/clock.contract.js';
export { describeCodeEncryptorContract } from './contracts/code-encryptor.contract.js';
export type { DecryptedCode, EncryptorProbe } from './contracts/code-encryptor.contract.js';
export { describeMessageSenderContract } from './contracts/message-sender.contract.js';
export type { SenderProbe } from './contracts/message-sender.contract.js';
export { describePasswordHasherContract } from './contracts/password-hasher.contract.js';
export { describePoolDirectoryContract } from './contracts/pool-directory.contract.js';
export { describeRandomSourceContract } from './contracts/random-source.contract.js';
export { describeRecoveryCodeStoreContract } from './contracts/recovery-code-store.contract.js';
export {
  CONTRACT_TRIGGER_DELAY_MS,
  CONTRACT_TRIGGER_ERROR,
  CONTRACT_TRIGGER_HANDLERS,
  describeTriggerInvokerContract,
} from './contracts/trigger-invoker.contract.js';
export type { TriggerFunctions } from './contracts/trigger-invoker.contract.js';
export { describeTokenSignerContract } from './contracts/token-signer.contract.js';
export { describeUserStoreContract } from './contracts/user-store.contract.js';
export type { BrokenBackendOptions, Make, RecoveryStores } from './contracts/support.js';
export * from './builders.js';
export { messageFixture } from './contracts/fixtures.js';
export { codeIn } from './deliveries.js';
export type { DeliveredMessage, ReadDeliveries } from './deliveries.js';
export { describeRecoveryFlow } from './flows/recovery-flow.js';
export type { FlowCapability, MakeFlow, RecoveryFlow, RecoveryFlowOptions } from './flows/recovery-flow.js';
export { describeSignInFlow } from './flows/sign-in-flow.js';
export type { SignInFlowOptions } from './flows/sign-in-flow.js';
export type { FaultKind, FaultSchedule, FaultablePort, FaultyPorts, PortCall } from './faults.js';
export { FAULTABLE_PORTS, withFaults } from './faults.js';
export { settleWithFakeTimers } from './timers.js';
export { seededRandom } from './seeded-random.js';
export { srpChallengeResponses, srpClientRespond, srpClientStart, srpTimestamp } from './srp-client.js';
export type { SrpChallengeOptions, SrpChallengeResponses, SrpClientRespondInput, SrpClientResponse, SrpClientStart } from './srp-client.js';
export { freeLoopbackPort } from './loopback.js';
