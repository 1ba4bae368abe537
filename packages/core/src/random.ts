import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { RandomSource } from './ports/random-source.js';

/**
 * The production {@link RandomSource}: `crypto.randomInt`, `crypto.randomUUID`, `crypto.randomBytes`.
 *
 * @example
 * ```ts
 * const code = cryptoRandomSource.randomInt(0, 1_000_000);
 * ```
 * @group Ports
 */
export const cryptoRandomSource: RandomSource = {
  randomInt: (min, max) => randomInt(min, max),
  uuid: () => randomUUID(),
  bytes: (length) => new Uint8Array(randomBytes(length)),
};
