/**
 * Race scenarios of issue 8 §3, written against the `Recovery` API only, so they run on any
 * composition: the memory adapters (security-races.test.ts) and DynamoDB on moto
 * (packages/adapters-aws/test/races.moto.test.ts).
 */
import type { Recovery, RecoveryCodeStore } from '@cognito-recovery/core';
import { expect, it } from 'vitest';
import type { Outbox } from '../src/index.js';
import { seed } from './security-support.js';

/** What a scenario needs from a composition. */
export interface RaceWorld {
  /** The use cases. */
  readonly recovery: Recovery;
  /** Every message sent. */
  readonly outbox: Outbox;
  /** The code store, to verify codes by HMAC. */
  readonly codes: RecoveryCodeStore;
  /** HMAC of a code under the composition's code key. */
  readonly hmac: (code: string) => string;
  /** The composition's time. */
  readonly now: () => number;
}

/** Options of {@link describeRaceScenarios}. */
export interface RaceOptions {
  /** Concurrent callers per race (DynamoDB on moto is slower: fewer). */
  readonly concurrency: number;
  /** Test timeout. */
  readonly timeoutMs: number;
}

const names = (results: readonly { isOk(): boolean; error?: unknown }[]): string[] =>
  results.map((r) => (r.isOk() ? 'ok' : (r as { error: { name: string } }).error.name));

const count = (values: readonly string[], value: string): number => values.filter((v) => v === value).length;

/** Registers the race tests for compositions made by `make` (a fresh, empty one per test). */
export function describeRaceScenarios(make: () => Promise<RaceWorld> | RaceWorld, options: RaceOptions): void {
  const n = options.concurrency;

  it(
    `R7.3 D8: ForgotPassword racing ConfirmForgotPassword (${n / 2} of each): only the latest code is ever valid`,
    async () => {
      const world = await make();
      const fixture = await seed(world.recovery, { ForgotPasswordRequestsPerWindow: 20, FailedConfirmAttemptsPerWindow: 100 });
      expect((await world.recovery.forgotPassword({ ClientId: fixture.legacyClient, Username: 'alice' })).isOk()).toBe(true);
      const first = world.outbox.latestCodeFor(fixture.poolId, 'alice') ?? '';
      const racers = Array.from({ length: n }, (_, i) =>
        i % 2 === 0
          ? world.recovery.forgotPassword({ ClientId: fixture.legacyClient, Username: 'alice' })
          : world.recovery.confirmForgotPassword({ ClientId: fixture.legacyClient, Username: 'alice', ConfirmationCode: first, Password: `N3w-passw0rd-${i}` }),
      );
      const results = names(await Promise.all(racers));
      const codes = world.outbox
        .messages()
        .filter((m) => m.userPoolId === fixture.poolId && m.username === 'alice')
        .map((m) => m.code);
      const valid: string[] = [];
      for (const code of new Set(codes)) {
        if ((await world.codes.verify(fixture.poolId, 'alice', world.hmac(code), world.now()))._unsafeUnwrap() === 'valid') valid.push(code);
      }
      // The first code is used at most once; every request went through (the limit is 20) and superseded it.
      const confirms = results.filter((_, i) => i % 2 === 1);
      expect(results.filter((_, i) => i % 2 === 0).every((r) => r === 'ok')).toBe(true);
      expect(count(confirms, 'ok')).toBeLessThanOrEqual(1);
      expect(confirms.every((r) => r === 'ok' || r === 'CodeMismatchException')).toBe(true);
      expect(valid).toHaveLength(1);
      expect(valid[0]).not.toBe(first);
      // A fresh request afterwards: its code is the only valid one.
      expect((await world.recovery.forgotPassword({ ClientId: fixture.legacyClient, Username: 'alice' })).isOk()).toBe(true);
      const latest = world.outbox.latestCodeFor(fixture.poolId, 'alice') ?? '';
      for (const code of new Set([...codes, latest])) {
        const outcome = (await world.codes.verify(fixture.poolId, 'alice', world.hmac(code), world.now()))._unsafeUnwrap();
        if (code === latest) expect(outcome).toBe('valid');
        else expect(outcome).not.toBe('valid');
      }
    },
    options.timeoutMs,
  );

  it(
    `R7.4 D8: ${n} concurrent confirms of the same right code: exactly one wins`,
    async () => {
      const world = await make();
      const fixture = await seed(world.recovery, { FailedConfirmAttemptsPerWindow: 100 });
      expect((await world.recovery.forgotPassword({ ClientId: fixture.legacyClient, Username: 'bob' })).isOk()).toBe(true);
      const code = world.outbox.latestCodeFor(fixture.poolId, 'bob') ?? '';
      const results = names(
        await Promise.all(
          Array.from({ length: n }, (_, i) =>
            world.recovery.confirmForgotPassword({ ClientId: fixture.legacyClient, Username: 'bob', ConfirmationCode: code, Password: `N3w-passw0rd-${i}` }),
          ),
        ),
      );
      expect(count(results, 'ok')).toBe(1);
      expect(count(results, 'CodeMismatchException')).toBe(n - 1);
    },
    options.timeoutMs,
  );

  it(
    `R3.2 DG-attrs, D46: ${n} concurrent AdminUpdateUserAttributes giving the same verified email to different users: exactly one owner`,
    async () => {
      const world = await make();
      const fixture = await seed(world.recovery);
      const usernames = Array.from({ length: n }, (_, i) => `racer${i}`);
      for (const username of usernames) {
        expect((await world.recovery.adminCreateUser({ UserPoolId: fixture.poolId, Username: username, MessageAction: 'SUPPRESS' })).isOk()).toBe(true);
      }
      const shared = 'shared@example.com';
      const results = names(
        await Promise.all(
          usernames.map((username) =>
            world.recovery.adminUpdateUserAttributes({
              UserPoolId: fixture.poolId,
              Username: username,
              UserAttributes: [
                { Name: 'email', Value: shared },
                { Name: 'email_verified', Value: 'true' },
              ],
            }),
          ),
        ),
      );
      // D46: an administrator's `email_verified=true` moves the alias, so every call may succeed (the
      // last one to move it owns it); a call that lost a race answers AliasExistsException. Either way:
      expect(count(results, 'ok')).toBeGreaterThanOrEqual(1);
      expect(results.filter((r) => r !== 'ok' && r !== 'AliasExistsException')).toEqual([]);
      // The alias resolves to one user, and that user is the only one holding the address as verified.
      const owner = await world.recovery.adminGetUser({ UserPoolId: fixture.poolId, Username: shared });
      expect(owner.isOk()).toBe(true);
      const winner = owner.isOk() ? owner.value.Username : '';
      expect(results[usernames.indexOf(winner)]).toBe('ok');
      const holders: string[] = [];
      for (const username of usernames) {
        const user = (await world.recovery.adminGetUser({ UserPoolId: fixture.poolId, Username: username }))._unsafeUnwrap();
        const email = user.UserAttributes.find((a) => a.Name === 'email')?.Value;
        const verified = user.UserAttributes.find((a) => a.Name === 'email_verified')?.Value;
        if (email === shared && verified === 'true') holders.push(username);
      }
      expect(holders).toEqual([winner]);
    },
    options.timeoutMs,
  );

  /**
   * `n` concurrent ForgotPassword of `username` through the fixture's `client`, in a fresh world whose
   * limit is 7 requests per window: exactly 7 succeed, the rest answer LimitExceededException.
   */
  const forgotAtOnceWithLimit7 = async (client: 'legacyClient' | 'enabledClient', username: string) => {
    const world = await make();
    const fixture = await seed(world.recovery, { ForgotPasswordRequestsPerWindow: 7 });
    const results = names(await Promise.all(Array.from({ length: n }, () => world.recovery.forgotPassword({ ClientId: fixture[client], Username: username }))));
    expect(count(results, 'ok')).toBe(7);
    expect(count(results, 'LimitExceededException')).toBe(n - 7);
    return { world, fixture };
  };

  it(
    `D9: ${n} concurrent ForgotPassword for one user with a limit of 7: exactly 7 succeed, one code stays valid`,
    async () => {
      const { world, fixture } = await forgotAtOnceWithLimit7('legacyClient', 'alice');
      const codes = world.outbox
        .messages()
        .filter((m) => m.userPoolId === fixture.poolId && m.username === 'alice')
        .map((m) => m.code);
      expect(codes).toHaveLength(7);
      let valid = 0;
      for (const code of new Set(codes)) {
        if ((await world.codes.verify(fixture.poolId, 'alice', world.hmac(code), world.now()))._unsafeUnwrap() === 'valid') valid += 1;
      }
      expect(valid).toBe(1);
    },
    options.timeoutMs,
  );

  it(
    `D9: ${n} concurrent ForgotPassword for an unknown user under ENABLED hit the same limit of 7`,
    async () => {
      await forgotAtOnceWithLimit7('enabledClient', 'nobody');
    },
    options.timeoutMs,
  );

  it(
    `R7.8 D9: ${n} concurrent wrong confirms with a limit of 5: exactly 5 are compared, the rest LimitExceededException`,
    async () => {
      const world = await make();
      const fixture = await seed(world.recovery);
      expect((await world.recovery.forgotPassword({ ClientId: fixture.legacyClient, Username: 'alice' })).isOk()).toBe(true);
      const code = world.outbox.latestCodeFor(fixture.poolId, 'alice') ?? '';
      const wrong = code === '000000' ? '000001' : '000000';
      const results = names(
        await Promise.all(
          Array.from({ length: n }, () =>
            world.recovery.confirmForgotPassword({ ClientId: fixture.legacyClient, Username: 'alice', ConfirmationCode: wrong, Password: 'N3w-passw0rd!' }),
          ),
        ),
      );
      expect(count(results, 'CodeMismatchException')).toBe(5);
      expect(count(results, 'LimitExceededException')).toBe(n - 5);
    },
    options.timeoutMs,
  );
}
