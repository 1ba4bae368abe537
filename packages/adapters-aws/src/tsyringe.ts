/**
 * `@cognito-recovery/adapters-aws/tsyringe`: registers the AWS recovery in a tsyringe container
 * under typed `Symbol.for('cognito-recovery:…')` tokens. Import `reflect-metadata` once, first, in
 * your program, as tsyringe requires.
 *
 * @packageDocumentation
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createRecovery, type Ports, type Recovery } from '@cognito-recovery/core';
import { inject, injectable, type DependencyContainer } from 'tsyringe';
import { createAwsPorts, type AwsClients, type AwsRecoveryOptions } from './create-aws-recovery.js';
import { DynamoAttemptLimiter } from './dynamodb/dynamo-attempt-limiter.js';
import { DynamoRecoveryCodeStore } from './dynamodb/dynamo-recovery-code-store.js';
import { DynamoUserStore } from './dynamodb/dynamo-user-store.js';

/**
 * The tokens the recovery's parts are registered under.
 *
 * @group Composition
 */
export const TOKENS = {
  /** The DynamoDB client. */
  DynamoDBClient: Symbol.for('cognito-recovery:DynamoDBClient'),
  /** The table name (a string). */
  TableName: Symbol.for('cognito-recovery:TableName'),
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
  /** `TriggerInvoker` (registered only with a Lambda client). */
  TriggerInvoker: Symbol.for('cognito-recovery:TriggerInvoker'),
  /** `CodeEncryptor` (registered only with a KMS client). */
  CodeEncryptor: Symbol.for('cognito-recovery:CodeEncryptor'),
  /** `TokenSigner`: a `KmsTokenSigner` with `options.tokenKeys`, else `options.tokens` or a `LocalTokenSigner`. */
  TokenSigner: Symbol.for('cognito-recovery:TokenSigner'),
  /** `RecoverySecrets`. */
  RecoverySecrets: Symbol.for('cognito-recovery:RecoverySecrets'),
  /** Every port (`Ports`). */
  Ports: Symbol.for('cognito-recovery:Ports'),
  /** The bound use cases (`Recovery`). */
  Recovery: Symbol.for('cognito-recovery:Recovery'),
} as const;

/** `DynamoUserStore` built by the container from the client and table tokens. @internal */
class InjectedUserStore extends DynamoUserStore {
  constructor(client: DynamoDBClient, tableName: string) {
    super({ client, tableName });
  }
}

/** `DynamoRecoveryCodeStore` built by the container. @internal */
class InjectedCodeStore extends DynamoRecoveryCodeStore {
  constructor(client: DynamoDBClient, tableName: string) {
    super({ client, tableName });
  }
}

/** `DynamoAttemptLimiter` built by the container. @internal */
class InjectedAttemptLimiter extends DynamoAttemptLimiter {
  constructor(client: DynamoDBClient, tableName: string) {
    super({ client, tableName });
  }
}

// The decorators are applied as calls, exactly what `@injectable()` and `@inject(TOKEN)` on each
// constructor parameter compile to, so neither this package nor its users need
// `experimentalDecorators` or `emitDecoratorMetadata`: every parameter names its token explicitly.
for (const target of [InjectedUserStore, InjectedCodeStore, InjectedAttemptLimiter]) {
  inject(TOKENS.DynamoDBClient)(target, undefined, 0);
  inject(TOKENS.TableName)(target, undefined, 1);
  injectable()(target);
}

/**
 * Registers the AWS recovery in `container`: the DynamoDB client and table name as values, the
 * DynamoDB stores as singleton classes whose constructor parameters are injected by token, the other
 * ports as values built by `createAwsPorts`, and `Ports` and `Recovery` as singletons assembled from
 * the tokens (so a test can override any one port by registering its token again).
 *
 * @example
 * ```ts
 * import 'reflect-metadata';
 * import { container } from 'tsyringe';
 * import { registerAwsRecovery, TOKENS } from '@cognito-recovery/adapters-aws/tsyringe';
 *
 * registerAwsRecovery(container, { dynamodb, ses, sns }, { tableName: 'cognito-recovery', codeKey, hasher });
 * const recovery = container.resolve<Recovery>(TOKENS.Recovery);
 * ```
 * @group Composition
 */
export function registerAwsRecovery(container: DependencyContainer, clients: AwsClients, options: AwsRecoveryOptions): DependencyContainer {
  const { ports } = createAwsPorts(clients, options);
  container.register(TOKENS.DynamoDBClient, { useValue: clients.dynamodb });
  container.register(TOKENS.TableName, { useValue: options.tableName });
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
      (recovery ??= createRecovery(c.resolve<Ports>(TOKENS.Ports), { issuerBaseUrl: options.issuerBaseUrl, onPortFailure: options.onPortFailure })),
  });
  return container;
}
