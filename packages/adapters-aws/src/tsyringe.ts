/**
 * `@cognito-recovery/adapters-aws/tsyringe`: registers the AWS recovery in a tsyringe container
 * under typed `Symbol.for('cognito-recovery:…')` tokens. Import `reflect-metadata` once, first, in
 * your program, as tsyringe requires.
 *
 * @packageDocumentation
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PORT_TOKENS, registerPorts } from '@cognito-recovery/core/rules';
import { inject, injectable, type DependencyContainer } from 'tsyringe';
import { createAwsPorts, type AwsClients, type AwsRecoveryOptions } from './create-aws-recovery.js';
import { DynamoAttemptLimiter } from './dynamodb/dynamo-attempt-limiter.js';
import { DynamoRecoveryCodeStore } from './dynamodb/dynamo-recovery-code-store.js';
import { DynamoUserStore } from './dynamodb/dynamo-user-store.js';

/**
 * The tokens the recovery's parts are registered under: the client and the table, and the port tokens
 * every adapter's tsyringe entry shares (`PORT_TOKENS` of `@cognito-recovery/core/rules`). `TriggerInvoker`
 * is registered only with a Lambda client, `CodeEncryptor` only with a KMS client; `TokenSigner` is
 * `options.tokens`, else a `KmsTokenSigner` with `options.tokenKeys`, else a `LocalTokenSigner`.
 *
 * @group Composition
 */
export const TOKENS = {
  /** The DynamoDB client. */
  DynamoDBClient: Symbol.for('cognito-recovery:DynamoDBClient'),
  /** The table name (a string). */
  TableName: Symbol.for('cognito-recovery:TableName'),
  ...PORT_TOKENS,
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
const STORE_CLASSES = { users: InjectedUserStore, codes: InjectedCodeStore, limiter: InjectedAttemptLimiter };
for (const target of Object.values(STORE_CLASSES)) {
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
  registerPorts(container, ports, STORE_CLASSES, { issuerBaseUrl: options.issuerBaseUrl, onPortFailure: options.onPortFailure });
  return container;
}
