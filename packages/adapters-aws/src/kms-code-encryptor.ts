import { buildClient, CommitmentPolicy, KmsKeyringNode, type KeyringNode } from '@aws-crypto/client-node';
import { DecryptCommand, EncryptCommand, GenerateDataKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { CodeEncryptor, PortFailure } from '@cognito-recovery/core';
import { ResultAsync } from 'neverthrow';
import { awsFailure } from './aws-failure.js';

const { encrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT);

/**
 * A {@link CodeEncryptor} with the AWS Encryption SDK (`@aws-crypto/client-node`, commitment policy
 * `REQUIRE_ENCRYPT_ALLOW_DECRYPT`) and a KMS keyring whose generator is the pool's
 * `LambdaConfig.KMSKeyID`, with `{ 'userpool-id': <pool id> }` as encryption context: the format the
 * custom sender triggers decrypt (§9.3). Answers the message as base64.
 *
 * @example
 * ```ts
 * const encryptor = new KmsCodeEncryptor(new KMSClient({ region: 'us-east-1' }));
 * const ciphertext = await encryptor.encrypt('123456', keyArn, poolId); // ok('AYADe…')
 * ```
 * @group Adapters
 */
export class KmsCodeEncryptor implements CodeEncryptor {
  readonly #client: KMSClient;
  readonly #keyrings = new Map<string, KeyringNode>();

  /** @param client - the KMS client the keyring calls (`GenerateDataKey`). */
  constructor(client: KMSClient) {
    this.#client = client;
  }

  /** The base64 AWS Encryption SDK message of `code` under `keyId`. */
  encrypt(code: string, keyId: string, userPoolId: string): ResultAsync<string, PortFailure> {
    return ResultAsync.fromPromise(
      encrypt(this.#keyring(keyId), Buffer.from(code, 'utf8'), { encryptionContext: { 'userpool-id': userPoolId } }),
      awsFailure('CodeEncryptor', 'KMS encrypt'),
    ).map(({ result }) => Buffer.from(result).toString('base64'));
  }

  #keyring(keyId: string): KeyringNode {
    let keyring = this.#keyrings.get(keyId);
    if (keyring === undefined) {
      const client = this.#client;
      // The keyring calls the aggregated-client methods; route them through the caller's bare client.
      const kms = {
        generateDataKey: (input: GenerateDataKeyCommand['input']) => client.send(new GenerateDataKeyCommand(input)),
        encrypt: (input: EncryptCommand['input']) => client.send(new EncryptCommand(input)),
        decrypt: (input: DecryptCommand['input']) => client.send(new DecryptCommand(input)),
      };
      // KmsKeyringNode is a KeyringNode built through the SDK's mixin, which the rule cannot follow.
      // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
      keyring = new KmsKeyringNode({ generatorKeyId: keyId, clientProvider: () => kms });
      this.#keyrings.set(keyId, keyring);
    }
    return keyring;
  }
}
