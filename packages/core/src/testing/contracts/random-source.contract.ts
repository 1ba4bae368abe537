import { describe, expect, it } from 'vitest';
import type { RandomSource } from '../../ports/random-source.js';
import type { Make } from './support.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * Registers the {@link RandomSource} contract: `randomInt` stays in `[min, max)` and reaches both
 * ends, `uuid` is a lower-case UUID v4, `bytes` has the asked length, and draws are not constant.
 *
 * @example
 * ```ts
 * describeRandomSourceContract('SeededRandomSource', () => new SeededRandomSource(42));
 * ```
 * @group Testing
 */
export function describeRandomSourceContract(name: string, make: Make<RandomSource>): void {
  describe(`RandomSource contract: ${name}`, () => {
    it('draws randomInt within [min, max), reaching both ends', async () => {
      const random = await make();
      const seen = new Set<number>();
      for (let i = 0; i < 2000; i++) {
        const n = random.randomInt(-3, 5);
        expect(Number.isInteger(n)).toBe(true);
        expect(n).toBeGreaterThanOrEqual(-3);
        expect(n).toBeLessThan(5);
        seen.add(n);
      }
      expect([...seen].sort((a, b) => a - b)).toEqual([-3, -2, -1, 0, 1, 2, 3, 4]);
    });

    it('draws six-digit codes across the whole range', async () => {
      const random = await make();
      let low = false;
      let high = false;
      for (let i = 0; i < 2000; i++) {
        const n = random.randomInt(0, 1_000_000);
        expect(n).toBeGreaterThanOrEqual(0);
        expect(n).toBeLessThan(1_000_000);
        if (n < 100_000) low = true;
        if (n >= 900_000) high = true;
      }
      expect(low && high).toBe(true);
    });

    it('answers min for a range of one', async () => {
      const random = await make();
      expect(random.randomInt(7, 8)).toBe(7);
    });

    it('makes distinct UUID v4 strings', async () => {
      const random = await make();
      const uuids = Array.from({ length: 200 }, () => random.uuid());
      for (const uuid of uuids) expect(uuid).toMatch(UUID_V4);
      expect(new Set(uuids).size).toBe(200);
    });

    it('makes as many bytes as asked, not all alike', async () => {
      const random = await make();
      expect(random.bytes(0)).toHaveLength(0);
      expect(random.bytes(1)).toHaveLength(1);
      const bytes = random.bytes(37);
      expect(bytes).toBeInstanceOf(Uint8Array);
      expect(bytes).toHaveLength(37);
      expect(new Set(bytes).size).toBeGreaterThan(1);
      expect(Buffer.from(random.bytes(32)).equals(Buffer.from(random.bytes(32)))).toBe(false);
    });
  });
}
