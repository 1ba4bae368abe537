import {
  LocalTokenSigner,
  ScryptPasswordHasher,
  createRecovery,
  type ComposedPorts,
  type CodeEncryptor,
  type DurableCompositionOptions,
  type LocalSigningKeys,
  type MessageSender,
  type PasswordHasher,
  type TokenSigner,
  type PoolDirectory,
  type Recovery,
  type RecoveryOptions,
  type TriggerInvoker,
} from '@cognito-recovery/core';
import { durablePorts, undeliverable } from '@cognito-recovery/core/rules';
import type { SqlExecutor } from './executor.js';
import { PostgresAttemptLimiter } from './postgres-attempt-limiter.js';
import { PostgresPoolDirectory } from './postgres-pool-directory.js';
import { PostgresRecoveryCodeStore } from './postgres-recovery-code-store.js';
import { PostgresUserStore } from './postgres-user-store.js';

/**
 * The scrypt parameters {@link createPostgresPorts} hashes new passwords with by default: N = 2^15,
 * r = 8, p = 3, one of OWASP's equivalent minimum scrypt configurations (32 MiB per hash). Hashes
 * describe their parameters, so hashes made with other costs keep verifying.
 *
 * @example
 * ```ts
 * const hasher = new ScryptPasswordHasher(STRONG_SCRYPT); // what createPostgresPorts uses without `hasher`
 * ```
 * @group Composition
 */
export const STRONG_SCRYPT = { cost: 2 ** 15, blockSize: 8, parallelization: 3 } as const;

/**
 * Options of {@link createPostgresPorts} and {@link createPostgresRecovery}: the ports' and the
 * recovery's settings (`onPortFailure` can log the statement and SQLSTATE a failing query names,
 * never its parameters).
 *
 * @example
 * ```ts
 * const options: PostgresRecoveryOptions = { codeKey: Buffer.from(process.env.RECOVERY_CODE_KEY ?? '', 'base64'), sender, poolCacheTtlMs: 30_000 };
 * ```
 * @group Composition
 */
export interface PostgresRecoveryOptions extends RecoveryOptions, DurableCompositionOptions {
  /** Email and SMS delivery; default: none (every delivery fails, `CodeDeliveryFailureException`). */
  readonly sender?: MessageSender | undefined;
  /** The PostgreSQL schema {@link migrate} created (default `cognito_recovery`). */
  readonly schema?: string | undefined;
  /** Hashes new passwords; default `ScryptPasswordHasher` with {@link STRONG_SCRYPT}. */
  readonly hasher?: PasswordHasher | undefined;
  /**
   * Signs ID and access tokens (§21); default a {@link LocalTokenSigner} with `signingKeys`, or with
   * keys generated once per process when those are absent too (tokens then verify only in that process).
   */
  readonly tokens?: TokenSigner | undefined;
  /**
   * The private keys (PKCS#8 PEM, from `generateLocalSigningKeys()`) of the default
   * {@link LocalTokenSigner}, the same in every process, so tokens verify across processes and
   * restarts; ignored when `tokens` is given.
   */
  readonly signingKeys?: LocalSigningKeys | undefined;
  /** Lambda triggers (default none: a trigger configured on a pool fails as not invocable). */
  readonly triggers?: TriggerInvoker | undefined;
  /** Code encryption for custom sender triggers (default none). */
  readonly encryptor?: CodeEncryptor | undefined;
}

/**
 * The PostgreSQL ports, with typed handles on the stores and the executor.
 *
 * @example
 * ```ts
 * const { ports, stores } = createPostgresPorts(db, { codeKey, sender });
 * await stores.users.findByClaim(poolId, 'username:alice');
 * ```
 * @group Composition
 */
export interface PostgresPorts extends ComposedPorts<PoolDirectory, PostgresUserStore, PostgresRecoveryCodeStore, PostgresAttemptLimiter> {
  /** The executor every store runs on. */
  readonly db: SqlExecutor;
}

/**
 * Builds the PostgreSQL ports on `db`: users, codes, limits and pools in the schema {@link migrate}
 * created, pools behind a per-process cache; the other ports from `options` or their defaults (system
 * clock, `crypto` randomness, strong scrypt, no triggers). Run {@link migrate} first.
 *
 * @example
 * ```ts
 * const db = connectPostgres(process.env.DATABASE_URL ?? '');
 * await migrate(db);
 * const { ports } = createPostgresPorts(db, { codeKey, sender });
 * ```
 * @group Composition
 */
export function createPostgresPorts(db: SqlExecutor, options: PostgresRecoveryOptions): PostgresPorts {
  const store = { db, schema: options.schema };
  const stores = {
    users: new PostgresUserStore(store),
    codes: new PostgresRecoveryCodeStore(store),
    limiter: new PostgresAttemptLimiter(store),
  };
  const composed = durablePorts(new PostgresPoolDirectory(store), stores, options, {
    sender: options.sender ?? undeliverable('no message sender configured'),
    hasher: options.hasher ?? new ScryptPasswordHasher(STRONG_SCRYPT),
    triggers: options.triggers,
    tokens: options.tokens ?? new LocalTokenSigner(options.signingKeys === undefined ? {} : { keys: options.signingKeys }),
    encryptor: options.encryptor,
  });
  return { ...composed, db };
}

/**
 * A whole recovery on PostgreSQL: every use case bound to {@link createPostgresPorts}, plus the ports.
 * With a warm pool cache, `ForgotPassword` costs 3 statements (user lookup, request limit, code
 * issue) and `ConfirmForgotPassword` 3 (user lookup, attempt + verify, password write consuming the
 * code).
 *
 * @example
 * ```ts
 * const db = connectPostgres({ connectionString: process.env.DATABASE_URL, max: 20 });
 * await migrate(db);
 * const recovery = createPostgresRecovery(db, { codeKey, sender: mySesSender });
 * await recovery.forgotPassword({ ClientId, Username: 'alice' });
 * ```
 * @group Composition
 */
export function createPostgresRecovery(db: SqlExecutor, options: PostgresRecoveryOptions): Recovery & PostgresPorts {
  const postgres = createPostgresPorts(db, options);
  return { ...createRecovery(postgres.ports, options), ...postgres };
}
