import type { RandomSource } from '@cognito-recovery/core';

const TWO_POW_32 = 2 ** 32;
const TWO_POW_48 = 2 ** 48;

/**
 * A deterministic {@link RandomSource} (sfc32 seeded through splitmix32): the same seed gives the
 * same codes, UUIDs and bytes, so tests can predict them. **For tests only**: it is not a
 * cryptographic generator; production code uses `cryptoRandomSource` from the core.
 *
 * @example
 * ```ts
 * const random = new SeededRandomSource(42);
 * const code = random.randomInt(0, 1_000_000); // the same on every run
 * ```
 * @group Adapters
 */
export class SeededRandomSource implements RandomSource {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  /** @param seed - any number; only its low 32 bits matter. */
  constructor(seed: number) {
    let s = seed >>> 0;
    const split = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.#a = split();
    this.#b = split();
    this.#c = split();
    this.#d = split();
    for (let i = 0; i < 12; i++) this.#next32();
  }

  /**
   * A uniform integer in `[min, max)`, without modulo bias. Like `crypto.randomInt`, it needs safe
   * integers with `min < max` and `max - min <= 2^48`.
   *
   * @throws RangeError on arguments `crypto.randomInt` would refuse.
   */
  randomInt(min: number, max: number): number {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min >= max || max - min > TWO_POW_48) {
      throw new RangeError('randomInt(min, max) needs safe integers with min < max and max - min <= 2^48');
    }
    const range = max - min;
    const bound = TWO_POW_48 - (TWO_POW_48 % range);
    let x: number;
    do {
      x = (this.#next32() & 0xffff) * TWO_POW_32 + this.#next32();
    } while (x >= bound);
    return min + (x % range);
  }

  /** A UUID with the version 4 and RFC 4122 variant bits set, drawn from the seeded stream. */
  uuid(): string {
    const b = this.bytes(16);
    b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
    b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
    let hex = '';
    for (const byte of b) hex += byte.toString(16).padStart(2, '0');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /**
   * `length` bytes from the seeded stream.
   *
   * @throws RangeError when `length` is not a non-negative safe integer.
   */
  bytes(length: number): Uint8Array {
    if (!Number.isSafeInteger(length) || length < 0) throw new RangeError('bytes(length) needs a non-negative integer');
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i += 4) {
      let word = this.#next32();
      for (let j = i; j < i + 4 && j < length; j++) {
        out[j] = word & 0xff;
        word >>>= 8;
      }
    }
    return out;
  }

  #next32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }
}
