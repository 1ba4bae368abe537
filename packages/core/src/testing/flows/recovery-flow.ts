/**
 * The shared flow suite: password recovery end to end through the operations of a `Recovery`, run on
 * every composition (memory, DynamoDB, PostgreSQL…) the way the contract suites run on every adapter.
 *
 * @module
 */
import { randomInt, randomUUID } from 'node:crypto';
import { err, ok, type Result } from 'neverthrow';
import { describe, expect, it } from 'vitest';
// From the package entry, whose names are stable, rather than from internal paths.
import {
  cognitoError,
  messages,
  type CreateUserPoolClientInput,
  type CreateUserPoolInput,
  type Recovery,
  type RecoveryLimitsInput,
  type UserStatus,
} from '../../index.js';
import { EMAIL_FIRST_SETTING } from '../builders.js';
import { codeIn, type DeliveredMessage, type ReadDeliveries } from '../deliveries.js';

/**
 * What a composition may be unable to offer the flow suite; tests that need it are skipped (and say
 * so in their title) when the composition declares it lacks it:
 * - `clock`: time the test can move ({@link RecoveryFlow.advance}), for code expiry and sliding windows;
 * - `sms`: SMS deliveries that {@link RecoveryFlow.delivered} can read back.
 *
 * @example
 * ```ts
 * describeRecoveryFlow('a store on the database clock', makeFlow, { lacks: ['clock'] });
 * ```
 * @group Testing
 */
export type FlowCapability = 'clock' | 'sms';

/**
 * A fresh composition for one test of {@link describeRecoveryFlow}: the recovery, and the two things
 * a flow needs from outside it.
 *
 * @example
 * ```ts
 * const memory = createMemoryRecovery({ hasherCost: 1024 });
 * const flow: RecoveryFlow = { recovery: memory, delivered: () => memory.outbox.messages(), advance: (ms) => memory.clock.advanceBy(ms) };
 * ```
 * @group Testing
 */
export interface RecoveryFlow {
  /** Every operation, bound to the composition's ports (pools are created through it). */
  readonly recovery: Recovery;
  /** The messages that reached the composition's sender backend, oldest first (see {@link ReadDeliveries}). */
  readonly delivered: ReadDeliveries;
  /** Moves the composition's clock forward by `ms` (a returned promise is awaited); absent when it has none (declare `lacks: ['clock']`). */
  readonly advance?: ((ms: number) => unknown) | undefined;
}

/**
 * Builds the {@link RecoveryFlow} of one test; called once per test.
 *
 * @example
 * ```ts
 * const makeFlow: MakeFlow = () => flowOf(createMemoryRecovery({ hasherCost: 1024 }));
 * ```
 * @group Testing
 */
export type MakeFlow = () => RecoveryFlow | Promise<RecoveryFlow>;

/**
 * Options of {@link describeRecoveryFlow}.
 *
 * @example
 * ```ts
 * const options: RecoveryFlowOptions = { lacks: ['sms'], timeoutMs: 60_000 };
 * ```
 * @group Testing
 */
export interface RecoveryFlowOptions {
  /** Capabilities the composition does not offer; the tests that need them are skipped. */
  readonly lacks?: readonly FlowCapability[] | undefined;
  /** Timeout of each test in ms (default vitest's). */
  readonly timeoutMs?: number | undefined;
}

const HOUR = 3_600_000;
const OLD_PASSWORD = 'Old-passw0rd!';
const NEW_PASSWORD = 'N3w-passw0rd!';
const mismatch = err(cognitoError('CodeMismatchException', messages.codeMismatch));
const expired = err(cognitoError('ExpiredCodeException', messages.codeExpired));
const limited = err(cognitoError('LimitExceededException', messages.limitExceeded));

/**
 * The value of a setup step that must succeed (shared with the sign-in flow suite).
 *
 * @example
 * ```ts
 * const poolId = (await must('CreateUserPool', recovery.createUserPool({ PoolName: 'p' }))).UserPool.Id;
 * ```
 * @internal
 */
export async function must<T, E>(step: string, result: PromiseLike<Result<T, E>>): Promise<T> {
  const settled = await result;
  if (settled.isErr()) throw new Error(`${step} failed: ${JSON.stringify(settled.error)}`);
  return settled.value;
}

/** Creates a pool, then a client of it, on a flow's recovery: the ids a test's scene uses. @internal */
export async function createPoolAndClient(
  recovery: Recovery,
  pool: CreateUserPoolInput,
  client: Omit<CreateUserPoolClientInput, 'UserPoolId'>,
): Promise<{ readonly poolId: string; readonly clientId: string }> {
  const poolId = (await must('CreateUserPool', recovery.createUserPool(pool))).UserPool.Id;
  const clientId = (await must('CreateUserPoolClient', recovery.createUserPoolClient({ ...client, UserPoolId: poolId }))).UserPoolClient.ClientId;
  return { poolId, clientId };
}

/** Creates a user (no invitation) with `attributes` and sets its permanent `password`: a `CONFIRMED` user. @internal */
export async function createConfirmedUser(
  recovery: Recovery,
  poolId: string,
  username: string,
  attributes: Readonly<Record<string, string>>,
  password: string,
): Promise<void> {
  const UserAttributes = Object.entries(attributes).map(([Name, Value]) => ({ Name, Value }));
  await must('AdminCreateUser', recovery.adminCreateUser({ UserPoolId: poolId, Username: username, UserAttributes, MessageAction: 'SUPPRESS' }));
  await must('AdminSetUserPassword', recovery.adminSetUserPassword({ UserPoolId: poolId, Username: username, Password: password, Permanent: true }));
}

/**
 * How a flow suite registers its tests under `options` (shared with the sign-in flow suite): `test`
 * registers a test with the suite's timeout (`timeoutMs`), unless its title says
 * `[needs: <capability>]` and the composition lacks that capability; `lacking` is the suffix of the
 * suite's name that says so.
 *
 * @example
 * ```ts
 * const { test, lacking } = suiteRegistration({ lacks: ['clock'] });
 * test('D8: a code expires [needs: clock]', async () => {}); // not registered
 * ```
 * @internal
 */
export function suiteRegistration(options: RecoveryFlowOptions): {
  readonly test: (title: string, body: () => Promise<void>) => void;
  readonly lacking: string;
} {
  const lacks = (capability: string): boolean => options.lacks?.includes(capability as FlowCapability) === true;
  return {
    test: (title, body) => {
      const needs = /\[needs: (\w+)\]/.exec(title)?.[1];
      if (needs === undefined || !lacks(needs)) it(title, body, options.timeoutMs);
    },
    lacking: options.lacks === undefined || options.lacks.length === 0 ? '' : ` (lacks ${options.lacks.join(', ')}: the tests that need it are not registered)`,
  };
}

/** A six-digit code that is not `code`. */
function otherThan(code: string): string {
  return code === '000000' ? '111111' : '000000';
}

/** How a phone number is masked in CodeDeliveryDetails (R6.3): the `+` and the last four digits. */
function maskedPhone(phone: string): string {
  return `+${'*'.repeat(phone.length - 5)}${phone.slice(-4)}`;
}

/** One test's pool, client and helpers, on a fresh flow. Addresses are unique to the test, so a backend shared with other tests can be read by destination. */
interface Scene {
  readonly flow: RecoveryFlow;
  readonly poolId: string;
  readonly clientId: string;
  /** A unique email address starting with `local` (masked `<l>***@e***`). */
  email(local: string): string;
  /** A unique E.164 phone number. */
  phone(): string;
  /** AdminCreateUser (no invitation) with `attributes`, then the permanent password {@link OLD_PASSWORD}: a CONFIRMED user. */
  user(username: string, attributes: Readonly<Record<string, string>>): Promise<void>;
  forgot(username: string): ReturnType<Recovery['forgotPassword']>;
  confirm(username: string, code: string, password?: string): ReturnType<Recovery['confirmForgotPassword']>;
  /** The messages delivered to `destinations`, oldest first. */
  deliveredTo(...destinations: string[]): Promise<DeliveredMessage[]>;
  /** The code of the latest message delivered to `destination`. */
  codeSentTo(destination: string): Promise<string>;
  /** ForgotPassword for `username`, which must succeed, then {@link Scene.codeSentTo} `destination`. */
  requestCode(username: string, destination: string): Promise<string>;
  passwordWorks(username: string, password: string): Promise<boolean>;
  statusOf(username: string): Promise<UserStatus>;
  advance(ms: number): Promise<void>;
}

/** The pool settings a test may ask {@link sceneOf} for. */
interface SceneSettings {
  readonly existence?: 'LEGACY' | 'ENABLED';
  readonly limits?: RecoveryLimitsInput;
}

async function sceneOf(makeFlow: MakeFlow, settings: SceneSettings = {}): Promise<Scene> {
  const flow = await makeFlow();
  const { recovery } = flow;
  const suffix = randomUUID().slice(0, 8);
  const { poolId, clientId } = await createPoolAndClient(
    recovery,
    {
      PoolName: `flow-${suffix}`,
      AliasAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      AutoVerifiedAttributes: ['email'],
      AccountRecoverySetting: EMAIL_FIRST_SETTING,
      SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/cognito-sms' },
      ...(settings.limits === undefined ? {} : { RecoveryLimits: settings.limits }),
    },
    { ClientName: 'web', PreventUserExistenceErrors: settings.existence ?? 'LEGACY' },
  );
  const deliveredTo = async (...destinations: string[]): Promise<DeliveredMessage[]> =>
    (await flow.delivered()).filter((m) => destinations.includes(m.destination));
  const codeSentTo = async (destination: string): Promise<string> => {
    const latest = (await deliveredTo(destination)).at(-1);
    const code = latest === undefined ? undefined : codeIn(latest);
    if (code === undefined) throw new Error(`no code was delivered to ${destination}`);
    return code;
  };
  const forgot = (username: string): ReturnType<Recovery['forgotPassword']> => recovery.forgotPassword({ ClientId: clientId, Username: username });
  return {
    flow,
    poolId,
    clientId,
    email: (local) => `${local}.${suffix}@example.com`,
    phone: () => `+1555${randomInt(1_000_000, 10_000_000)}`,
    user: (username, attributes) => createConfirmedUser(recovery, poolId, username, attributes, OLD_PASSWORD),
    forgot,
    confirm: (username, code, password = NEW_PASSWORD) =>
      recovery.confirmForgotPassword({ ClientId: clientId, Username: username, ConfirmationCode: code, Password: password }),
    deliveredTo,
    codeSentTo,
    async requestCode(username, destination) {
      expect((await forgot(username)).isOk()).toBe(true);
      return codeSentTo(destination);
    },
    async passwordWorks(username, password) {
      return (await must('VerifyUserPassword', recovery.verifyUserPassword({ UserPoolId: poolId, Username: username, Password: password }))).Valid;
    },
    async statusOf(username) {
      return (await must('AdminGetUser', recovery.adminGetUser({ UserPoolId: poolId, Username: username }))).UserStatus;
    },
    async advance(ms) {
      if (flow.advance === undefined) throw new Error("this test moves the clock: give the flow an advance(ms), or declare lacks: ['clock']");
      await flow.advance(ms);
    },
  };
}

/** {@link sceneOf} with the user `alice`, whose email (returned) is verified. */
async function aliceSceneOf(makeFlow: MakeFlow, settings: SceneSettings = {}): Promise<{ readonly s: Scene; readonly email: string }> {
  const s = await sceneOf(makeFlow, settings);
  const email = s.email('alice');
  await s.user('alice', { email, email_verified: 'true' });
  return { s, email };
}

/**
 * Registers the recovery flow suite: ForgotPassword → a code delivered → ConfirmForgotPassword sets
 * the password (verifyUserPassword proves the old and the new), latest code only, single use, wrong
 * and expired codes, attempt limits, LEGACY and ENABLED answers for unknown and disabled users,
 * AdminResetUserPassword, aliases and verified-only delivery. Every test calls `makeFlow()` for a fresh
 * composition and creates its own pool through the recovery, with addresses unique to the test.
 *
 * @example
 * ```ts
 * describeRecoveryFlow('memory adapters', () => {
 *   const memory = createMemoryRecovery({ hasherCost: 1024 });
 *   return { recovery: memory, delivered: () => memory.outbox.messages(), advance: (ms) => memory.clock.advanceBy(ms) };
 * });
 * ```
 * @group Testing
 */
export function describeRecoveryFlow(name: string, makeFlow: MakeFlow, options: RecoveryFlowOptions = {}): void {
  // A test whose title says `[needs: <capability>]` is not registered on a composition that lacks it.
  const { test, lacking } = suiteRegistration(options);

  describe(`recovery flow: ${name}${lacking}`, () => {
    describe('ForgotPassword, then ConfirmForgotPassword (R7.5, R7.7)', () => {
      test('R1.4 R6.1 R6.2 R7.1: ForgotPassword answers the masked email and delivers a six-digit code to the verified address', async () => {
        const { s, email } = await aliceSceneOf(makeFlow);
        expect(await s.forgot('alice')).toEqual(ok({ CodeDeliveryDetails: { Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' } }));
        const delivered = await s.deliveredTo(email);
        expect(delivered.map((m) => m.medium)).toEqual(['EMAIL']);
        expect(codeIn(delivered[0] ?? { body: '' })).toMatch(/^\d{6}$/);
      });

      test('R7.5 R7.7: the delivered code sets the new password: verifyUserPassword accepts it and refuses the old one', async () => {
        const { s, email } = await aliceSceneOf(makeFlow);
        expect(await s.passwordWorks('alice', OLD_PASSWORD)).toBe(true);
        expect(await s.confirm('alice', await s.requestCode('alice', email))).toEqual(ok({}));
        expect(await s.passwordWorks('alice', NEW_PASSWORD)).toBe(true);
        expect(await s.passwordWorks('alice', OLD_PASSWORD)).toBe(false);
        expect(await s.statusOf('alice')).toBe('CONFIRMED');
      });

      test('R7.5: a wrong code is CodeMismatchException and the password stays', async () => {
        const { s, email } = await aliceSceneOf(makeFlow);
        expect(await s.confirm('alice', otherThan(await s.requestCode('alice', email)))).toEqual(mismatch);
        expect(await s.passwordWorks('alice', OLD_PASSWORD)).toBe(true);
        expect(await s.passwordWorks('alice', NEW_PASSWORD)).toBe(false);
      });

      test('R7.5 D19: for a real user without a requested code the answer is ExpiredCodeException', async () => {
        const { s } = await aliceSceneOf(makeFlow);
        expect(await s.confirm('alice', '123456')).toEqual(expired);
        expect(await s.passwordWorks('alice', OLD_PASSWORD)).toBe(true);
      });

      test('R7.6: a password that breaks the pool policy is InvalidPasswordException, and the code still works', async () => {
        const { s, email } = await aliceSceneOf(makeFlow);
        const code = await s.requestCode('alice', email);
        expect(await s.confirm('alice', code, 'weakpassword')).toEqual(
          err(cognitoError('InvalidPasswordException', 'Password does not conform to policy: Password must have uppercase characters')),
        );
        expect(await s.confirm('alice', code)).toEqual(ok({}));
        expect(await s.passwordWorks('alice', NEW_PASSWORD)).toBe(true);
      });
    });

    describe('the code (R7.2, R7.3, R7.4, D8)', () => {
      test('R7.3 D8: only the latest code is valid: a superseded code is CodeMismatchException, the latest one works', async () => {
        const { s, email } = await aliceSceneOf(makeFlow);
        const first = await s.requestCode('alice', email);
        let second = first;
        while (second === first) {
          second = await s.requestCode('alice', email);
        }
        expect(await s.confirm('alice', first)).toEqual(mismatch);
        expect(await s.confirm('alice', second)).toEqual(ok({}));
        expect(await s.passwordWorks('alice', NEW_PASSWORD)).toBe(true);
      });

      test('R7.4 D8: a code is used once: used again it is CodeMismatchException, and the first new password stays', async () => {
        const { s, email } = await aliceSceneOf(makeFlow);
        const code = await s.requestCode('alice', email);
        expect(await s.confirm('alice', code)).toEqual(ok({}));
        expect(await s.confirm('alice', code, 'An0ther-passw0rd!')).toEqual(mismatch);
        expect(await s.passwordWorks('alice', NEW_PASSWORD)).toBe(true);
        expect(await s.passwordWorks('alice', 'An0ther-passw0rd!')).toBe(false);
      });

      test("R7.4 D8: of 8 concurrent confirms with the right code exactly one succeeds, the others get CodeMismatchException, and the winner's password is set", async () => {
        const { s, email } = await aliceSceneOf(makeFlow, { limits: { FailedConfirmAttemptsPerWindow: 20 } });
        const code = await s.requestCode('alice', email);
        const results = await Promise.all(Array.from({ length: 8 }, (_, i) => s.confirm('alice', code, `Passw0rd-${i}!`)));
        const winners = results.flatMap((r, i) => (r.isOk() ? [i] : []));
        expect(winners).toHaveLength(1);
        expect(results.filter((r) => r.isErr())).toEqual(Array.from({ length: 7 }, () => mismatch));
        expect(await s.passwordWorks('alice', `Passw0rd-${winners[0] ?? -1}!`)).toBe(true);
      });

      test('R7.2 D8: a code is accepted until one hour after it was sent, then it is ExpiredCodeException [needs: clock]', async () => {
        const { s, email } = await aliceSceneOf(makeFlow);
        const late = await s.requestCode('alice', email);
        await s.advance(HOUR);
        expect(await s.confirm('alice', late)).toEqual(expired);
        expect(await s.passwordWorks('alice', OLD_PASSWORD)).toBe(true);
        const inTime = await s.requestCode('alice', email);
        await s.advance(HOUR - 1);
        expect(await s.confirm('alice', inTime)).toEqual(ok({}));
      });

      test('R7.2 D8: the validity is the pool option RecoveryLimits.CodeValiditySeconds [needs: clock]', async () => {
        const { s, email } = await aliceSceneOf(makeFlow, { limits: { CodeValiditySeconds: 60 } });
        const code = await s.requestCode('alice', email);
        await s.advance(60_000);
        expect(await s.confirm('alice', code)).toEqual(expired);
      });
    });

    describe('attempt limits (R7.8, D9)', () => {
      test('R7.8 D9: after 5 wrong codes within the window even the right code is LimitExceededException', async () => {
        const { s, email } = await aliceSceneOf(makeFlow);
        const code = await s.requestCode('alice', email);
        for (let i = 0; i < 5; i++) expect(await s.confirm('alice', otherThan(code))).toEqual(mismatch);
        expect(await s.confirm('alice', code)).toEqual(limited);
        expect(await s.passwordWorks('alice', OLD_PASSWORD)).toBe(true);
      });

      test('D9: the sixth ForgotPassword within the window is LimitExceededException and delivers nothing', async () => {
        const { s, email } = await aliceSceneOf(makeFlow);
        for (let i = 0; i < 5; i++) expect((await s.forgot('alice')).isOk()).toBe(true);
        expect(await s.forgot('alice')).toEqual(limited);
        expect(await s.deliveredTo(email)).toHaveLength(5);
      });

      test('R7.8 D9: the window slides: an hour after the failures the user may confirm again [needs: clock]', async () => {
        const { s, email } = await aliceSceneOf(makeFlow);
        const code = await s.requestCode('alice', email);
        for (let i = 0; i < 5; i++) expect(await s.confirm('alice', otherThan(code))).toEqual(mismatch);
        await s.advance(HOUR);
        expect(await s.confirm('alice', await s.requestCode('alice', email))).toEqual(ok({}));
      });
    });

    describe('unknown and disabled users (R8.3, R8.4, R8.5, D5)', () => {
      test('R8.5: LEGACY, an unknown user is UserNotFoundException from ForgotPassword and from ConfirmForgotPassword', async () => {
        const s = await sceneOf(makeFlow);
        const notFound = err(cognitoError('UserNotFoundException', messages.userNotFound));
        expect(await s.forgot('nobody')).toEqual(notFound);
        expect(await s.confirm('nobody', '123456')).toEqual(notFound);
      });

      test('R8.3 D4: ENABLED, an unknown user gets the same simulated CodeDeliveryDetails every time, and nothing is delivered', async () => {
        const s = await sceneOf(makeFlow, { existence: 'ENABLED' });
        const ghost = s.email('ghost');
        const first = await s.forgot(ghost);
        expect(first.isOk() && first.value.CodeDeliveryDetails).toEqual({
          Destination: expect.stringMatching(/^[a-z0-9]\*\*\*@[a-z0-9]\*\*\*$/u) as unknown,
          DeliveryMedium: 'EMAIL',
          AttributeName: 'email',
        });
        expect(await s.forgot(ghost)).toEqual(first);
        expect(await s.deliveredTo(ghost)).toEqual([]);
      });

      test('R8.4 D19: ENABLED, ConfirmForgotPassword for an unknown user is CodeMismatchException, before a request and after one', async () => {
        const s = await sceneOf(makeFlow, { existence: 'ENABLED' });
        const ghost = s.email('ghost');
        expect(await s.confirm(ghost, '123456')).toEqual(mismatch);
        expect((await s.forgot(ghost)).isOk()).toBe(true);
        expect(await s.confirm(ghost, '123456')).toEqual(mismatch);
      });

      test('D5 R8.3: a disabled user: LEGACY NotAuthorizedException "User is disabled.", ENABLED a simulated answer with nothing delivered and CodeMismatchException', async () => {
        for (const existence of ['LEGACY', 'ENABLED'] as const) {
          const s = await sceneOf(makeFlow, { existence });
          const email = s.email('carol');
          await s.user('carol', { email, email_verified: 'true' });
          await must('AdminDisableUser', s.flow.recovery.adminDisableUser({ UserPoolId: s.poolId, Username: 'carol' }));
          const answer = await s.forgot('carol');
          if (existence === 'LEGACY') {
            expect(answer).toEqual(err(cognitoError('NotAuthorizedException', messages.userDisabled)));
          } else {
            expect(answer.isOk() && answer.value.CodeDeliveryDetails.DeliveryMedium).toBe('EMAIL');
            expect(await s.confirm('carol', '123456')).toEqual(mismatch);
          }
          expect([existence, await s.deliveredTo(email)]).toEqual([existence, []]);
        }
      });
    });

    describe('AdminResetUserPassword (R4.4)', () => {
      test('R4.4 R7.7: AdminResetUserPassword sets RESET_REQUIRED and delivers a code; ConfirmForgotPassword with it sets the password and the user is CONFIRMED', async () => {
        const { s, email } = await aliceSceneOf(makeFlow);
        expect(await s.flow.recovery.adminResetUserPassword({ UserPoolId: s.poolId, Username: 'alice' })).toEqual(ok({}));
        expect(await s.statusOf('alice')).toBe('RESET_REQUIRED');
        expect(await s.confirm('alice', await s.codeSentTo(email))).toEqual(ok({}));
        expect(await s.statusOf('alice')).toBe('CONFIRMED');
        expect(await s.passwordWorks('alice', NEW_PASSWORD)).toBe(true);
        expect(await s.passwordWorks('alice', OLD_PASSWORD)).toBe(false);
      });
    });

    describe('aliases and verified channels (R3.2, R5.2, R5.3, R5.6)', () => {
      test('R3.2: a verified email alias names the user for both operations; an unverified email names nobody', async () => {
        const s = await sceneOf(makeFlow);
        const alice = s.email('alice');
        const bob = s.email('bob');
        await s.user('alice', { email: alice, email_verified: 'true' });
        await s.user('bob', { email: bob, email_verified: 'false' });
        expect((await s.forgot(alice.toUpperCase())).isOk()).toBe(true);
        expect(await s.confirm(alice, await s.codeSentTo(alice))).toEqual(ok({}));
        expect(await s.passwordWorks('alice', NEW_PASSWORD)).toBe(true);
        expect(await s.forgot(bob)).toEqual(err(cognitoError('UserNotFoundException', messages.userNotFound)));
        expect(await s.deliveredTo(bob)).toEqual([]);
      });

      test('R5.2 R5.3: the code goes only to a verified channel: with the email unverified, the verified phone gets it by SMS [needs: sms]', async () => {
        const s = await sceneOf(makeFlow);
        const email = s.email('dave');
        const phone = s.phone();
        await s.user('dave', { email, email_verified: 'false', phone_number: phone, phone_number_verified: 'true' });
        expect(await s.forgot('dave')).toEqual(
          ok({ CodeDeliveryDetails: { Destination: maskedPhone(phone), DeliveryMedium: 'SMS', AttributeName: 'phone_number' } }),
        );
        expect((await s.deliveredTo(phone)).map((m) => m.medium)).toEqual(['SMS']);
        expect(await s.deliveredTo(email)).toEqual([]);
        expect(await s.confirm('dave', await s.codeSentTo(phone))).toEqual(ok({}));
        expect(await s.passwordWorks('dave', NEW_PASSWORD)).toBe(true);
      });

      test('R5.6: LEGACY, a user without a verified channel is InvalidParameterException and nothing is delivered', async () => {
        const s = await sceneOf(makeFlow);
        const email = s.email('erin');
        await s.user('erin', { email, email_verified: 'false' });
        expect(await s.forgot('erin')).toEqual(err(cognitoError('InvalidParameterException', messages.noVerifiedChannel)));
        expect(await s.deliveredTo(email)).toEqual([]);
      });
    });
  });
}
