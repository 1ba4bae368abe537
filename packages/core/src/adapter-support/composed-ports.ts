/**
 * What every adapter's composition answers.
 *
 * @module
 */
import { cachedPoolDirectory } from '../cached-pool-directory.js';
import type { AttemptLimiter } from '../ports/attempt-limiter.js';
import type { Clock } from '../ports/clock.js';
import type { Ports } from '../ports/index.js';
import type { PoolDirectory } from '../ports/pool-directory.js';
import type { RandomSource } from '../ports/random-source.js';
import type { RecoveryCodeStore } from '../ports/recovery-code-store.js';
import type { UserStore } from '../ports/user-store.js';
import { cryptoRandomSource } from '../random.js';
import { SYSTEM_CLOCK } from './defaults.js';

/**
 * The ports an adapter's `create…Ports` builds, with typed handles on the stores behind them (for
 * assertions and for the adapter's own extras).
 *
 * @example
 * ```ts
 * const { ports, stores }: ComposedPorts<PoolDirectory, UserStore, RecoveryCodeStore, AttemptLimiter> = createMemoryPorts();
 * ```
 * @group Composition
 */
export interface ComposedPorts<
  Pools extends PoolDirectory = PoolDirectory,
  Users extends UserStore = UserStore,
  Codes extends RecoveryCodeStore = RecoveryCodeStore,
  Limiter extends AttemptLimiter = AttemptLimiter,
> {
  /** All ports, for `createRecovery` or a single use case. */
  readonly ports: Ports;
  /** The stores behind the ports. */
  readonly stores: {
    /** Pools and clients (behind a per-process cache in the AWS and PostgreSQL compositions). */
    readonly pools: Pools;
    /** Users. */
    readonly users: Users;
    /** Codes. */
    readonly codes: Codes;
    /** Limits. */
    readonly limiter: Limiter;
  };
}

/**
 * The settings the durable compositions (AWS and PostgreSQL) share; each adds its own stores' and
 * services' settings.
 *
 * @example
 * ```ts
 * const shared: DurableCompositionOptions = { codeKey, poolCacheTtlMs: 30_000 };
 * ```
 * @group Composition
 */
export interface DurableCompositionOptions {
  /** HMAC key of stored codes, at least 32 bytes, the same in every process (keep it in a secret store). */
  readonly codeKey: Uint8Array;
  /** How long pools and clients are cached in each process, in ms (default 60 000; 0 turns the cache off). */
  readonly poolCacheTtlMs?: number | undefined;
  /** Time (default the system clock). */
  readonly clock?: Clock | undefined;
  /** Randomness (default `crypto`). */
  readonly random?: RandomSource | undefined;
}

/**
 * The ports of a durable composition: its stores, its pools behind the per-process cache of
 * `options.poolCacheTtlMs`, the services it chose, and the shared defaults (system clock, `crypto`
 * randomness) where `options` gives none.
 *
 * @example
 * ```ts
 * const { ports, stores } = durablePorts(directory, { users, codes, limiter }, options, { sender, hasher, tokens, triggers: undefined, encryptor: undefined });
 * ```
 * @group Composition
 */
export function durablePorts<Users extends UserStore, Codes extends RecoveryCodeStore, Limiter extends AttemptLimiter>(
  directory: PoolDirectory,
  stores: { readonly users: Users; readonly codes: Codes; readonly limiter: Limiter },
  options: DurableCompositionOptions,
  chosen: Pick<Ports, 'sender' | 'hasher' | 'tokens' | 'triggers' | 'encryptor'>,
): ComposedPorts<PoolDirectory, Users, Codes, Limiter> {
  const ttl = options.poolCacheTtlMs ?? 60_000;
  const all = { pools: ttl > 0 ? cachedPoolDirectory(directory, ttl) : directory, ...stores };
  const ports: Ports = {
    ...all,
    ...chosen,
    clock: options.clock ?? SYSTEM_CLOCK,
    random: options.random ?? cryptoRandomSource,
    secrets: { codeKey: options.codeKey },
  };
  return { ports, stores: all };
}
