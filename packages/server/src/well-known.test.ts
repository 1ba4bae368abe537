import { createMemoryRecovery } from '@cognito-recovery/adapters-memory';
import { portFailure, type JwtClaims, type PublicJwk, type TokenSigner } from '@cognito-recovery/core';
import { CognitoJwtVerifier, JwtVerifier } from 'aws-jwt-verify';
import { errAsync } from 'neverthrow';
import type { Jwks } from 'aws-jwt-verify/jwk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationsOf } from './compose.js';
import type { RunningServer } from './start-server.js';
import { startServer } from './start-server.js';
import { checkIssuerBaseUrl, tokenIssuer, wellKnownOf, type WellKnown } from './well-known.js';
import { inProcessHandler } from './in-process-handler.js';

/** A JWKS document as aws-jwt-verify types it. */
const asJwks = (value: unknown): Jwks => value as Jwks;
const POOL = 'eu-west-1_WellKnown1';
const CLIENT = 'wellknownclient1';

/** A memory recovery with one pool and one client, served with its well-known documents. */
async function served(issuerBaseUrl?: (url: string) => string): Promise<{
  server: RunningServer;
  recovery: ReturnType<typeof createMemoryRecovery>;
  issuerBase: string | undefined;
}> {
  const recovery = createMemoryRecovery({ hasherCost: 1024, realTime: true });
  (await recovery.createUserPool({ PoolName: 'wk', Id: POOL }))._unsafeUnwrap();
  (await recovery.createUserPoolClient({ UserPoolId: POOL, ClientName: 'web', ClientId: CLIENT }))._unsafeUnwrap();
  // The issuer names the server's own URL, known only once it listens: bind first, then learn the port.
  let wellKnown: WellKnown = wellKnownOf(recovery.ports);
  const deferred: WellKnown = {
    get issuerBaseUrl() {
      return wellKnown.issuerBaseUrl;
    },
    pool: (id) => wellKnown.pool(id),
  };
  const server = await startServer({ port: 0, operations: operationsOf(recovery), wellKnown: deferred });
  const issuerBase = issuerBaseUrl?.(server.url);
  if (issuerBase !== undefined) wellKnown = wellKnownOf(recovery.ports, { issuerBaseUrl: issuerBase });
  return { server, recovery, issuerBase };
}

async function getJson(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: unknown }> {
  const res = await fetch(url, { headers });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

const now = (): number => Math.floor(Date.now() / 1000);

describe('GET /<poolId>/.well-known/jwks.json (R21.9, D48)', () => {
  let ctx: Awaited<ReturnType<typeof served>>;
  beforeAll(async () => {
    ctx = await served();
  });
  afterAll(async () => {
    await ctx.server.close();
  });

  it('R21.9: answers {"keys": [ID key, access key]}, the pool signer’s two public RSA keys, as application/json', async () => {
    const { status, headers, body } = await getJson(`${ctx.server.url}/${POOL}/.well-known/jwks.json`);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/json; charset=utf-8');
    const keys = (body as { keys: PublicJwk[] }).keys;
    expect(Object.keys(body as object)).toEqual(['keys']);
    expect(keys).toEqual((await ctx.recovery.ports.tokens.jwks(POOL))._unsafeUnwrap());
    expect(keys).toHaveLength(2);
    expect(keys[0]?.kid).not.toBe(keys[1]?.kid);
    for (const key of keys) expect(Object.keys(key).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(keys.map((k) => [k.alg, k.kty, k.use, k.e])).toEqual([
      ['RS256', 'RSA', 'sig', 'AQAB'],
      ['RS256', 'RSA', 'sig', 'AQAB'],
    ]);
  });

  it('R21.11: a token signed with ports.tokens verifies with aws-jwt-verify against the served JWKS (Cognito issuer by default)', async () => {
    const { body } = await getJson(`${ctx.server.url}/${POOL}/.well-known/jwks.json`);
    const claims: JwtClaims = {
      sub: 'u1',
      iss: tokenIssuer(POOL),
      client_id: CLIENT,
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
      iat: now(),
      exp: now() + 3600,
      jti: 'j',
    };
    const token = (await ctx.recovery.ports.tokens.sign(POOL, 'access', claims))._unsafeUnwrap();
    const verifier = CognitoJwtVerifier.create({ userPoolId: POOL, tokenUse: 'access', clientId: CLIENT });
    verifier.cacheJwks(asJwks(body));
    expect(await verifier.verify(token)).toMatchObject({ sub: 'u1', client_id: CLIENT });
    const idToken = (await ctx.recovery.ports.tokens.sign(POOL, 'id', { ...claims, token_use: 'id', aud: CLIENT }))._unsafeUnwrap();
    const idVerifier = CognitoJwtVerifier.create({ userPoolId: POOL, tokenUse: 'id', clientId: CLIENT });
    idVerifier.cacheJwks(asJwks(body));
    expect(await idVerifier.verify(idToken)).toMatchObject({ sub: 'u1', aud: CLIENT });
  });

  it('D48: an unknown pool, or a path that is no pool id, answers HTTP 404 with an empty JSON object', async () => {
    for (const path of [
      '/eu-west-1_Unknown9/.well-known/jwks.json',
      '/eu-west-1_Unknown9/.well-known/openid-configuration',
      '/not-a-pool/.well-known/jwks.json',
    ]) {
      const { status, body, headers } = await getJson(`${ctx.server.url}${path}`);
      expect([path, status, body]).toEqual([path, 404, {}]);
      expect(headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('D48: without the issuer path configured, a prefixed path is no route', async () => {
    const res = await fetch(`${ctx.server.url}/cognito/${POOL}/.well-known/jwks.json`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ __type: 'NotFoundException' });
  });

  it('D21: the Host and CORS checks of the Cognito API apply: a foreign Host or Origin is refused, an allowed origin gets CORS', async () => {
    const url = `${ctx.server.url}/${POOL}/.well-known/jwks.json`;
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(url, { headers: { host: 'rebind.attacker.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
    const foreign = await getJson(url, { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const allowed = await getJson(url, { origin: 'http://localhost:5173' });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });
});

describe('GET /<poolId>/.well-known/openid-configuration (R21.10, D48)', () => {
  it('R21.10: has exactly the fields of the real document; issuer = R21.4; jwks_uri and endpoints on this server', async () => {
    const { server } = await served();
    try {
      const { status, body } = await getJson(`${server.url}/${POOL}/.well-known/openid-configuration`);
      expect(status).toBe(200);
      expect(body).toEqual({
        authorization_endpoint: `${server.url}/oauth2/authorize`,
        id_token_signing_alg_values_supported: ['RS256'],
        issuer: `https://cognito-idp.eu-west-1.amazonaws.com/${POOL}`,
        jwks_uri: `${server.url}/${POOL}/.well-known/jwks.json`,
        response_types_supported: ['code', 'token'],
        scopes_supported: ['openid', 'email', 'phone', 'profile'],
        subject_types_supported: ['public'],
        token_endpoint: `${server.url}/oauth2/token`,
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        userinfo_endpoint: `${server.url}/oauth2/userInfo`,
      });
    } finally {
      await server.close();
    }
  });

  it('D34, D48: with an issuerBaseUrl that has a path, the documents are served under the issuer too, and a verifier following the discovery document accepts the tokens', async () => {
    const { server, recovery, issuerBase } = await served((url) => `${url}/cognito/`);
    try {
      const issuer = `${server.url}/cognito/${POOL}`;
      expect(issuerBase).toBe(`${server.url}/cognito/`);
      const discovery = await getJson(`${issuer}/.well-known/openid-configuration`);
      expect(discovery.status).toBe(200);
      expect(discovery.body).toMatchObject({ issuer, jwks_uri: `${issuer}/.well-known/jwks.json` });
      const direct = await getJson(`${server.url}/${POOL}/.well-known/openid-configuration`);
      expect(direct.body).toEqual(discovery.body);
      const jwks = await getJson((discovery.body as { jwks_uri: string }).jwks_uri);
      expect(jwks.status).toBe(200);
      const token = (
        await recovery.ports.tokens.sign(POOL, 'access', { sub: 'u', iss: issuer, token_use: 'access', client_id: CLIENT, exp: now() + 60 })
      )._unsafeUnwrap();
      const verifier = JwtVerifier.create({ issuer, audience: null });
      verifier.cacheJwks(asJwks(jwks.body));
      expect(await verifier.verify(token)).toMatchObject({ sub: 'u', iss: issuer });
      expect((await getJson(`${server.url}/cognito/eu-west-1_Unknown9/.well-known/jwks.json`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('a failing token signer answers 500 InternalErrorException, never the failure’s detail', async () => {
    const recovery = createMemoryRecovery({ hasherCost: 1024 });
    (await recovery.createUserPool({ PoolName: 'wk', Id: POOL }))._unsafeUnwrap();
    const failing: TokenSigner = { ...recovery.ports.tokens, jwks: () => errAsync(portFailure('TokenSigner', 'kms is down')) };
    const bugs: unknown[] = [];
    const server = await startServer({
      port: 0,
      operations: operationsOf(recovery),
      wellKnown: wellKnownOf({ pools: recovery.ports.pools, tokens: failing }),
      onBug: (e) => bugs.push(e),
    });
    try {
      const res = await fetch(`${server.url}/${POOL}/.well-known/jwks.json`);
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ __type: 'InternalErrorException', message: 'Internal server error.' });
      expect(text).not.toContain('kms');
      expect(bugs).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('the in-process handler serves the same documents', async () => {
    const recovery = createMemoryRecovery({ hasherCost: 1024 });
    (await recovery.createUserPool({ PoolName: 'wk', Id: POOL }))._unsafeUnwrap();
    const handler = inProcessHandler(operationsOf(recovery), { wellKnown: wellKnownOf(recovery.ports) });
    const { HttpRequest } = await import('@smithy/protocol-http');
    const { response } = await handler.handle(
      new HttpRequest({ method: 'GET', hostname: 'localhost', path: `/${POOL}/.well-known/jwks.json`, headers: { host: 'localhost' } }),
    );
    expect(response.statusCode).toBe(200);
    const chunks: Buffer[] = [];
    for await (const chunk of response.body as AsyncIterable<Buffer>) chunks.push(chunk);
    expect(JSON.parse(Buffer.concat(chunks).toString('utf8'))).toEqual({ keys: (await recovery.ports.tokens.jwks(POOL))._unsafeUnwrap() });
  });
});

describe('tokenIssuer and checkIssuerBaseUrl (R21.4, D34)', () => {
  it('R21.4: the default issuer is Cognito’s, with the region of the pool id; a base URL replaces it', () => {
    expect(tokenIssuer('ap-south-1_Abc')).toBe('https://cognito-idp.ap-south-1.amazonaws.com/ap-south-1_Abc');
    expect(tokenIssuer('ap-south-1_Abc', 'http://localhost:9229/')).toBe('http://localhost:9229/ap-south-1_Abc');
  });

  it.each([
    ['http://localhost:9229/', 'http://localhost:9229'],
    ['https://auth.example.test/cognito/', 'https://auth.example.test/cognito'],
    ['HTTP://LOCALHOST:9229', 'http://localhost:9229'],
  ])('accepts %s as %s', (value, expected) => {
    expect(checkIssuerBaseUrl(value)._unsafeUnwrap()).toBe(expected);
  });

  it.each([
    ['localhost:9229', 'is not an http(s) URL'],
    ['not a url', 'is not a URL'],
    ['ftp://example.test', 'is not an http(s) URL'],
    ['http://localhost:9229/?x=1', 'has a query or a fragment'],
    ['http://localhost:9229/#x', 'has a query or a fragment'],
    ['http://user:pw@localhost:9229', 'must not carry credentials'],
  ])('refuses %s', (value, reason) => {
    expect(checkIssuerBaseUrl(value)._unsafeUnwrapErr()).toContain(reason);
  });
});
