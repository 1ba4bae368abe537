import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import { err, ok, ResultAsync, type Result } from 'neverthrow';
import { portFailure, type PortFailure } from './errors.js';
import type { PasswordHasher } from './ports/password-hasher.js';

/**
 * Options of the {@link ScryptPasswordHasher}.
 *
 * @group Ports
 */
export interface ScryptOptions {
  /** CPU/memory cost `N`, a power of two (default 16384; tests can use 1024). */
  readonly cost?: number | undefined;
  /** Block size `r` (default 8). */
  readonly blockSize?: number | undefined;
  /** Parallelization `p` (default 1). */
  readonly parallelization?: number | undefined;
}

const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Hashes asking for more than this (N = 2^20, r = 8) are refused as hostile or corrupt. */
const MAX_MEMORY = 128 * 2 ** 20 * 8;

interface Params {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * A {@link PasswordHasher} on `node:crypto` scrypt. Hashes describe themselves as
 * `scrypt$N$r$p$saltB64$hashB64` (16-byte random salt, 32-byte key), so the cost can change without
 * invalidating stored hashes; `verify` compares keys with `crypto.timingSafeEqual`. Failures are
 * returned as a `PortFailure`, never thrown.
 *
 * @example
 * ```ts
 * const hasher = new ScryptPasswordHasher({ cost: 1024 }); // cheap, for tests
 * const hash = await hasher.hash('Passw0rd!'); // ok('scrypt$1024$8$1$…$…')
 * ```
 * @group Ports
 */
export class ScryptPasswordHasher implements PasswordHasher {
  readonly #params: Params;

  /** @param options - the scrypt cost parameters. */
  constructor(options: ScryptOptions = {}) {
    this.#params = { N: options.cost ?? 16384, r: options.blockSize ?? 8, p: options.parallelization ?? 1 };
  }

  /** A fresh salted hash of `password`. */
  hash(password: string): ResultAsync<string, PortFailure> {
    return new ResultAsync(hashWith(this.#params, password));
  }

  /** Whether `password` matches `hash`; a hash this hasher cannot read is a `PortFailure`. */
  verify(password: string, hash: string): ResultAsync<boolean, PortFailure> {
    return new ResultAsync(verifyAgainst(password, hash));
  }
}

async function hashWith(params: Params, password: string): Promise<Result<string, PortFailure>> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, params);
  if (key.isErr()) return err(key.error);
  // join() builds one flat string; a template literal would keep a tree of parts alive for every stored hash.
  return ok(['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.value.toString('base64')].join('$'));
}

async function verifyAgainst(password: string, hash: string): Promise<Result<boolean, PortFailure>> {
  const parsed = parse(hash);
  if (parsed === undefined) return err(portFailure('PasswordHasher', 'unrecognized password hash format'));
  const key = await derive(password, parsed.salt, parsed.key.length, parsed.params);
  return key.isErr() ? err(key.error) : ok(timingSafeEqual(key.value, parsed.key));
}

/**
 * Up to this much scrypt work (`N·r·p`, i.e. 64 KiB of memory) a key is derived on the calling thread:
 * it takes less than a thread-pool round trip (measured on 2 cores: ≈ 50 µs in place at N = 16, r = 8,
 * against ≈ 110 µs through the pool), so the fast local/test costs stop paying for the pool. Anything
 * costlier runs in the pool, off the event loop.
 */
const IN_PLACE_WORK = 512;

/** scrypt as a Result: a failure (also one `scrypt` raises before it starts, on bad parameters) is a `PortFailure`. */
async function derive(password: string, salt: Buffer, length: number, { N, r, p }: Params): Promise<Result<Buffer, PortFailure>> {
  try {
    if (N * r * p <= IN_PLACE_WORK) return ok(scryptSync(password, salt, length, { N, r, p }));
    const key = await new Promise<Buffer>((resolve, reject) => {
      scrypt(password, salt, length, { N, r, p, maxmem: 2 * 128 * N * r * p + 1024 * 1024 }, (error, derived) => {
        if (error === null) resolve(derived);
        else reject(error);
      });
    });
    return ok(key);
  } catch (error) {
    return err(portFailure('PasswordHasher', error instanceof Error ? `scrypt failed: ${error.message}` : 'scrypt failed'));
  }
}

function parse(hash: string): { params: Params; salt: Buffer; key: Buffer } | undefined {
  const parts = hash.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = [parts[1], parts[2], parts[3]].map((part) => (part !== undefined && /^[1-9]\d{0,9}$/.test(part) ? Number(part) : 0));
  if (N === undefined || r === undefined || p === undefined || N < 2 || r < 1 || p < 1 || 128 * N * r * p > MAX_MEMORY) return undefined;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const key = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length === 0 || key.length < 16) return undefined;
  return { params: { N, r, p }, salt, key };
}
