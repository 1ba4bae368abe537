/**
 * SRP-6a exactly as Cognito and its clients compute it (§18): the RFC 5054 3072-bit group with
 * g = 2, Cognito's hex encodings, the pool name without its region prefix, and the verifier the
 * server keeps per user. Modular exponentiation runs in OpenSSL (a Diffie-Hellman object with the
 * group's prime), ten times faster than `BigInt`.
 *
 * @module
 */
import { createDiffieHellman, createHash, type DiffieHellman } from 'node:crypto';
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

const PRIME = Buffer.from(SRP_N_HEX, 'hex');

/** One DH object per process: `setPrivateKey` + `generateKeys` is `g^e mod N`. */
let dh: DiffieHellman | undefined;

/** `g^exponent mod N` for an exponent given as big-endian bytes. @internal */
export function powG(exponent: Uint8Array): bigint {
  dh ??= createDiffieHellman(PRIME, 2);
  dh.setPrivateKey(Buffer.from(exponent));
  return bytesToBig(dh.generateKeys());
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
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
}

/** Hex text (even or odd length) to bytes. @internal */
export function hexToBytes(h: string): Buffer {
  return Buffer.from(h.length % 2 === 1 ? `0${h}` : h, 'hex');
}

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
