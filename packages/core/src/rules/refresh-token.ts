/**
 * The opaque refresh token (R21.3, D34): JWE-shaped, five base64url parts separated by dots, the first
 * the header `{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}`, the content AES-256-GCM sealed under a
 * per-pool key derived from `secrets.codeKey`. Having five parts, it never verifies as a JWS.
 *
 * @module
 */
import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import type { RandomSource } from '../ports/random-source.js';

/** D34: the header every refresh token opens with, as Cognito's read. @group Rules */
export const REFRESH_TOKEN_HEADER = '{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}';

const HEADER_PART = Buffer.from(REFRESH_TOKEN_HEADER, 'utf8').toString('base64url');

/** The label of the per-pool key derivation: no other key made from `codeKey` uses it. */
const KEY_LABEL = 'cognito-recovery/refresh-token/v1';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * What a refresh token maps back to (R21.3). Times are epoch seconds.
 *
 * @group Rules
 */
export interface RefreshTokenContent {
  /** The pool. */
  readonly pool: string;
  /** The app client it was issued to. */
  readonly client: string;
  /** The canonical username. */
  readonly username: string;
  /** The user's `sub` (a user deleted and created again under the same name is another user). */
  readonly sub: string;
  /** `origin_jti` of the sign-in. */
  readonly originJti: string;
  /** `auth_time` of the sign-in. */
  readonly authTime: number;
  /** When it was issued. */
  readonly issuedAt: number;
  /** When it expires (R20.6: counted from the sign-in). */
  readonly expiresAt: number;
}

/**
 * The per-pool sealing key: `HMAC-SHA256(codeKey, label ‖ NUL ‖ poolId)`, 32 bytes.
 *
 * @group Rules
 */
export function refreshTokenKey(codeKey: Uint8Array, userPoolId: string): Buffer {
  return createHmac('sha256', codeKey).update(KEY_LABEL).update('\u0000').update(userPoolId).digest();
}

/** The content key of one token: the pool key and the token's own 16-byte salt (the JWE "encrypted key" part). */
function contentKey(poolKey: Uint8Array, salt: Uint8Array): Buffer {
  return createHmac('sha256', poolKey).update(salt).digest();
}

/**
 * Seals `content` into a refresh token under the pool key ({@link refreshTokenKey}); the salt and IV
 * come from `random`.
 *
 * @example
 * ```ts
 * const token = sealRefreshToken(refreshTokenKey(codeKey, pool.id), content, random);
 * token.split('.').length; // 5
 * ```
 * @group Rules
 */
export function sealRefreshToken(poolKey: Uint8Array, content: RefreshTokenContent, random: RandomSource): string {
  const salt = random.bytes(16);
  const iv = random.bytes(12);
  const cipher = createCipheriv('aes-256-gcm', contentKey(poolKey, salt), iv);
  cipher.setAAD(Buffer.from(HEADER_PART, 'ascii'));
  const sealed = Buffer.concat([cipher.update(JSON.stringify(content), 'utf8'), cipher.final()]);
  const parts = [HEADER_PART, Buffer.from(salt), Buffer.from(iv), sealed, cipher.getAuthTag()];
  return parts.map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
}

/**
 * Tells whether `token` has the shape of a refresh token (five base64url parts, the D34 header),
 * whether or not it opens.
 *
 * @group Rules
 */
export function looksLikeRefreshToken(token: string): boolean {
  const parts = token.split('.');
  return parts.length === 5 && parts[0] === HEADER_PART && parts.slice(1).every((part) => BASE64URL.test(part));
}

/**
 * Tells whether `token` is a compact JWS (three base64url parts whose first is a JSON header with an
 * `alg`): an ID or access token (RevokeToken's `UnsupportedTokenTypeException`, D40).
 *
 * @group Rules
 */
export function looksLikeJws(token: string): boolean {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part, i) => (i === 2 && part === '') || BASE64URL.test(part))) return false;
  try {
    const header: unknown = JSON.parse(Buffer.from(parts[0] ?? '', 'base64url').toString('utf8'));
    return typeof header === 'object' && header !== null && typeof (header as Record<string, unknown>)['alg'] === 'string';
  } catch {
    return false;
  }
}

/**
 * Opens a refresh token sealed under `poolKey`: its content, or `undefined` for anything else
 * (malformed, tampered, sealed under another pool's key).
 *
 * @group Rules
 */
export function openRefreshToken(poolKey: Uint8Array, token: string): RefreshTokenContent | undefined {
  if (!looksLikeRefreshToken(token)) return undefined;
  const [, saltPart, ivPart, sealedPart, tagPart] = token.split('.') as [string, string, string, string, string];
  const salt = Buffer.from(saltPart, 'base64url');
  const iv = Buffer.from(ivPart, 'base64url');
  const tag = Buffer.from(tagPart, 'base64url');
  if (salt.length !== 16 || iv.length !== 12 || tag.length !== 16) return undefined;
  let plain: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', contentKey(poolKey, salt), iv, { authTagLength: 16 });
    decipher.setAAD(Buffer.from(HEADER_PART, 'ascii'));
    decipher.setAuthTag(tag);
    plain = Buffer.concat([decipher.update(Buffer.from(sealedPart, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return undefined; // tampered, or another key
  }
  return contentOf(plain);
}

function contentOf(plain: string): RefreshTokenContent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(plain);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const strings = ['pool', 'client', 'username', 'sub', 'originJti'] as const;
  const numbers = ['authTime', 'issuedAt', 'expiresAt'] as const;
  if (!strings.every((name) => typeof v[name] === 'string') || !numbers.every((name) => Number.isSafeInteger(v[name]))) return undefined;
  return {
    pool: v['pool'] as string,
    client: v['client'] as string,
    username: v['username'] as string,
    sub: v['sub'] as string,
    originJti: v['originJti'] as string,
    authTime: v['authTime'] as number,
    issuedAt: v['issuedAt'] as number,
    expiresAt: v['expiresAt'] as number,
  };
}
