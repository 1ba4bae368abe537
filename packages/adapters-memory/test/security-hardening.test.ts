/**
 * Issue 13: what a hostile test of the model found (user existence under ENABLED, codes that outlived
 * account changes, validation wording, attribute names, custom senders, the migration trigger flood,
 * simulated destinations). Each test failed before the change it names.
 */
import { createMemoryRecovery } from '@cognito-recovery/adapters-memory';
import { cognitoError, type CognitoErrorName, type Recovery } from '@cognito-recovery/core';
import { err } from 'neverthrow';
import { describe, expect, it } from 'vitest';

const PASSWORD = 'Old-passw0rd!';
const NEW_PASSWORD = 'N3w-passw0rd!';

type World = Awaited<ReturnType<typeof aWorld>>;

/** A pool with an ENABLED and a LEGACY client, and users in each state the tests need. */
async function aWorld(options: { codeKey?: Uint8Array } = {}) {
  const recovery = createMemoryRecovery({ hasherCost: 1024, ...options });
  const pool = (
    await recovery.createUserPool({ PoolName: 'hardening', AliasAttributes: ['email'], UsernameConfiguration: { CaseSensitive: false } })
  )._unsafeUnwrap().UserPool;
  const client = async (prevent: 'ENABLED' | 'LEGACY') =>
    (await recovery.createUserPoolClient({ UserPoolId: pool.Id, ClientName: prevent, PreventUserExistenceErrors: prevent }))._unsafeUnwrap().UserPoolClient
      .ClientId;
  const enabled = await client('ENABLED');
  const legacy = await client('LEGACY');
  const user = async (username: string, attributes: Record<string, string>) => {
    (
      await recovery.adminCreateUser({
        UserPoolId: pool.Id,
        Username: username,
        MessageAction: 'SUPPRESS',
        UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
      })
    )._unsafeUnwrap();
    (await recovery.adminSetUserPassword({ UserPoolId: pool.Id, Username: username, Password: PASSWORD, Permanent: true }))._unsafeUnwrap();
  };
  await user('alice', { email: 'Alice.Smith@Example.com', email_verified: 'true' });
  await user('dave', { email: 'dave@example.com', email_verified: 'false' });
  await user('carol', { email: 'carol@example.com', email_verified: 'true' });
  return { recovery, poolId: pool.Id, enabled, legacy };
}

const forgot = (w: World, clientId: string, username: string) => w.recovery.forgotPassword({ ClientId: clientId, Username: username });
const confirm = (w: World, clientId: string, username: string, code: string) =>
  w.recovery.confirmForgotPassword({ ClientId: clientId, Username: username, ConfirmationCode: code, Password: NEW_PASSWORD });
const failure = (name: CognitoErrorName, message: string) => err(cognitoError(name, message));
const MISMATCH = failure('CodeMismatchException', 'Invalid verification code provided, please try again.');
const EXPIRED = failure('ExpiredCodeException', 'Invalid code provided, please request a code again.');

/** The latest code sent to `username`. */
function codeOf(w: World, username: string): string {
  const code = w.recovery.outbox.latestCodeFor(w.poolId, username);
  if (code === undefined) throw new Error(`no code was sent to ${username}`);
  return code;
}

describe('ConfirmForgotPassword under ENABLED tells no users apart (R8.4, D19)', () => {
  it('R8.4 D19: an unknown user gets CodeMismatch whether or not a code was requested', async () => {
    const w = await aWorld();
    expect(await confirm(w, w.enabled, 'nobody', '123456')).toEqual(MISMATCH);
    (await forgot(w, w.enabled, 'nobody'))._unsafeUnwrap();
    expect(await confirm(w, w.enabled, 'nobody', '123456')).toEqual(MISMATCH);
    w.recovery.clock.advanceBy(3_600_001);
    expect(await confirm(w, w.enabled, 'nobody', '123456')).toEqual(MISMATCH);
  });

  it('R8.4 D19: a real user whose ForgotPassword was simulated (no verified channel) is answered as an unknown user', async () => {
    const w = await aWorld();
    (await forgot(w, w.enabled, 'dave'))._unsafeUnwrap();
    (await forgot(w, w.enabled, 'nobody'))._unsafeUnwrap();
    expect(await confirm(w, w.enabled, 'dave', '123456')).toEqual(await confirm(w, w.enabled, 'nobody', '123456'));
    expect(await confirm(w, w.enabled, 'dave', '123456')).toEqual(MISMATCH);
    w.recovery.clock.advanceBy(3_600_001);
    expect(await confirm(w, w.enabled, 'dave', '123456')).toEqual(MISMATCH);
    expect(w.recovery.outbox.messages()).toHaveLength(0);
  });

  it('D19: a real, enabled user with no code requested still gets ExpiredCode', async () => {
    const w = await aWorld();
    expect(await confirm(w, w.enabled, 'alice', '123456')).toEqual(EXPIRED);
  });

  it('R8.4 D19: a disabled user gets CodeMismatch, also with the right code sent before the disabling', async () => {
    const w = await aWorld();
    (await forgot(w, w.enabled, 'carol'))._unsafeUnwrap();
    const code = codeOf(w, 'carol');
    (await w.recovery.adminDisableUser({ UserPoolId: w.poolId, Username: 'carol' }))._unsafeUnwrap();
    expect(await confirm(w, w.enabled, 'carol', code)).toEqual(MISMATCH);
    expect(await confirm(w, w.enabled, 'carol', '000000')).toEqual(MISMATCH);
  });
});

describe('codes die with the account change they would bypass (D20)', () => {
  /** Issues a code to carol, applies `change`, re-enables if needed, and answers what the code then does. */
  async function codeAfter(change: (w: World) => Promise<void>) {
    const w = await aWorld();
    (await forgot(w, w.legacy, 'carol'))._unsafeUnwrap();
    const code = codeOf(w, 'carol');
    await change(w);
    return { w, code, answer: await confirm(w, w.legacy, 'carol', code) };
  }

  it('D20: AdminSetUserPassword revokes the outstanding code', async () => {
    const { answer } = await codeAfter(async (w) => {
      (await w.recovery.adminSetUserPassword({ UserPoolId: w.poolId, Username: 'carol', Password: 'Admin-passw0rd!', Permanent: true }))._unsafeUnwrap();
    });
    expect(answer).toEqual(MISMATCH);
  });

  it('D20: disabling the user revokes the code (it stays dead once the user is enabled again)', async () => {
    const { answer } = await codeAfter(async (w) => {
      (await w.recovery.adminDisableUser({ UserPoolId: w.poolId, Username: 'carol' }))._unsafeUnwrap();
      (await w.recovery.adminEnableUser({ UserPoolId: w.poolId, Username: 'carol' }))._unsafeUnwrap();
    });
    expect(answer).toEqual(MISMATCH);
  });

  it('D20: changing the address the code was sent to revokes it', async () => {
    const { answer } = await codeAfter(async (w) => {
      const UserAttributes = [
        { Name: 'email', Value: 'carol.new@example.com' },
        { Name: 'email_verified', Value: 'true' },
      ];
      (await w.recovery.adminUpdateUserAttributes({ UserPoolId: w.poolId, Username: 'carol', UserAttributes }))._unsafeUnwrap();
    });
    expect(answer).toEqual(MISMATCH);
  });

  it('D20: the address stopping being verified revokes the code', async () => {
    const { answer } = await codeAfter(async (w) => {
      (
        await w.recovery.adminUpdateUserAttributes({ UserPoolId: w.poolId, Username: 'carol', UserAttributes: [{ Name: 'email_verified', Value: 'false' }] })
      )._unsafeUnwrap();
    });
    expect(answer).toEqual(MISMATCH);
  });

  it('D20: a change of an unrelated attribute leaves the code valid', async () => {
    const { w, answer } = await codeAfter(async (w) => {
      (
        await w.recovery.adminUpdateUserAttributes({ UserPoolId: w.poolId, Username: 'carol', UserAttributes: [{ Name: 'name', Value: 'Carol' }] })
      )._unsafeUnwrap();
    });
    expect(answer.isOk()).toBe(true);
    expect((await w.recovery.verifyUserPassword({ UserPoolId: w.poolId, Username: 'carol', Password: NEW_PASSWORD }))._unsafeUnwrap()).toEqual({ Valid: true });
  });

  it('D20, R7.4: a completed ConfirmForgotPassword leaves the code used', async () => {
    const { w, code, answer } = await codeAfter(async () => {});
    expect(answer.isOk()).toBe(true);
    expect(await confirm(w, w.legacy, 'carol', code)).toEqual(MISMATCH);
  });
});

describe('attribute names that are object keys (issue 13 §5)', () => {
  it.each(['__proto__', 'constructor', 'prototype'])('R1.7: %s is refused like any attribute outside the schema', async (name) => {
    const w = await aWorld();
    const created = await w.recovery.adminCreateUser({
      UserPoolId: w.poolId,
      Username: 'mallory',
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: name, Value: 'x' }],
    });
    expect(created).toEqual(failure('InvalidParameterException', `Attributes did not conform to the schema: ${name}: Attribute does not exist in the schema.`));
    const updated = await w.recovery.adminUpdateUserAttributes({ UserPoolId: w.poolId, Username: 'alice', UserAttributes: [{ Name: name, Value: 'x' }] });
    expect(updated).toEqual(failure('InvalidParameterException', `Attributes did not conform to the schema: ${name}: Attribute does not exist in the schema.`));
  });
});

describe('UserMigration is behind the request limit (D14)', () => {
  it('D14 D9: a flood of one unknown name invokes the migration trigger only as often as the limit allows', async () => {
    const w = await aWorld();
    const functionRef = 'arn:aws:lambda:us-east-1:123456789012:function:migrate';
    w.recovery.triggers.register(functionRef, () => Promise.resolve({ response: {} }));
    const pool = (await w.recovery.createUserPool({ PoolName: 'migrating', LambdaConfig: { UserMigration: functionRef } }))._unsafeUnwrap().UserPool;
    const clientId = (await w.recovery.createUserPoolClient({ UserPoolId: pool.Id, ClientName: 'app' }))._unsafeUnwrap().UserPoolClient.ClientId;
    const answers: string[] = [];
    for (let i = 0; i < 8; i++) {
      const answer = await w.recovery.forgotPassword({ ClientId: clientId, Username: 'ghost' });
      answers.push(answer.isErr() ? answer.error.name : 'ok');
    }
    expect(answers).toEqual([...Array<string>(5).fill('UserNotFoundException'), ...Array<string>(3).fill('LimitExceededException')]);
    expect(w.recovery.triggers.invocations().filter((i) => i.functionRef === functionRef)).toHaveLength(5);
  });
});

function destinationOf(answer: Awaited<ReturnType<Recovery['forgotPassword']>>): string {
  return answer._unsafeUnwrap().CodeDeliveryDetails.Destination;
}

describe('simulated destinations look like real ones (R6.4, D4)', () => {
  it('R6.4 D4: fake destinations use the characters real masked ones show, not only a–z', async () => {
    const w = await aWorld();
    const shown = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const destination = destinationOf(await forgot(w, w.enabled, `ghost${i}`));
      expect(destination).toMatch(/^[A-Za-z0-9_]\*\*\*@[A-Za-z0-9]\*\*\*$/);
      shown.add(destination.charAt(0));
      if (i % 4 === 3) w.recovery.clock.advanceBy(3_600_001);
    }
    expect([...shown].some((c) => /[0-9]/.test(c))).toBe(true);
    expect([...shown].some((c) => /[A-Z]/.test(c))).toBe(true);
  });

  it('R6.4 D4: an email-shaped input is shown in the case it was typed, as a real stored address is', async () => {
    const w = await aWorld();
    expect(destinationOf(await forgot(w, w.enabled, 'Victor@Company.com'))).toBe('V***@C***');
    expect(destinationOf(await forgot(w, w.enabled, 'alice.smith@example.com'))).toBe('A***@E***');
  });

  it('R6.4 D4: the same configured code key gives the same simulated answers after a restart', async () => {
    const codeKey = new Uint8Array(32).fill(7);
    const first = await aWorld({ codeKey });
    const second = await aWorld({ codeKey });
    // Pool ids differ between worlds; the answer for a pool is stable for the same id and key.
    const id = 'us-east-1_Stable1';
    const answers: string[] = [];
    for (const w of [first, second]) {
      (await w.recovery.createUserPool({ PoolName: 'stable', Id: id }))._unsafeUnwrap();
      const clientId = (await w.recovery.createUserPoolClient({ UserPoolId: id, ClientName: 'app', PreventUserExistenceErrors: 'ENABLED' }))._unsafeUnwrap()
        .UserPoolClient.ClientId;
      answers.push(destinationOf(await w.recovery.forgotPassword({ ClientId: clientId, Username: 'ghost' })));
    }
    expect(answers[0]).toBe(answers[1]);
  });
});
