/**
 * Every port, and the bundle a recovery needs.
 *
 * Rules for every Result-returning port (pools, users, codes, limiter, sender, hasher, triggers,
 * encryptor): a method answers a `ResultAsync` that **resolves**, never a rejected promise or a
 * thrown error; a failure of the backend is `err(PortFailure)` (`throttled` when it throttled; the
 * trigger invoker answers `InvocationFailed`) whose `reason` quotes no argument that may be secret
 * (codes, HMACs, passwords, hashes, addresses). `createRecovery` guards every call anyway, turning a
 * throw or a rejection into a `PortFailure`, but the guard is a safety net for the use cases, not
 * part of the contract: the contract suites of `@cognito-recovery/core/testing` call ports directly
 * and fail a port that rejects. `Clock` and `RandomSource` are synchronous and must not throw.
 *
 * @module
 */
import type { AttemptLimiter } from './attempt-limiter.js';
import type { Clock } from './clock.js';
import type { CodeEncryptor } from './code-encryptor.js';
import type { MessageSender } from './message-sender.js';
import type { PasswordHasher } from './password-hasher.js';
import type { PoolDirectory } from './pool-directory.js';
import type { RandomSource } from './random-source.js';
import type { RecoveryCodeStore } from './recovery-code-store.js';
import type { TokenSigner } from './token-signer.js';
import type { TriggerInvoker } from './trigger-invoker.js';
import type { UserStore } from './user-store.js';

/**
 * Secrets the use cases hold, besides ports.
 *
 * @group Ports
 */
export interface RecoverySecrets {
  /** Key of the HMAC under which codes are stored (at least 32 bytes). */
  readonly codeKey: Uint8Array;
}

/**
 * All ports; a use case takes the `Pick` it needs. `users` and `codes` are a pair over one database
 * (a consuming `UserStore.update` uses the code in the same atomic write).
 *
 * @group Ports
 */
export interface Ports {
  /** Pools and clients. */
  readonly pools: PoolDirectory;
  /** Users. */
  readonly users: UserStore;
  /** Recovery codes. */
  readonly codes: RecoveryCodeStore;
  /** Attempt limits. */
  readonly limiter: AttemptLimiter;
  /** Email and SMS. */
  readonly sender: MessageSender;
  /** Passwords. */
  readonly hasher: PasswordHasher;
  /** Time. */
  readonly clock: Clock;
  /** Randomness. */
  readonly random: RandomSource;
  /** Lambda triggers (absent: triggers configured on a pool fail as not invocable). */
  readonly triggers: TriggerInvoker | undefined;
  /** ID and access token signing (§21). */
  readonly tokens: TokenSigner;
  /** Code encryption for custom senders. */
  readonly encryptor: CodeEncryptor | undefined;
  /** Secrets. */
  readonly secrets: RecoverySecrets;
}
