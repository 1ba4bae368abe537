/**
 * The sealed challenge states of sign-in: the `Session` of a `NEW_PASSWORD_REQUIRED` challenge (D31)
 * and the `SECRET_BLOCK` of a `PASSWORD_VERIFIER` challenge (D28). Each is AES-256-GCM over a JSON
 * record, under a key derived with HKDF-SHA256 from `secrets.codeKey`, a label of its own and the
 * pool id (the pool and label are also the authenticated data), as standard base64:
 * `base64(0x01 ‖ iv(12) ‖ ciphertext ‖ tag(16))`. Tampered, truncated or foreign values (another
 * pool, the other kind) do not open. The plaintext is padded to a multiple of 1024 bytes. The state never leaves the server in the clear; single use is
 * the caller's (an `AttemptLimiter` key per nonce).
 *
 * @module
 */
import { createCipheriv, createDecipheriv, hkdfSync } from 'node:crypto';

/** Which sealed state: a challenge session or an SRP secret block. @group Rules */
export type SealLabel = 'session' | 'srp-secret-block';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** The plaintext is padded with blanks to a multiple of this, so a value's length hides its content (D30: a simulated SECRET_BLOCK is as long as a real one). */
const PAD_BYTES = 1024;

/** Bytes of fresh randomness {@link sealState} needs as its IV. @group Rules */
export const SEAL_IV_BYTES = IV_BYTES;

function keyFor(codeKey: Uint8Array, label: SealLabel, poolId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', codeKey, Buffer.alloc(0), `cognito-recovery ${label}\u0000${poolId}`, 32));
}

function aadOf(label: SealLabel, poolId: string): Buffer {
  return Buffer.from(`${label}\u0000${poolId}`, 'utf8');
}

/**
 * Seals `state` (a JSON-serialisable record) for `poolId` under `label`; `iv` must be
 * {@link SEAL_IV_BYTES} fresh random bytes (`RandomSource.bytes`).
 *
 * @example
 * ```ts
 * const text = sealState(secrets.codeKey, 'session', pool.id, { nonce }, random.bytes(SEAL_IV_BYTES));
 * openState(secrets.codeKey, 'session', pool.id, text); // { nonce }
 * ```
 * @group Rules
 */
export function sealState(codeKey: Uint8Array, label: SealLabel, poolId: string, state: object, iv: Uint8Array): string {
  const cipher = createCipheriv('aes-256-gcm', keyFor(codeKey, label, poolId), iv);
  cipher.setAAD(aadOf(label, poolId));
  const json = Buffer.from(JSON.stringify(state), 'utf8');
  const padded = Buffer.concat([json, Buffer.alloc((PAD_BYTES - (json.length % PAD_BYTES)) % PAD_BYTES, 0x20)]);
  const body = Buffer.concat([cipher.update(padded), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), Buffer.from(iv), body, cipher.getAuthTag()]).toString('base64');
}

/**
 * Opens a value {@link sealState} made for the same key, label and pool: the parsed record, or
 * `undefined` for anything else (not canonical base64, wrong version, tampered, another pool or
 * label, not a JSON object).
 *
 * @group Rules
 */
export function openState(codeKey: Uint8Array, label: SealLabel, poolId: string, text: string): Record<string, unknown> | undefined {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length < 1 + IV_BYTES + TAG_BYTES + 2 || bytes.toString('base64') !== text || bytes[0] !== VERSION) return undefined;
  const iv = bytes.subarray(1, 1 + IV_BYTES);
  const tag = bytes.subarray(bytes.length - TAG_BYTES);
  const body = bytes.subarray(1 + IV_BYTES, bytes.length - TAG_BYTES);
  let plain: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(codeKey, label, poolId), iv);
    decipher.setAAD(aadOf(label, poolId));
    decipher.setAuthTag(tag);
    plain = Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    return undefined; // authentication failed: tampered or foreign
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(plain);
  } catch {
    return undefined;
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
}

/** The state a `NEW_PASSWORD_REQUIRED` `Session` carries (D31, D39). @group Rules */
export interface ChallengeSession {
  /** The pool. */
  readonly poolId: string;
  /** The app client it was issued to. */
  readonly clientId: string;
  /** The user's canonical username. */
  readonly username: string;
  /** The challenge it answers. */
  readonly challengeName: 'NEW_PASSWORD_REQUIRED';
  /** Epoch ms of issue. */
  readonly issuedAt: number;
  /** Random, the single-use key. */
  readonly nonce: string;
  /** D39: the user's `passwordSetAt` at issue (`0` when unknown); a password change kills the session. */
  readonly passwordSetAt: number;
}

/** The state a `SECRET_BLOCK` carries (D28, D30, D39). @group Rules */
export interface SrpAttempt {
  /** Random, the single-use key. */
  readonly attemptId: string;
  /** The pool. */
  readonly poolId: string;
  /** The app client it was issued to. */
  readonly clientId: string;
  /** `USER_ID_FOR_SRP`: the canonical username, or the simulated id (D30). */
  readonly userId: string;
  /** `SRP_A`, hex as received. */
  readonly a: string;
  /** The server's secret `b`, hex. */
  readonly b: string;
  /** Epoch ms of issue. */
  readonly issuedAt: number;
  /** D39: the salt of the verifier used (a password change draws a new salt). */
  readonly salt: string;
  /** D30: the normalised input of nobody, when the challenge was simulated (the lockout key of the answer). */
  readonly unknownInput?: string | undefined;
  /**
   * R18.7: `u = H(padHex(A) ‖ padHex(B))`, hex, computed with `B` at issue (absent when `SRP_A` is not
   * usable), so the answer does not compute `B` again. Blocks sealed without it still open: the answer
   * then computes `B` from `b`.
   */
  readonly u?: string | undefined;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * D31: a `Session` string for `session`.
 *
 * @group Rules
 */
export function sealSession(codeKey: Uint8Array, session: ChallengeSession, iv: Uint8Array): string {
  return sealState(codeKey, 'session', session.poolId, session, iv);
}

/**
 * D31: the state of a `Session` string sealed for `poolId`, or `undefined` (unknown, tampered, another pool).
 *
 * @group Rules
 */
export function openSession(codeKey: Uint8Array, poolId: string, text: string): ChallengeSession | undefined {
  const s = openState(codeKey, 'session', poolId, text);
  if (s === undefined) return undefined;
  const { clientId, username, challengeName, issuedAt, nonce, passwordSetAt } = s;
  if (s['poolId'] !== poolId || !isString(clientId) || !isString(username) || challengeName !== 'NEW_PASSWORD_REQUIRED') return undefined;
  if (!isNumber(issuedAt) || !isString(nonce) || !isNumber(passwordSetAt)) return undefined;
  return { poolId, clientId, username, challengeName, issuedAt, nonce, passwordSetAt };
}

/**
 * D28: a `SECRET_BLOCK` for `attempt`.
 *
 * @group Rules
 */
export function sealSecretBlock(codeKey: Uint8Array, attempt: SrpAttempt, iv: Uint8Array): string {
  return sealState(codeKey, 'srp-secret-block', attempt.poolId, attempt, iv);
}

/**
 * D28: the attempt a `SECRET_BLOCK` sealed for `poolId` carries, or `undefined` (unknown, tampered, another pool).
 *
 * @group Rules
 */
export function openSecretBlock(codeKey: Uint8Array, poolId: string, text: string): SrpAttempt | undefined {
  const s = openState(codeKey, 'srp-secret-block', poolId, text);
  if (s === undefined) return undefined;
  const { attemptId, clientId, userId, a, b, issuedAt, salt, unknownInput, u } = s;
  if (s['poolId'] !== poolId || !isString(attemptId) || !isString(clientId) || !isString(userId) || !isString(a) || !isString(b)) return undefined;
  if (!isNumber(issuedAt) || !isString(salt) || (unknownInput !== undefined && !isString(unknownInput)) || (u !== undefined && !isString(u))) return undefined;
  return { attemptId, poolId, clientId, userId, a, b, issuedAt, salt, unknownInput, u };
}
