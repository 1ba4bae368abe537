/**
 * Issue 8 §2: long random sequences of ForgotPassword, ConfirmForgotPassword, AdminResetUserPassword
 * and AdminUpdateUserAttributes while the ports fail on a seeded schedule (`withFaults`: errors,
 * throttling, timeouts whose effect happened, late answers, senders that deliver and then fail).
 * After every step, with injection off: the store invariants (claims ↔ users, one valid code per
 * user, D15: a valid code was delivered), exact limiter counts, and the error the caller got.
 */
import { DEFAULT_LIMITS, claimOf, type CognitoError, type UserPool } from '@cognito-recovery/core';
import type { FaultKind, FaultablePort, PortCall } from '@cognito-recovery/core/testing';
import fc from 'fast-check';
import type { Result } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { requestLimitKey } from '@cognito-recovery/core/rules';
import { hmacOf, secureWorld, seed, storeViolations, type Fixture, type SecureWorld } from './security-support.js';

/** The errors a port or trigger failure may surface as (D15, D16, and port failures). */
const FAULT_ERRORS = new Set([
  'InternalErrorException',
  'TooManyRequestsException',
  'CodeDeliveryFailureException',
  'UnexpectedLambdaException',
  'UserLambdaValidationException',
  'InvalidLambdaResponseException',
]);

const USERS = ['alice', 'bob', 'dave', 'carol'] as const;
const EMAILS = ['alice@example.com', 'bob@example.com', 'x@example.com', 'y@example.com', 'carol@example.com'] as const;
const REQUEST_LIMIT = 20;

type Step =
  | { readonly op: 'forgot'; readonly user: number; readonly enabled: boolean }
  | { readonly op: 'confirm'; readonly user: number; readonly right: boolean }
  | { readonly op: 'adminReset'; readonly user: number }
  | { readonly op: 'update'; readonly user: number; readonly email: number; readonly verified: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('forgot' as const), user: fc.nat(3), enabled: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('confirm' as const), user: fc.nat(3), right: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('adminReset' as const), user: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('update' as const), user: fc.nat(3), email: fc.nat(EMAILS.length - 1), verified: fc.boolean() }) },
);

async function run(world: SecureWorld, fixture: Fixture, s: Step): Promise<Result<unknown, CognitoError>> {
  const username = USERS[s.user] ?? 'alice';
  switch (s.op) {
    case 'forgot':
      return await world.recovery.forgotPassword({ ClientId: s.enabled ? fixture.enabledClient : fixture.legacyClient, Username: username });
    case 'confirm': {
      const code = s.right ? (world.outbox.latestCodeFor(fixture.poolId, username) ?? '000000') : '999999';
      return await world.recovery.confirmForgotPassword({
        ClientId: fixture.enabledClient,
        Username: username,
        ConfirmationCode: code,
        Password: `N3w-passw0rd-${code}`,
      });
    }
    case 'adminReset':
      return await world.recovery.adminResetUserPassword({ UserPoolId: fixture.poolId, Username: username });
    case 'update':
      return await world.recovery.adminUpdateUserAttributes({
        UserPoolId: fixture.poolId,
        Username: username,
        UserAttributes: [
          { Name: 'email', Value: EMAILS[s.email] ?? 'x@example.com' },
          { Name: 'email_verified', Value: String(s.verified) },
        ],
      });
  }
}

/**
 * Calls that failed and were not recovered: a `late` answer is no failure, and a trigger invocation
 * that failed to run or timed out is retried (R9.0.1), so it counts only when no later invocation of
 * the same step ran.
 */
function failing(calls: readonly PortCall[]): PortCall[] {
  return calls.filter((c, i) => {
    if (c.fault === undefined || c.fault === 'late') return false;
    if (c.port !== 'triggers') return true;
    return !calls.slice(i + 1).some((later) => later.port === 'triggers' && (later.fault === undefined || later.fault === 'late'));
  });
}
/** Calls whose effect happened: no fault, a late answer, or a timeout/partial after the call. */
const applied = (c: PortCall): boolean => c.fault === undefined || c.fault === 'late' || c.fault === 'timeout' || c.fault === 'partial';

interface Outcome {
  readonly violations: string[];
  readonly injected: number;
  readonly byError: Map<string, number>;
}

async function sequence(
  seedValue: number,
  steps: readonly Step[],
  ports: readonly FaultablePort[],
  kinds: readonly FaultKind[],
  rate: number,
  withTrigger: boolean,
): Promise<Outcome> {
  const world = await secureWorld({ seed: seedValue, rate, ports, kinds }, { seed: seedValue });
  world.faulty.setEnabled(false);
  const extra: Record<string, unknown> = {};
  if (withTrigger) {
    world.triggers.register('custom-message', (event: { response: Record<string, unknown> }) => Promise.resolve(event));
    world.triggers.register('post-confirmation', (event: unknown) => Promise.resolve(event));
    extra['LambdaConfig'] = { CustomMessage: 'custom-message', PostConfirmation: 'post-confirmation' };
  }
  const fixture = await seed(world.recovery, { ForgotPasswordRequestsPerWindow: REQUEST_LIMIT, FailedConfirmAttemptsPerWindow: 100 }, extra);
  const pool = (await world.stores.pools.getPool(fixture.poolId))._unsafeUnwrap() as UserPool;
  const appliedAttempts = new Map<string, number>();
  const violations: string[] = [];
  const byError = new Map<string, number>();
  let injected = 0;
  for (const [i, s] of steps.entries()) {
    world.faulty.setEnabled(true);
    const before = world.faulty.calls.length;
    const result = await run(world, fixture, s);
    world.faulty.setEnabled(false);
    const calls = world.faulty.since(before);
    const failed = failing(calls);
    injected += calls.filter((c) => c.fault !== undefined).length;
    const label = result.isOk() ? 'ok' : result.error.name;
    byError.set(label, (byError.get(label) ?? 0) + 1);
    const where = `step ${i} ${JSON.stringify(s)} → ${label}; faults ${JSON.stringify(failed.map((c) => `${c.port}.${c.method}:${c.fault ?? ''}`))}`;
    if (failed.length > 0 && !(result.isErr() && FAULT_ERRORS.has(result.error.name)))
      violations.push(`${where}: a failure did not reach the caller as a fault error`);
    if (failed.length === 0 && result.isErr() && (result.error.name === 'InternalErrorException' || result.error.name === 'TooManyRequestsException')) {
      violations.push(`${where}: a fault error without a fault`);
    }
    if (s.op === 'forgot') {
      const username = USERS[s.user] ?? 'alice';
      const attempts = calls.filter((c) => c.port === 'limiter' && c.method === 'attempt' && applied(c)).length;
      appliedAttempts.set(username, (appliedAttempts.get(username) ?? 0) + attempts);
    }
    for (const v of await storeViolations(world)) violations.push(`${where}: ${v}`);
    // No lost counter increment: the clock stands still, so the count is every applied attempt, up to the limit.
    for (const username of USERS) {
      const user = (await world.stores.users.findByClaim(pool.id, claimOf(pool, 'username', username)))._unsafeUnwrap();
      if (user === undefined) continue;
      const key = requestLimitKey(pool, user, username);
      const count = (await world.stores.limiter.count(key, DEFAULT_LIMITS.windowSeconds * 1000, world.clock.now()))._unsafeUnwrap();
      const expected = Math.min(REQUEST_LIMIT, appliedAttempts.get(username) ?? 0);
      if (count !== expected) violations.push(`${where}: limiter count for ${username} is ${count}, ${expected} attempts were applied`);
    }
    if (violations.length > 0) break;
  }
  return { violations, injected, byError };
}

const SEQUENCES = Number(process.env['FAULT_SEQUENCES'] ?? 20);

describe('fault injection: random sequences under a seeded failure schedule (issue 8 §2, D15, D16)', () => {
  it.each([
    ['stores fail (error, throttle)', ['users', 'codes', 'limiter', 'pools'], ['error', 'throttle'], false],
    ['the sender fails or accepts then fails (D15)', ['sender'], ['error', 'partial', 'late'], false],
    ['triggers fail or time out (D16)', ['triggers'], ['error', 'timeout', 'late'], true],
    ['the hasher fails', ['hasher'], ['error', 'throttle'], false],
    ['everything fails at once', ['users', 'codes', 'limiter', 'pools', 'sender', 'hasher', 'triggers'], ['error', 'throttle', 'partial', 'late'], true],
    [
      'answers are lost after the write (timeouts everywhere)',
      ['users', 'codes', 'limiter', 'pools', 'sender', 'hasher', 'triggers'],
      ['error', 'timeout', 'partial'],
      true,
    ],
  ] as const)(
    'D15 D16 %s: every failure reaches the caller as a fault error, no partial state, no lost increment',
    async (_, ports, kinds, withTrigger) => {
      const report = new Map<string, number>();
      let injected = 0;
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 30 }), fc.array(step, { minLength: 60, maxLength: 120 }), async (seedValue, steps) => {
          const outcome = await sequence(seedValue, steps, ports, kinds, 0.15, withTrigger);
          injected += outcome.injected;
          for (const [k, v] of outcome.byError) report.set(k, (report.get(k) ?? 0) + v);
          expect(outcome.violations).toEqual([]);
        }),
        { numRuns: SEQUENCES, seed: 15, endOnFailure: true },
      );
      expect(injected).toBeGreaterThan(0);
      process.stdout.write(`[faults] ${_}: ${injected} faults injected; answers ${JSON.stringify(Object.fromEntries(report))}\n`);
    },
    60_000,
  );
});

describe('D15 under single faults: no valid code without a delivered message', () => {
  /** ForgotPassword for alice under a plan that fails exactly the calls named. */
  async function forgotUnder(
    plan: Readonly<Record<string, FaultKind>>,
  ): Promise<{ world: SecureWorld; fixture: Fixture; result: Result<unknown, CognitoError> }> {
    const world = await secureWorld({ seed: 1, rate: 0, plan: (call) => plan[`${call.port}.${call.method}`] });
    world.faulty.setEnabled(false);
    const fixture = await seed(world.recovery);
    world.faulty.setEnabled(true);
    const result = await world.recovery.forgotPassword({ ClientId: fixture.legacyClient, Username: 'alice' });
    world.faulty.setEnabled(false);
    return { world, fixture, result };
  }

  it('D15 a codes.issue whose write landed but whose answer was lost: the code is valid only because its message went out first', async () => {
    const { world, result } = await forgotUnder({ 'codes.issue': 'timeout' });
    expect(result.isErr() && result.error.name).toBe('InternalErrorException');
    expect(world.outbox.messages()).toHaveLength(1);
    expect(await storeViolations(world)).toEqual([]);
  });

  it('D15 a failed delivery whose revocation fails too leaves no valid code (nothing was stored)', async () => {
    const { world, result } = await forgotUnder({ 'sender.send': 'error', 'codes.clear': 'error' });
    expect(result.isErr() && result.error.name).toBe('InternalErrorException');
    expect(world.outbox.messages()).toEqual([]);
    expect(await storeViolations(world)).toEqual([]);
  });

  it('D15: a sender that delivers and then fails answers CodeDeliveryFailureException and leaves no valid code (the message went out with a dead code)', async () => {
    const { world, result } = await forgotUnder({ 'sender.send': 'partial' });
    expect(result.isErr() && result.error.name).toBe('CodeDeliveryFailureException');
    expect(world.outbox.messages()).toHaveLength(1);
    expect(await storeViolations(world)).toEqual([]);
    const code = world.outbox.latestCodeFor(world.outbox.messages()[0]?.userPoolId ?? '', 'alice') ?? '';
    expect((await world.stores.codes.verify(world.outbox.messages()[0]?.userPoolId ?? '', 'alice', hmacOf(code), world.clock.now()))._unsafeUnwrap()).toBe(
      'none',
    );
  });
});
