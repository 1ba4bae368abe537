import { ok, type Result } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { AttemptCounts, AttemptLimiter } from '../../ports/attempt-limiter.js';
import { describeBrokenBackend, uniqueSuffix, unwrap, type BrokenBackendOptions, type Make } from './support.js';

/**
 * The attempts in `key`'s window at `now`, read through the port: an attempt with a limit of 0 is
 * refused, records nothing and answers the count (`AttemptLimiter.attempt`).
 */
async function counted(limiter: AttemptLimiter, key: string, windowMs: number, now: number): Promise<Result<number, never>> {
  const decision = await unwrap(limiter.attempt(key, 0, windowMs, now));
  expect(decision.allowed, 'an attempt with limit 0 was allowed').toBe(false);
  return ok(decision.count);
}

/** The limiter's {@link AttemptCounts} read, when it offers one. */
function countsOf(limiter: AttemptLimiter): AttemptCounts | undefined {
  const candidate = limiter as Partial<AttemptCounts>;
  return typeof candidate.count === 'function' ? (limiter as AttemptLimiter & AttemptCounts) : undefined;
}

/**
 * Registers the {@link AttemptLimiter} contract: `limit` attempts per sliding window, refusals not
 * recorded, attempts leaving the window exactly `windowMs` later, keys independent — any string is a
 * key, NUL characters and non-ASCII included, compared exactly (no case folding, no Unicode
 * normalisation) — an atomic check-and-record under concurrency, and a `limit` below 1 that refuses,
 * records nothing and answers the count (the suite reads windows that way). A limiter that also offers
 * the {@link AttemptCounts} read (as the bundled ones do) must agree with it. With `options.broken`, a
 * factory of the limiter over a backend that fails every request, every method must also resolve
 * (never throw or reject) to a `PortFailure`.
 *
 * @example
 * ```ts
 * describeAttemptLimiterContract('MemoryAttemptLimiter', () => new MemoryAttemptLimiter());
 * describeAttemptLimiterContract('PostgresAttemptLimiter', () => new PostgresAttemptLimiter({ db }), {
 *   broken: () => new PostgresAttemptLimiter({ db: executorWhoseQueriesReject }),
 * });
 * ```
 * @group Testing
 */
export function describeAttemptLimiterContract(name: string, make: Make<AttemptLimiter>, options: BrokenBackendOptions<AttemptLimiter> = {}): void {
  describe(`AttemptLimiter contract: ${name}`, () => {
    const T = Date.UTC(2024, 0, 1);
    const W = 60_000;
    const key = (label = 'k'): string => `${label}:${uniqueSuffix()}`;

    it('allows limit attempts in the window, counting them, then refuses', async () => {
      const limiter = await make();
      const k = key();
      for (let i = 1; i <= 3; i++) expect(await limiter.attempt(k, 3, W, T + i)).toEqual(ok({ allowed: true, count: i }));
      expect(await limiter.attempt(k, 3, W, T + 10)).toEqual(ok({ allowed: false, count: 3 }));
      expect(await counted(limiter, k, W, T + 10)).toEqual(ok(3));
    });

    it('does not record refused attempts', async () => {
      const limiter = await make();
      const k = key();
      await unwrap(limiter.attempt(k, 2, W, T));
      await unwrap(limiter.attempt(k, 2, W, T + 1));
      for (let i = 0; i < 5; i++) expect((await unwrap(limiter.attempt(k, 2, W, T + 2 + i))).allowed).toBe(false);
      expect(await counted(limiter, k, W, T + 10)).toEqual(ok(2));
      // Had the refusals been recorded, they would still fill the window here.
      expect(await limiter.attempt(k, 2, W, T + W + 1)).toEqual(ok({ allowed: true, count: 1 }));
    });

    it('lets an attempt at t count until t + windowMs, excluded', async () => {
      const limiter = await make();
      const k = key();
      await unwrap(limiter.attempt(k, 1, W, T));
      expect(await counted(limiter, k, W, T + W - 1)).toEqual(ok(1));
      expect(await limiter.attempt(k, 1, W, T + W - 1)).toEqual(ok({ allowed: false, count: 1 }));
      expect(await counted(limiter, k, W, T + W)).toEqual(ok(0));
      expect(await limiter.attempt(k, 1, W, T + W)).toEqual(ok({ allowed: true, count: 1 }));
    });

    it('slides: each attempt leaves the window on its own schedule', async () => {
      const limiter = await make();
      const k = key();
      await unwrap(limiter.attempt(k, 3, W, T));
      await unwrap(limiter.attempt(k, 3, W, T + 10_000));
      await unwrap(limiter.attempt(k, 3, W, T + 20_000));
      expect((await unwrap(limiter.attempt(k, 3, W, T + 30_000))).allowed).toBe(false);
      expect(await counted(limiter, k, W, T + W)).toEqual(ok(2));
      expect(await limiter.attempt(k, 3, W, T + W)).toEqual(ok({ allowed: true, count: 3 }));
      expect((await unwrap(limiter.attempt(k, 3, W, T + W + 9_999))).allowed).toBe(false);
      expect(await limiter.attempt(k, 3, W, T + W + 10_000)).toEqual(ok({ allowed: true, count: 3 }));
      expect(await counted(limiter, k, W, T + 2 * W + 10_000)).toEqual(ok(0));
    });

    it('counts zero for a key never attempted', async () => {
      const limiter = await make();
      expect(await counted(limiter, key(), W, T)).toEqual(ok(0));
    });

    it('keeps keys independent', async () => {
      const limiter = await make();
      const a = key('a');
      const b = key('b');
      await unwrap(limiter.attempt(a, 1, W, T));
      expect((await unwrap(limiter.attempt(a, 1, W, T + 1))).allowed).toBe(false);
      expect(await limiter.attempt(b, 1, W, T + 1)).toEqual(ok({ allowed: true, count: 1 }));
      expect(await counted(limiter, a, W, T + 2)).toEqual(ok(1));
      expect(await counted(limiter, b, W, T + 2)).toEqual(ok(1));
    });

    it('takes any string as a key (NUL-separated as the core builds them, NUL characters, non-ASCII), each its own window', async () => {
      const limiter = await make();
      const s = uniqueSuffix();
      const pool = `us-east-1_${s}`;
      // Shaped like the core's request-limit keys (`fp NUL pool NUL username`, `… NUL ?input` for nobody).
      const keys = [
        `fp\u0000${pool}\u0000alice`,
        `fp\u0000${pool}\u0000?alice@example.com`,
        `fp\u0000${pool}\u0000alice\u0000`,
        `fp\u0000${pool}\u0000\u0000alice`,
        `fp\u0000${pool}alice`,
        `fp\u0000${pool}\u0000Alice`,
        `fp\u0000${pool}\u0000zoë`,
        `fp\u0000${pool}\u0000zoe\u0308`, // the same name decomposed: another key (no normalisation)
        `fp\u0000${pool}\u0000日本語`,
        `fp\u0000${pool}\u0000🙂 \\ "' %_`,
        `${s}\u0000\u0000`,
      ];
      for (const k of keys) expect(await limiter.attempt(k, 2, W, T)).toEqual(ok({ allowed: true, count: 1 }));
      expect(await limiter.attempt(keys[0] ?? '', 2, W, T + 1)).toEqual(ok({ allowed: true, count: 2 }));
      expect(await limiter.attempt(keys[0] ?? '', 2, W, T + 2)).toEqual(ok({ allowed: false, count: 2 }));
      for (const k of keys.slice(1)) expect(await counted(limiter, k, W, T + 2)).toEqual(ok(1));
      expect(await limiter.attempt(keys[1] ?? '', 2, W, T + 3)).toEqual(ok({ allowed: true, count: 2 }));
      expect(await counted(limiter, keys[0] ?? '', W, T + 3)).toEqual(ok(2));
    });

    it('allows exactly limit of 100 concurrent attempts', async () => {
      const limiter = await make();
      const k = key();
      const decisions = await Promise.all(Array.from({ length: 100 }, () => unwrap(limiter.attempt(k, 10, W, T))));
      expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
      expect(decisions.filter((d) => !d.allowed).every((d) => d.count === 10)).toBe(true);
      expect(
        decisions
          .filter((d) => d.allowed)
          .map((d) => d.count)
          .sort((x, y) => x - y),
      ).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(await counted(limiter, k, W, T)).toEqual(ok(10));
    });

    it('refuses every attempt when limit is below 1, recording nothing and answering the count', async () => {
      const limiter = await make();
      const k = key();
      expect(await limiter.attempt(k, 0, W, T)).toEqual(ok({ allowed: false, count: 0 }));
      expect(await limiter.attempt(k, -1, W, T)).toEqual(ok({ allowed: false, count: 0 }));
      await unwrap(limiter.attempt(k, 3, W, T + 1));
      await unwrap(limiter.attempt(k, 3, W, T + 2));
      for (let i = 0; i < 5; i++) expect(await limiter.attempt(k, 0, W, T + 3)).toEqual(ok({ allowed: false, count: 2 }));
      expect(await limiter.attempt(k, 3, W, T + 4)).toEqual(ok({ allowed: true, count: 3 }));
    });

    it('answers the same count through AttemptCounts.count, where the limiter offers it', async (context) => {
      const limiter = await make();
      const counts = countsOf(limiter);
      if (counts === undefined) return context.skip('the limiter offers no AttemptCounts read');
      const k = key();
      expect(await counts.count(k, W, T)).toEqual(ok(0));
      await unwrap(limiter.attempt(k, 5, W, T));
      await unwrap(limiter.attempt(k, 5, W, T + 10_000));
      expect(await counts.count(k, W, T + 10_000)).toEqual(ok(2));
      expect(await counts.count(k, W, T + W)).toEqual(ok(1));
      expect(await counts.count(k, W, T + W + 10_000)).toEqual(ok(0));
    });

    if (options.broken !== undefined) {
      describeBrokenBackend(options.broken, [
        ['attempt', (limiter: AttemptLimiter) => limiter.attempt(key(), 5, W, T)],
        ['attempt with limit 0', (limiter: AttemptLimiter) => limiter.attempt(key(), 0, W, T)],
        [
          'AttemptCounts.count, where offered',
          (limiter: AttemptLimiter) => (countsOf(limiter) ?? { count: () => limiter.attempt(key(), 0, W, T) }).count(key(), W, T),
        ],
      ]);
    }
  });
}
