/**
 * What an app client may write of a user's attributes (`WriteAttributes`; R23.3, D32, D44).
 * Administrator operations are not bound by it. Reading (`ReadAttributes`, R22.2) is `readableAttributes`
 * of `token-claims.ts`, re-exported here so both permissions are found in one place.
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, messages, type CognitoError } from '../errors.js';
import type { AppClient } from '../model/app-client.js';
import type { Attributes } from '../model/user.js';

export { readableAttributes } from './token-claims.js';

/** The verification flags, which only an administrator (or a verification flow) may set. @group Rules */
export const VERIFICATION_FLAGS: ReadonlySet<string> = new Set(['email_verified', 'phone_number_verified']);

/**
 * Whether a client may write `name`: never a verification flag (R23.3, D44); otherwise any attribute
 * when the client has no `WriteAttributes`, else only those it lists.
 *
 * @example
 * ```ts
 * clientMayWrite({ writeAttributes: undefined }, 'email_verified'); // false
 * clientMayWrite({ writeAttributes: ['email'] }, 'name'); // false
 * ```
 * @group Rules
 */
export function clientMayWrite(client: Pick<AppClient, 'writeAttributes'>, name: string): boolean {
  if (VERIFICATION_FLAGS.has(name)) return false;
  const allowed = client.writeAttributes;
  return allowed === undefined || allowed.includes(name);
}

/**
 * R23.3, D44: a client (SignUp, UpdateUserAttributes) writing an attribute it may not
 * ({@link clientMayWrite}) is `NotAuthorizedException` `A client attempted to write unauthorized attribute`.
 *
 * @example
 * ```ts
 * checkClientWrite(client, { email: 'a@example.com', email_verified: 'true' }); // err NotAuthorizedException
 * ```
 * @group Rules
 */
export function checkClientWrite(client: Pick<AppClient, 'writeAttributes'>, attributes: Attributes): Result<void, CognitoError<'NotAuthorizedException'>> {
  for (const name of Object.keys(attributes)) {
    if (!clientMayWrite(client, name)) return err(cognitoError('NotAuthorizedException', messages.unauthorizedAttributeWrite));
  }
  return ok(undefined);
}
