/**
 * Keys of the per-user attempt limits (D9). The request side (ForgotPassword) counts in the
 * `AttemptLimiter`; the confirm side (ConfirmForgotPassword) counts in the `RecoveryCodeStore`'s
 * attempt window of the user, together with the code check. Both count in the pool's window
 * (`limits.windowSeconds`) on separate counters, so ForgotPassword calls neither reset nor consume the
 * confirm allowance.
 *
 * @module
 */
import type { UserPool } from '../model/user-pool.js';
import type { User } from '../model/user.js';
import { normaliseUnknownLogin } from './login-resolution.js';

function limitKey(prefix: string, pool: UserPool, user: User | undefined, input: string): string {
  return user === undefined ? `${prefix}\u0000${pool.id}\u0000?${normaliseUnknownLogin(pool, input)}` : `${prefix}\u0000${pool.id}\u0000${user.username}`;
}

/**
 * The request-limit key of D9: the user, or the pool and normalised input for nobody.
 *
 * @example
 * ```ts
 * requestLimitKey(pool, undefined, 'Ghost'); // the same key as for 'ghost' in a case-insensitive pool
 * ```
 * @group Rules
 */
export function requestLimitKey(pool: UserPool, user: User | undefined, input: string): string {
  return limitKey('fp', pool, user, input);
}

/**
 * The name whose attempt window the confirm side counts in (D9): the user's username, or for nobody a
 * name built from the normalised input that no username can equal (usernames hold no white space).
 * Under `PreventUserExistenceErrors = ENABLED` the hidden name (`user` undefined) is also where a
 * simulated ForgotPassword stores its never-sent code and ConfirmForgotPassword checks it, for
 * unknown, disabled and channel-less users alike (§8, D4, D15): it belongs to nobody.
 *
 * @example
 * ```ts
 * confirmAttemptName(pool, user, 'alice'); // user.username
 * confirmAttemptName(pool, undefined, 'ghost'); // ' unknown ghost'
 * ```
 * @group Rules
 */
export function confirmAttemptName(pool: UserPool, user: User | undefined, input: string): string {
  return user === undefined ? ` unknown ${normaliseUnknownLogin(pool, input)}` : user.username;
}
