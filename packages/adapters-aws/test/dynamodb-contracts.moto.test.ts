import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildClient, CommitmentPolicy, KmsKeyringNode } from '@aws-crypto/client-node';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateKeyCommand, DecryptCommand, EncryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import {
  CONTRACT_TRIGGER_HANDLERS,
  describeAttemptLimiterContract,
  describeCodeEncryptorContract,
  describePoolDirectoryContract,
  describeRecoveryCodeStoreContract,
  describeTriggerInvokerContract,
  describeUserStoreContract,
  type EncryptorProbe,
} from '@cognito-recovery/core/testing';
import { afterAll, beforeAll, describe } from 'vitest';
import {
  cachedPoolDirectory,
  DynamoAttemptLimiter,
  DynamoPoolDirectory,
  DynamoRecoveryCodeStore,
  DynamoUserStore,
  KmsCodeEncryptor,
  LambdaTriggerInvoker,
} from '../src/index.js';
import { awsConfig, dynamoClient, freshTable, mailConfig, withoutMoto } from './moto.js';

/** Where nothing listens: every request fails at once (`maxAttempts: 1`, no retries). */
const NOWHERE = 'http://127.0.0.1:9';

describe.skipIf(withoutMoto)('DynamoDB stores on moto', () => {
  const client = dynamoClient();
  const unreachable = new DynamoDBClient(awsConfig(NOWHERE));
  // One fresh table per store; the suites keep tests apart with unique pool ids and keys.
  const tables: Record<string, string> = {};
  beforeAll(async () => {
    for (const label of ['pools', 'cached', 'stores', 'limits']) tables[label] = await freshTable(client, label);
  });
  const table = (label: string): { client: typeof client; tableName: string } => ({ client, tableName: tables[label] ?? '' });
  const nowhere = { client: unreachable, tableName: 'unreachable' };

  describePoolDirectoryContract('DynamoPoolDirectory', () => new DynamoPoolDirectory(table('pools')), { broken: () => new DynamoPoolDirectory(nowhere) });
  describePoolDirectoryContract('cachedPoolDirectory(DynamoPoolDirectory)', () => cachedPoolDirectory(new DynamoPoolDirectory(table('cached')), 60_000), {
    broken: () => cachedPoolDirectory(new DynamoPoolDirectory(nowhere), 60_000),
  });
  // The user store consumes codes in its own table, so the pair shares one.
  const stores = (options: { client: DynamoDBClient; tableName: string }): { users: DynamoUserStore; codes: DynamoRecoveryCodeStore } => ({
    users: new DynamoUserStore(options),
    codes: new DynamoRecoveryCodeStore(options),
  });
  describeUserStoreContract('DynamoUserStore', () => stores(table('stores')), { broken: () => stores(nowhere) });
  describeRecoveryCodeStoreContract('DynamoRecoveryCodeStore', () => stores(table('stores')), { broken: () => stores(nowhere) });
  describeAttemptLimiterContract('DynamoAttemptLimiter', () => new DynamoAttemptLimiter(table('limits')), { broken: () => new DynamoAttemptLimiter(nowhere) });
});

describe.skipIf(withoutMoto)('KMS code encryption on moto', () => {
  const kms = new KMSClient(mailConfig());
  const keys: string[] = [];
  beforeAll(async () => {
    for (const description of ['contract key', 'another key'])
      keys.push((await kms.send(new CreateKeyCommand({ Description: description }))).KeyMetadata?.Arn ?? '');
  });
  // The keyring a custom sender trigger decrypts with, restricted to one key.
  const esdk = {
    generateDataKey: (input: GenerateDataKeyCommand['input']) => kms.send(new GenerateDataKeyCommand(input)),
    encrypt: (input: EncryptCommand['input']) => kms.send(new EncryptCommand(input)),
    decrypt: (input: DecryptCommand['input']) => kms.send(new DecryptCommand(input)),
  };
  const { decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT);
  const probe = (encryptor: KmsCodeEncryptor): EncryptorProbe => {
    const keyId = keys[0] ?? '';
    const keyring = new KmsKeyringNode({ keyIds: [keyId], clientProvider: () => esdk });
    return {
      encryptor,
      keyId,
      otherKeyId: keys[1],
      unknownKeyId: 'arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000000',
      decrypt: async (ciphertext) => {
        // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- the SDK builds KmsKeyringNode through a mixin
        const { plaintext, messageHeader } = await decrypt(keyring, Buffer.from(ciphertext, 'base64'));
        return { plaintext: plaintext.toString('utf8'), encryptionContext: messageHeader.encryptionContext };
      },
    };
  };
  describeCodeEncryptorContract('KmsCodeEncryptor', () => probe(new KmsCodeEncryptor(kms)), {
    broken: () => probe(new KmsCodeEncryptor(new KMSClient(awsConfig(NOWHERE)))),
  });
});

/*
 * moto cannot run Lambda code without a Docker daemon (its "simple" mode echoes the payload for any
 * name, existing or not), so on moto the invoker suite runs what moto answers truthfully: an unknown
 * function and an unreachable endpoint. The whole suite runs on a local endpoint speaking Lambda's
 * Invoke API (REST JSON: `POST /2015-03-31/functions/<name>/invocations`, `X-Amz-Function-Error` for
 * a thrown error, `ResourceNotFoundException` for an unknown name) that runs the contract's handlers:
 * the real invoker and the real SDK client, with the function side faked.
 */
const FUNCTION_ARN = (name: string): string => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

describe.skipIf(withoutMoto)('LambdaTriggerInvoker on moto', () => {
  describeTriggerInvokerContract(
    'LambdaTriggerInvoker (moto)',
    () => new LambdaTriggerInvoker(new LambdaClient(mailConfig())),
    { missing: FUNCTION_ARN('missing') },
    { broken: () => new LambdaTriggerInvoker(new LambdaClient(awsConfig(NOWHERE))) },
  );
});

describe('LambdaTriggerInvoker on a local Invoke endpoint', () => {
  let server: Server | undefined;
  let endpoint = NOWHERE;
  const handlers: Readonly<Record<string, (event: unknown) => Promise<unknown>>> = CONTRACT_TRIGGER_HANDLERS;
  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const match = /^\/2015-03-31\/functions\/([^/]+)\/invocations/.exec(request.url ?? '');
        const name =
          decodeURIComponent(match?.[1] ?? '')
            .split(':')
            .at(-1) ?? '';
        const handler = Object.hasOwn(handlers, name) ? handlers[name] : undefined;
        if (handler === undefined) {
          response.writeHead(404, { 'content-type': 'application/json', 'x-amzn-errortype': 'ResourceNotFoundException' });
          response.end(JSON.stringify({ Type: 'User', message: `Function not found: ${FUNCTION_ARN(name)}` }));
          return;
        }
        const event: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        handler(event).then(
          (answer) => {
            response.writeHead(200, { 'content-type': 'application/json', 'x-amz-executed-version': '$LATEST' });
            response.end(JSON.stringify(answer));
          },
          (error: unknown) => {
            const message = error instanceof Error ? error.message : String(error);
            response.writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' });
            response.end(JSON.stringify({ errorType: 'Error', errorMessage: message, trace: [] }));
          },
        );
      });
    });
    server.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server?.once('listening', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => {
      if (server === undefined) resolve();
      else
        server.close(() => {
          resolve();
        });
    });
  });
  // One socket per request here: the slow function's socket is aborted by the invoker's timeout.
  const lambda = (): LambdaClient => new LambdaClient({ ...awsConfig(endpoint), requestHandler: {} });
  describeTriggerInvokerContract(
    'LambdaTriggerInvoker (local Invoke endpoint)',
    () => new LambdaTriggerInvoker(lambda()),
    { answering: FUNCTION_ARN('answering'), throwing: FUNCTION_ARN('throwing'), slow: FUNCTION_ARN('slow'), missing: FUNCTION_ARN('missing') },
    { broken: () => new LambdaTriggerInvoker(new LambdaClient(awsConfig(NOWHERE))) },
  );
});
