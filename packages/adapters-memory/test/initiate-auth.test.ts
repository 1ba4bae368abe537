import { cognitoError, computeSecretHash, messages } from '@cognito-recovery/core';
import { aClient, aPool, aUser } from '@cognito-recovery/core/testing';
import { err } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { aHarness, must, OLD_PASSWORD } from './harness.js';
import { claimsOf, expectTokens, passwordSignIn, signInHarness } from './sign-in-support.js';

const incorrect = err(cognitoError('NotAuthorizedException', messages.incorrectCredentials));
const notFound = err(cognitoError('UserNotFoundException', 'User does not exist.'));
const invalidParameter = (message: string) => err(cognitoError('InvalidParameterException', message));

describe('InitiateAuth / AdminInitiateAuth: password flows', () => {
  describe('R17.2, D35: success', () => {
    it('R17.2: USER_PASSWORD_AUTH with the right password answers {ChallengeParameters: {}, AuthenticationResult} for the user', async () => {
      const h = await signInHarness({ users: [aUser().withVerifiedEmail('alice@example.com')] });
      const result = (await passwordSignIn(h, 'alice', OLD_PASSWORD))._unsafeUnwrap();
      expectTokens(result);
      expect(claimsOf(result.AuthenticationResult?.IdToken)['cognito:username']).toBe('alice');
      expect(result).not.toHaveProperty('Session');
    });

    it('R15.5: a verified alias signs in; the tokens name the canonical username', async () => {
      const h = await signInHarness({ users: [aUser().withVerifiedEmail('alice@example.com')] });
      const result = (await passwordSignIn(h, 'ALICE@example.com', OLD_PASSWORD))._unsafeUnwrap();
      expect(claimsOf(result.AuthenticationResult?.AccessToken)['username']).toBe('alice');
    });

    it('R17.1, D23: AdminInitiateAuth with ADMIN_USER_PASSWORD_AUTH and with its legacy name ADMIN_NO_SRP_AUTH', async () => {
      const h = await signInHarness({ users: [aUser()] });
      for (const AuthFlow of ['ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH'] as const) {
        const result = await h.adminInitiateAuth({
          UserPoolId: h.pool.id,
          ClientId: h.client.clientId,
          AuthFlow,
          AuthParameters: { USERNAME: 'alice', PASSWORD: OLD_PASSWORD },
        });
        expectTokens(result._unsafeUnwrap());
      }
    });
  });

  describe('R16.6, R16.7, D22, D23: flow gating', () => {
    it('D23: a client created without ExplicitAuthFlows cannot use USER_PASSWORD_AUTH', async () => {
      const h = await aHarness({ pool: null });
      const poolId = await h.createPool();
      const client = await h.createClient(poolId);
      const result = await h.initiateAuth({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: client.ClientId, AuthParameters: { USERNAME: 'alice', PASSWORD: 'x' } });
      expect(result).toEqual(invalidParameter('USER_PASSWORD_AUTH flow not enabled for this client'));
    });

    it('R17.5, D22: each flow not enabled answers its own message, before the parameters are looked at', async () => {
      const h = await signInHarness({ client: { explicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] } });
      const ClientId = h.client.clientId;
      expect(await h.initiateAuth({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId })).toEqual(
        invalidParameter('USER_PASSWORD_AUTH flow not enabled for this client'),
      );
      expect(await h.initiateAuth({ AuthFlow: 'USER_SRP_AUTH', ClientId })).toEqual(invalidParameter('USER_SRP_AUTH is not enabled for the client.'));
      expect(await h.adminInitiateAuth({ UserPoolId: h.pool.id, ClientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH' })).toEqual(
        invalidParameter('Auth flow not enabled for this client'),
      );
    });

    it('D22: REFRESH_TOKEN_AUTH and CUSTOM_AUTH not enabled (a legacy CUSTOM_AUTH_FLOW_ONLY list / a list without them)', async () => {
      const h = await signInHarness({ client: { explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] } });
      expect(await h.initiateAuth({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: h.client.clientId })).toEqual(
        invalidParameter('REFRESH_TOKEN_AUTH flow not enabled for this client'),
      );
      expect(await h.initiateAuth({ AuthFlow: 'CUSTOM_AUTH', ClientId: h.client.clientId })).toEqual(
        invalidParameter('CUSTOM_AUTH flow not enabled for this client'),
      );
    });

    it('D23: legacy lists: USER_PASSWORD_AUTH enables the password flow and SRP stays on; CUSTOM_AUTH_FLOW_ONLY turns SRP off', async () => {
      const legacy = await signInHarness({ client: { explicitAuthFlows: ['USER_PASSWORD_AUTH'] }, users: [aUser()] });
      expectTokens((await passwordSignIn(legacy, 'alice', OLD_PASSWORD))._unsafeUnwrap());
      expect((await legacy.initiateAuth({ AuthFlow: 'USER_SRP_AUTH', ClientId: legacy.client.clientId })).isErr()).toBe(true);
      expect(await legacy.initiateAuth({ AuthFlow: 'USER_SRP_AUTH', ClientId: legacy.client.clientId })).toEqual(
        invalidParameter('Missing required parameter USERNAME'),
      );
      const customOnly = await signInHarness({ client: { explicitAuthFlows: ['CUSTOM_AUTH_FLOW_ONLY'] } });
      expect(await customOnly.initiateAuth({ AuthFlow: 'USER_SRP_AUTH', ClientId: customOnly.client.clientId })).toEqual(
        invalidParameter('USER_SRP_AUTH is not enabled for the client.'),
      );
    });

    it('R16.6, D22: the admin flows on InitiateAuth and USER_PASSWORD_AUTH on AdminInitiateAuth are "Initiate Auth method not supported."', async () => {
      const h = await signInHarness();
      for (const AuthFlow of ['ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH'] as const) {
        expect(await h.initiateAuth({ AuthFlow, ClientId: h.client.clientId })).toEqual(invalidParameter('Initiate Auth method not supported.'));
      }
      expect(await h.adminInitiateAuth({ UserPoolId: h.pool.id, ClientId: h.client.clientId, AuthFlow: 'USER_PASSWORD_AUTH' })).toEqual(
        invalidParameter('Initiate Auth method not supported.'),
      );
    });

    it('D22: USER_AUTH is UnsupportedOperationException', async () => {
      const h = await signInHarness();
      expect(await h.initiateAuth({ AuthFlow: 'USER_AUTH', ClientId: h.client.clientId })).toEqual(
        err(cognitoError('UnsupportedOperationException', 'USER_AUTH is not supported.')),
      );
    });

    it('R16.1: an AuthFlow outside the enum fails input validation', async () => {
      const h = await signInHarness();
      const result = await h.initiateAuth({ AuthFlow: 'PLAIN' as never, ClientId: h.client.clientId });
      expect(result._unsafeUnwrapErr().name).toBe('InvalidParameterException');
      expect(result._unsafeUnwrapErr().message).toContain("at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set");
    });
  });

  describe('R15.3: pool and client', () => {
    it('R15.3: unknown ClientId, unknown UserPoolId, and a client of another pool', async () => {
      const h = await signInHarness();
      expect(await h.initiateAuth({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'nope' })).toEqual(
        err(cognitoError('ResourceNotFoundException', 'User pool client nope does not exist.')),
      );
      expect(await h.adminInitiateAuth({ UserPoolId: 'us-east-1_Other', ClientId: h.client.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH' })).toEqual(
        err(cognitoError('ResourceNotFoundException', 'User pool us-east-1_Other does not exist.')),
      );
      await must(h.bound.pools.putPool(aPool({ id: 'us-east-1_Other' })));
      expect(await h.adminInitiateAuth({ UserPoolId: 'us-east-1_Other', ClientId: h.client.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH' })).toEqual(
        err(cognitoError('ResourceNotFoundException', `User pool client ${h.client.clientId} does not exist.`)),
      );
    });
  });

  describe('R16.8, D47: missing parameters', () => {
    it('D47: USERNAME before PASSWORD; an empty string is missing; no length validation of the values', async () => {
      const h = await signInHarness({ users: [aUser()] });
      const ClientId = h.client.clientId;
      expect(await h.initiateAuth({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId })).toEqual(invalidParameter('Missing required parameter USERNAME'));
      expect(await h.initiateAuth({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId, AuthParameters: { USERNAME: '', PASSWORD: 'x' } })).toEqual(
        invalidParameter('Missing required parameter USERNAME'),
      );
      expect(await passwordSignIn(h, 'alice', '')).toEqual(invalidParameter('Missing required parameter PASSWORD'));
      expect(await h.initiateAuth({ AuthFlow: 'USER_SRP_AUTH', ClientId, AuthParameters: { USERNAME: 'alice' } })).toEqual(
        invalidParameter('Missing required parameter SRP_A'),
      );
      expect(await h.initiateAuth({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId, AuthParameters: {} })).toEqual(
        invalidParameter('Missing required parameter REFRESH_TOKEN'),
      );
      expect(await passwordSignIn(h, 'a'.repeat(129), 'p'.repeat(257))).toEqual(notFound);
    });
  });

  describe('R17.3: secret hash', () => {
    it('R17.3: missing, wrong, and right (over USERNAME as sent, alias included)', async () => {
      const h = await signInHarness({ client: { clientSecret: 'the-secret' }, users: [aUser().withVerifiedEmail('alice@example.com')] });
      const id = h.client.clientId;
      expect(await passwordSignIn(h, 'alice', OLD_PASSWORD)).toEqual(
        err(cognitoError('NotAuthorizedException', `Client ${id} is configured for secret but secret was not received`)),
      );
      expect(await passwordSignIn(h, 'alice@example.com', OLD_PASSWORD, { SECRET_HASH: computeSecretHash('the-secret', 'alice', id) })).toEqual(
        err(cognitoError('NotAuthorizedException', `Unable to verify secret hash for client ${id}`)),
      );
      const ok = await passwordSignIn(h, 'alice@example.com', OLD_PASSWORD, { SECRET_HASH: computeSecretHash('the-secret', 'alice@example.com', id) });
      expectTokens(ok._unsafeUnwrap());
    });
  });

  describe('R17.4: outcomes by user state', () => {
    it('R17.4: a wrong password answers NotAuthorizedException "Incorrect username or password."', async () => {
      const h = await signInHarness({ users: [aUser()] });
      expect(await passwordSignIn(h, 'alice', 'Wrong-passw0rd')).toEqual(incorrect);
    });

    it('R17.4: unknown user: LEGACY UserNotFoundException "User does not exist.", ENABLED the generic failure', async () => {
      const legacy = await signInHarness();
      expect(await passwordSignIn(legacy, 'ghost', 'whatever')).toEqual(notFound);
      const enabled = await signInHarness({ client: { preventUserExistenceErrors: 'ENABLED' } });
      expect(await passwordSignIn(enabled, 'ghost', 'whatever')).toEqual(incorrect);
    });

    it('R15.5, D50: the sub is not a sign-in identifier (LEGACY: not found)', async () => {
      const h = await signInHarness({ users: [aUser()] });
      expect(await passwordSignIn(h, 'sub-alice', OLD_PASSWORD)).toEqual(notFound);
    });

    it('R17.4: UNCONFIRMED answers UserNotConfirmedException "User is not confirmed." even with a wrong password', async () => {
      const h = await signInHarness({ users: [aUser().withStatus('UNCONFIRMED')] });
      const answer = err(cognitoError('UserNotConfirmedException', 'User is not confirmed.'));
      expect(await passwordSignIn(h, 'alice', OLD_PASSWORD)).toEqual(answer);
      expect(await passwordSignIn(h, 'alice', 'Wrong-passw0rd')).toEqual(answer);
    });

    it('R17.4, D24: RESET_REQUIRED answers PasswordResetRequiredException in LEGACY and ENABLED, whatever the password', async () => {
      for (const existence of ['LEGACY', 'ENABLED'] as const) {
        const h = await signInHarness({ client: { preventUserExistenceErrors: existence }, users: [aUser().withStatus('RESET_REQUIRED')] });
        const answer = err(cognitoError('PasswordResetRequiredException', 'Password reset required for the user'));
        expect(await passwordSignIn(h, 'alice', OLD_PASSWORD)).toEqual(answer);
        expect(await passwordSignIn(h, 'alice', 'Wrong-passw0rd')).toEqual(answer);
      }
    });

    it('R19.7: after AdminResetUserPassword and the recovery, the new password signs in and the old one is incorrect', async () => {
      const h = await signInHarness({ users: [aUser().withVerifiedEmail('alice@example.com')] });
      (await h.adminReset({ UserPoolId: h.pool.id, Username: 'alice' }))._unsafeUnwrap();
      expect((await passwordSignIn(h, 'alice', OLD_PASSWORD))._unsafeUnwrapErr().name).toBe('PasswordResetRequiredException');
      const code = h.outbox.latestCodeFor(h.pool.id, 'alice') ?? '';
      (await h.confirm({ ClientId: h.client.clientId, Username: 'alice', ConfirmationCode: code, Password: 'N3w-passw0rd!' }))._unsafeUnwrap();
      expectTokens((await passwordSignIn(h, 'alice', 'N3w-passw0rd!'))._unsafeUnwrap());
      expect(await passwordSignIn(h, 'alice', OLD_PASSWORD)).toEqual(incorrect);
    });

    it('D26: a disabled user gets "User is disabled." only after the right password; a wrong one is the generic failure', async () => {
      for (const existence of ['LEGACY', 'ENABLED'] as const) {
        const h = await signInHarness({ client: { preventUserExistenceErrors: existence }, users: [aUser().disabled()] });
        expect(await passwordSignIn(h, 'alice', OLD_PASSWORD)).toEqual(err(cognitoError('NotAuthorizedException', 'User is disabled.')));
        expect(await passwordSignIn(h, 'alice', 'Wrong-passw0rd')).toEqual(incorrect);
      }
    });

    it('R17.4: a user without a password (EXTERNAL_PROVIDER) is answered as a wrong password', async () => {
      const h = await signInHarness({ users: [aUser().withStatus('EXTERNAL_PROVIDER').withPassword(undefined)] });
      expect(await passwordSignIn(h, 'alice', OLD_PASSWORD)).toEqual(incorrect);
    });

    it('R15.3: the default test client (aClient) has no explicit list and so no password flow', async () => {
      const h = await aHarness({ users: [aUser()], client: aClient() });
      expect((await passwordSignIn(h, 'alice', OLD_PASSWORD))._unsafeUnwrapErr().message).toBe('USER_PASSWORD_AUTH flow not enabled for this client');
    });
  });
});
