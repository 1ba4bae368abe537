import { createRecovery, type AppClient } from '@cognito-recovery/core';
import { REFRESH_TOKEN_HEADER, openRefreshToken, readClaimsOverride, refreshTokenKey, sealRefreshToken } from '@cognito-recovery/core/rules';
import { aPool, aUser } from '@cognito-recovery/core/testing';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { describe, expect, it } from 'vitest';
import { CODE_KEY, failure, must } from './harness.js';
import { passwordSignIn } from './sign-in-support.js';
import { recorder } from './triggers-support.js';
import { claimsOf, headerOf, signIn, tokenHarness } from './tokens-support.js';

const PRE_TOKEN = 'arn:aws:lambda:us-east-1:123456789012:function:pre-token-generation';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ANY_UUID = expect.stringMatching(UUID) as unknown as string;

const richUser = aUser('alice').withVerifiedEmail('alice@example.com').withUnverifiedPhone('+15555550100').with({ name: 'Alice', 'custom:tier': 'gold' });

describe('issuing tokens at sign-in (§21, D34, D35)', () => {
  it('R21.1, D35: the result is {AccessToken, ExpiresIn: 3600, TokenType: Bearer, RefreshToken, IdToken} with empty ChallengeParameters', async () => {
    const h = await tokenHarness();
    const answer = await must(
      h.initiateAuth({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: h.client.clientId, AuthParameters: { USERNAME: 'alice', PASSWORD: 'Old-passw0rd' } }),
    );
    expect(answer.ChallengeParameters).toEqual({});
    expect(Object.keys(answer.AuthenticationResult ?? {}).sort()).toEqual(['AccessToken', 'ExpiresIn', 'IdToken', 'RefreshToken', 'TokenType']);
    expect(answer.AuthenticationResult).toMatchObject({ ExpiresIn: 3600, TokenType: 'Bearer' });
    for (const token of [answer.AuthenticationResult?.AccessToken, answer.AuthenticationResult?.IdToken, answer.AuthenticationResult?.RefreshToken]) {
      expect(token).toMatch(/^[A-Za-z0-9-_=.]+$/);
    }
  });

  it('R15.8, R21.6, D35: the ID token carries exactly the D35 claims plus the attributes with values, verified flags as JSON booleans, custom:* as strings', async () => {
    const h = await tokenHarness({ users: [richUser] });
    const { IdToken } = await signIn(h);
    const claims = claimsOf(IdToken);
    const now = Math.floor(h.clock.now() / 1000);
    expect(claims).toEqual({
      sub: 'sub-alice',
      email: 'alice@example.com',
      email_verified: true,
      phone_number: '+15555550100',
      phone_number_verified: false,
      name: 'Alice',
      'custom:tier': 'gold',
      iss: `https://cognito-idp.us-east-1.amazonaws.com/${h.pool.id}`,
      'cognito:username': 'alice',
      origin_jti: ANY_UUID,
      aud: h.client.clientId,
      event_id: ANY_UUID,
      token_use: 'id',
      auth_time: now,
      exp: now + 3600,
      iat: now,
      jti: ANY_UUID,
    });
    expect(claims).not.toHaveProperty('cognito:groups'); // R21.5: only when the user is in a group
  });

  it('R21.7, D35: the access token has client_id, username, the admin scope and no attributes, no aud', async () => {
    const h = await tokenHarness({ users: [richUser] });
    const { AccessToken } = await signIn(h);
    const now = Math.floor(h.clock.now() / 1000);
    expect(claimsOf(AccessToken)).toEqual({
      sub: 'sub-alice',
      iss: `https://cognito-idp.us-east-1.amazonaws.com/${h.pool.id}`,
      client_id: h.client.clientId,
      origin_jti: ANY_UUID,
      event_id: ANY_UUID,
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
      auth_time: now,
      exp: now + 3600,
      iat: now,
      jti: ANY_UUID,
      username: 'alice',
    });
  });

  it('R21.5, D35: ID and access tokens of one sign-in share origin_jti and event_id and have their own jti; the next sign-in gets new ones', async () => {
    const h = await tokenHarness();
    const first = await signIn(h);
    const [id, access] = [claimsOf(first.IdToken), claimsOf(first.AccessToken)];
    expect(id['origin_jti']).toBe(access['origin_jti']);
    expect(id['event_id']).toBe(access['event_id']);
    expect(id['jti']).not.toBe(access['jti']);
    const second = claimsOf((await signIn(h)).AccessToken);
    expect(second['origin_jti']).not.toBe(access['origin_jti']);
    expect(second['event_id']).not.toBe(access['event_id']);
    expect(second['jti']).not.toBe(access['jti']);
  });

  it('R21.8, D35: lifetimes come from the client’s tokenValidity, ExpiresIn is the access lifetime', async () => {
    const h = await tokenHarness({ client: { tokenValidity: { accessSeconds: 300, idSeconds: 900, refreshSeconds: 7200 } } });
    const result = await signIn(h);
    const now = Math.floor(h.clock.now() / 1000);
    expect(result.ExpiresIn).toBe(300);
    expect(claimsOf(result.AccessToken)['exp']).toBe(now + 300);
    expect(claimsOf(result.IdToken)['exp']).toBe(now + 900);
    expect(openRefreshToken(refreshTokenKey(CODE_KEY, h.pool.id), result.RefreshToken)?.expiresAt).toBe(now + 7200);
  });

  it('R21.6: a client with ReadAttributes gets only those attributes in the ID token (sub always)', async () => {
    const h = await tokenHarness({ users: [richUser], client: { readAttributes: ['email', 'custom:tier'] } });
    const claims = claimsOf((await signIn(h)).IdToken);
    expect(claims).toMatchObject({ sub: 'sub-alice', email: 'alice@example.com', 'custom:tier': 'gold' });
    for (const hidden of ['email_verified', 'phone_number', 'phone_number_verified', 'name']) expect(claims).not.toHaveProperty(hidden);
  });

  it('R21.4, D34: iss uses the region of the pool id, or issuerBaseUrl when the recovery sets one', async () => {
    const pool = aPool('emailFirst', { id: 'eu-west-2_AbCdEf123', region: 'eu-west-2' });
    const h = await tokenHarness({ pool });
    expect(claimsOf((await signIn(h)).IdToken)['iss']).toBe('https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_AbCdEf123');
    const local = createRecovery(h.bound, { issuerBaseUrl: 'http://localhost:9229' });
    const answer = await must(
      local.initiateAuth({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: h.client.clientId, AuthParameters: { USERNAME: 'alice', PASSWORD: 'Old-passw0rd' } }),
    );
    expect(claimsOf(answer.AuthenticationResult?.AccessToken ?? '')['iss']).toBe('http://localhost:9229/eu-west-2_AbCdEf123');
  });

  it('R21.2, D34: ID and access tokens are RS256 with header exactly {kid, alg} and different kids', async () => {
    const h = await tokenHarness();
    const { IdToken, AccessToken } = await signIn(h);
    const [id, access] = [headerOf(IdToken), headerOf(AccessToken)];
    expect(Object.keys(id).sort()).toEqual(['alg', 'kid']);
    expect(Object.keys(access).sort()).toEqual(['alg', 'kid']);
    expect(id['alg']).toBe('RS256');
    expect(id['kid']).not.toBe(access['kid']);
  });

  it('R21.11: the tokens pass aws-jwt-verify against the pool’s JWKS', async () => {
    const h = await tokenHarness();
    const { IdToken, AccessToken } = await signIn(h);
    const keys = (await must(h.bound.tokens.jwks(h.pool.id))).map((key) => ({ ...key }));
    const id = CognitoJwtVerifier.create({ userPoolId: h.pool.id, tokenUse: 'id', clientId: h.client.clientId });
    const access = CognitoJwtVerifier.create({ userPoolId: h.pool.id, tokenUse: 'access', clientId: h.client.clientId });
    id.cacheJwks({ keys });
    access.cacheJwks({ keys });
    // aws-jwt-verify checks exp against the real clock; the harness clock is in 2024.
    expect(await id.verify(IdToken, { graceSeconds: 10 ** 9 })).toMatchObject({ sub: 'sub-alice', token_use: 'id' });
    expect(await access.verify(AccessToken, { graceSeconds: 10 ** 9 })).toMatchObject({ sub: 'sub-alice', token_use: 'access' });
    await expect(access.verify(IdToken, { graceSeconds: 10 ** 9 })).rejects.toThrow();
  });
});

describe('the refresh token (R21.3, D34)', () => {
  it('R21.3, D34: five base64url parts, the first the JWE header, never a JWS', async () => {
    const h = await tokenHarness();
    const { RefreshToken } = await signIn(h);
    const parts = RefreshToken.split('.');
    expect(parts).toHaveLength(5);
    for (const part of parts) expect(part).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(parts[0] ?? '', 'base64url').toString('utf8')).toBe('{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}');
    expect(REFRESH_TOKEN_HEADER).toBe('{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}');
    expect(await must(h.bound.tokens.verify(h.pool.id, 'access', RefreshToken))).toBeUndefined();
    expect(await must(h.bound.tokens.verify(h.pool.id, 'id', RefreshToken))).toBeUndefined();
    expect(RefreshToken.split('.')).not.toHaveLength(3); // a compact JWS has three parts
  });

  it('R21.3: it maps back to pool, client, user, origin_jti and times, and opens under no other pool’s key', async () => {
    const h = await tokenHarness();
    const { RefreshToken, AccessToken } = await signIn(h);
    const now = Math.floor(h.clock.now() / 1000);
    const content = openRefreshToken(refreshTokenKey(CODE_KEY, h.pool.id), RefreshToken);
    expect(content).toEqual({
      pool: h.pool.id,
      client: h.client.clientId,
      username: 'alice',
      sub: 'sub-alice',
      originJti: claimsOf(AccessToken)['origin_jti'],
      authTime: now,
      issuedAt: now,
      expiresAt: now + 30 * 86_400,
    });
    expect(openRefreshToken(refreshTokenKey(CODE_KEY, 'us-east-1_Other'), RefreshToken)).toBeUndefined();
    expect(openRefreshToken(refreshTokenKey(new Uint8Array(32).fill(8), h.pool.id), RefreshToken)).toBeUndefined();
  });

  it('R21.3: a tampered part, a swapped header or a truncated token does not open', async () => {
    const h = await tokenHarness();
    const key = refreshTokenKey(CODE_KEY, h.pool.id);
    const { RefreshToken } = await signIn(h);
    const parts = RefreshToken.split('.');
    for (let i = 1; i < 5; i++) {
      const bytes = Buffer.from(parts[i] ?? '', 'base64url');
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      const tampered = parts.map((part, j) => (j === i ? bytes.toString('base64url') : part)).join('.');
      expect(openRefreshToken(key, tampered)).toBeUndefined();
    }
    const otherHeader = [Buffer.from('{"alg":"dir","enc":"A256GCM"}').toString('base64url'), ...parts.slice(1)].join('.');
    expect(openRefreshToken(key, otherHeader)).toBeUndefined();
    expect(openRefreshToken(key, parts.slice(0, 4).join('.'))).toBeUndefined();
    expect(openRefreshToken(key, 'garbage')).toBeUndefined();
  });

  it('D34: sealing draws its salt and IV from the random source: two seals of one content differ', async () => {
    const h = await tokenHarness();
    const key = refreshTokenKey(CODE_KEY, h.pool.id);
    const content = { pool: h.pool.id, client: 'c', username: 'u', sub: 's', originJti: 'o', authTime: 1, issuedAt: 1, expiresAt: 2 };
    const [a, b] = [sealRefreshToken(key, content, h.bound.random), sealRefreshToken(key, content, h.bound.random)];
    expect(a).not.toBe(b);
    expect(openRefreshToken(key, a)).toEqual(content);
    expect(openRefreshToken(key, b)).toEqual(content);
  });
});

describe('PreTokenGeneration, V1 (R17.7, R26.9)', () => {
  const withTrigger = async (answer: (event: Record<string, unknown>) => unknown, client: Partial<AppClient> = {}) => {
    const pool = aPool('emailFirst', { lambdaConfig: { preTokenGeneration: PRE_TOKEN } });
    const h = await tokenHarness({ pool, users: [richUser], client });
    const calls = recorder<Record<string, unknown>>(answer);
    h.triggers.register(PRE_TOKEN, calls.handler);
    return { h, events: calls.events };
  };
  /** {@link withTrigger} with a function that answers its event with `claimsOverrideDetails`. */
  const withOverride = (claimsOverrideDetails: Record<string, unknown>) => withTrigger((event) => ({ ...event, response: { claimsOverrideDetails } }));

  it('R26.9: the sign-in raises TokenGeneration_Authentication with the user’s attributes, status and an empty group configuration', async () => {
    const { h, events } = await withTrigger((event) => event);
    await signIn(h);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      version: '1',
      triggerSource: 'TokenGeneration_Authentication',
      region: 'us-east-1',
      userPoolId: h.pool.id,
      userName: 'alice',
      callerContext: { clientId: h.client.clientId },
      request: {
        userAttributes: { sub: 'sub-alice', email: 'alice@example.com', email_verified: 'true', name: 'Alice', 'cognito:user_status': 'CONFIRMED' },
        groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [] },
      },
    });
  });

  it('R26.9: claimsToAddOrOverride and claimsToSuppress change the ID token only; protected claims stay', async () => {
    const { h } = await withOverride({
      claimsToAddOrOverride: {
        department: 'sales',
        email: 'other@example.com',
        sub: 'forged',
        token_use: 'access',
        aud: 'x',
        'cognito:username': 'mallory',
      },
      claimsToSuppress: ['name', 'iss', 'exp', 'origin_jti'],
    });
    const { IdToken, AccessToken } = await signIn(h);
    const id = claimsOf(IdToken);
    expect(id).toMatchObject({
      department: 'sales',
      email: 'other@example.com',
      sub: 'sub-alice',
      token_use: 'id',
      aud: h.client.clientId,
      'cognito:username': 'alice',
    });
    expect(id).not.toHaveProperty('name');
    for (const kept of ['iss', 'exp', 'origin_jti']) expect(id).toHaveProperty(kept);
    const access = claimsOf(AccessToken);
    expect(access).not.toHaveProperty('department');
    expect(access['sub']).toBe('sub-alice');
  });

  it('R26.9: groupOverrideDetails sets cognito:groups in both tokens (and the roles in the ID token)', async () => {
    const { h } = await withOverride({
      groupOverrideDetails: {
        groupsToOverride: ['admins', 'staff'],
        iamRolesToOverride: ['arn:aws:iam::1:role/a'],
        preferredRole: 'arn:aws:iam::1:role/a',
      },
    });
    const { IdToken, AccessToken } = await signIn(h);
    expect(claimsOf(IdToken)).toMatchObject({
      'cognito:groups': ['admins', 'staff'],
      'cognito:roles': ['arn:aws:iam::1:role/a'],
      'cognito:preferred_role': 'arn:aws:iam::1:role/a',
    });
    expect(claimsOf(AccessToken)['cognito:groups']).toEqual(['admins', 'staff']);
    expect(claimsOf(AccessToken)).not.toHaveProperty('cognito:roles');
  });

  it('R26.9, R9.0.4: a failing function withholds the tokens with UserLambdaValidationException', async () => {
    const { h } = await withTrigger(() => Promise.reject(new Error('no tokens today')));
    const answer = await passwordSignIn(h, 'alice', 'Old-passw0rd');
    expect(answer).toEqual(failure('UserLambdaValidationException', 'PreTokenGeneration failed with error no tokens today.'));
  });

  it('R26.9, D16: a malformed claimsOverrideDetails is InvalidLambdaResponseException', async () => {
    const { h } = await withOverride({ claimsToAddOrOverride: { nested: { a: 1 } } });
    const answer = await passwordSignIn(h, 'alice', 'Old-passw0rd');
    expect(answer).toEqual(failure('InvalidLambdaResponseException', 'Unrecognizable lambda output'));
  });

  it('R26.9: readClaimsOverride reads an absent or null answer as no change and refuses wrong types', () => {
    expect(readClaimsOverride({ response: {} })._unsafeUnwrap()).toEqual({ claimsToAddOrOverride: {}, claimsToSuppress: [] });
    expect(readClaimsOverride({ response: { claimsOverrideDetails: null } })._unsafeUnwrap()).toEqual({ claimsToAddOrOverride: {}, claimsToSuppress: [] });
    expect(readClaimsOverride('nope').isErr()).toBe(true);
    expect(readClaimsOverride({ response: { claimsOverrideDetails: { claimsToSuppress: 'name' } } }).isErr()).toBe(true);
    expect(readClaimsOverride({ response: { claimsOverrideDetails: { groupOverrideDetails: { groupsToOverride: [1] } } } }).isErr()).toBe(true);
  });
});
