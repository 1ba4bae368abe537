import { createHmac, createPublicKey } from 'node:crypto';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import type { JwtClaims, PublicJwk, TokenSigner } from '../../ports/token-signer.js';
import { uniqueSuffix, unwrap, type Make } from './support.js';

const b64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');
const jsonPart = (value: unknown): string => b64url(JSON.stringify(value));
const headerOf = (token: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

/** Cognito-shaped claims for a pool and client, valid for an hour from now (R21.5–R21.7). */
function cognitoClaims(userPoolId: string, clientId: string, use: 'id' | 'access'): JwtClaims {
  const now = Math.floor(Date.now() / 1000);
  const common = {
    sub: '7d8ca528-4931-4254-9273-ea5ee853f271',
    iss: `https://cognito-idp.${userPoolId.split('_')[0] ?? ''}.amazonaws.com/${userPoolId}`,
    origin_jti: 'a1b2c3d4-0000-4000-8000-000000000001',
    event_id: 'a1b2c3d4-0000-4000-8000-000000000002',
    token_use: use,
    auth_time: now,
    iat: now,
    exp: now + 3600,
    jti: 'a1b2c3d4-0000-4000-8000-000000000003',
  };
  return use === 'id'
    ? { ...common, aud: clientId, 'cognito:username': 'alice', email: 'alice@example.com', email_verified: true }
    : { ...common, client_id: clientId, scope: 'aws.cognito.signin.user.admin', username: 'alice' };
}

/**
 * Registers the {@link TokenSigner} contract (R21.2, R21.9, R21.11, D34): `sign` → `verify` round
 * trips for both uses; the header is exactly `{kid, alg: "RS256"}`; ID and access keys differ; `verify`
 * answers `undefined` for the other use's token, a tampered payload, `alg: none`, an HS256 token
 * MAC'ed with the public key, and garbage; `jwks` lists both public keys (ID first) and tokens verify
 * against it with `jose` and with `aws-jwt-verify`'s `CognitoJwtVerifier` (an optional peer dependency
 * of this package, loaded by that test only).
 *
 * @example
 * ```ts
 * describeTokenSignerContract('LocalTokenSigner', () => new LocalTokenSigner());
 * ```
 * @group Testing
 */
export function describeTokenSignerContract(name: string, makeSigner: Make<TokenSigner>): void {
  describe(`TokenSigner contract: ${name}`, () => {
    const poolId = (): string => `us-east-1_Contract${uniqueSuffix()}`;
    const claims: JwtClaims = { sub: 'user-1', token_use: 'access', n: 42, flag: true, list: ['a', 'b'], nested: { x: 'y' } };

    it('R21.2: signs and verifies both uses, the claims intact', async () => {
      const signer = await makeSigner();
      const pool = poolId();
      for (const use of ['id', 'access'] as const) {
        const token = await unwrap(signer.sign(pool, use, claims));
        expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
        expect(await unwrap(signer.verify(pool, use, token))).toEqual(claims);
      }
    });

    it('R21.2, D34: the header is exactly {kid, alg: RS256}, and ID and access tokens have different kids', async () => {
      const signer = await makeSigner();
      const pool = poolId();
      const id = headerOf(await unwrap(signer.sign(pool, 'id', claims)));
      const access = headerOf(await unwrap(signer.sign(pool, 'access', claims)));
      for (const header of [id, access]) {
        expect(Object.keys(header).sort()).toEqual(['alg', 'kid']);
        expect(header['alg']).toBe('RS256');
        expect(typeof header['kid']).toBe('string');
      }
      expect(id['kid']).not.toBe(access['kid']);
    });

    it('R21.2: verify refuses the other use’s token', async () => {
      const signer = await makeSigner();
      const pool = poolId();
      expect(await unwrap(signer.verify(pool, 'access', await unwrap(signer.sign(pool, 'id', claims))))).toBeUndefined();
      expect(await unwrap(signer.verify(pool, 'id', await unwrap(signer.sign(pool, 'access', claims))))).toBeUndefined();
    });

    it('R21.11: verify refuses a tampered payload', async () => {
      const signer = await makeSigner();
      const pool = poolId();
      const [header, , signature] = (await unwrap(signer.sign(pool, 'access', claims))).split('.');
      const forged = `${header ?? ''}.${jsonPart({ ...claims, sub: 'someone-else' })}.${signature ?? ''}`;
      expect(await unwrap(signer.verify(pool, 'access', forged))).toBeUndefined();
    });

    it('R21.11: verify refuses alg none and an HS256 token MAC’ed with the public key', async () => {
      const signer = await makeSigner();
      const pool = poolId();
      const [idJwk, accessJwk] = await unwrap(signer.jwks(pool));
      const jwk = accessJwk as PublicJwk;
      const payload = jsonPart(claims);
      const none = `${jsonPart({ kid: jwk.kid, alg: 'none' })}.${payload}.`;
      expect(await unwrap(signer.verify(pool, 'access', none))).toBeUndefined();
      const pem = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' })
        .export({ type: 'spki', format: 'pem' })
        .toString();
      const signingInput = `${jsonPart({ kid: jwk.kid, alg: 'HS256' })}.${payload}`;
      for (const secret of [pem, JSON.stringify(jwk), jwk.n]) {
        const hs256 = `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
        expect(await unwrap(signer.verify(pool, 'access', hs256))).toBeUndefined();
      }
      expect(idJwk?.kid).not.toBe(jwk.kid);
    });

    it('R21.11: verify answers undefined for garbage', async () => {
      const signer = await makeSigner();
      const pool = poolId();
      for (const garbage of ['', 'garbage', 'a.b.c', '...', `${jsonPart({ alg: 'RS256' })}.${jsonPart(claims)}.AAAA`, 'eyJ.eyJ.eyJ']) {
        expect(await unwrap(signer.verify(pool, 'access', garbage))).toBeUndefined();
        expect(await unwrap(signer.verify(pool, 'id', garbage))).toBeUndefined();
      }
    });

    it('R21.9: jwks lists both public keys, ID first, and tokens verify against it with jose', async () => {
      const signer = await makeSigner();
      const pool = poolId();
      const keys = await unwrap(signer.jwks(pool));
      expect(keys).toHaveLength(2);
      for (const key of keys) {
        expect(Object.keys(key).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
        expect(key).toMatchObject({ alg: 'RS256', kty: 'RSA', use: 'sig' });
      }
      const idToken = await unwrap(signer.sign(pool, 'id', claims));
      const accessToken = await unwrap(signer.sign(pool, 'access', claims));
      expect(keys.map((key) => key.kid)).toEqual([headerOf(idToken)['kid'], headerOf(accessToken)['kid']]);
      const jwks = createLocalJWKSet({ keys: keys.map((key) => ({ ...key })) });
      for (const token of [idToken, accessToken]) {
        const { payload } = await jwtVerify(token, jwks, { algorithms: ['RS256'] });
        expect(payload).toEqual(claims);
      }
    });

    it('R21.11: tokens with Cognito claims pass aws-jwt-verify’s CognitoJwtVerifier on the JWKS', async () => {
      const { CognitoJwtVerifier } = await import('aws-jwt-verify');
      const signer = await makeSigner();
      const pool = poolId();
      const clientId = `client${uniqueSuffix()}`;
      const keys = await unwrap(signer.jwks(pool));
      for (const tokenUse of ['id', 'access'] as const) {
        const tokenClaims = cognitoClaims(pool, clientId, tokenUse);
        const token = await unwrap(signer.sign(pool, tokenUse, tokenClaims));
        const verifier = CognitoJwtVerifier.create({ userPoolId: pool, tokenUse, clientId });
        verifier.cacheJwks({ keys: keys.map((key) => ({ ...key })) });
        expect(await verifier.verify(token)).toEqual(tokenClaims);
        const wrongClient = CognitoJwtVerifier.create({ userPoolId: pool, tokenUse, clientId: 'another-client' });
        wrongClient.cacheJwks({ keys: keys.map((key) => ({ ...key })) });
        await expect(wrongClient.verify(token)).rejects.toThrow();
      }
    });
  });
}
