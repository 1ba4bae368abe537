import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { AttemptLimiter } from '../../ports/attempt-limiter.js';
import { uniqueSuffix, unwrap, type Make } from './support.js';

/**
 * Registers the {@link AttemptLimiter} contract: `limit` attempts per sliding window, refusals not
 * recorded, attempts leaving the window exactly `windowMs` later, keys independent, and an atomic
 * check-and-record under concurrency.
 *
 * @example
 * ```ts
 * describeAttemptLimiterContract('MemoryAttemptLimiter', () => new MemoryAttemptLimiter());
 * ```
 * @group Testing
 */
export function describeAttemptLimiterContract(name: string, make: Make<AttemptLimiter>): void {
  describe(`AttemptLimiter contract: ${name}`, () => {
    const T = Date.UTC(2024, 0, 1);
    const W = 60_000;
    const key = (label = 'k'): string => `${label}:${uniqueSuffix()}`;

    it('allows limit attempts in the window, counting them, then refuses', async () => {
      const limiter = await make();
      const k = key();
      for (let i = 1; i <= 3; i++) expect(await limiter.attempt(k, 3, W, T + i)).toEqual(ok({ allowed: true, count: i }));
      expect(await limiter.attempt(k, 3, W, T + 10)).toEqual(ok({ allowed: false, count: 3 }));
      expect(await limiter.count(k, W, T + 10)).toEqual(ok(3));
    });

    it('does not record refused attempts', async () => {
      const limiter = await make();
      const k = key();
      await unwrap(limiter.attempt(k, 2, W, T));
      await unwrap(limiter.attempt(k, 2, W, T + 1));
      for (let i = 0; i < 5; i++) expect((await unwrap(limiter.attempt(k, 2, W, T + 2 + i))).allowed).toBe(false);
      expect(await limiter.count(k, W, T + 10)).toEqual(ok(2));
      // Had the refusals been recorded, they would still fill the window here.
      expect(await limiter.attempt(k, 2, W, T + W + 1)).toEqual(ok({ allowed: true, count: 1 }));
    });

    it('lets an attempt at t count until t + windowMs, excluded', async () => {
      const limiter = await make();
      const k = key();
      await unwrap(limiter.attempt(k, 1, W, T));
      expect(await limiter.count(k, W, T + W - 1)).toEqual(ok(1));
      expect(await limiter.attempt(k, 1, W, T + W - 1)).toEqual(ok({ allowed: false, count: 1 }));
      expect(await limiter.count(k, W, T + W)).toEqual(ok(0));
      expect(await limiter.attempt(k, 1, W, T + W)).toEqual(ok({ allowed: true, count: 1 }));
    });

    it('slides: each attempt leaves the window on its own schedule', async () => {
      const limiter = await make();
      const k = key();
      await unwrap(limiter.attempt(k, 3, W, T));
      await unwrap(limiter.attempt(k, 3, W, T + 10_000));
      await unwrap(limiter.attempt(k, 3, W, T + 20_000));
      expect((await unwrap(limiter.attempt(k, 3, W, T + 30_000))).allowed).toBe(false);
      expect(await limiter.count(k, W, T + W)).toEqual(ok(2));
      expect(await limiter.attempt(k, 3, W, T + W)).toEqual(ok({ allowed: true, count: 3 }));
      expect((await unwrap(limiter.attempt(k, 3, W, T + W + 9_999))).allowed).toBe(false);
      expect(await limiter.attempt(k, 3, W, T + W + 10_000)).toEqual(ok({ allowed: true, count: 3 }));
      expect(await limiter.count(k, W, T + 2 * W + 10_000)).toEqual(ok(0));
    });

    it('counts zero for a key never attempted', async () => {
      const limiter = await make();
      expect(await limiter.count(key(), W, T)).toEqual(ok(0));
    });

    it('keeps keys independent', async () => {
      const limiter = await make();
      const a = key('a');
      const b = key('b');
      await unwrap(limiter.attempt(a, 1, W, T));
      expect((await unwrap(limiter.attempt(a, 1, W, T + 1))).allowed).toBe(false);
      expect(await limiter.attempt(b, 1, W, T + 1)).toEqual(ok({ allowed: true, count: 1 }));
      expect(await limiter.count(a, W, T + 2)).toEqual(ok(1));
      expect(await limiter.count(b, W, T + 2)).toEqual(ok(1));
    });

    it('allows exactly limit of 100 concurrent attempts', async () => {
      const limiter = await make();
      const k = key();
      const decisions = await Promise.all(Array.from({ length: 100 }, () => unwrap(limiter.attempt(k, 10, W, T))));
      expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
      expect(decisions.filter((d) => !d.allowed).every((d) => d.count === 10)).toBe(true);
      expect(decisions.filter((d) => d.allowed).map((d) => d.count).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(await limiter.count(k, W, T)).toEqual(ok(10));
    });
  });
}
