/**
 * Keys of the per-user attempt limits (D9), shared by the request side (ForgotPassword) and the
 * confirm side (ConfirmForgotPassword). Both count in the pool's window (`limits.windowSeconds`) on
 * separate counters, so ForgotPassword calls neither reset nor consume the confirm allowance.
 *
 * @module
 * @internal
 */
import type { UserPool } from '../../model/user-pool.js';
import type { User } from '../../model/user.js';
import { normaliseUnknownLogin } from '../../rules/login-resolution.js';

function limitKey(prefix: string, pool: UserPool, user: User | undefined, input: string): string {
  return user === undefined ? `${prefix}\u0000${pool.id}\u0000?${normaliseUnknownLogin(pool, input)}` : `${prefix}\u0000${pool.id}\u0000${user.username}`;
}

/** The request-limit key of D9: the user, or the pool and normalised input for nobody. @internal */
export function requestLimitKey(pool: UserPool, user: User | undefined, input: string): string {
  return limitKey('fp', pool, user, input);
}

/** The confirm-limit key of D9: the user, or the pool and normalised input for nobody. @internal */
export function confirmLimitKey(pool: UserPool, user: User | undefined, input: string): string {
  return limitKey('cf', pool, user, input);
}
