/**
 * What setting a password writes: the hash for the password flows and the SRP verifier for
 * `USER_SRP_AUTH` (R18.15), computed together on every path that sets a password.
 *
 * @module
 * @internal
 */
import { err, ok, type Result } from 'neverthrow';
import { fromPortFailure } from '../../errors.js';
import type { SrpVerifier } from '../../model/user.js';
import type { Ports } from '../../ports/index.js';
import { srpVerifierOf } from '../../rules/srp.js';
import type { PortError } from './port-error.js';

/** The fields of a `User` a new password sets. @internal */
export interface PasswordCredentials {
  /** The `PasswordHasher`'s hash. */
  readonly passwordHash: string;
  /** The SRP salt (fresh) and verifier (D28). */
  readonly srp: SrpVerifier;
  /** When it was set (D32). */
  readonly passwordSetAt: number;
}

/**
 * Hashes `password` and computes its SRP verifier for the user's canonical `username` (the verifier
 * depends on it, R18.6). Spread the answer into the user written.
 *
 * @internal
 */
export async function passwordCredentials(
  deps: Pick<Ports, 'hasher' | 'random' | 'clock'>,
  userPoolId: string,
  username: string,
  password: string,
): Promise<Result<PasswordCredentials, PortError>> {
  // The hash may run in the thread pool: the verifier's exponentiation runs here meanwhile.
  const hashing = deps.hasher.hash(password);
  const srp = srpVerifierOf(userPoolId, username, password, deps.random.bytes(16));
  const passwordHash = await hashing;
  if (passwordHash.isErr()) return err(fromPortFailure(passwordHash.error));
  return ok({ passwordHash: passwordHash.value, srp, passwordSetAt: deps.clock.now() });
}
