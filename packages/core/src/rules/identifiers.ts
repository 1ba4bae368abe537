/**
 * Random identifiers and generated passwords: pure functions of the draws of a `RandomSource`.
 *
 * @module
 */
import type { PasswordPolicy } from '../model/user-pool.js';
import type { RandomSource } from '../ports/random-source.js';

/** `[A-Za-z0-9]`: pool id suffixes. @internal */
export const ALPHANUMERICS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `[a-z0-9]`: client ids and secrets. @internal */
export const LOWER_ALPHANUMERICS = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `length` characters drawn uniformly from `alphabet`. @internal */
export function randomString(random: RandomSource, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet.charAt(random.randomInt(0, alphabet.length));
  return out;
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const SYMBOLS = '^$*.[]{}()?!@#%&/,><:;|_~=+-';

/**
 * A temporary password that satisfies `policy` whatever it requires: at least 12 characters (or the
 * policy's minimum), with an upper-case letter, a lower-case letter, a digit and a symbol, shuffled.
 *
 * @example
 * ```ts
 * generatePassword(cryptoRandomSource, pool.passwordPolicy); // e.g. 'q7^Lm2…' (12 characters or more)
 * ```
 * @group Rules
 */
export function generatePassword(random: RandomSource, policy: PasswordPolicy): string {
  const length = Math.max(12, policy.minimumLength);
  const all = UPPER + LOWER + DIGITS + SYMBOLS;
  const chars = [UPPER, LOWER, DIGITS, SYMBOLS].map((set) => randomString(random, set, 1));
  while (chars.length < length) chars.push(randomString(random, all, 1));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = random.randomInt(0, i + 1);
    const a = chars[i] ?? '';
    chars[i] = chars[j] ?? '';
    chars[j] = a;
  }
  return chars.join('');
}
