/**
 * The client secret hash (R2.5, D3, D10).
 *
 * @module
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, messages, type CognitoError } from '../errors.js';
import type { AppClient } from '../model/app-client.js';

/**
 * `Base64(HMAC_SHA256(clientSecret, username + clientId))` (R2.5).
 *
 * @example
 * ```ts
 * computeSecretHash('secret', 'alice', 'client1'); // what an SDK sends as SecretHash
 * ```
 * @group Rules
 */
export function computeSecretHash(clientSecret: string, username: string, clientId: string): string {
  return secretHashDigest(clientSecret, username, clientId).toString('base64');
}

/**
 * Checks the `SecretHash` of a request against its client: required when the client has a secret
 * (D3), ignored when it has none, computed over the exact `Username` sent (D10), compared in constant
 * time.
 *
 * @group Rules
 */
export function verifySecretHash(client: AppClient, username: string, secretHash: string | undefined): Result<void, CognitoError<'NotAuthorizedException'>> {
  if (client.clientSecret === undefined) return ok(undefined);
  if (secretHash === undefined) return err(cognitoError('NotAuthorizedException', messages.secretMissing(client.clientId)));
  const expected = secretHashDigest(client.clientSecret, username, client.clientId);
  const given = Buffer.from(secretHash, 'base64');
  // timingSafeEqual needs equal lengths: a length mismatch still costs one comparison.
  const lengthsMatch = given.length === expected.length;
  const same = timingSafeEqual(lengthsMatch ? given : expected, expected) && lengthsMatch;
  // Base64 decoding ignores junk characters: insist on the canonical spelling too.
  return same && given.toString('base64') === secretHash
    ? ok(undefined)
    : err(cognitoError('NotAuthorizedException', messages.secretMismatch(client.clientId)));
}

/** The raw HMAC of R2.5, shared by the computation and the check. */
function secretHashDigest(clientSecret: string, username: string, clientId: string): Buffer {
  return createHmac('sha256', clientSecret).update(username).update(clientId).digest();
}
