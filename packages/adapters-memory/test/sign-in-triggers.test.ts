import { cognitoError, messages } from '@cognito-recovery/core';
import { aPool, aUser } from '@cognito-recovery/core/testing';
import { err } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { NEW_PASSWORD, OLD_PASSWORD, TEMPORARY_PASSWORD, type Harness } from './harness.js';
import { expectTokens, passwordSignIn, signInHarness, srpSignIn, withPassword } from './sign-in-support.js';

const PRE = 'pre-authentication';
const POST = 'post-authentication';
const MIGRATE = 'user-migration';
const incorrect = err(cognitoError('NotAuthorizedException', messages.incorrectCredentials));

const pool = aPool('emailFirst', { lambdaConfig: { preAuthentication: PRE, postAuthentication: POST, userMigration: MIGRATE } });

/** Records every event the sign-in triggers receive; `fail` names triggers that throw. */
function record(h: Harness, fail: readonly string[] = []): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [];
  for (const ref of [PRE, POST]) {
    h.triggers.register(ref, (event: Record<string, unknown>) => {
      events.push(event);
      if (fail.includes(ref)) throw new Error('denied by policy');
      return Promise.resolve(event);
    });
  }
  return events;
}

/** A trigger event as the tests read it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- events are JSON read by path in assertions
type Event = Record<string, any>;

const sources = (events: readonly Record<string, unknown>[]) => events.map((e) => e['triggerSource']);

describe('Sign-in triggers (R26.1, R26.2, R26.7, R26.8)', () => {
  it('R26.1: a password sign-in runs PreAuthentication, then PostAuthentication after the tokens', async () => {
    const h = await signInHarness({ pool, users: [aUser().withVerifiedEmail('alice@example.com')] });
    const events = record(h);
    h.triggers.register(MIGRATE, () => Promise.resolve(null));
    const result = await h.initiateAuth({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: h.client.clientId,
      AuthParameters: { USERNAME: 'alice@example.com', PASSWORD: OLD_PASSWORD },
      ClientMetadata: { app: 'web' },
    });
    expectTokens(result._unsafeUnwrap());
    expect(sources(events)).toEqual(['PreAuthentication_Authentication', 'PostAuthentication_Authentication']);
    const [pre, post] = events as [Event, Event];
    expect(pre['userName']).toBe('alice');
    expect(pre['callerContext']).toEqual({ awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: h.client.clientId });
    expect(pre['request']).toEqual({
      userAttributes: { sub: 'sub-alice', email: 'alice@example.com', email_verified: 'true', 'cognito:user_status': 'CONFIRMED' },
      validationData: { app: 'web' },
    });
    // R26.8: InitiateAuth's ClientMetadata does not reach PostAuthentication.
    expect(post['request']).toEqual({
      userAttributes: { sub: 'sub-alice', email: 'alice@example.com', email_verified: 'true', 'cognito:user_status': 'CONFIRMED' },
      newDeviceUsed: false,
    });
    expect(h.triggers.invocations().map((i) => i.functionRef)).not.toContain(MIGRATE); // a known user is not migrated
  });

  it('R26.7, R17.4: a throwing PreAuthentication denies the sign-in with the right and the wrong password', async () => {
    const h = await signInHarness({ pool, users: [aUser()] });
    const events = record(h, [PRE]);
    const denied = err(cognitoError('UserLambdaValidationException', 'PreAuthentication failed with error denied by policy.'));
    expect(await passwordSignIn(h, 'alice', OLD_PASSWORD)).toEqual(denied);
    expect(await passwordSignIn(h, 'alice', 'Wrong-passw0rd!')).toEqual(denied);
    expect(sources(events)).toEqual(['PreAuthentication_Authentication', 'PreAuthentication_Authentication']);
  });

  it('R26.7, R16.7: a flow that is not enabled or a missing parameter is refused before PreAuthentication runs', async () => {
    const h = await signInHarness({ pool, client: { explicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'] }, users: [aUser()] });
    const events = record(h, [PRE]);
    expect((await passwordSignIn(h, 'alice', OLD_PASSWORD))._unsafeUnwrapErr().name).toBe('InvalidParameterException');
    expect(events).toEqual([]);
  });

  it('R26.7: under ENABLED PreAuthentication runs for nobody too, with userNotFound true and no attributes; a known user gets false', async () => {
    const h = await signInHarness({ pool, client: { preventUserExistenceErrors: 'ENABLED' }, users: [aUser()] });
    const events = record(h);
    h.triggers.register(MIGRATE, () => Promise.resolve(null));
    expect(await passwordSignIn(h, 'ghost', 'Any-passw0rd!')).toEqual(incorrect);
    expect(await passwordSignIn(h, 'alice', 'Wrong-passw0rd!')).toEqual(incorrect);
    const [ghost, alice] = events as [Event, Event];
    expect(ghost['userName']).toBe('ghost');
    expect(ghost['request']).toEqual({ userAttributes: {}, userNotFound: true });
    expect(alice['request']).toMatchObject({ userNotFound: false });
    expect(sources(events)).toEqual(['PreAuthentication_Authentication', 'PreAuthentication_Authentication']); // no PostAuthentication on failure
  });

  it('R26.7: under LEGACY userNotFound is absent and nobody gets no trigger', async () => {
    const h = await signInHarness({ pool, users: [aUser()] });
    const events = record(h);
    h.triggers.register(MIGRATE, () => Promise.resolve(null));
    expect((await passwordSignIn(h, 'ghost', 'x'))._unsafeUnwrapErr().name).toBe('UserNotFoundException');
    expect(events).toEqual([]);
    expect((await passwordSignIn(h, 'alice', OLD_PASSWORD)).isOk()).toBe(true);
    expect((events[0] as Event)['request']).not.toHaveProperty('userNotFound');
  });

  it('R17.6, D25: a throwing PostAuthentication withholds the tokens', async () => {
    const h = await signInHarness({ pool, users: [aUser()] });
    record(h, [POST]);
    expect(await passwordSignIn(h, 'alice', OLD_PASSWORD)).toEqual(
      err(cognitoError('UserLambdaValidationException', 'PostAuthentication failed with error denied by policy.')),
    );
  });

  it('R26.2: a trigger that is not invocable is UnexpectedLambdaException', async () => {
    const h = await signInHarness({ pool, users: [aUser()] });
    const result = await passwordSignIn(h, 'alice', OLD_PASSWORD);
    expect(result._unsafeUnwrapErr().name).toBe('UnexpectedLambdaException');
    expect(result._unsafeUnwrapErr().message).toMatch(/^PreAuthentication invocation failed due to error /);
  });

  it('R26.1, R26.8: SRP runs PreAuthentication at initiate and PostAuthentication at the answer, with the answer’s ClientMetadata', async () => {
    const h = await signInHarness({ pool, users: [aUser()] });
    await withPassword(h, 'alice', OLD_PASSWORD);
    const events = record(h);
    const { ChallengeResponses } = await srpSignIn(h, 'alice', OLD_PASSWORD);
    expect(sources(events)).toEqual(['PreAuthentication_Authentication']);
    const result = await h.respondToAuthChallenge({
      ClientId: h.client.clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeResponses,
      ClientMetadata: { step: 'verifier' },
    });
    expectTokens(result._unsafeUnwrap());
    expect(sources(events)).toEqual(['PreAuthentication_Authentication', 'PostAuthentication_Authentication']);
    expect((events[1] as Event)['request']).toMatchObject({ clientMetadata: { step: 'verifier' } });
  });

  it('R19.5, D32: the NEW_PASSWORD_REQUIRED answer runs PostAuthentication (with the user now CONFIRMED)', async () => {
    const h = await signInHarness({ pool });
    const events = record(h);
    await h.createUser(h.pool.id, 'jane', { email: 'jane@example.com' });
    const session = (await passwordSignIn(h, 'jane', TEMPORARY_PASSWORD))._unsafeUnwrap().Session;
    expect(sources(events)).toEqual(['PreAuthentication_Authentication']); // a challenge: no PostAuthentication yet
    const result = await h.respondToAuthChallenge({
      ClientId: h.client.clientId,
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      ...(session === undefined ? {} : { Session: session }),
      ChallengeResponses: { USERNAME: 'jane', NEW_PASSWORD },
    });
    expectTokens(result._unsafeUnwrap());
    expect(sources(events)).toEqual(['PreAuthentication_Authentication', 'PostAuthentication_Authentication']);
    expect((events[1] as Event)['request']).toMatchObject({ userAttributes: { 'cognito:user_status': 'CONFIRMED' } });
  });
});

describe('UserMigration_Authentication (R17.4, R19.8, D25 step 7)', () => {
  it('R17.4: an unknown user is offered to the trigger with the password; the CONFIRMED user it answers signs in with it', async () => {
    const h = await signInHarness({ pool });
    record(h);
    const seen: Event[] = [];
    h.triggers.register(MIGRATE, (event: Event) => {
      seen.push(event);
      return Promise.resolve({ ...event, response: { userAttributes: { email: 'legacy@example.com', email_verified: 'true' }, finalUserStatus: 'CONFIRMED' } });
    });
    const result = await h.initiateAuth({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: h.client.clientId,
      AuthParameters: { USERNAME: 'legacy', PASSWORD: 'Legacy-passw0rd' },
      ClientMetadata: { from: 'old-app' },
    });
    expectTokens(result._unsafeUnwrap());
    expect(seen[0]?.['triggerSource']).toBe('UserMigration_Authentication');
    expect(seen[0]?.['userName']).toBe('legacy');
    expect(seen[0]?.['request']).toEqual({ password: 'Legacy-passw0rd', clientMetadata: { from: 'old-app' } });
    const stored = await h.userNamed('legacy');
    expect(stored?.status).toBe('CONFIRMED');
    expect(stored?.srp?.salt).toMatch(/^[0-9a-f]{32}$/); // R18.15: SRP works for the migrated user too
    expectTokens((await passwordSignIn(h, 'legacy@example.com', 'Legacy-passw0rd'))._unsafeUnwrap());
    expect(seen).toHaveLength(1); // now a known user: not migrated again
  });

  it('R19.8: a migrated user left RESET_REQUIRED gets PasswordResetRequiredException', async () => {
    const h = await signInHarness({ pool });
    record(h);
    h.triggers.register(MIGRATE, (event: Event) => Promise.resolve({ ...event, response: { userAttributes: { email: 'r@example.com' } } }));
    expect(await passwordSignIn(h, 'resetme', 'Legacy-passw0rd')).toEqual(
      err(cognitoError('PasswordResetRequiredException', 'Password reset required for the user')),
    );
    expect((await h.userNamed('resetme'))?.status).toBe('RESET_REQUIRED');
  });

  it('R17.4: an empty answer is nobody: LEGACY not found, ENABLED the generic failure', async () => {
    for (const [existence, name] of [
      ['LEGACY', 'UserNotFoundException'],
      ['ENABLED', 'NotAuthorizedException'],
    ] as const) {
      const h = await signInHarness({ pool, client: { preventUserExistenceErrors: existence } });
      record(h);
      h.triggers.register(MIGRATE, () => Promise.resolve(null));
      expect((await passwordSignIn(h, 'nobody', 'x'))._unsafeUnwrapErr().name).toBe(name);
    }
  });

  it('R18.16: SRP never runs the migration trigger', async () => {
    const h = await signInHarness({ pool });
    record(h);
    h.triggers.register(MIGRATE, () => Promise.reject(new Error('must not run')));
    const { A } = (await import('@cognito-recovery/core/testing')).srpClientStart();
    expect(await h.initiateAuth({ AuthFlow: 'USER_SRP_AUTH', ClientId: h.client.clientId, AuthParameters: { USERNAME: 'legacy', SRP_A: A } })).toEqual(
      err(cognitoError('UserNotFoundException', 'User does not exist.')),
    );
    expect(h.triggers.invocations().map((i) => i.functionRef)).not.toContain(MIGRATE);
  });
});
