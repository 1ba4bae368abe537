/**
 * `@cognito-recovery/adapters-postgres/tsyringe`: registers the PostgreSQL recovery in a tsyringe
 * container under the same typed `Symbol.for('cognito-recovery:…')` tokens as the AWS package's
 * entry. Import `reflect-metadata` once, first, in your program, as tsyringe requires.
 *
 * @packageDocumentation
 */
import { createRecovery, type Ports, type Recovery } from '@cognito-recovery/core';
import { inject, injectable, type DependencyContainer } from 'tsyringe';
import { createPostgresPorts, type PostgresRecoveryOptions } from './create-postgres-recovery.js';
import type { SqlExecutor } from './executor.js';
import { PostgresAttemptLimiter } from './postgres-attempt-limiter.js';
import { PostgresRecoveryCodeStore } from './postgres-recovery-code-store.js';
import { PostgresUserStore } from './postgres-user-store.js';
import { DEFAULT_SCHEMA } from './schema.js';

/**
 * The tokens the recovery's parts are registered under (the port tokens are those of
 * `@cognito-recovery/adapters-aws/tsyringe`, so code resolving ports works with either).
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
  /** `PoolDirectory`. */
  PoolDirectory: Symbol.for('cognito-recovery:PoolDirectory'),
  /** `UserStore`. */
  UserStore: Symbol.for('cognito-recovery:UserStore'),
  /** `RecoveryCodeStore`. */
  RecoveryCodeStore: Symbol.for('cognito-recovery:RecoveryCodeStore'),
  /** `AttemptLimiter`. */
  AttemptLimiter: Symbol.for('cognito-recovery:AttemptLimiter'),
  /** `MessageSender`. */
  MessageSender: Symbol.for('cognito-recovery:MessageSender'),
  /** `PasswordHasher`. */
  PasswordHasher: Symbol.for('cognito-recovery:PasswordHasher'),
  /** `Clock`. */
  Clock: Symbol.for('cognito-recovery:Clock'),
  /** `RandomSource`. */
  RandomSource: Symbol.for('cognito-recovery:RandomSource'),
  /** `TriggerInvoker` (registered only when given). */
  TriggerInvoker: Symbol.for('cognito-recovery:TriggerInvoker'),
  /** `CodeEncryptor` (registered only when given). */
  CodeEncryptor: Symbol.for('cognito-recovery:CodeEncryptor'),
  /** `TokenSigner`: `options.tokens`, or a `LocalTokenSigner` (with `options.signingKeys` when given). */
  TokenSigner: Symbol.for('cognito-recovery:TokenSigner'),
  /** `RecoverySecrets`. */
  RecoverySecrets: Symbol.for('cognito-recovery:RecoverySecrets'),
  /** Every port (`Ports`). */
  Ports: Symbol.for('cognito-recovery:Ports'),
  /** The bound use cases (`Recovery`). */
  Recovery: Symbol.for('cognito-recovery:Recovery'),
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
for (const target of [InjectedUserStore, InjectedCodeStore, InjectedAttemptLimiter]) {
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
  container.registerSingleton(TOKENS.UserStore, InjectedUserStore);
  container.registerSingleton(TOKENS.RecoveryCodeStore, InjectedCodeStore);
  container.registerSingleton(TOKENS.AttemptLimiter, InjectedAttemptLimiter);
  container.register(TOKENS.PoolDirectory, { useValue: ports.pools });
  container.register(TOKENS.MessageSender, { useValue: ports.sender });
  container.register(TOKENS.PasswordHasher, { useValue: ports.hasher });
  container.register(TOKENS.Clock, { useValue: ports.clock });
  container.register(TOKENS.RandomSource, { useValue: ports.random });
  container.register(TOKENS.TokenSigner, { useValue: ports.tokens });
  // Optional ports are registered only when present (tsyringe cannot hold `undefined`).
  if (ports.triggers !== undefined) container.register(TOKENS.TriggerInvoker, { useValue: ports.triggers });
  if (ports.encryptor !== undefined) container.register(TOKENS.CodeEncryptor, { useValue: ports.encryptor });
  container.register(TOKENS.RecoverySecrets, { useValue: ports.secrets });
  let assembled: Ports | undefined;
  container.register(TOKENS.Ports, {
    useFactory: (c) =>
      (assembled ??= {
        pools: c.resolve(TOKENS.PoolDirectory),
        users: c.resolve(TOKENS.UserStore),
        codes: c.resolve(TOKENS.RecoveryCodeStore),
        limiter: c.resolve(TOKENS.AttemptLimiter),
        sender: c.resolve(TOKENS.MessageSender),
        hasher: c.resolve(TOKENS.PasswordHasher),
        clock: c.resolve(TOKENS.Clock),
        random: c.resolve(TOKENS.RandomSource),
        triggers: c.isRegistered(TOKENS.TriggerInvoker, true) ? c.resolve(TOKENS.TriggerInvoker) : undefined,
        encryptor: c.isRegistered(TOKENS.CodeEncryptor, true) ? c.resolve(TOKENS.CodeEncryptor) : undefined,
        tokens: c.resolve(TOKENS.TokenSigner),
        secrets: c.resolve(TOKENS.RecoverySecrets),
      }),
  });
  let recovery: Recovery | undefined;
  container.register(TOKENS.Recovery, {
    useFactory: (c) =>
      (recovery ??= createRecovery(c.resolve<Ports>(TOKENS.Ports), {
        ...(options.region === undefined ? {} : { region: options.region }),
        ...(options.triggerAttempts === undefined ? {} : { triggerAttempts: options.triggerAttempts }),
        issuerBaseUrl: options.issuerBaseUrl,
        onPortFailure: options.onPortFailure,
      })),
  });
  return container;
}
