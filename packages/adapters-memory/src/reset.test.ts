import { describe, expect, it } from 'vitest';
import { ManualClock } from './manual-clock.js';
import { MemoryAttemptLimiter } from './memory-attempt-limiter.js';
import { MemoryRecoveryCodeStore } from './memory-recovery-code-store.js';

const HOUR = 3_600_000;

describe('what a local server resets', () => {
  it('MemoryAttemptLimiter.reset forgets every window', async () => {
    const limiter = new MemoryAttemptLimiter();
    for (let i = 0; i < 5; i++) (await limiter.attempt('forgot:p:alice', 5, HOUR, 1000))._unsafeUnwrap();
    expect((await limiter.attempt('forgot:p:alice', 5, HOUR, 1000))._unsafeUnwrap()).toEqual({ allowed: false, count: 5 });
    limiter.reset();
    expect((await limiter.count('forgot:p:alice', HOUR, 1000))._unsafeUnwrap()).toBe(0);
    expect((await limiter.attempt('forgot:p:alice', 5, HOUR, 1000))._unsafeUnwrap()).toEqual({ allowed: true, count: 1 });
  });

  it('MemoryRecoveryCodeStore.resetAttempts empties the confirm windows and keeps the codes; resetCodes the reverse', async () => {
    const codes = new MemoryRecoveryCodeStore();
    (await codes.issue('p', 'alice', { codeHmac: 'h', issuedAt: 0, expiresAt: HOUR }))._unsafeUnwrap();
    const limit = { max: 2, windowMs: HOUR };
    (await codes.attemptAndVerify('p', 'alice', 'x', 1, limit))._unsafeUnwrap();
    (await codes.attemptAndVerify('p', 'alice', 'x', 1, limit))._unsafeUnwrap();
    expect((await codes.attemptAndVerify('p', 'alice', 'h', 1, limit))._unsafeUnwrap()).toEqual({ allowed: false, outcome: 'valid' });
    codes.resetAttempts();
    expect((await codes.attemptAndVerify('p', 'alice', 'h', 1, limit))._unsafeUnwrap()).toEqual({ allowed: true, outcome: 'valid' });
    codes.resetCodes();
    expect((await codes.verify('p', 'alice', 'h', 1))._unsafeUnwrap()).toBe('none');
    expect((await codes.attemptAndVerify('p', 'alice', 'h', 1, limit))._unsafeUnwrap()).toEqual({ allowed: true, outcome: 'none' });
    // The store keeps working after a reset: new codes are issued and found.
    (await codes.issue('p', 'bob', { codeHmac: 'b', issuedAt: 2, expiresAt: HOUR }))._unsafeUnwrap();
    expect((await codes.verify('p', 'bob', 'b', 3))._unsafeUnwrap()).toBe('valid');
  });

  it('ManualClock tells whether it follows the system time', () => {
    expect(new ManualClock().realTime).toBe(false);
    expect(new ManualClock(0, { realTime: true }).realTime).toBe(true);
  });
});
