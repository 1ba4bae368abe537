/**
 * The password history of a pool (`PasswordHistorySize` n, R7.6): a password may not be one of the n
 * most recent, and a replaced password joins the history.
 *
 * @module
 */
import type { User } from '../model/user.js';

/**
 * The history after replacing the current password: the previous hashes, newest first, at most `size`
 * (the current one included). These are also the hashes the new password may not match: the `size`
 * most recent passwords, so a size of 1 forbids only the current password and 0 forbids none.
 *
 * @example
 * ```ts
 * nextPasswordHistory({ passwordHash: 'h3', passwordHistory: ['h2', 'h1'] }, 2); // ['h3', 'h2']
 * ```
 * @group Rules
 */
export function nextPasswordHistory(user: Pick<User, 'passwordHash' | 'passwordHistory'>, size: number): readonly string[] {
  if (size <= 0) return [];
  const previous = user.passwordHash === undefined ? user.passwordHistory : [user.passwordHash, ...user.passwordHistory];
  return previous.slice(0, size);
}
