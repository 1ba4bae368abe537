import type { ResultAsync } from 'neverthrow';
import type { PortFailure } from '../errors.js';

/**
 * Encrypts a code for the custom sender triggers (§9.3), in the AWS Encryption SDK message format.
 *
 * @group Ports
 */
export interface CodeEncryptor {
  /** The base64 ciphertext of `code` under `keyId`, with the pool id in the encryption context. */
  encrypt(code: string, keyId: string, userPoolId: string): ResultAsync<string, PortFailure>;
}
