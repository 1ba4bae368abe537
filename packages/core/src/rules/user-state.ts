/**
 * Which users may ask for a reset code (§4, D5, D6), and the status a completed reset leaves (R7.7).
 *
 * @module
 */
import type { User, UserStatus } from '../model/user.js';

/**
 * The state verdict: `ok` (may receive a code if a channel qualifies), `disabled` (D5: LEGACY
 * `NotAuthorizedException "User is disabled."`, ENABLED simulated), `cannot_reset` (R4.2:
 * `NotAuthorizedException "User password cannot be reset in the current state."`, not hidden by
 * ENABLED, R8.7).
 *
 * @group Rules
 */
export type StateVerdict = 'ok' | 'disabled' | 'cannot_reset';

/**
 * Applies the state table of R4.2: `CONFIRMED`, `RESET_REQUIRED`, `UNCONFIRMED` (D6) and
 * `COMPROMISED` users may reset; `FORCE_CHANGE_PASSWORD` and `EXTERNAL_PROVIDER` users may not, nor
 * `ARCHIVED` and `UNKNOWN` ones (project choice where the spec has no evidence). A disabled user is
 * `disabled` whatever its status.
 *
 * @group Rules
 */
export function checkUserState(user: Pick<User, 'enabled' | 'status'>): StateVerdict {
  if (!user.enabled) return 'disabled';
  switch (user.status) {
    case 'CONFIRMED':
    case 'RESET_REQUIRED':
    case 'UNCONFIRMED':
    case 'COMPROMISED':
      return 'ok';
    case 'FORCE_CHANGE_PASSWORD':
    case 'EXTERNAL_PROVIDER':
    case 'ARCHIVED':
    case 'UNKNOWN':
      return 'cannot_reset';
  }
}

/**
 * R7.7, D6: the status after a reset code was redeemed: every status that may redeem one ends
 * `CONFIRMED` (`CONFIRMED` stays); the others (which cannot reach the code check) are kept.
 *
 * @example
 * ```ts
 * statusAfterReset('RESET_REQUIRED'); // 'CONFIRMED'
 * ```
 * @group Rules
 */
export function statusAfterReset(status: UserStatus): UserStatus {
  switch (status) {
    case 'CONFIRMED':
    case 'RESET_REQUIRED':
    case 'UNCONFIRMED':
    case 'COMPROMISED':
      return 'CONFIRMED';
    case 'FORCE_CHANGE_PASSWORD':
    case 'EXTERNAL_PROVIDER':
    case 'ARCHIVED':
    case 'UNKNOWN':
      return status;
  }
}
