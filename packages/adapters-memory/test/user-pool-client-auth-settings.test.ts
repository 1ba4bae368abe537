import { cognitoError } from '@cognito-recovery/core';
import { describeTokenValidity, resolveTokenValidity } from '@cognito-recovery/core/rules';
import { err, ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { aHarness, DEFAULT_CLIENT_TOKEN_SETTINGS, must, type BareHarness } from './harness.js';

const invalid = (message: string) => err(cognitoError('InvalidParameterException', message));

async function setup(): Promise<{ h: BareHarness; poolId: string }> {
  const h = await aHarness({ pool: null });
  return { h, poolId: await h.createPool() };
}

describe('CreateUserPoolClient / DescribeUserPoolClient: sign-in settings (R16.3–R16.5, R16.9, R21.8, D23, D35)', () => {
  it('R16.4, D23: a client created without settings reports the defaults', async () => {
    const { h, poolId } = await setup();
    const created = await h.createClient(poolId);
    expect(created).toMatchObject({
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH'],
      ...DEFAULT_CLIENT_TOKEN_SETTINGS,
    });
    expect(created).not.toHaveProperty('ReadAttributes');
    expect(created).not.toHaveProperty('WriteAttributes');
    const described = await h.describeUserPoolClient({ UserPoolId: poolId, ClientId: created.ClientId });
    expect(described).toEqual(ok({ UserPoolClient: created }));
  });

  it('R16.3, R21.8: given settings are stored and described back (validity in its largest whole unit)', async () => {
    const { h, poolId } = await setup();
    const given = {
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      ReadAttributes: ['email', 'name'],
      WriteAttributes: ['name'],
      AccessTokenValidity: 90,
      IdTokenValidity: 120,
      RefreshTokenValidity: 48,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'hours' },
      AuthSessionValidity: 10,
      EnableTokenRevocation: false,
    } as const;
    const created = await h.createClient(poolId, given);
    const described = (await h.describeUserPoolClient({ UserPoolId: poolId, ClientId: created.ClientId }))._unsafeUnwrap().UserPoolClient;
    // Everything comes back as given but the id and refresh validity, restated in their largest whole unit.
    expect(described).toMatchObject({
      ...given,
      IdTokenValidity: 2,
      RefreshTokenValidity: 2,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'hours', RefreshToken: 'days' },
    });
    const stored = await h.bound.pools.getClient(created.ClientId);
    expect(stored._unsafeUnwrap()?.tokenValidity).toEqual({ accessSeconds: 5400, idSeconds: 7200, refreshSeconds: 172_800 });
  });

  it('R16.5, D23: an ALLOW_ list without ALLOW_REFRESH_TOKEN_AUTH, and legacy mixed with ALLOW_ values, are refused', async () => {
    const { h, poolId } = await setup();
    expect(await h.createUserPoolClient({ UserPoolId: poolId, ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] })).toEqual(
      invalid('REFRESH_TOKEN_AUTH should always be allowed.'),
    );
    expect(
      await h.createUserPoolClient({ UserPoolId: poolId, ClientName: 'web', ExplicitAuthFlows: ['USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }),
    ).toEqual(invalid('ExplicitAuthFlows can not have both legacy and ALLOW_ prefixed values.'));
    const legacy = await h.createClient(poolId, { ExplicitAuthFlows: ['ADMIN_NO_SRP_AUTH'] });
    expect(legacy.ExplicitAuthFlows).toEqual(['ADMIN_NO_SRP_AUTH']);
  });

  it('D23: a client created with ALLOW_USER_PASSWORD_AUTH signs in with a password; a default one does not', async () => {
    const { h, poolId } = await setup();
    const open = await h.createClient(poolId, { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    const closed = await h.createClient(poolId);
    await h.createUser(poolId, 'alice');
    const signIn = (ClientId: string) =>
      h.initiateAuth({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId, AuthParameters: { USERNAME: 'alice', PASSWORD: 'Corr3ct-Horse' } });
    expect((await signIn(open.ClientId))._unsafeUnwrap().ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(await signIn(closed.ClientId)).toEqual(invalid('USER_PASSWORD_AUTH flow not enabled for this client'));
  });

  it('R21.8, D35: validities out of range are "Invalid range for token validity."; 0 refresh is the 30-day default', async () => {
    const { h, poolId } = await setup();
    const create = (input: Record<string, unknown>) => h.createUserPoolClient({ UserPoolId: poolId, ClientName: 'web', ...input });
    const range = invalid('Invalid range for token validity.');
    expect(await create({ AccessTokenValidity: 2, TokenValidityUnits: { AccessToken: 'days' } })).toEqual(range);
    expect(await create({ IdTokenValidity: 4, TokenValidityUnits: { IdToken: 'minutes' } })).toEqual(range);
    expect(await create({ RefreshTokenValidity: 30, TokenValidityUnits: { RefreshToken: 'minutes' } })).toEqual(range);
    expect(await create({ RefreshTokenValidity: 3651 })).toEqual(range);
    const zero = (await create({ RefreshTokenValidity: 0 }))._unsafeUnwrap().UserPoolClient;
    expect(zero.RefreshTokenValidity).toBe(30);
    expect((await create({ AccessTokenValidity: 86401, TokenValidityUnits: { AccessToken: 'seconds' } }))._unsafeUnwrapErr().message).toContain(
      "at 'accessTokenValidity' failed to satisfy constraint: Member must have value less than or equal to 86400",
    );
  });

  it('R16.9: AuthSessionValidity outside 3–15 fails input validation', async () => {
    const { h, poolId } = await setup();
    for (const AuthSessionValidity of [2, 16]) {
      const result = await h.createUserPoolClient({ UserPoolId: poolId, ClientName: 'web', AuthSessionValidity });
      expect(result._unsafeUnwrapErr().name).toBe('InvalidParameterException');
      expect(result._unsafeUnwrapErr().message).toContain("at 'authSessionValidity'");
    }
  });

  it('R21.8: the tokens of a client live as long as its settings say (ExpiresIn, exp − iat)', async () => {
    const { h, poolId } = await setup();
    const client = await h.createClient(poolId, {
      ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AccessTokenValidity: 15,
      TokenValidityUnits: { AccessToken: 'minutes' },
    });
    await h.createUser(poolId, 'alice');
    await must(h.adminSetUserPassword({ UserPoolId: poolId, Username: 'alice', Password: 'Perm-passw0rd!', Permanent: true }));
    const result = await h.adminInitiateAuth({
      UserPoolId: poolId,
      ClientId: client.ClientId,
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'alice', PASSWORD: 'Perm-passw0rd!' },
    });
    const tokens = result._unsafeUnwrap().AuthenticationResult;
    expect(tokens?.ExpiresIn).toBe(900);
    const claims = JSON.parse(Buffer.from((tokens?.AccessToken ?? '').split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp: number; iat: number };
    expect(claims.exp - claims.iat).toBe(900);
  });

  it('D35: resolveTokenValidity and describeTokenValidity round-trip', () => {
    const resolved = resolveTokenValidity({
      AccessTokenValidity: 300,
      IdTokenValidity: 5,
      RefreshTokenValidity: 10,
      TokenValidityUnits: { AccessToken: 'seconds', IdToken: 'minutes' },
    });
    expect(resolved).toEqual(ok({ accessSeconds: 300, idSeconds: 300, refreshSeconds: 864_000 }));
    expect(describeTokenValidity(resolved._unsafeUnwrap())).toEqual({
      AccessTokenValidity: 5,
      IdTokenValidity: 5,
      RefreshTokenValidity: 10,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
    });
  });
});
