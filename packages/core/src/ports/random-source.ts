/**
 * Randomness, injectable for tests. Production code uses {@link cryptoRandomSource}, backed by
 * `crypto.randomInt` and `crypto.randomUUID`.
 *
 * @group Ports
 */
export interface RandomSource {
  /** A uniform integer in `[min, max)`. */
  randomInt(min: number, max: number): number;
  /** A random UUID v4. */
  uuid(): string;
  /** `length` random bytes. */
  bytes(length: number): Uint8Array;
}
