import { portFailure, type Ports } from '@cognito-recovery/core';
import { aPool, aUser } from '@cognito-recovery/core/testing';
import { errAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { aHarness, OLD_PASSWORD } from './harness.js';
import { ALL_FLOWS, passwordSignIn, signInHarness } from './sign-in-support.js';

describe('who may call, throttling and devices (R15.1, R15.6, R17.9)', () => {
  it('R15.1: a token-authorized operation is authorized by the AccessToken alone (no ClientId, no pool id); a public one needs its ClientId', async () => {
    const h = await signInHarness({ users: [aUser().withVerifiedEmail('alice@example.com')] });
    const tokens = (await passwordSignIn(h, 'alice', OLD_PASSWORD))._unsafeUnwrap().AuthenticationResult;
    const me = await h.recovery.getUser({ AccessToken: tokens?.AccessToken ?? '' });
    expect(me._unsafeUnwrap().Username).toBe('alice');
    const anonymous = await h.recovery.initiateAuth({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: '',
      AuthParameters: { USERNAME: 'alice', PASSWORD: OLD_PASSWORD },
    });
    expect(anonymous._unsafeUnwrapErr().name).toBe('InvalidParameterException');
    expect(anonymous._unsafeUnwrapErr().message).toContain("at 'clientId'");
  });

  it('R15.6: a store that throttles a sign-in answers TooManyRequestsException, and no tokens are issued', async () => {
    const throttling = (ports: Ports): Ports => {
      const u = ports.users;
      const users: Ports['users'] = {
        findByClaim: (pool, claim) => u.findByClaim(pool, claim),
        findFirstByClaims: () => errAsync(portFailure('UserStore', 'throttled', true)),
        create: (user, claims) => u.create(user, claims),
        update: (user, claims, version, consume) => u.update(user, claims, version, consume),
        delete: (pool, username) => u.delete(pool, username),
        list: (pool, limit, after) => u.list(pool, limit, after),
        deletePool: (pool) => u.deletePool(pool),
      };
      return { ...ports, users };
    };
    const h = await aHarness({ pool: aPool('emailFirst'), client: { explicitAuthFlows: ALL_FLOWS }, users: [aUser()], ports: throttling });
    const answer = await passwordSignIn(h, 'alice', OLD_PASSWORD);
    expect(answer._unsafeUnwrapErr()).toMatchObject({ name: 'TooManyRequestsException' });
  });

  it('R17.9: device tracking is off (the model’s only mode): a sign-in issues no NewDeviceMetadata and refresh needs no DEVICE_KEY', async () => {
    const h = await signInHarness({ users: [aUser()] });
    const result = (await passwordSignIn(h, 'alice', OLD_PASSWORD))._unsafeUnwrap().AuthenticationResult;
    expect(result).not.toHaveProperty('NewDeviceMetadata');
    const refreshed = await h.recovery.initiateAuth({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: h.client.clientId,
      AuthParameters: { REFRESH_TOKEN: result?.RefreshToken ?? '' },
    });
    expect(refreshed._unsafeUnwrap().AuthenticationResult?.AccessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });
});
