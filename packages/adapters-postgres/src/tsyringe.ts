/**
 * `@cognito-recovery/adapters-postgres/tsyringe`: registers the PostgreSQL recovery in a tsyringe
 * container under the same typed `Symbol.for('cognito-recovery:…')` tokens as the AWS package's
 * entry. Import `reflect-metadata` once, first, in your program, as tsyringe requires.
 *
 * @packageDocumentation
 */
import { PORT_TOKENS, registerPorts } from '@cognito-recovery/core/rules';
import type { DependencyContainer } from 'tsyringe';
import { createPostgresPorts, type PostgresRecoveryOptions } from './create-postgres-recovery.js';
import type { SqlExecutor } from './executor.js';
import { PostgresAttemptLimiter } from './postgres-attempt-limiter.js';
import { PostgresRecoveryCodeStore } from './postgres-recovery-code-store.js';
import { PostgresUserStore } from './postgres-user-store.js';
import { DEFAULT_SCHEMA } from './schema.js';

/**
 * The tokens the recovery's parts are registered under: the executor and the schema, and the port
 * tokens every adapter's tsyringe entry shares (`PORT_TOKENS` of `@cognito-recovery/core/rules`, so code
 * resolving ports works with either entry). `TriggerInvoker` and `CodeEncryptor` are registered only
 * when given; `TokenSigner` is `options.tokens`, or a `LocalTokenSigner` (with `options.signingKeys`).
 *
 * @example
 * ```ts
 * const users = container.resolve<UserStore>(TOKENS.UserStore);
 * container.register(TOKENS.MessageSender, { useValue: outbox }); // a test swaps the sender
 * ```
 * @group Composition
 */
export const TOKENS = {
  /** The `SqlExecutor` every store runs on. */
  SqlExecutor: Symbol.for('cognito-recovery:SqlExecutor'),
  /** The PostgreSQL schema name (a string). */
  Schema: Symbol.for('cognito-recovery:PostgresSchema'),
  ...PORT_TOKENS,
} as const;

/** The PostgreSQL stores, which the container builds once from the executor and schema tokens. */
const STORE_CLASSES = { users: PostgresUserStore, codes: PostgresRecoveryCodeStore, limiter: PostgresAttemptLimiter };

/**
 * Registers the PostgreSQL recovery in `container`: the executor and schema name as values, the user,
 * code and limit stores built once, when first resolved, from those two tokens, the other ports as
 * values built by `createPostgresPorts`, and `Ports` and `Recovery` assembled once from the tokens (so
 * a test can override any one port by registering its token again).
 * Run `migrate(db)` first.
 *
 * @example
 * ```ts
 * import 'reflect-metadata';
 * import { container } from 'tsyringe';
 * import { connectPostgres, migrate } from '@cognito-recovery/adapters-postgres';
 * import { registerPostgresRecovery, TOKENS } from '@cognito-recovery/adapters-postgres/tsyringe';
 *
 * const db = connectPostgres(process.env.DATABASE_URL ?? '');
 * await migrate(db);
 * registerPostgresRecovery(container, db, { codeKey, sender });
 * const recovery = container.resolve<Recovery>(TOKENS.Recovery);
 * ```
 * @group Composition
 */
export function registerPostgresRecovery(container: DependencyContainer, db: SqlExecutor, options: PostgresRecoveryOptions): DependencyContainer {
  const { ports } = createPostgresPorts(db, options);
  const store = { db: [TOKENS.SqlExecutor, db], schema: [TOKENS.Schema, options.schema ?? DEFAULT_SCHEMA] } as const;
  registerPorts(container, ports, STORE_CLASSES, store, options);
  return container;
}
