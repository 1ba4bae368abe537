/**
 * How every `RecoveryCodeStore` classifies the code it holds for a user.
 *
 * @module
 */
import { timingSafeEqual } from 'node:crypto';
import type { VerifyOutcome } from '../ports/recovery-code-store.js';

/**
 * The fields of a user's stored code that decide what a consuming write would find.
 *
 * @group Adapters
 */
export interface StoredCodeFields {
  /** The stored HMAC, as text or as its UTF-8 bytes (a store may keep the bytes to compare faster). */
  readonly codeHmac: string | Uint8Array;
  /** Epoch ms from which the code is expired. */
  readonly expiresAt: number;
  /** Epoch ms the code was used at, `undefined` while unused. */
  readonly consumedAt: number | undefined;
}

/**
 * What a consuming write would find for `codeHmac` at `now` (`valid` means it would use the code): no
 * code is `none`; a used code is `mismatch` for its own HMAC and `none` for another; an unused one is
 * `expired` from `expiresAt` on, else `valid` or `mismatch`. HMACs are compared in constant time.
 *
 * @example
 * ```ts
 * classifyStoredCode({ codeHmac: stored, expiresAt, consumedAt: undefined }, candidate, Date.now()); // 'valid'
 * ```
 * @group Adapters
 */
export function classifyStoredCode(stored: StoredCodeFields | undefined, codeHmac: string, now: number): VerifyOutcome {
  if (stored === undefined) return 'none';
  const matches = sameHmac(stored.codeHmac, codeHmac);
  if (stored.consumedAt !== undefined) return matches ? 'mismatch' : 'none';
  if (now >= stored.expiresAt) return 'expired';
  return matches ? 'valid' : 'mismatch';
}

/**
 * Constant-time equality of a stored HMAC (text or UTF-8 bytes) and a candidate; when the lengths
 * differ it still does one full comparison, of the stored bytes with themselves.
 *
 * @example
 * ```ts
 * sameHmac(Buffer.from(stored, 'utf8'), candidate); // true when both are the same text
 * ```
 * @group Adapters
 */
export function sameHmac(stored: string | Uint8Array, candidate: string): boolean {
  const a = typeof stored === 'string' ? Buffer.from(stored, 'utf8') : stored;
  const b = Buffer.from(candidate, 'utf8');
  if (a.length !== b.length) {
    timingSafeEqual(a, a);
    return false;
  }
  return timingSafeEqual(a, b);
}
