/**
 * A seeded generator for tests that draw at random yet must replay a failing case from its seed.
 *
 * @module
 */

/**
 * mulberry32: a small, fast generator of numbers in `[0, 1)`, the same sequence for the same `seed`
 * (good enough to spread faults or build fuzz cases; not for secrets).
 *
 * @example
 * ```ts
 * const random = seededRandom(Number(process.env.FUZZ_SEED ?? Date.now()));
 * const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
 * ```
 * @group Testing
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
