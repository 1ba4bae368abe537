import {
  LocalTokenSigner,
  ScryptPasswordHasher,
  createRecovery,
  cryptoRandomSource,
  type ComposedPorts,
  type LocalSigningKeys,
  type Ports,
  type RandomSource,
  type Recovery,
  type RecoveryOptions,
  type TokenSigner,
} from '@cognito-recovery/core';
import { ManualClock } from './manual-clock.js';
import { MemoryAttemptLimiter } from './memory-attempt-limiter.js';
import { MemoryPoolDirectory } from './memory-pool-directory.js';
import { MemoryRecoveryCodeStore } from './memory-recovery-code-store.js';
import { MemoryTriggerInvoker } from './memory-trigger-invoker.js';
import { MemoryUserStore } from './memory-user-store.js';
import { Outbox } from './outbox.js';
import { RawAesCodeEncryptor } from './raw-aes-code-encryptor.js';
import { SeededRandomSource } from './seeded-random-source.js';

/**
 * Options of {@link createMemoryPorts} and {@link createMemoryRecovery}: the ports' settings, and the
 * recovery's `triggerAttempts` and `onPortFailure`.
 *
 * @group Composition
 */
export interface MemoryRecoveryOptions extends Pick<RecoveryOptions, 'triggerAttempts' | 'onPortFailure'> {
  /** Start time of the manual clock (epoch ms); default 2024-01-01T00:00:00Z. */
  readonly now?: number;
  /** The clock follows the system time (still movable with `advanceBy`), as a local server needs. */
  readonly realTime?: boolean;
  /** Seed a deterministic random source (tests only); default `crypto.randomInt`. */
  readonly seed?: number;
  /** scrypt cost `N`; default 16384, use 1024 in tests. */
  readonly hasherCost?: number;
  /** HMAC key for stored codes; default 32 random bytes. */
  readonly codeKey?: Uint8Array;
  /** The 32-byte AES key that encrypts codes for custom sender triggers (§9.3); default 32 random bytes. */
  readonly codeEncryptionKey?: Uint8Array;
  /** Keys of the default {@link LocalTokenSigner} (so tokens survive a restart); generated once per process when absent. */
  readonly signingKeys?: LocalSigningKeys | undefined;
  /** Another token signer (a KMS one, a failing one in tests). */
  readonly tokens?: TokenSigner | undefined;
}

/**
 * The memory ports, with typed handles on the parts a test drives.
 *
 * @group Composition
 */
export interface MemoryPorts extends ComposedPorts<MemoryPoolDirectory, MemoryUserStore, MemoryRecoveryCodeStore, MemoryAttemptLimiter> {
  /** Every message sent. */
  readonly outbox: Outbox;
  /** The clock; `advanceBy(ms)` moves time. */
  readonly clock: ManualClock;
  /** Register trigger handlers by function reference. */
  readonly triggers: MemoryTriggerInvoker;
  /** Encrypts codes for custom senders; its `keyring` (or `key`) decrypts them. */
  readonly encryptor: RawAesCodeEncryptor;
}

/**
 * Builds the in-memory ports.
 *
 * @example
 * ```ts
 * const { ports, outbox, clock } = createMemoryPorts({ hasherCost: 1024 });
 * ```
 * @group Composition
 */
export function createMemoryPorts(options: MemoryRecoveryOptions = {}): MemoryPorts {
  const clock = new ManualClock(options.now, { realTime: options.realTime === true });
  const random: RandomSource = options.seed === undefined ? cryptoRandomSource : new SeededRandomSource(options.seed);
  const outbox = new Outbox(clock);
  const triggers = new MemoryTriggerInvoker();
  const encryptor = new RawAesCodeEncryptor({ key: options.codeEncryptionKey ?? cryptoRandomSource.bytes(32) });
  const codes = new MemoryRecoveryCodeStore();
  const stores = {
    pools: new MemoryPoolDirectory(),
    users: new MemoryUserStore(codes), // consumes codes of this store, atomically with the user write
    codes,
    limiter: new MemoryAttemptLimiter(),
  };
  const ports: Ports = {
    ...stores,
    sender: outbox,
    hasher: new ScryptPasswordHasher(options.hasherCost === undefined ? {} : { cost: options.hasherCost }),
    clock,
    random,
    triggers,
    encryptor,
    tokens: options.tokens ?? new LocalTokenSigner(options.signingKeys === undefined ? {} : { keys: options.signingKeys }),
    secrets: { codeKey: options.codeKey ?? cryptoRandomSource.bytes(32) },
  };
  return { ports, outbox, clock, triggers, encryptor, stores };
}

/**
 * A whole recovery on the memory adapters: every use case, plus the outbox, the clock and the trigger
 * registry of {@link MemoryPorts}.
 *
 * @example
 * ```ts
 * const recovery = createMemoryRecovery({ hasherCost: 1024 });
 * const created = await recovery.createUserPool({ PoolName: 'p', AutoVerifiedAttributes: ['email'] });
 * if (created.isErr()) throw new Error(created.error.message);
 * await recovery.forgotPassword({ ClientId, Username: 'alice' });
 * const code = recovery.outbox.latestCodeFor(created.value.UserPool.Id, 'alice');
 * ```
 * @group Composition
 */
export function createMemoryRecovery(options: MemoryRecoveryOptions = {}): Recovery & MemoryPorts {
  const memory = createMemoryPorts(options);
  return { ...createRecovery(memory.ports, { triggerAttempts: options.triggerAttempts, onPortFailure: options.onPortFailure }), ...memory };
}
