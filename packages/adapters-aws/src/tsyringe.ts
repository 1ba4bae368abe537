/**
 * `@cognito-recovery/adapters-aws/tsyringe`: registers the AWS recovery in a tsyringe container
 * under typed `Symbol.for('cognito-recovery:…')` tokens. Import `reflect-metadata` once, first, in
 * your program, as tsyringe requires.
 *
 * @packageDocumentation
 */
import { PORT_TOKENS, registerPorts } from '@cognito-recovery/core/rules';
import type { DependencyContainer } from 'tsyringe';
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

/** The DynamoDB stores, which the container builds once from the client and table tokens. */
const STORE_CLASSES = { users: DynamoUserStore, codes: DynamoRecoveryCodeStore, limiter: DynamoAttemptLimiter };

/**
 * Registers the AWS recovery in `container`: the DynamoDB client and table name as values, the
 * DynamoDB stores built once, when first resolved, from those two tokens, the other ports as values
 * built by `createAwsPorts`, and `Ports` and `Recovery` assembled once from the tokens (so a test can
 * override any one port by registering its token again).
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
  const table = { client: [TOKENS.DynamoDBClient, clients.dynamodb], tableName: [TOKENS.TableName, options.tableName] } as const;
  registerPorts(container, ports, STORE_CLASSES, table, { issuerBaseUrl: options.issuerBaseUrl, onPortFailure: options.onPortFailure });
  return container;
}
