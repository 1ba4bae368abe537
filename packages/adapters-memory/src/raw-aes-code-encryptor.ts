import { CommitmentPolicy, RawAesKeyringNode, RawAesWrappingSuiteIdentifier, buildClient } from '@aws-crypto/client-node';
import { portFailure, type CodeEncryptor, type PortFailure } from '@cognito-recovery/core';
import { ResultAsync } from 'neverthrow';

/**
 * Options of {@link RawAesCodeEncryptor}.
 *
 * @group Adapters
 */
export interface RawAesCodeEncryptorOptions {
  /** The 32-byte AES-256 wrapping key, owned by the test (or embedder) so it can decrypt. */
  readonly key: Uint8Array;
  /** The raw keyring's key namespace; default `cognito-recovery`. */
  readonly keyNamespace?: string;
  /** The raw keyring's key name; default `code-key`. */
  readonly keyName?: string;
}

/** The encryption-context key that carries the pool id. @group Adapters */
export const USER_POOL_CONTEXT_KEY = 'userpool-id';

const { encrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT);

/**
 * A {@link CodeEncryptor} for the custom sender triggers (§9.3) that needs no KMS: the code is
 * encrypted with the AWS Encryption SDK (`@aws-crypto/client-node`) under a raw AES keyring (wrapping
 * suite `AES256_GCM_IV12_TAG16_NO_PADDING`) and answered as the base64 Encryption SDK message, the
 * format Cognito hands a custom sender. A handler written for Cognito decrypts it unchanged, given
 * this keyring instead of its KMS keyring. The pool's `KMSKeyID` is ignored (there is one key); the pool
 * id is in the encryption context under `userpool-id`.
 *
 * @example
 * ```ts
 * import { buildClient, CommitmentPolicy } from '@aws-crypto/client-node';
 * const encryptor = new RawAesCodeEncryptor({ key: crypto.getRandomValues(new Uint8Array(32)) });
 * // in a CustomEmailSender handler:
 * const { decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT);
 * const { plaintext } = await decrypt(encryptor.keyring, Buffer.from(event.request.code, 'base64'));
 * ```
 * @group Adapters
 */
export class RawAesCodeEncryptor implements CodeEncryptor {
  /** The keyring that encrypts (and decrypts) the codes. */
  readonly keyring: RawAesKeyringNode;
  /** The wrapping key (a copy of the one given). */
  readonly key: Uint8Array;

  /** @throws RangeError when the key is not 32 bytes long. */
  constructor(options: RawAesCodeEncryptorOptions) {
    if (options.key.length !== 32) throw new RangeError('RawAesCodeEncryptor needs a 32-byte key');
    this.key = Uint8Array.from(options.key);
    this.keyring = rawAesKeyring(this.key, options.keyNamespace ?? 'cognito-recovery', options.keyName ?? 'code-key');
  }

  /** The base64 Encryption SDK message of `code`, with `userpool-id` in the encryption context. */
  encrypt(code: string, _keyId: string, userPoolId: string): ResultAsync<string, PortFailure> {
    return ResultAsync.fromPromise(
      encrypt(this.keyring, code, { encryptionContext: { [USER_POOL_CONTEXT_KEY]: userPoolId } }).then(({ result }) => result.toString('base64')),
      (error) => portFailure('CodeEncryptor', error instanceof Error ? error.message : 'encryption failed'),
    );
  }
}

/**
 * A raw AES-256 keyring (`AES256_GCM_IV12_TAG16_NO_PADDING`) over `key`, as {@link RawAesCodeEncryptor}
 * builds it: what a test hands `decrypt` when it owns the key.
 *
 * @example
 * ```ts
 * const keyring = rawAesKeyring(key, 'cognito-recovery', 'code-key');
 * ```
 * @group Adapters
 */
export function rawAesKeyring(key: Uint8Array, keyNamespace: string, keyName: string): RawAesKeyringNode {
  return new RawAesKeyringNode({
    keyName,
    keyNamespace,
    unencryptedMasterKey: Uint8Array.from(key),
    wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
  });
}
