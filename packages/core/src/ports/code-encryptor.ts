import type { ResultAsync } from 'neverthrow';
import type { PortFailure } from '../errors.js';

/**
 * Encrypts a code for the custom sender triggers (§9.3), in the AWS Encryption SDK message format.
 * Its contract (`describeCodeEncryptorContract`): the answer is base64, decrypts (with the key behind
 * `keyId`) to exactly the code, carries `{ 'userpool-id': userPoolId }` in its encryption context,
 * differs on every call (a fresh data key), and never contains the code in clear; a failure (an unknown
 * key, KMS down) resolves to a `PortFailure` that quotes no code, never a rejection.
 *
 * @group Ports
 */
export interface CodeEncryptor {
  /** The base64 ciphertext of `code` under `keyId`, with the pool id in the encryption context. */
  encrypt(code: string, keyId: string, userPoolId: string): ResultAsync<string, PortFailure>;
}
