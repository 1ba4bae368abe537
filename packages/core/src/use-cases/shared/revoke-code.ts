/**
 * D20: an outstanding recovery code dies with the account change it would otherwise bypass.
 *
 * @module
 * @internal
 */
import { err, ok, type Result } from 'neverthrow';
import { fromPortFailure } from '../../errors.js';
import type { UserPool } from '../../model/user-pool.js';
import type { User } from '../../model/user.js';
import type { Ports } from '../../ports/index.js';
import { REVOKED_CODE, codeHmacer } from '../../rules/codes.js';
import type { PortError } from './port-error.js';

/**
 * D20: makes the user's outstanding recovery code unusable by storing, in its place, a code nobody can
 * send (`REVOKED_CODE`); a later ConfirmForgotPassword with the old code answers as for a superseded one
 * (`CodeMismatchException`, R7.3), and `ExpiredCodeException` once the pool's code validity has
 * passed. The attempt window stays (the store keeps it apart from the code).
 *
 * @internal
 */
export async function revokeRecoveryCode(deps: Pick<Ports, 'codes' | 'clock' | 'secrets'>, pool: UserPool, username: string): Promise<Result<void, PortError>> {
  const now = deps.clock.now();
  const revoked = codeHmacer(deps.secrets.codeKey)(REVOKED_CODE);
  // Only an outstanding code is replaced: with none (or an expired or used one) the user's next
  // ConfirmForgotPassword keeps answering ExpiredCode, as for a code never requested (D19).
  const outstanding = await deps.codes.verify(pool.id, username, revoked, now);
  if (outstanding.isErr()) return err(fromPortFailure(outstanding.error));
  if (outstanding.value !== 'mismatch') return ok(undefined);
  const stored = await deps.codes.issue(pool.id, username, {
    codeHmac: revoked,
    issuedAt: now,
    expiresAt: now + pool.limits.codeValiditySeconds * 1000,
  });
  return stored.isErr() ? err(fromPortFailure(stored.error)) : ok(undefined);
}

/**
 * D20: whether an attribute change takes away an address a recovery code may have been delivered to:
 * the email or phone number changes value, or stops being verified. (The store does not record which
 * of the two received the code, so either one counts.)
 *
 * @internal
 */
export function changesDeliveryAddress(before: Pick<User, 'attributes'>, after: Pick<User, 'attributes'>): boolean {
  for (const [attribute, flag] of [
    ['email', 'email_verified'],
    ['phone_number', 'phone_number_verified'],
  ] as const) {
    const wasVerified = before.attributes[flag] === 'true' && before.attributes[attribute] !== undefined;
    if (!wasVerified) continue;
    if (after.attributes[attribute] !== before.attributes[attribute] || after.attributes[flag] !== 'true') return true;
  }
  return false;
}
