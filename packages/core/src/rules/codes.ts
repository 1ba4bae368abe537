/**
 * Recovery codes: six digits from a CSPRNG, stored only as an HMAC (R7.1, R7.2, D8).
 *
 * @module
 */
import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import type { RandomSource } from '../ports/random-source.js';

/**
 * What a revoked code is replaced by (D20): a value with white space, which no ConfirmationCode can be
 * (its pattern is `[\S]+`, checked before any code is compared), so its stored HMAC matches nothing
 * a caller can send. The unusable code a simulated answer leaves a real user (D19) is a drawn code
 * with a blank appended, unusable for the same reason.
 *
 * @group Rules
 */
export const REVOKED_CODE = ' revoked ';

/** The placeholder Cognito replaces with the code (§9.1). @group Rules */
export const CODE_PARAMETER = '{####}';

/**
 * A fresh six-digit code, zero-padded (R7.1). With `cryptoRandomSource` (the main entry) it comes from
 * `crypto.randomInt`.
 *
 * @group Rules
 */
export function generateCode(random: RandomSource): string {
  return random.randomInt(0, 1_000_000).toString().padStart(6, '0');
}

/**
 * A function that returns the HMAC-SHA256 (base64url) of a code under `key`. The key is imported
 * once, so the hot path does one HMAC per code.
 *
 * @example
 * ```ts
 * const hmac = codeHmacer(secrets.codeKey);
 * const stored = hmac('123456');
 * ```
 * @group Rules
 */
export function codeHmacer(key: Uint8Array): (code: string) => string {
  const keyObject: KeyObject = createSecretKey(key);
  return (code) => createHmac('sha256', keyObject).update(code).digest('base64url');
}
