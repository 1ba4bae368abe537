import { cognitoError, computeSecretHash, confirmForgotPassword, loginClaimsOf, messages, portFailure, type UserStore } from '@cognito-recovery/core';
import { codeHmacer } from '@cognito-recovery/core/rules';
import fc from 'fast-check';
import { err, errAsync, ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { aClient, aPool, aUser, type PoolOverrides } from '@cognito-recovery/core/testing';
import { aHarness, CODE_KEY, NEW_PASSWORD, OLD_PASSWORD, oneViolation, withUpdate, type Harness } from './harness.js';

const HOUR = 3_600_000;

const mismatch = err(cognitoError('CodeMismatchException', messages.codeMismatch));
const expired = err(cognitoError('ExpiredCodeException', messages.codeExpired));
const limited = err(cognitoError('LimitExceededException', messages.limitExceeded));

/** A harness with alice (verified email) in a pool built from `overrides`. */
async function withAlice(overrides: PoolOverrides = {}, existence: 'LEGACY' | 'ENABLED' = 'LEGACY'): Promise<Harness> {
  const pool = aPool('emailFirst', overrides);
  const h = await aHarness({ pool, client: { preventUserExistenceErrors: existence } });
  await h.addUser(aUser().withVerifiedEmail('alice@example.com'));
  return h;
}

/** Calls ForgotPassword for `username` and returns the code it sent. */
async function requestCode(h: Harness, username = 'alice'): Promise<string> {
  (await h.forgot({ ClientId: h.client.clientId, Username: username }))._unsafeUnwrap();
  const code = h.outbox.latestCodeFor(h.pool.id, username);
  if (code === undefined) throw new Error('no code sent');
  return code;
}

function confirm(h: Harness, code: string, password = NEW_PASSWORD, username = 'alice') {
  return h.confirm({ ClientId: h.client.clientId, Username: username, ConfirmationCode: code, Password: password });
}

/** A six-digit code that differs from every code in `codes`. */
function wrongCode(...codes: string[]): string {
  for (let n = 0; ; n++) {
    const candidate = n.toString().padStart(6, '0');
    if (!codes.includes(candidate)) return candidate;
  }
}

async function passwordWorks(h: Harness, password: string, username = 'alice'): Promise<boolean> {
  return (await h.verify({ UserPoolId: h.pool.id, Username: username, Password: password }))._unsafeUnwrap().Valid;
}

describe('ConfirmForgotPassword', () => {
  describe('success', () => {
    it('R7.5, R7.7: the right code sets the new password; it works and the old one does not', async () => {
      const h = await withAlice();
      const code = await requestCode(h);
      expect(await confirm(h, code)).toEqual(ok({}));
      expect(await passwordWorks(h, NEW_PASSWORD)).toBe(true);
      expect(await passwordWorks(h, OLD_PASSWORD)).toBe(false);
    });

    it('R3.2: the user may be named by a verified alias', async () => {
      const h = await withAlice();
      const code = await requestCode(h);
      expect(await confirm(h, code, NEW_PASSWORD, 'ALICE@example.com')).toEqual(ok({}));
      expect(await passwordWorks(h, NEW_PASSWORD)).toBe(true);
    });

    it.each([
      ['RESET_REQUIRED', 'CONFIRMED'],
      ['CONFIRMED', 'CONFIRMED'],
      ['UNCONFIRMED', 'CONFIRMED'],
    ] as const)('R7.7, D6: a %s user ends %s, attributes unchanged (D7)', async (before, after) => {
      const h = await aHarness();
      const stored = await h.addUser(aUser().withVerifiedEmail('alice@example.com').withStatus(before));
      const code = await requestCode(h);
      expect(await confirm(h, code)).toEqual(ok({}));
      const user = await h.userNamed('alice');
      expect(user?.status).toBe(after);
      expect(user?.attributes).toEqual(stored.attributes);
    });
  });

  describe('the code', () => {
    it('R7.5: a wrong code is CodeMismatchException', async () => {
      const h = await withAlice();
      const code = await requestCode(h);
      expect(await confirm(h, wrongCode(code))).toEqual(mismatch);
      expect(await passwordWorks(h, OLD_PASSWORD)).toBe(true);
    });

    it('R7.5, R8.4: without a requested code the answer is ExpiredCodeException', async () => {
      const h = await withAlice();
      expect(await confirm(h, '123456')).toEqual(expired);
    });

    it('R7.2: the code is valid for one hour less a millisecond', async () => {
      const h = await withAlice();
      const code = await requestCode(h);
      h.clock.advanceBy(HOUR - 1);
      expect(await confirm(h, code)).toEqual(ok({}));
    });

    it('R7.2, D8: after one hour the code is ExpiredCodeException', async () => {
      const h = await withAlice();
      const code = await requestCode(h);
      h.clock.advanceBy(HOUR);
      expect(await confirm(h, code)).toEqual(expired);
      expect(await passwordWorks(h, OLD_PASSWORD)).toBe(true);
    });

    it('R7.2, D8: the validity is a pool option', async () => {
      const h = await withAlice({ limits: { codeValiditySeconds: 60 } });
      const code = await requestCode(h);
      h.clock.advanceBy(60_000);
      expect(await confirm(h, code)).toEqual(expired);
    });

    it('R7.3, D8: a superseded code is CodeMismatchException and the latest one works', async () => {
      const h = await withAlice();
      const first = await requestCode(h);
      let second = await requestCode(h);
      while (second === first) second = await requestCode(h);
      expect(await confirm(h, first)).toEqual(mismatch);
      expect(await confirm(h, second)).toEqual(ok({}));
    });

    it('R7.4, D8: a used code is CodeMismatchException; another code afterwards is ExpiredCodeException', async () => {
      const h = await withAlice();
      const code = await requestCode(h);
      expect(await confirm(h, code)).toEqual(ok({}));
      expect(await confirm(h, code, 'An0ther-passw0rd!')).toEqual(mismatch);
      expect(await confirm(h, wrongCode(code), 'An0ther-passw0rd!')).toEqual(expired);
      expect(await passwordWorks(h, NEW_PASSWORD)).toBe(true);
    });

    it('R7.4, D8: 50 concurrent confirms with the right code give exactly one success, 49 CodeMismatchException', async () => {
      const h = await withAlice({ limits: { failedConfirmAttempts: 100 } });
      const code = await requestCode(h);
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => confirm(h, code, `Passw0rd-${i}!`)));
      const winners = results.flatMap((r, i) => (r.isOk() ? [i] : []));
      expect(winners).toHaveLength(1);
      expect(results.filter((r) => r.isErr())).toEqual(Array.from({ length: 49 }, () => mismatch));
      expect(await passwordWorks(h, `Passw0rd-${winners[0] ?? -1}!`)).toBe(true);
    });

    it('D8: a password write that fails leaves the code unused: no partial state', async () => {
      const h = await withAlice();
      const code = await requestCode(h);
      const users = h.ports.users;
      const failing = (failure: 'port' | 'conflict'): UserStore =>
        withUpdate(users, () => errAsync(failure === 'port' ? portFailure('UserStore', 'down') : ({ kind: 'VersionConflict' } as const)));
      const internal = err(cognitoError('InternalErrorException', messages.internal));
      expect(
        await confirmForgotPassword({ ...h.ports, users: failing('port') })({
          ClientId: h.client.clientId,
          Username: 'alice',
          ConfirmationCode: code,
          Password: NEW_PASSWORD,
        }),
      ).toEqual(internal);
      expect(
        await confirmForgotPassword({ ...h.ports, users: failing('conflict') })({
          ClientId: h.client.clientId,
          Username: 'alice',
          ConfirmationCode: code,
          Password: NEW_PASSWORD,
        }),
      ).toEqual(internal);
      expect((await h.stores.codes.verify(h.pool.id, 'alice', codeHmacer(CODE_KEY)(code), h.clock.now()))._unsafeUnwrap()).toBe('valid');
      expect(await passwordWorks(h, OLD_PASSWORD)).toBe(true);
      expect(await confirm(h, code)).toEqual(ok({}));
      expect(await passwordWorks(h, NEW_PASSWORD)).toBe(true);
    });

    it('R7.5: the code is checked before the password policy (D14)', async () => {
      const h = await withAlice();
      const code = await requestCode(h);
      expect(await confirm(h, wrongCode(code), 'weak')).toEqual(mismatch);
      h.clock.advanceBy(HOUR);
      expect(await confirm(h, code, 'weak')).toEqual(expired);
    });
  });

  describe('password policy (R7.6)', () => {
    const prefix = 'Password does not conform to policy: ';
    it.each([
      ['too short', 'Sh0rt!', 'Password not long enough'],
      ['no upper case', 'n0-upper-case', 'Password must have uppercase characters'],
      ['no lower case', 'N0-LOWER-CASE', 'Password must have lowercase characters'],
      ['no digit', 'No-digits-here', 'Password must have numeric characters'],
      ['no symbol', 'N0symbolsHere', 'Password must have symbol characters'],
      ['short and without anything else', 'aaaaa', 'Password not long enough'],
      ['an inner space as the only symbol', 'N0 symbolsHere', 'accepted'],
    ])('R7.6: %s (%s) → %s', async (_name, password, reason) => {
      const h = await withAlice();
      const code = await requestCode(h);
      const result = await confirm(h, code, password);
      expect(result).toEqual(reason === 'accepted' ? ok({}) : err(cognitoError('InvalidPasswordException', prefix + reason)));
    });

    it('R7.6: a rejected password does not burn the code', async () => {
      const h = await withAlice();
      const code = await requestCode(h);
      expect((await confirm(h, code, 'weak'))._unsafeUnwrapErr().name).toBe('InvalidPasswordException');
      expect(await confirm(h, code)).toEqual(ok({}));
    });

    it('R7.6: the pool policy applies (a lax pool accepts a plain password)', async () => {
      const h = await withAlice({ passwordPolicy: { minimumLength: 6, requireUppercase: false, requireNumbers: false, requireSymbols: false } });
      const code = await requestCode(h);
      expect(await confirm(h, code, 'simple')).toEqual(ok({}));
    });

    it('R2.2, R1.7, D14: a password with a leading blank fails the input constraints first', async () => {
      const h = await withAlice();
      const code = await requestCode(h);
      const result = await confirm(h, code, ' Passw0rd!');
      expect(result).toEqual(
        oneViolation("Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\\S]+.*[\\S]+$"),
      );
    });
  });

  describe('password history (R7.5 PasswordHistoryPolicyViolationException)', () => {
    const violation = err(cognitoError('PasswordHistoryPolicyViolationException', messages.passwordHistoryViolation));

    it('R7.5: with a history of 1 the current password cannot be set again', async () => {
      const h = await withAlice({ passwordPolicy: { passwordHistorySize: 1 } });
      const code = await requestCode(h);
      expect(await confirm(h, code, OLD_PASSWORD)).toEqual(violation);
      expect(await confirm(h, code)).toEqual(ok({}));
    });

    it('R7.5: with a history of 2 the previous password is refused too, the one before is allowed', async () => {
      const h = await withAlice({ passwordPolicy: { passwordHistorySize: 2 }, limits: { failedConfirmAttempts: 20 } });
      expect(await confirm(h, await requestCode(h), 'Second-passw0rd')).toEqual(ok({}));
      expect(await confirm(h, await requestCode(h), 'Third-passw0rd')).toEqual(ok({}));
      const code = await requestCode(h);
      expect(await confirm(h, code, 'Third-passw0rd')).toEqual(violation);
      expect(await confirm(h, code, 'Second-passw0rd')).toEqual(violation);
      expect(await confirm(h, code, OLD_PASSWORD)).toEqual(ok({}));
      expect((await h.userNamed('alice'))?.passwordHistory).toHaveLength(2);
    });

    it('R7.5: without a history (size 0) the old password may be set again', async () => {
      const h = await withAlice();
      expect(await confirm(h, await requestCode(h), OLD_PASSWORD)).toEqual(ok({}));
      expect((await h.userNamed('alice'))?.passwordHistory).toEqual([]);
    });
  });

  describe('attempt limit (R7.8, D9)', () => {
    it('R7.8/D9: after 5 failures within the hour even the right code is LimitExceededException', async () => {
      const h = await withAlice();
      const code = await requestCode(h);
      for (let i = 0; i < 5; i++) expect(await confirm(h, wrongCode(code))).toEqual(mismatch);
      expect(await confirm(h, code)).toEqual(limited);
      expect(await passwordWorks(h, OLD_PASSWORD)).toBe(true);
    });

    it('R7.8/D9: the count survives interleaved ForgotPassword calls', async () => {
      const h = await withAlice();
      let code = await requestCode(h);
      for (let i = 0; i < 3; i++) expect(await confirm(h, wrongCode(code))).toEqual(mismatch);
      code = await requestCode(h);
      for (let i = 0; i < 2; i++) expect(await confirm(h, wrongCode(code))).toEqual(mismatch);
      code = await requestCode(h);
      expect(await confirm(h, code)).toEqual(limited);
    });

    it('R7.8/D9: the window slides: an hour after the first failures guessing may resume', async () => {
      const h = await withAlice();
      const code = await requestCode(h);
      for (let i = 0; i < 5; i++) expect(await confirm(h, wrongCode(code))).toEqual(mismatch);
      h.clock.advanceBy(HOUR);
      expect(await confirm(h, await requestCode(h))).toEqual(ok({}));
    });

    it('R7.8/D9: the limit is a pool option', async () => {
      const h = await withAlice({ limits: { failedConfirmAttempts: 2 } });
      const code = await requestCode(h);
      for (let i = 0; i < 2; i++) expect(await confirm(h, wrongCode(code))).toEqual(mismatch);
      expect(await confirm(h, code)).toEqual(limited);
    });

    it('R7.8/D9: brute force is bounded: 1000 guesses in an hour get at most 5 comparisons', async () => {
      const h = await withAlice();
      await requestCode(h);
      const answers = new Map<string, number>();
      for (let n = 0; n < 1000; n++) {
        const guess = n.toString().padStart(6, '0');
        const result = await confirm(h, guess);
        const name = result.isOk() ? 'ok' : result.error.name;
        answers.set(name, (answers.get(name) ?? 0) + 1);
        h.clock.advanceBy(3_000);
      }
      expect(answers.get('LimitExceededException')).toBeGreaterThanOrEqual(995);
      expect((answers.get('CodeMismatchException') ?? 0) + (answers.get('ok') ?? 0)).toBeLessThanOrEqual(5);
    });

    it('R7.8/D9: a success counts as an attempt and does not reset the window', async () => {
      const h = await withAlice();
      let code = await requestCode(h);
      for (let i = 0; i < 2; i++) expect(await confirm(h, wrongCode(code))).toEqual(mismatch);
      expect(await confirm(h, code)).toEqual(ok({}));
      code = await requestCode(h);
      expect(await confirm(h, wrongCode(code))).toEqual(mismatch);
      expect(await confirm(h, code, 'An0ther-passw0rd!')).toEqual(ok({}));
      code = await requestCode(h);
      expect(await confirm(h, code, 'Th1rd-passw0rd!')).toEqual(limited);
    });

    it('R7.8/D9: a rejected password counts as an attempt', async () => {
      const h = await withAlice({ limits: { failedConfirmAttempts: 1 } });
      const code = await requestCode(h);
      expect((await confirm(h, code, 'weak'))._unsafeUnwrapErr().name).toBe('InvalidPasswordException');
      expect(await confirm(h, code)).toEqual(limited);
    });
  });

  describe('unknown and disabled users (R8.4, R8.5, D5)', () => {
    it('R8.5/D5: LEGACY, an unknown user is UserNotFoundException', async () => {
      const h = await withAlice();
      expect(await confirm(h, '123456', NEW_PASSWORD, 'nobody')).toEqual(err(cognitoError('UserNotFoundException', messages.userNotFound)));
    });

    it('D5: LEGACY, a disabled user is NotAuthorizedException "User is disabled."', async () => {
      const h = await aHarness();
      await h.addUser(aUser().withVerifiedEmail('alice@example.com').disabled());
      expect(await confirm(h, '123456')).toEqual(err(cognitoError('NotAuthorizedException', messages.userDisabled)));
    });

    it('R8.4: ENABLED, an unknown user who requested a code gets CodeMismatchException', async () => {
      const h = await withAlice({}, 'ENABLED');
      (await h.forgot({ ClientId: h.client.clientId, Username: 'nobody@example.com' }))._unsafeUnwrap();
      expect(await confirm(h, '123456', NEW_PASSWORD, 'nobody@example.com')).toEqual(mismatch);
    });

    it('R8.4 D19: ENABLED, an unknown user who requested no code gets CodeMismatchException; a real one who requested none, ExpiredCode', async () => {
      const h = await withAlice({}, 'ENABLED');
      expect(await confirm(h, '123456', NEW_PASSWORD, 'nobody@example.com')).toEqual(mismatch);
      expect(await confirm(h, '123456')).toEqual(expired);
    });

    it("R8.4 D19: ENABLED, an unknown user's answer stays CodeMismatchException after the simulated code would have expired", async () => {
      const h = await withAlice({}, 'ENABLED');
      (await h.forgot({ ClientId: h.client.clientId, Username: 'nobody' }))._unsafeUnwrap();
      h.clock.advanceBy(HOUR);
      expect(await confirm(h, '123456', NEW_PASSWORD, 'nobody')).toEqual(mismatch);
    });

    it('D5, R8.4, D19: ENABLED, a disabled user gets CodeMismatchException before and after a request, even with the right code', async () => {
      const h = await aHarness({ client: { preventUserExistenceErrors: 'ENABLED' } });
      await h.addUser(aUser().withVerifiedEmail('alice@example.com'));
      const code = await requestCode(h);
      const alice = (await h.userNamed('alice'))!;
      (await h.ports.users.update({ ...alice, enabled: false }, loginClaimsOf(h.pool, alice.username, alice.attributes), alice.version))._unsafeUnwrap();
      // D19: a disabled user always gets CodeMismatch, also with the right code sent before the
      // disabling (which stays out of reach: the hidden answer checks the input's hidden name).
      expect(await confirm(h, code)).toEqual(mismatch);
      (await h.forgot({ ClientId: h.client.clientId, Username: 'alice' }))._unsafeUnwrap();
      expect(h.outbox.messages()).toHaveLength(1);
      expect(await confirm(h, code)).toEqual(mismatch);
      expect(await passwordWorks(h, OLD_PASSWORD)).toBe(true);
    });

    it('R8.4, D9: ENABLED, an unknown user answers exactly like a real user with wrong codes, limit included', async () => {
      const h = await withAlice({}, 'ENABLED');
      const answers = async (username: string): Promise<string[]> => {
        (await h.forgot({ ClientId: h.client.clientId, Username: username }))._unsafeUnwrap();
        const names: string[] = [];
        for (let i = 0; i < 7; i++) {
          const result = await confirm(h, wrongCode(h.outbox.latestCodeFor(h.pool.id, 'alice') ?? ''), NEW_PASSWORD, username);
          names.push(result.isOk() ? 'ok' : result.error.name);
        }
        return names;
      };
      const real = await answers('alice@example.com');
      const ghost = await answers('ghost@example.com');
      expect(ghost).toEqual(real);
      expect(real).toEqual([...Array<string>(5).fill('CodeMismatchException'), 'LimitExceededException', 'LimitExceededException']);
    });

    it('R8.4, D9: ENABLED, the unknown-user counter is keyed by the normalised input', async () => {
      const h = await withAlice({ limits: { failedConfirmAttempts: 2 } }, 'ENABLED');
      expect(await confirm(h, '123456', NEW_PASSWORD, 'Ghost')).toEqual(mismatch);
      expect(await confirm(h, '123456', NEW_PASSWORD, 'GHOST')).toEqual(mismatch);
      expect(await confirm(h, '123456', NEW_PASSWORD, 'ghost')).toEqual(limited);
      expect(await confirm(h, '123456', NEW_PASSWORD, 'phantom')).toEqual(mismatch);
    });

    it('R4.2, R8.7: a FORCE_CHANGE_PASSWORD user is NotAuthorizedException, not hidden by ENABLED', async () => {
      const h = await aHarness({ client: { preventUserExistenceErrors: 'ENABLED' } });
      await h.addUser(aUser().withVerifiedEmail('alice@example.com').withStatus('FORCE_CHANGE_PASSWORD'));
      expect(await confirm(h, '123456')).toEqual(err(cognitoError('NotAuthorizedException', messages.cannotResetInState)));
    });
  });

  describe('order of checks (D14)', () => {
    it('D14: input constraints come before the client lookup', async () => {
      const h = await withAlice();
      const result = await h.confirm({ ClientId: 'unknown', Username: 'alice', ConfirmationCode: '12 34', Password: NEW_PASSWORD });
      expect(result).toEqual(
        err(
          cognitoError(
            'InvalidParameterException',
            // R1.7: ConfirmationCode is not sensitive in the model, so the caller's own value is quoted.
            "1 validation error detected: Value '12 34' at 'confirmationCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\S]+",
          ),
        ),
      );
    });

    it('D14, R2.2: every missing required member is reported at once', async () => {
      const h = await withAlice();
      const result = await h.confirm({ ClientId: 'c' } as never);
      expect(result._unsafeUnwrapErr().message).toMatch(/^3 validation errors detected: /u);
    });

    it('D14, R2.4: an unknown client is ResourceNotFoundException', async () => {
      const h = await withAlice();
      const result = await h.confirm({ ClientId: 'unknown', Username: 'alice', ConfirmationCode: '123456', Password: NEW_PASSWORD });
      expect(result).toEqual(err(cognitoError('ResourceNotFoundException', messages.clientNotFound('unknown'))));
    });

    it('D14, R2.5, D3: the secret hash is checked before the user lookup', async () => {
      const pool = aPool('emailFirst');
      const client = aClient({ clientSecret: 'shh' });
      const h = await aHarness({ pool, client });
      await h.addUser(aUser().withVerifiedEmail('alice@example.com'));
      expect(await confirm(h, '123456', NEW_PASSWORD, 'nobody')).toEqual(err(cognitoError('NotAuthorizedException', messages.secretMissing(client.clientId))));
      (await h.forgot({ ClientId: client.clientId, Username: 'alice', SecretHash: computeSecretHash('shh', 'alice', client.clientId) }))._unsafeUnwrap();
      const code = h.outbox.latestCodeFor(pool.id, 'alice') ?? '';
      const result = await h.confirm({
        ClientId: client.clientId,
        Username: 'alice',
        ConfirmationCode: code,
        Password: NEW_PASSWORD,
        SecretHash: computeSecretHash('shh', 'alice', client.clientId),
      });
      expect(result).toEqual(ok({}));
    });

    it('D14, D9: a LEGACY unknown user is refused at the lookup, before any attempt is counted', async () => {
      const h = await withAlice({ limits: { failedConfirmAttempts: 1 } });
      for (let i = 0; i < 3; i++) expect((await confirm(h, '123456', NEW_PASSWORD, 'nobody'))._unsafeUnwrapErr().name).toBe('UserNotFoundException');
      expect(await confirm(h, '123456')).toEqual(expired);
      expect(await confirm(h, '123456')).toEqual(limited);
    });
  });

  describe('code lifecycle property (R7.2, R7.3, R7.4, D8)', () => {
    type Step =
      | { readonly kind: 'forgot' }
      | { readonly kind: 'right' }
      | { readonly kind: 'old'; readonly pick: number }
      | { readonly kind: 'wrong'; readonly seed: number }
      | { readonly kind: 'advance'; readonly ms: number };

    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.constant<Step>({ kind: 'forgot' }),
      fc.constant<Step>({ kind: 'right' }),
      fc.nat().map<Step>((pick) => ({ kind: 'old', pick })),
      fc.nat({ max: 999_999 }).map<Step>((seed) => ({ kind: 'wrong', seed })),
      fc.oneof(fc.integer({ min: 0, max: 10 * 60_000 }), fc.integer({ min: HOUR - 5, max: HOUR + 5 })).map<Step>((ms) => ({ kind: 'advance', ms })),
    );

    it('R7.3, D8: at most one code is valid at any time, and a code is never accepted after it expired, was used or was superseded', async () => {
      const hmac = codeHmacer(CODE_KEY);
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
          const h = await withAlice({ limits: { forgotPasswordRequests: 1000, failedConfirmAttempts: 1000 } });
          const issued: { code: string; expiresAt: number }[] = [];
          const used = new Set<number>();
          const latest = (): number => issued.length - 1;
          const acceptable = (index: number): boolean => index === latest() && !used.has(index) && h.clock.now() < (issued[index]?.expiresAt ?? 0);

          const tryCode = async (code: string): Promise<void> => {
            const index = issued.findLastIndex((c) => c.code === code);
            const expectOk = index >= 0 && acceptable(index);
            const result = await confirm(h, code);
            if (expectOk) {
              expect(result).toEqual(ok({}));
              used.add(index);
            } else {
              expect(result.isErr() && ['CodeMismatchException', 'ExpiredCodeException'].includes(result.error.name)).toBe(true);
            }
          };

          for (const s of steps) {
            switch (s.kind) {
              case 'forgot':
                issued.push({ code: await requestCode(h), expiresAt: h.clock.now() + HOUR });
                break;
              case 'right':
                await tryCode(issued[latest()]?.code ?? '000000');
                break;
              case 'old':
                await tryCode(issued.length === 0 ? '000000' : (issued[s.pick % issued.length]?.code ?? '000000'));
                break;
              case 'wrong': {
                let guess = s.seed;
                while (issued.some((c) => c.code === guess.toString().padStart(6, '0'))) guess = (guess + 1) % 1_000_000;
                await tryCode(guess.toString().padStart(6, '0'));
                break;
              }
              case 'advance':
                h.clock.advanceBy(s.ms);
                break;
            }
            // Invariant: at most one issued code verifies, and only an acceptable one.
            const valid: number[] = [];
            for (const [i, c] of issued.entries()) {
              const verdict = (await h.ports.codes.verify(h.pool.id, 'alice', hmac(c.code), h.clock.now()))._unsafeUnwrap();
              if (verdict === 'valid') valid.push(i);
            }
            expect(new Set(valid.map((i) => issued[i]?.code)).size).toBeLessThanOrEqual(1);
            for (const i of valid) expect(issued[i]?.code).toBe(issued[latest()]?.code);
            if (valid.length > 0) expect(acceptable(latest())).toBe(true);
          }
        }),
        { numRuns: 60 },
      );
    });
  });
});
