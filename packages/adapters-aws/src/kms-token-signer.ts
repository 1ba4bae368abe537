import { createPublicKey, type KeyObject } from 'node:crypto';
import { GetPublicKeyCommand, SignCommand, type KMSClient } from '@aws-sdk/client-kms';
import { keyIdOf, portFailure, type JwtClaims, type PortFailure, type PublicJwk, type TokenSigner, type TokenUse } from '@cognito-recovery/core';
import { base64url, compactVerify, exportJWK } from 'jose';
import { err, ok, ResultAsync, type Result } from 'neverthrow';
import { awsFailure } from './aws-failure.js';

/**
 * The two KMS keys of a {@link KmsTokenSigner}: asymmetric `RSA_2048` keys with key usage
 * `SIGN_VERIFY`, one for ID tokens and one for access tokens (R21.2: different keys, different `kid`s).
 * A key id, key ARN, alias name or alias ARN.
 *
 * @group Adapters
 */
export interface KmsTokenKeys {
  /** The key that signs ID tokens. */
  readonly idKeyId: string;
  /** The key that signs access tokens (must be another key than `idKeyId`). */
  readonly accessKeyId: string;
}

/** The public half of one KMS key, as the signer uses it. */
interface PublicKey {
  readonly key: KeyObject;
  readonly kid: string;
  readonly jwk: PublicJwk;
}

/** What KMS answers must describe for a key to sign tokens (D34: RS256 over RSA-2048). */
const KEY_SPEC = 'RSA_2048';
const KEY_USAGE = 'SIGN_VERIFY';
const SIGNING_ALGORITHM = 'RSASSA_PKCS1_V1_5_SHA_256';

const encoder = new TextEncoder();

/**
 * A {@link TokenSigner} whose private keys never leave AWS KMS (D34): the JWS signing input
 * `base64url(header).base64url(payload)` is signed by KMS `Sign` (`RSASSA_PKCS1_V1_5_SHA_256`,
 * `MessageType: 'RAW'`), so tokens are RS256 with the header exactly `{"kid", "alg": "RS256"}`. The
 * public keys come from `GetPublicKey`, once per key for the signer's life (a failed read is retried
 * on the next call); `kid` is the standard base64 SHA-256 of the DER public key, as for the
 * `LocalTokenSigner`; `verify` checks a token with `jose` against the cached public key, without
 * calling KMS again. One ID key and one access key serve every pool of the signer.
 *
 * Every failure (KMS unreachable or refusing, a key that is not an `RSA_2048` `SIGN_VERIFY` key, the
 * same key given twice) is a `PortFailure` naming the KMS action and exception, never a rejection.
 *
 * @example
 * ```ts
 * const tokens = new KmsTokenSigner(new KMSClient({ region: 'eu-west-1' }), {
 *   idKeyId: 'alias/cognito-id-tokens',
 *   accessKeyId: 'alias/cognito-access-tokens',
 * });
 * const recovery = createAwsRecovery(clients, { tableName, codeKey, tokens });
 * ```
 * @group Adapters
 */
export class KmsTokenSigner implements TokenSigner {
  readonly #client: KMSClient;
  readonly #keyIds: Readonly<Record<TokenUse, string>>;
  readonly #publicKeys = new Map<TokenUse, Promise<Result<PublicKey, PortFailure>>>();

  /**
   * @param client - the KMS client (`Sign`, `GetPublicKey`).
   * @param keys - the ID-token and access-token keys.
   */
  constructor(client: KMSClient, keys: KmsTokenKeys) {
    this.#client = client;
    this.#keyIds = { id: keys.idKeyId, access: keys.accessKeyId };
  }

  /** A compact RS256 JWS of `claims`, signed by KMS with the key for `use`. */
  sign(_userPoolId: string, use: TokenUse, claims: JwtClaims): ResultAsync<string, PortFailure> {
    return new ResultAsync(this.#sign(use, claims));
  }

  /** The claims of a JWS signed with the key for `use` (its `kid` and signature), or `undefined`; `exp` is not checked. */
  verify(_userPoolId: string, use: TokenUse, token: string): ResultAsync<JwtClaims | undefined, PortFailure> {
    return new ResultAsync(this.#verify(use, token));
  }

  /** The two public keys, ID key first (the same for every pool of this signer). */
  jwks(): ResultAsync<readonly PublicJwk[], PortFailure> {
    return new ResultAsync(this.#jwks());
  }

  async #sign(use: TokenUse, claims: JwtClaims): Promise<Result<string, PortFailure>> {
    const key = await this.#key(use);
    if (key.isErr()) return err(key.error);
    let input: string;
    try {
      const header = base64url.encode(JSON.stringify({ kid: key.value.kid, alg: 'RS256' }));
      input = `${header}.${base64url.encode(JSON.stringify(claims))}`;
    } catch {
      return err(portFailure('TokenSigner', 'the claims are not JSON'));
    }
    const signed = await ResultAsync.fromPromise(
      this.#client.send(new SignCommand({ KeyId: this.#keyIds[use], Message: encoder.encode(input), MessageType: 'RAW', SigningAlgorithm: SIGNING_ALGORITHM })),
      awsFailure('TokenSigner', 'KMS Sign'),
    );
    if (signed.isErr()) return err(signed.error);
    const signature = signed.value.Signature;
    if (signature === undefined) return err(portFailure('TokenSigner', 'KMS Sign answered no signature'));
    return ok(`${input}.${base64url.encode(signature)}`);
  }

  async #verify(use: TokenUse, token: string): Promise<Result<JwtClaims | undefined, PortFailure>> {
    const key = await this.#key(use);
    if (key.isErr()) return err(key.error);
    try {
      const { payload, protectedHeader } = await compactVerify(token, key.value.key, { algorithms: ['RS256'] });
      if (protectedHeader.kid !== key.value.kid) return ok(undefined);
      const claims: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
      return ok(typeof claims === 'object' && claims !== null && !Array.isArray(claims) ? (claims as JwtClaims) : undefined);
    } catch {
      // Garbage, another key's signature, a tampered payload: not a token of this signer.
      return ok(undefined);
    }
  }

  async #jwks(): Promise<Result<readonly PublicJwk[], PortFailure>> {
    const id = await this.#key('id');
    if (id.isErr()) return err(id.error);
    const access = await this.#key('access');
    if (access.isErr()) return err(access.error);
    if (id.value.kid === access.value.kid) return err(SAME_KEY);
    return ok([id.value.jwk, access.value.jwk]);
  }

  /** The key for `use`, read from KMS once; the ID and access keys must differ (R21.2). */
  async #key(use: TokenUse): Promise<Result<PublicKey, PortFailure>> {
    const key = await this.#publicKey(use);
    if (key.isErr()) return key;
    const other = await this.#publicKey(use === 'id' ? 'access' : 'id');
    if (other.isOk() && other.value.kid === key.value.kid) return err(SAME_KEY);
    return other.isErr() ? err(other.error) : key;
  }

  #publicKey(use: TokenUse): Promise<Result<PublicKey, PortFailure>> {
    let loading = this.#publicKeys.get(use);
    if (loading === undefined) {
      loading = this.#fetchPublicKey(this.#keyIds[use]).then((loaded) => {
        // A failure is not kept: the next call asks KMS again.
        if (loaded.isErr()) this.#publicKeys.delete(use);
        return loaded;
      });
      this.#publicKeys.set(use, loading);
    }
    return loading;
  }

  async #fetchPublicKey(keyId: string): Promise<Result<PublicKey, PortFailure>> {
    const answered = await ResultAsync.fromPromise(this.#client.send(new GetPublicKeyCommand({ KeyId: keyId })), awsFailure('TokenSigner', 'KMS GetPublicKey'));
    if (answered.isErr()) return err(answered.error);
    const { PublicKey: der, KeySpec, KeyUsage, SigningAlgorithms } = answered.value;
    // moto answers only the deprecated CustomerMasterKeySpec (KMS answers both): read it by name.
    const legacySpec: unknown = Reflect.get(answered.value, 'CustomerMasterKeySpec');
    const spec = KeySpec ?? (typeof legacySpec === 'string' ? legacySpec : undefined);
    if (der === undefined || spec !== KEY_SPEC || KeyUsage !== KEY_USAGE || !(SigningAlgorithms ?? []).includes(SIGNING_ALGORITHM)) {
      return err(portFailure('TokenSigner', `a token key must be an ${KEY_SPEC} KMS key with key usage ${KEY_USAGE}`));
    }
    try {
      const key = createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' });
      const { n, e } = await exportJWK(key);
      if (n === undefined || e === undefined) return err(portFailure('TokenSigner', 'KMS GetPublicKey answered a key that is not RSA'));
      const kid = keyIdOf(key);
      return ok({ key, kid, jwk: { kid, alg: 'RS256', kty: 'RSA', e, n, use: 'sig' } });
    } catch {
      return err(portFailure('TokenSigner', 'KMS GetPublicKey answered an unreadable public key'));
    }
  }
}

const SAME_KEY = portFailure('TokenSigner', 'the ID-token and access-token keys must be two different KMS keys');
