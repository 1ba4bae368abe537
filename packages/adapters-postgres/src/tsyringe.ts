/**
 * `@cognito-recovery/adapters-postgres/tsyringe`: registers the PostgreSQL recovery in a tsyringe
 * container under the same typed `Symbol.for('cognito-recovery:…')` tokens as the AWS package's
 * entry. Import `reflect-metadata` once, first, in your program, as tsyringe requires.
 *
 * @packageDocumentation
 */
import { PORT_TOKENS, registerPorts } from '@cognito-recovery/core/rules';
import { inject, injectable, type DependencyContainer } from 'tsyringe';
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

/** `PostgresUserStore` built by the container from the executor and schema tokens. @internal */
class InjectedUserStore extends PostgresUserStore {
  constructor(db: SqlExecutor, schema: string) {
    super({ db, schema });
  }
}

/** `PostgresRecoveryCodeStore` built by the container. @internal */
class InjectedCodeStore extends PostgresRecoveryCodeStore {
  constructor(db: SqlExecutor, schema: string) {
    super({ db, schema });
  }
}

/** `PostgresAttemptLimiter` built by the container. @internal */
class InjectedAttemptLimiter extends PostgresAttemptLimiter {
  constructor(db: SqlExecutor, schema: string) {
    super({ db, schema });
  }
}

// The decorators are applied as calls, exactly what `@injectable()` and `@inject(TOKEN)` on each
// constructor parameter compile to, so neither this package nor its users need
// `experimentalDecorators` or `emitDecoratorMetadata`.
const STORE_CLASSES = { users: InjectedUserStore, codes: InjectedCodeStore, limiter: InjectedAttemptLimiter };
for (const target of Object.values(STORE_CLASSES)) {
  inject(TOKENS.SqlExecutor)(target, undefined, 0);
  inject(TOKENS.Schema)(target, undefined, 1);
  injectable()(target);
}

/**
 * Registers the PostgreSQL recovery in `container`: the executor and schema name as values, the user,
 * code and limit stores as singleton classes whose constructor parameters are injected by token, the
 * other ports as values built by `createPostgresPorts`, and `Ports` and `Recovery` as singletons
 * assembled from the tokens (so a test can override any one port by registering its token again).
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
  container.register(TOKENS.SqlExecutor, { useValue: db });
  container.register(TOKENS.Schema, { useValue: options.schema ?? DEFAULT_SCHEMA });
  registerPorts(container, ports, STORE_CLASSES, options);
  return container;
}
