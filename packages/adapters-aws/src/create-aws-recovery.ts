import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { KMSClient } from '@aws-sdk/client-kms';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { SNSClient } from '@aws-sdk/client-sns';
import {
  LocalTokenSigner,
  ScryptPasswordHasher,
  createRecovery,
  type ComposedPorts,
  type DurableCompositionOptions,
  type PasswordHasher,
  type TokenSigner,
  type PoolDirectory,
  type Recovery,
  type RecoveryOptions,
} from '@cognito-recovery/core';
import { durablePorts, undeliverable } from '@cognito-recovery/core/rules';
import { CognitoPoolDirectory, type CognitoPoolDirectoryOptions } from './cognito-pool-directory.js';
import { DynamoAttemptLimiter } from './dynamodb/dynamo-attempt-limiter.js';
import { DynamoPoolDirectory } from './dynamodb/dynamo-pool-directory.js';
import { DynamoRecoveryCodeStore } from './dynamodb/dynamo-recovery-code-store.js';
import { DynamoUserStore } from './dynamodb/dynamo-user-store.js';
import { KmsCodeEncryptor } from './kms-code-encryptor.js';
import { KmsTokenSigner, type KmsTokenKeys } from './kms-token-signer.js';
import { LambdaTriggerInvoker } from './lambda-trigger-invoker.js';
import { routingMessageSender } from './routing-message-sender.js';
import { SesMessageSender, type SesMessageSenderOptions } from './ses-message-sender.js';
import { SnsMessageSender, type SnsMessageSenderOptions } from './sns-message-sender.js';

/**
 * The AWS SDK v3 clients of an AWS recovery, configured by the caller (region, credentials,
 * endpoint). Only DynamoDB is required; without SES or SNS that channel's deliveries fail
 * (`CodeDeliveryFailureException`), without Lambda configured triggers fail as not invocable, without
 * KMS custom sender triggers cannot be used (nor `tokenKeys`), and without Cognito the pools live in DynamoDB.
 *
 * @group Composition
 */
export interface AwsClients {
  /** State: pools (unless mirrored from Cognito), users, codes, limits. */
  readonly dynamodb: DynamoDBClient;
  /** Email delivery. */
  readonly ses?: SESv2Client | undefined;
  /** SMS delivery. */
  readonly sns?: SNSClient | undefined;
  /** Lambda triggers. */
  readonly lambda?: LambdaClient | undefined;
  /** Code encryption for custom sender triggers. */
  readonly kms?: KMSClient | undefined;
  /** Pool settings read from real Cognito pools (with `options.cognito`). */
  readonly cognito?: CognitoIdentityProviderClient | undefined;
}

/**
 * Options of {@link createAwsPorts} and {@link createAwsRecovery}: the ports' settings, and the
 * recovery's `issuerBaseUrl` and `onPortFailure` (where a failing table or service shows up).
 *
 * @group Composition
 */
export interface AwsRecoveryOptions extends Pick<RecoveryOptions, 'issuerBaseUrl' | 'onPortFailure'>, DurableCompositionOptions {
  /** The DynamoDB table (see `recoveryTableDefinition`). */
  readonly tableName: string;
  /** Hashes new passwords; default `ScryptPasswordHasher` from `@cognito-recovery/core`. */
  readonly hasher?: PasswordHasher | undefined;
  /**
   * Signs ID and access tokens (§21). Absent: a {@link KmsTokenSigner} over `clients.kms` when
   * `tokenKeys` is given, else a {@link LocalTokenSigner} with keys generated once per process (tokens
   * then verify only in that process: give `tokenKeys` in production).
   */
  readonly tokens?: TokenSigner | undefined;
  /**
   * The two KMS keys (asymmetric `RSA_2048`, `SIGN_VERIFY`) that sign ID and access tokens through
   * a {@link KmsTokenSigner} (D34); needs `clients.kms`. Ignored when `tokens` is given.
   */
  readonly tokenKeys?: KmsTokenKeys | undefined;
  /** Mirror these Cognito pools (read-only) instead of keeping pools in DynamoDB; needs `clients.cognito`. */
  readonly cognito?: CognitoPoolDirectoryOptions | undefined;
  /** SES options (the default From address). */
  readonly email?: SesMessageSenderOptions | undefined;
  /** SNS options (sender id, origination number). */
  readonly sms?: SnsMessageSenderOptions | undefined;
  /** How long expired codes are kept before TTL deletion, in seconds (default 86 400). */
  readonly codeRetentionSeconds?: number | undefined;
}

/**
 * The AWS ports, with typed handles on the stores (pools cached).
 *
 * @group Composition
 */
export type AwsPorts = ComposedPorts<PoolDirectory, DynamoUserStore, DynamoRecoveryCodeStore, DynamoAttemptLimiter>;

/**
 * Builds the AWS ports: DynamoDB stores in one table, pools from DynamoDB or mirrored from Cognito
 * behind a per-process cache, SES and SNS delivery, Lambda triggers and KMS encryption where the
 * clients are given.
 *
 * @example
 * ```ts
 * const { ports } = createAwsPorts({ dynamodb, ses, sns }, { tableName: 'cognito-recovery', codeKey, hasher });
 * ```
 * @group Composition
 */
export function createAwsPorts(clients: AwsClients, options: AwsRecoveryOptions): AwsPorts {
  const table = { client: clients.dynamodb, tableName: options.tableName };
  let directory: PoolDirectory;
  let shared: AwsRecoveryOptions = options;
  if (options.cognito !== undefined) {
    if (clients.cognito === undefined) throw new TypeError('createAwsPorts: options.cognito needs clients.cognito');
    const cacheTtlMs = options.cognito.cacheTtlMs ?? options.poolCacheTtlMs ?? 60_000;
    directory = new CognitoPoolDirectory(clients.cognito, { ...options.cognito, cacheTtlMs });
    shared = { ...options, poolCacheTtlMs: 0 }; // the Cognito directory keeps its own cache
  } else {
    directory = new DynamoPoolDirectory(table);
  }
  if (options.tokens === undefined && options.tokenKeys !== undefined && clients.kms === undefined) {
    throw new TypeError('createAwsPorts: options.tokenKeys needs clients.kms');
  }
  const stores = {
    users: new DynamoUserStore(table),
    codes: new DynamoRecoveryCodeStore({ ...table, retentionSeconds: options.codeRetentionSeconds }),
    limiter: new DynamoAttemptLimiter(table),
  };
  return durablePorts(directory, stores, shared, {
    sender: routingMessageSender(
      clients.ses === undefined ? undeliverable('no SES client configured') : new SesMessageSender(clients.ses, options.email),
      clients.sns === undefined ? undeliverable('no SNS client configured') : new SnsMessageSender(clients.sns, options.sms),
    ),
    hasher: options.hasher ?? new ScryptPasswordHasher(),
    triggers: clients.lambda === undefined ? undefined : new LambdaTriggerInvoker(clients.lambda),
    tokens:
      options.tokens ??
      (options.tokenKeys !== undefined && clients.kms !== undefined ? new KmsTokenSigner(clients.kms, options.tokenKeys) : new LocalTokenSigner()),
    encryptor: clients.kms === undefined ? undefined : new KmsCodeEncryptor(clients.kms),
  });
}

/**
 * A whole recovery on AWS: every use case bound to {@link createAwsPorts}, plus the ports.
 *
 * @example
 * ```ts
 * const recovery = createAwsRecovery(
 *   { dynamodb: new DynamoDBClient({}), ses: new SESv2Client({}), sns: new SNSClient({}) },
 *   { tableName: 'cognito-recovery', codeKey, email: { defaultFrom: 'no-reply@example.com' } },
 * );
 * await recovery.forgotPassword({ ClientId, Username: 'alice' });
 * ```
 * @group Composition
 */
export function createAwsRecovery(clients: AwsClients, options: AwsRecoveryOptions): Recovery & AwsPorts {
  const aws = createAwsPorts(clients, options);
  return { ...createRecovery(aws.ports, { issuerBaseUrl: options.issuerBaseUrl, onPortFailure: options.onPortFailure }), ...aws };
}
