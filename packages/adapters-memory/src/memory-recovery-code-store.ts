import type { AttemptLimit, AttemptVerdict, ConsumeOutcome, PortFailure, RecoveryCodeStore, StoredCode, VerifyOutcome } from '@cognito-recovery/core';
import { classifyStoredCode } from '@cognito-recovery/core/rules';
import { okAsync, type ResultAsync } from 'neverthrow';
import { OK_UNDEFINED } from './resolved.js';
import { RoundRobinSweep } from './round-robin-sweep.js';
import { SlidingWindows } from './sliding-windows.js';

/** How many records each `issue` looks at for expiry. */
const SWEEP_PER_CALL = 2;

interface CodeRecord {
  /** The code's HMAC as bytes, kept so constant-time comparisons need no conversion. */
  readonly codeHmac: Buffer;
  readonly issuedAt: number;
  readonly expiresAt: number;
  consumedAt: number | undefined;
}

/**
 * A Map-backed {@link RecoveryCodeStore}: per user `{ codeHmac, issuedAt, expiresAt, consumedAt }`,
 * only the HMAC of the code, and apart from it the user's confirm-attempt window (the times of the
 * attempts still in it, least recently used windows swept as in {@link MemoryAttemptLimiter}), which
 * `issue` and `clear` leave alone. `attemptAndVerify` checks, records and classifies in one
 * synchronous step. The code is used by the {@link MemoryUserStore} built on this store, in the same
 * synchronous step as the user write. HMACs are compared with `crypto.timingSafeEqual`, in constant
 * time even when their lengths differ. Each `issue` sweeps a couple of records (a cursor walking
 * round), dropping expired codes whose attempt window is empty, so memory stays bounded by the codes
 * issued within a code validity (hidden-name codes of simulated answers included, §8).
 *
 * @example
 * ```ts
 * const codes = new MemoryRecoveryCodeStore();
 * const users = new MemoryUserStore(codes);
 * await codes.issue(poolId, 'alice', { codeHmac, issuedAt: now, expiresAt: now + 3_600_000 });
 * await codes.attemptAndVerify(poolId, 'alice', codeHmac, now, { max: 5, windowMs: 3_600_000 });
 * // ok({ allowed: true, outcome: 'valid' })
 * await users.update(alice, claims, alice.version, { codeHmac, now }); // ok: password set, code used
 * ```
 * @group Adapters
 */
export class MemoryRecoveryCodeStore implements RecoveryCodeStore {
  /** Records by `pool NUL username`. */
  readonly #records = new Map<string, CodeRecord>();
  /** A cursor walking round the records, for the sweep. */
  readonly #sweep = new RoundRobinSweep(this.#records);
  /** Confirm-attempt windows by `pool NUL username`. */
  readonly #attempts = new SlidingWindows();

  /**
   * Stores `code` as the user's only code, replacing any previous one; the attempt window stays. Each
   * call also looks at the next couple of records (a cursor walking round) and drops those whose code
   * has expired at `code.issuedAt` and whose attempt window is empty, so never-sent codes stored
   * under hidden names for random inputs (§8) cannot grow the store without bound.
   */
  issue(userPoolId: string, username: string, code: StoredCode): ResultAsync<void, PortFailure> {
    this.#sweepExpired(code.issuedAt);
    this.#records.set(keyOf(userPoolId, username), {
      codeHmac: Buffer.from(code.codeHmac, 'utf8'),
      issuedAt: code.issuedAt,
      expiresAt: code.expiresAt,
      consumedAt: undefined,
    });
    return OK_UNDEFINED;
  }

  /**
   * Uses the code if it is the outstanding, unexpired code with this HMAC, in the caller's synchronous
   * step: `consumed` once; otherwise what was found (`expired`, `mismatch` for another HMAC or for
   * the code already used, `none`). Only for {@link MemoryUserStore}.
   *
   * @internal
   */
  consumeNow(userPoolId: string, username: string, codeHmac: string, now: number): ConsumeOutcome {
    const record = this.#records.get(keyOf(userPoolId, username));
    const outcome = classifyStoredCode(record, codeHmac, now);
    if (outcome !== 'valid') return outcome;
    if (record !== undefined) record.consumedAt = now;
    return 'consumed';
  }

  /** What a consuming write would find now (`valid` for `consumed`), without using the code. */
  verify(userPoolId: string, username: string, codeHmac: string, now: number): ResultAsync<VerifyOutcome, PortFailure> {
    return okAsync(classifyStoredCode(this.#records.get(keyOf(userPoolId, username)), codeHmac, now));
  }

  /** Records the attempt if the user's window has room (refusals are not recorded) and tells what `verify` answers, in one step. */
  attemptAndVerify(userPoolId: string, username: string, codeHmac: string, now: number, limit: AttemptLimit): ResultAsync<AttemptVerdict, PortFailure> {
    const key = keyOf(userPoolId, username);
    const { allowed } = this.#attempts.attempt(key, limit.max, limit.windowMs, now);
    return okAsync({ allowed, outcome: classifyStoredCode(this.#records.get(key), codeHmac, now) });
  }

  /** Forgets the user's code, used or not; the attempt window stays. */
  clear(userPoolId: string, username: string): ResultAsync<void, PortFailure> {
    this.#records.delete(keyOf(userPoolId, username));
    return OK_UNDEFINED;
  }

  /** Forgets every code, used or not, of every user and hidden name (a local server's `POST /_local/reset`); the attempt windows stay. */
  resetCodes(): void {
    this.#records.clear();
    this.#sweep.restart();
  }

  /** Forgets every confirm-attempt window, so every user starts with an empty window; the codes stay. */
  resetAttempts(): void {
    this.#attempts.clear();
  }

  /**
   * Looks at the next `SWEEP_PER_CALL` records of the cursor and drops those whose code has expired
   * at `now` and whose attempt window is empty (an expired code then answers `none` instead of
   * `expired`, the same Cognito error; a used one `none` instead of `mismatch`, as DynamoDB's TTL does).
   */
  #sweepExpired(now: number): void {
    this.#sweep.sweep(SWEEP_PER_CALL, (record, key) => record.expiresAt <= now && !this.#attempts.holds(key, now));
  }
}

/** The record and window key of a user. */
function keyOf(userPoolId: string, username: string): string {
  return `${userPoolId}\u0000${username}`;
}
