import type { ResultAsync } from 'neverthrow';
import type { PortFailure } from '../errors.js';

/**
 * Hashes and verifies passwords. Both methods resolve, never reject: an unreadable hash or a failing
 * hash function is a `PortFailure` that quotes neither the password nor the hash.
 *
 * @group Ports
 */
export interface PasswordHasher {
  /** A self-describing hash (algorithm, parameters and salt included). */
  hash(password: string): ResultAsync<string, PortFailure>;
  /** Whether `password` matches `hash`, compared in constant time. */
  verify(password: string, hash: string): ResultAsync<boolean, PortFailure>;
}
