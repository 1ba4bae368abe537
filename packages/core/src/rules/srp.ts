/**
 * SRP-6a exactly as Cognito and its clients compute it (§18): the RFC 5054 3072-bit group with
 * g = 2, Cognito's hex encodings, the pool name without its region prefix, the verifier the server
 * keeps per user, the server's `B` and key `K`, the claim signature, the TIMESTAMP check (D29) and
 * the simulated identity of unknown users (D30). Modular exponentiation runs in OpenSSL (a
 * Diffie-Hellman object with the group's prime), ten times faster than `BigInt`; none of these
 * functions throws.
 *
 * @module
 */
import { createDiffieHellman, createHash, createHmac, timingSafeEqual, type DiffieHellman } from 'node:crypto';
import type { SrpVerifier } from '../model/user.js';

/** R18.1: the RFC 5054 3072-bit prime (the RFC 3526 group 15 prime), hex. @internal */
export const SRP_N_HEX =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
  'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
  'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
  '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
  'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
  '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
  'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
  'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF';

/** The prime as a BigInt. @internal */
export const SRP_N = BigInt(`0x${SRP_N_HEX}`);

/** `N − 1`: with `0` and `1`, the bases OpenSSL's `computeSecret` refuses (answered in {@link srpModPow}). */
const N_MINUS_1 = SRP_N - 1n;

/** The byte length of `N` (384): bases go to OpenSSL at this width. */
const N_BYTES = 384;

const PRIME = Buffer.from(SRP_N_HEX, 'hex');

/**
 * One DH object per process, reused by every call (they are synchronous): `setPrivateKey(e)` +
 * `generateKeys()` is `g^e mod N`, `setPrivateKey(e)` + `computeSecret(x)` is `x^e mod N`.
 */
let dh: DiffieHellman | undefined;

/** The shared DH object, created on first use. */
function openssl(): DiffieHellman {
  dh ??= createDiffieHellman(PRIME, 2);
  return dh;
}

/** Whether every byte of `bytes` is zero (an exponent of 0). */
function isZero(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte !== 0) return false;
  return true;
}

/**
 * `base^exponent mod N` for a non-negative `base`, by square-and-multiply in BigInt: the fallback should
 * OpenSSL ever refuse an input, and the tests' reference.
 *
 * @internal
 */
export function slowModPow(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let b = base % SRP_N;
  let e = exponent;
  while (e > 0n) {
    if ((e & 1n) === 1n) result = (result * b) % SRP_N;
    b = (b * b) % SRP_N;
    e >>= 1n;
  }
  return result;
}

/** `g^exponent mod N` for an exponent given as big-endian bytes. @internal */
export function powG(exponent: Uint8Array): bigint {
  if (isZero(exponent)) return 1n;
  try {
    const group = openssl();
    group.setPrivateKey(exponent);
    return bytesToBig(group.generateKeys());
  } catch {
    return slowModPow(2n, bytesToBig(exponent));
  }
}

/**
 * `base^exponent mod N` for a non-negative `base` (any size; reduced here) and an exponent as
 * big-endian bytes, in OpenSSL. The bases OpenSSL refuses (`0`, `1`, `N − 1` after reduction) are
 * answered here, so this never throws.
 *
 * @internal
 */
export function srpModPow(base: bigint, exponent: Uint8Array): bigint {
  if (isZero(exponent)) return 1n;
  const r = base % SRP_N;
  if (r <= 1n) return r; // 0^e = 0 and 1^e = 1 for e > 0
  if (r === N_MINUS_1) return ((exponent[exponent.length - 1] ?? 0) & 1) === 1 ? N_MINUS_1 : 1n;
  try {
    const group = openssl();
    group.setPrivateKey(exponent);
    return bytesToBig(group.computeSecret(bigToBytes(r, N_BYTES)));
  } catch {
    return slowModPow(r, bytesToBig(exponent));
  }
}

/** R18 notation: `hex(n)`, lowercase, no leading zeros. @internal */
export function hex(n: bigint): string {
  return n.toString(16);
}

/**
 * R18 notation: `padHex(n)`: `hex(n)` padded with one `0` to even length, then prefixed with `00` if
 * its first digit is 8–f (a positive two's-complement byte string).
 *
 * @internal
 */
export function padHex(n: bigint): string {
  const h = n.toString(16);
  const even = h.length % 2 === 1 ? `0${h}` : h;
  return '89abcdef'.includes(even[0] ?? '0') ? `00${even}` : even;
}

/** Big-endian bytes to a non-negative BigInt. @internal */
export function bytesToBig(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  const view = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return BigInt(`0x${view.toString('hex')}`);
}

/**
 * A non-negative BigInt as big-endian bytes: the fewest bytes (at least one), or left-padded with
 * zeros to `length` bytes.
 *
 * @internal
 */
export function bigToBytes(n: bigint, length = 0): Buffer {
  const h = n.toString(16);
  const even = h.length % 2 === 1 ? `0${h}` : h;
  return Buffer.from(even.padStart(length * 2, '0'), 'hex');
}

/** Hex text (even or odd length) to bytes. @internal */
export function hexToBytes(h: string): Buffer {
  return Buffer.from(h.length % 2 === 1 ? `0${h}` : h, 'hex');
}

/** `H(bytes(hexText))` of R18 as an integer: SHA-256 over the bytes of a hex string. */
function hexHashToBig(hexText: string): bigint {
  return BigInt(`0x${createHash('sha256').update(hexToBytes(hexText)).digest('hex')}`);
}

/**
 * R18.1: the multiplier `k = H(bytes(padHex(N) || padHex(g)))` as an integer
 * (`538282c4…66d9ee6`), computed once.
 *
 * @internal
 */
export const SRP_K = hexHashToBig(padHex(SRP_N) + padHex(2n));

/** R18.2: the SRP pool name, the part of the pool id after `_`. @internal */
export function srpPoolName(userPoolId: string): string {
  return userPoolId.slice(userPoolId.indexOf('_') + 1);
}

/**
 * R18.6: `x = H(bytes(padHex(int(SALT)) || H(utf8(poolName || userIdForSrp || ":" || password))))`
 * as big-endian bytes (the exponent of the verifier).
 *
 * @internal
 */
export function srpX(userPoolId: string, userIdForSrp: string, password: string, saltHex: string): Buffer {
  const inner = createHash('sha256')
    .update(`${srpPoolName(userPoolId)}${userIdForSrp}:${password}`, 'utf8')
    .digest('hex');
  return createHash('sha256')
    .update(hexToBytes(padHex(BigInt(`0x${saltHex}`)) + inner))
    .digest();
}

/**
 * R18.15, D28: the SRP salt and verifier of a password, `v = g^x mod N`, for the user's canonical
 * username (`USER_ID_FOR_SRP`). `salt` must be 16 fresh random bytes (`RandomSource.bytes(16)`).
 *
 * @example
 * ```ts
 * srpVerifierOf('us-east-1_abcDEF123', 'alice', 'P@ssw0rd!', random.bytes(16)); // { salt: '8ce8…', verifier: 'b3ef…' }
 * ```
 * @internal
 */
export function srpVerifierOf(userPoolId: string, userIdForSrp: string, password: string, salt: Uint8Array): SrpVerifier {
  const saltHex = Buffer.from(salt).toString('hex');
  return { salt: saltHex, verifier: hex(powG(srpX(userPoolId, userIdForSrp, password, saltHex))) };
}

/** Non-empty hex text, either case, no `0x`. */
const HEX = /^[0-9a-fA-F]+$/;

/**
 * The longest `SRP_A` accepted, in hex digits. A client sends at most 768 (`hex(A)` with `A < N`);
 * the bound only keeps a hostile value from costing more than a real one.
 */
const SRP_A_MAX_HEX = 2048;

/** Hex text to a BigInt, `undefined` when it is not hex. */
function parseHex(text: string): bigint | undefined {
  return HEX.test(text) ? BigInt(`0x${text}`) : undefined;
}

/**
 * R18.3: `SRP_A` as sent (lowercase or uppercase hex, no `0x`); `undefined` when it is not hex or
 * `A mod N = 0`. The value is answered as sent (not reduced mod N): `u` hashes what the client sent.
 * Values longer than 2048 hex digits (a real one has at most 768) are refused too.
 *
 * @example
 * ```ts
 * parseSrpA('67679d4f…'); // 0x67679d4f…n
 * parseSrpA('0'); // undefined
 * ```
 * @internal
 */
export function parseSrpA(text: string): bigint | undefined {
  if (text.length > SRP_A_MAX_HEX) return undefined;
  const A = parseHex(text);
  return A === undefined || A % SRP_N === 0n ? undefined : A;
}

/**
 * D28, R18.5: `B = (k·v + g^b) mod N` for the user's verifier (hex) and a 128-byte random `b`;
 * `undefined` when `B mod N = 0` (draw another `b`) or the verifier is not hex. Cost: one
 * exponentiation with `b`'s bit length (OpenSSL).
 *
 * @example
 * ```ts
 * const b = ports.random.bytes(128);
 * const B = srpServerB(user.srp.verifier, b); // ChallengeParameters.SRP_B = hex(B)
 * ```
 * @internal
 */
export function srpServerB(verifierHex: string, b: Uint8Array): bigint | undefined {
  const v = parseHex(verifierHex);
  if (v === undefined) return undefined;
  const B = (SRP_K * v + powG(b)) % SRP_N;
  return B === 0n ? undefined : B;
}

/** R18.7: `u = int(H(bytes(padHex(A) || padHex(B))))`. @internal */
export function srpU(A: bigint, B: bigint): bigint {
  return hexHashToBig(padHex(A) + padHex(B));
}

/** R18.8: the HKDF info, `utf8("Caldera Derived Key") || 0x01`. */
const HKDF_INFO = Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Buffer.from([1])]);

/**
 * R18.8: `K`, the first 16 bytes of `HMAC(PRK, info)` with `PRK = HMAC(bytes(padHex(u)), bytes(padHex(S)))`.
 *
 * @internal
 */
export function srpHkdf(u: bigint, S: bigint): Buffer {
  const prk = createHmac('sha256', hexToBytes(padHex(u)))
    .update(hexToBytes(padHex(S)))
    .digest();
  return createHmac('sha256', prk).update(HKDF_INFO).digest().subarray(0, 16);
}

/**
 * R18.7–R18.8: the 16-byte key `K` of the server side, `S = (A·v^u)^b mod N`; `undefined` when
 * `u = 0`, `A mod N = 0` or the verifier is not hex. Cost: one exponentiation with `u` (256 bits)
 * and one with `b` (OpenSSL).
 *
 * @example
 * ```ts
 * const K = srpServerKey({ A, B, b, verifierHex: user.srp.verifier });
 * const expected = K && srpClaimSignature(K, poolId, userIdForSrp, secretBlock, timestamp);
 * ```
 * @internal
 */
export function srpServerKey(input: { readonly A: bigint; readonly B: bigint; readonly b: Uint8Array; readonly verifierHex: string }): Buffer | undefined {
  return srpServerKeyOfU({ A: input.A, u: srpU(input.A, input.B), b: input.b, verifierHex: input.verifierHex });
}

/**
 * {@link srpServerKey} for a `u` computed when `B` was (R18.7): the answer to a challenge then needs
 * no `B`, so it costs the two exponentiations of `S` and not a third for `B` again.
 *
 * @example
 * ```ts
 * const u = srpU(A, B); // at InitiateAuth, sealed in the SECRET_BLOCK
 * const K = srpServerKeyOfU({ A, u, b, verifierHex: user.srp.verifier }); // at the answer
 * ```
 * @internal
 */
export function srpServerKeyOfU(input: { readonly A: bigint; readonly u: bigint; readonly b: Uint8Array; readonly verifierHex: string }): Buffer | undefined {
  const { A, u, b, verifierHex } = input;
  const a = A % SRP_N;
  if (a <= 0n) return undefined; // A mod N = 0 would make S = 0 whatever the password
  const v = parseHex(verifierHex);
  if (v === undefined) return undefined;
  if (u <= 0n) return undefined;
  const vu = srpModPow(v, bigToBytes(u));
  const S = srpModPow(a * vu, b);
  return srpHkdf(u, S);
}

/**
 * D28: the key `K` of a challenge's answer, from the sealed attempt: with the `u` sealed at issue
 * (hex) two exponentiations; for a block sealed without one (an older server), `B` is computed from
 * `b` again first. `undefined` where {@link srpServerKeyOfU} answers it, or for a verifier or `u` that
 * is not hex.
 *
 * @example
 * ```ts
 * const K = srpAnswerKey(A, Buffer.from(attempt.b, 'hex'), user.srp.verifier, attempt.u);
 * ```
 * @internal
 */
export function srpAnswerKey(A: bigint, b: Uint8Array, verifierHex: string, uHex: string | undefined): Buffer | undefined {
  if (uHex !== undefined) {
    const u = parseHex(uHex);
    return u === undefined ? undefined : srpServerKeyOfU({ A, u, b, verifierHex });
  }
  const B = srpServerB(verifierHex, b);
  return B === undefined ? undefined : srpServerKey({ A, B, b, verifierHex });
}

/**
 * R18.10: `base64(HMAC_SHA256(K, utf8(poolName) || utf8(userIdForSrp) || base64decode(secretBlock) || utf8(timestamp)))`,
 * standard base64 with padding, over the strings exactly as received.
 *
 * @internal
 */
export function srpClaimSignature(K: Uint8Array, userPoolId: string, userIdForSrp: string, secretBlock: string, timestamp: string): string {
  return createHmac('sha256', K)
    .update(srpPoolName(userPoolId), 'utf8')
    .update(userIdForSrp, 'utf8')
    .update(Buffer.from(secretBlock, 'base64'))
    .update(timestamp, 'utf8')
    .digest('base64');
}

/**
 * R18.11, D28: whether the `PASSWORD_CLAIM_SIGNATURE` sent equals the expected one, compared in
 * constant time (only the length, public, short-circuits).
 *
 * @internal
 */
export function srpSignatureMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** R18.9 names, in `getUTCDay()` / `getUTCMonth()` order. @internal */
export const SRP_WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
/** @internal */
export const SRP_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** D29: the TIMESTAMP pattern (capturing groups added; it matches exactly what D29's pattern matches). */
const TIMESTAMP =
  /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([1-9]|[12][0-9]|3[01]) ([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9]) UTC ([0-9]{4})$/;

/**
 * D29: the instant (epoch ms) a TIMESTAMP names, or `undefined` when it does not match the pattern,
 * is not a real date (`Feb 30`) or its weekday is not that date's.
 *
 * @internal
 */
export function srpTimestampMs(timestamp: string): number | undefined {
  const m = TIMESTAMP.exec(timestamp);
  if (m === null) return undefined;
  const [, weekday = '', monthName = '', day = '', hours = '', minutes = '', seconds = '', year = ''] = m;
  const month = (SRP_MONTHS as readonly string[]).indexOf(monthName);
  const date = new Date(0);
  date.setUTCFullYear(Number(year), month, Number(day)); // years 0000–0099 stay literal (Date.UTC would add 1900)
  date.setUTCHours(Number(hours), Number(minutes), Number(seconds), 0);
  if (date.getUTCMonth() !== month || date.getUTCDate() !== Number(day)) return undefined; // rolled over: no such day
  return SRP_WEEKDAYS[date.getUTCDay()] === weekday ? date.getTime() : undefined;
}

/**
 * D29: the TIMESTAMP matches the pattern, is a real date whose weekday matches, and lies within
 * `±skewMs` (inclusive) of `nowMs`.
 *
 * @example
 * ```ts
 * srpTimestampValid('Sat Aug 1 09:05:07 UTC 2026', Date.UTC(2026, 7, 1, 9, 5, 7), 300_000); // true
 * srpTimestampValid('Sat Aug 01 09:05:07 UTC 2026', Date.UTC(2026, 7, 1, 9, 5, 7), 300_000); // false
 * ```
 * @internal
 */
export function srpTimestampValid(timestamp: string, nowMs: number, skewMs: number): boolean {
  const at = srpTimestampMs(timestamp);
  return at !== undefined && Math.abs(at - nowMs) <= skewMs;
}

/** D30: `HMAC-SHA256(poolSecret, utf8(label ‖ normalisedInput))`. */
function simulationHmac(poolSecret: string, label: string, normalisedInput: string): Buffer {
  return createHmac('sha256', poolSecret).update(`${label}${normalisedInput}`, 'utf8').digest();
}

/**
 * D30, R18.13: the stable fake identity of an unknown input under `ENABLED`: `salt` (32 hex, the
 * first 16 bytes of `HMAC-SHA256(poolSecret, "srp-salt" ‖ input)`), `userIdForSrp` (UUID v4 format,
 * from `HMAC-SHA256(poolSecret, "srp-uid" ‖ input)`) and a fake `verifier` (hex) derived from
 * `HMAC-SHA256(poolSecret, "srp-v" ‖ input)`: expanded to 384 bytes (HMAC in counter mode), reduced
 * mod N and squared, so it lies in the same subgroup as real verifiers (`g = 2` is a quadratic
 * residue) and costs no exponentiation; `B` is then computed from it exactly as for a real user.
 * `poolSecret` is used as a UTF-8 HMAC key.
 *
 * @example
 * ```ts
 * const fake = simulatedSrpIdentity(poolSecret, 'nobody@example.com');
 * const B = srpServerB(fake.verifier, ports.random.bytes(128)); // SALT: fake.salt, USER_ID_FOR_SRP: fake.userIdForSrp
 * ```
 * @internal
 */
export function simulatedSrpIdentity(
  poolSecret: string,
  normalisedInput: string,
): { readonly salt: string; readonly userIdForSrp: string; readonly verifier: string } {
  const salt = simulationHmac(poolSecret, 'srp-salt', normalisedInput).subarray(0, 16).toString('hex');

  const id = Buffer.from(simulationHmac(poolSecret, 'srp-uid', normalisedInput).subarray(0, 16));
  id[6] = ((id[6] ?? 0) & 0x0f) | 0x40; // version 4
  id[8] = ((id[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
  const h = id.toString('hex');
  const userIdForSrp = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;

  const seed = simulationHmac(poolSecret, 'srp-v', normalisedInput);
  const blocks: Buffer[] = [];
  for (let i = 1; i <= N_BYTES / 32; i++)
    blocks.push(
      createHmac('sha256', seed)
        .update(Buffer.from([i]))
        .digest(),
    );
  const w = bytesToBig(Buffer.concat(blocks)) % SRP_N;
  const v = (w * w) % SRP_N;
  return { salt, userIdForSrp, verifier: hex(v < 2n ? 4n : v) };
}
