import type { ResultAsync } from 'neverthrow';
import type { PortFailure } from '../errors.js';

/**
 * Which of a pool's two signing keys (R21.2, D34): ID tokens and access tokens are signed with
 * different keys, so they carry different `kid`s.
 *
 * @group Ports
 */
export type TokenUse = 'id' | 'access';

/**
 * The claims of a JWT: JSON values only (strings, numbers, booleans, arrays, objects).
 *
 * @group Ports
 */
export type JwtClaims = Readonly<Record<string, unknown>>;

/**
 * One public key of a JWKS (R21.9): `{kid, alg: "RS256", kty: "RSA", e, n, use: "sig"}`.
 *
 * @group Ports
 */
export interface PublicJwk {
  /** Key id, as in the `kid` header of the tokens it signs. */
  readonly kid: string;
  /** Always `RS256`. */
  readonly alg: 'RS256';
  /** Always `RSA`. */
  readonly kty: 'RSA';
  /** Public exponent, base64url. */
  readonly e: string;
  /** Modulus, base64url. */
  readonly n: string;
  /** Always `sig`. */
  readonly use: 'sig';
}

/**
 * Signs and verifies a pool's ID and access tokens (R21.2, D34): compact RS256 JWS with the header
 * exactly `{"kid", "alg": "RS256"}`, one key pair per pool and token use.
 *
 * - **Keys** are the signer's: created on first use of a pool (or loaded from configuration, a KMS
 *   key…) and kept for as long as the signer lives; `jwks` lists the public half of both keys, so a
 *   token signed for a pool verifies against that pool's JWKS with any JWT library.
 * - **Never reject**: every method answers a `ResultAsync` that resolves, to `err(PortFailure)` when
 *   the backend fails, never a rejected promise or a thrown error; a failure's `reason` quotes no
 *   token or claim.
 *
 * @group Ports
 */
export interface TokenSigner {
  /** A compact JWS of `claims`, signed with the pool's key for `use`. */
  sign(userPoolId: string, use: TokenUse, claims: JwtClaims): ResultAsync<string, PortFailure>;
  /**
   * The claims of `token` when it is a well-formed JWS signed by this signer with the pool's key for
   * `use` (header `alg` RS256 and the key's `kid`); `undefined` for anything else (garbage, another
   * pool's or use's key, a bad signature). Claims such as `exp` are not checked: the caller does.
   */
  verify(userPoolId: string, use: TokenUse, token: string): ResultAsync<JwtClaims | undefined, PortFailure>;
  /** The pool's public keys, ID key first (R21.9). */
  jwks(userPoolId: string): ResultAsync<readonly PublicJwk[], PortFailure>;
}
