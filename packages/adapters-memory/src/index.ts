/**
 * `@cognito-recovery/adapters-memory`: in-memory adapters for `@cognito-recovery/core`, the reference
 * implementation of every port: Map-backed stores, an outbox that records every message, triggers as
 * plain functions, a manual clock and a seeded random source.
 *
 * @packageDocumentation
 */
export { ManualClock } from './manual-clock.js';
export { MemoryAttemptLimiter } from './memory-attempt-limiter.js';
export { MemoryPoolDirectory } from './memory-pool-directory.js';
export { MemoryRecoveryCodeStore } from './memory-recovery-code-store.js';
export { MemoryTriggerInvoker } from './memory-trigger-invoker.js';
export type { TriggerCallback, TriggerContext, TriggerHandler } from './memory-trigger-invoker.js';
export { MemoryUserStore } from './memory-user-store.js';
export { RawAesCodeEncryptor, USER_POOL_CONTEXT_KEY, rawAesKeyring } from './raw-aes-code-encryptor.js';
export type { RawAesCodeEncryptorOptions } from './raw-aes-code-encryptor.js';
export { Outbox } from './outbox.js';
export type { SentMessage } from './outbox.js';
export { SeededRandomSource } from './seeded-random-source.js';
export type { MemoryPorts, MemoryRecoveryOptions } from './create-memory-recovery.js';
export { createMemoryPorts, createMemoryRecovery } from './create-memory-recovery.js';
