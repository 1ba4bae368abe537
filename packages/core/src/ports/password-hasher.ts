import type { ResultAsync } from 'neverthrow';
import type { PortFailure } from '../errors.js';

/**
 * Hashes and verifies passwords.
 *
 * @group Ports
 */
export interface PasswordHasher {
  /** A self-describing hash (algorithm, parameters and salt included). */
  hash(password: string): ResultAsync<string, PortFailure>;
  /** Whether `password` matches `hash`, compared in constant time. */
  verify(password: string, hash: string): ResultAsync<boolean, PortFailure>;
}
