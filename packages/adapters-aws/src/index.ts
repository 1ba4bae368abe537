/**
 * `@cognito-recovery/adapters-aws`: AWS adapters for `@cognito-recovery/core`: DynamoDB stores in one
 * table, SES v2 email, SNS SMS, Lambda triggers, KMS-encrypted codes for custom senders, pool
 * settings read from a real Cognito pool, KMS-signed tokens, and `createAwsRecovery()`.
 *
 * @packageDocumentation
 */
/** The generic pool cache, now in `@cognito-recovery/core`; re-exported here for compatibility. */
export { cachedPoolDirectory } from '@cognito-recovery/core';
export type { PoolCacheOptions } from '@cognito-recovery/core';
export { DynamoAttemptLimiter } from './dynamodb/dynamo-attempt-limiter.js';
export { DynamoPoolDirectory } from './dynamodb/dynamo-pool-directory.js';
export { DynamoRecoveryCodeStore } from './dynamodb/dynamo-recovery-code-store.js';
export type { DynamoRecoveryCodeStoreOptions } from './dynamodb/dynamo-recovery-code-store.js';
export { DynamoUserStore } from './dynamodb/dynamo-user-store.js';
export { PARTITION_KEY, SORT_KEY, TTL_ATTRIBUTE, recoveryTableDefinition } from './dynamodb/table.js';
export type { DynamoTableOptions } from './dynamodb/table.js';
export { CognitoPoolDirectory } from './cognito-pool-directory.js';
export type { CognitoPoolDirectoryOptions } from './cognito-pool-directory.js';
export { createAwsPorts, createAwsRecovery } from './create-aws-recovery.js';
export type { AwsClients, AwsPorts, AwsRecoveryOptions } from './create-aws-recovery.js';
export { KmsCodeEncryptor } from './kms-code-encryptor.js';
export { KmsTokenSigner } from './kms-token-signer.js';
export type { KmsTokenKeys } from './kms-token-signer.js';
export { LambdaTriggerInvoker } from './lambda-trigger-invoker.js';
export { routingMessageSender } from './routing-message-sender.js';
export { SesMessageSender } from './ses-message-sender.js';
export type { SesMessageSenderOptions } from './ses-message-sender.js';
export { SnsMessageSender } from './sns-message-sender.js';
export type { SnsMessageSenderOptions } from './sns-message-sender.js';
