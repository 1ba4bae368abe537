import { describe, expect, it } from 'vitest';
import type { Clock } from '../../ports/clock.js';
import type { Make } from './support.js';

/**
 * Registers the {@link Clock} contract: `now()` is an integer epoch-millisecond time that does not go
 * backwards on its own.
 *
 * @example
 * ```ts
 * describeClockContract('ManualClock', () => new ManualClock());
 * ```
 * @group Testing
 */
export function describeClockContract(name: string, make: Make<Clock>): void {
  describe(`Clock contract: ${name}`, () => {
    it('tells an integer epoch-millisecond time after 2000-01-01', async () => {
      const clock = await make();
      const now = clock.now();
      expect(Number.isSafeInteger(now)).toBe(true);
      expect(now).toBeGreaterThan(Date.UTC(2000, 0, 1));
    });

    it('does not go backwards between calls', async () => {
      const clock = await make();
      let previous = clock.now();
      for (let i = 0; i < 1000; i++) {
        const now = clock.now();
        expect(now).toBeGreaterThanOrEqual(previous);
        previous = now;
      }
    });
  });
}
