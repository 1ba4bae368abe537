import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { portFailure, type PortFailure } from './errors.js';
import type { JwtClaims, PublicJwk, TokenSigner, TokenUse } from './ports/token-signer.js';
import { SignJWT, exportJWK, jwtVerify } from 'jose';
import { ResultAsync, errAsync, okAsync } from 'neverthrow';

/**
 * The private keys of a {@link LocalTokenSigner}, as PKCS#8 PEM, so tokens survive a restart.
 *
 * @group Adapters
 */
export interface LocalSigningKeys {
  /** RSA private key (2048 bits or more) for ID tokens, PKCS#8 PEM. */
  readonly id: string;
  /** RSA private key for access tokens, PKCS#8 PEM (must differ from `id`, R21.2). */
  readonly access: string;
}

interface SigningKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly kid: string;
}

/**
 * D34: the `kid` of a key: standard base64 (with padding) of SHA-256 over its DER SubjectPublicKeyInfo.
 *
 * @group Adapters
 */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64');
}

function signingKey(privateKey: KeyObject): SigningKey {
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, kid: keyIdOf(publicKey) };
}

/**
 * Fresh keys for a {@link LocalTokenSigner}: two RSA-2048 key pairs, as PEM.
 *
 * @example
 * ```ts
 * const keys = generateLocalSigningKeys(); // store them, pass them back after a restart
 * const signer = new LocalTokenSigner({ keys });
 * ```
 * @group Adapters
 */
export function generateLocalSigningKeys(): LocalSigningKeys {
  const pem = (): string => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { id: pem(), access: pem() };
}

/**
 * Options of {@link LocalTokenSigner}.
 *
 * @group Adapters
 */
export interface LocalTokenSignerOptions {
  /** The keys; generated when absent (tokens then verify only while this signer lives). */
  readonly keys?: LocalSigningKeys | undefined;
}

/**
 * A {@link TokenSigner} with RSA keys held in process, signing with `jose` (RS256, header exactly
 * `{kid, alg}`, D34). One ID key and one access key serve every pool of the signer: generating two
 * RSA keys per pool would cost a test suite ~100 ms per pool, and a pool's JWKS lists exactly the keys
 * that sign its tokens either way.
 *
 * @example
 * ```ts
 * const signer = new LocalTokenSigner();
 * const token = (await signer.sign('us-east-1_abc', 'access', { sub: 'u' }))._unsafeUnwrap();
 * (await signer.verify('us-east-1_abc', 'access', token))._unsafeUnwrap(); // { sub: 'u' }
 * ```
 * @group Adapters
 */
export class LocalTokenSigner implements TokenSigner {
  readonly #given: LocalSigningKeys | undefined;
  #loaded: LoadedKeys | null | undefined;
  #jwks: readonly PublicJwk[] | undefined;

  /** Keys that are not two different RSA private keys make every call answer a `PortFailure`. */
  constructor(options: LocalTokenSignerOptions = {}) {
    this.#given = options.keys;
  }

  /**
   * The private keys (PEM), to persist and pass back as `keys` after a restart. Without `keys` the
   * signer uses one pair generated for the whole process on first use (RSA key generation costs tens
   * of milliseconds; test suites build hundreds of signers).
   */
  get keys(): LocalSigningKeys {
    return this.#given ?? (processKeys ??= generateLocalSigningKeys());
  }

  #load(): LoadedKeys | null {
    if (this.#loaded !== undefined) return this.#loaded;
    return (this.#loaded = loadKeys(this.keys));
  }

  /** A compact RS256 JWS of `claims`. */
  sign(_userPoolId: string, use: TokenUse, claims: JwtClaims): ResultAsync<string, PortFailure> {
    const keys = this.#load();
    if (keys === null) return errAsync(UNUSABLE_KEYS);
    const key = keys[use];
    return ResultAsync.fromPromise(new SignJWT({ ...claims }).setProtectedHeader({ kid: key.kid, alg: 'RS256' }).sign(key.privateKey), () =>
      portFailure('TokenSigner', 'signing failed'),
    );
  }

  /** The claims of a JWS signed with the key for `use`, or `undefined`; `exp` is not checked. */
  verify(_userPoolId: string, use: TokenUse, token: string): ResultAsync<JwtClaims | undefined, PortFailure> {
    const keys = this.#load();
    if (keys === null) return errAsync(UNUSABLE_KEYS);
    const key = keys[use];
    return ResultAsync.fromSafePromise(
      jwtVerify(token, key.publicKey, { algorithms: ['RS256'], currentDate: new Date(0) }).then(
        ({ payload, protectedHeader }) => (protectedHeader.kid === key.kid ? (payload as JwtClaims) : undefined),
        () => undefined,
      ),
    );
  }

  /** The two public keys, ID key first (the same for every pool of this signer). */
  jwks(): ResultAsync<readonly PublicJwk[], PortFailure> {
    if (this.#jwks !== undefined) return okAsync(this.#jwks);
    const keys = this.#load();
    if (keys === null) return errAsync(UNUSABLE_KEYS);
    return ResultAsync.fromPromise(
      Promise.all(
        [keys.id, keys.access].map(async ({ publicKey, kid }): Promise<PublicJwk> => {
          const jwk = await exportJWK(publicKey);
          return { kid, alg: 'RS256', kty: 'RSA', e: jwk.e ?? '', n: jwk.n ?? '', use: 'sig' };
        }),
      ),
      () => portFailure('TokenSigner', 'key export failed'),
    ).map((exported) => (this.#jwks = exported));
  }
}

interface LoadedKeys {
  readonly id: SigningKey;
  readonly access: SigningKey;
}

const UNUSABLE_KEYS = portFailure('TokenSigner', 'the signing keys are not two different RSA private keys');

/** The keys, or `null` when they are not two different RSA private keys. */
function loadKeys(keys: LocalSigningKeys): LoadedKeys | null {
  try {
    const id = signingKey(createPrivateKey(keys.id));
    const access = signingKey(createPrivateKey(keys.access));
    const usable = id.privateKey.asymmetricKeyType === 'rsa' && access.privateKey.asymmetricKeyType === 'rsa' && id.kid !== access.kid;
    return usable ? { id, access } : null;
  } catch {
    return null;
  }
}

let processKeys: LocalSigningKeys | undefined;
