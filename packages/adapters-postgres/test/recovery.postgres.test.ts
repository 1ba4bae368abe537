import { ManualClock, Outbox } from '@cognito-recovery/adapters-memory';
import { ScryptPasswordHasher } from '@cognito-recovery/core';
import { describeRecoveryFlow, describeSignInFlow, type MakeFlow } from '@cognito-recovery/core/testing';
import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { countRoundTrips, createPostgresRecovery, type SqlExecutor } from '../src/index.js';
import { usePglite, usePostgres, withoutPostgres } from './databases.js';

const CODE_KEY = new Uint8Array(32).fill(7);
const hasher = new ScryptPasswordHasher({ cost: 1024 });

/** A recovery on `db` whose executor counts round trips, with a manual clock and an outbox. */
function composition(db: SqlExecutor) {
  const counter = countRoundTrips(db);
  const clock = new ManualClock(Date.UTC(2024, 5, 1));
  const outbox = new Outbox(clock);
  const recovery = createPostgresRecovery(counter.executor, { codeKey: CODE_KEY, sender: outbox, hasher, clock });
  return { recovery, counter, clock, outbox };
}

/** The end-to-end flow and its costs, on one database. */
function describeRecovery(label: string, database: () => SqlExecutor): void {
  describe(`createPostgresRecovery on ${label}`, () => {
    /** A pool (limits raised so 50 confirms all reach the code check), a client and alice with a verified email, through the use cases. */
    async function provision(setup: ReturnType<typeof composition>, username = 'alice') {
      const { recovery } = setup;
      const pool = (
        await recovery.createUserPool({
          PoolName: `pg-${Math.random().toString(36).slice(2, 10)}`,
          AliasAttributes: ['email'],
          AutoVerifiedAttributes: ['email'],
          RecoveryLimits: { FailedConfirmAttemptsPerWindow: 100, ForgotPasswordRequestsPerWindow: 20 },
        })
      )._unsafeUnwrap().UserPool;
      const client = (await recovery.createUserPoolClient({ UserPoolId: pool.Id, ClientName: 'web', PreventUserExistenceErrors: 'ENABLED' }))._unsafeUnwrap()
        .UserPoolClient;
      const created = await recovery.adminCreateUser({
        UserPoolId: pool.Id,
        Username: username,
        UserAttributes: [
          { Name: 'email', Value: `${username}@example.com` },
          { Name: 'email_verified', Value: 'true' },
        ],
        MessageAction: 'SUPPRESS',
      });
      expect(created.isOk()).toBe(true);
      expect((await recovery.adminSetUserPassword({ UserPoolId: pool.Id, Username: username, Password: 'Old-passw0rd!', Permanent: true })).isOk()).toBe(true);
      return { poolId: pool.Id, clientId: client.ClientId };
    }

    it('runs CreateUserPool, CreateUserPoolClient, AdminCreateUser, ForgotPassword, ConfirmForgotPassword in 3 + 3 round trips, then verifies the new password', async () => {
      const setup = composition(database());
      const { recovery, counter, outbox } = setup;
      const { poolId, clientId } = await provision(setup);
      // The first call of a process reads the client and the pool (the cache is then warm).
      expect((await recovery.forgotPassword({ ClientId: clientId, Username: 'nobody' })).isOk()).toBe(true);

      counter.reset();
      expect(await recovery.forgotPassword({ ClientId: clientId, Username: 'alice@example.com' })).toEqual(
        ok({ CodeDeliveryDetails: { Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' } }),
      );
      const forgotTrips = counter.count();
      const code = outbox.latestCodeFor(poolId, 'alice') ?? '';
      expect(code).toMatch(/^\d{6}$/);

      counter.reset();
      expect(await recovery.confirmForgotPassword({ ClientId: clientId, Username: 'alice', ConfirmationCode: code, Password: 'N3w-passw0rd!' })).toEqual(
        ok({}),
      );
      const confirmTrips = counter.count();
      process.stdout.write(`[adapters-postgres] ${label} round trips: ForgotPassword ${forgotTrips}, ConfirmForgotPassword ${confirmTrips}\n`);
      expect(forgotTrips).toBeLessThanOrEqual(3);
      expect(confirmTrips).toBeLessThanOrEqual(3);

      expect(await recovery.verifyUserPassword({ UserPoolId: poolId, Username: 'alice', Password: 'N3w-passw0rd!' })).toEqual(ok({ Valid: true }));
      expect(await recovery.verifyUserPassword({ UserPoolId: poolId, Username: 'alice', Password: 'Old-passw0rd!' })).toEqual(ok({ Valid: false }));
      const again = await recovery.confirmForgotPassword({ ClientId: clientId, Username: 'alice', ConfirmationCode: code, Password: 'An0ther-passw0rd!' });
      expect(again.isErr() && again.error.name).toBe('CodeMismatchException');
    });

    it('lets exactly one of 50 concurrent ConfirmForgotPassword calls with the right code succeed', async () => {
      const setup = composition(database());
      const { recovery, outbox } = setup;
      const { poolId, clientId } = await provision(setup);
      expect((await recovery.forgotPassword({ ClientId: clientId, Username: 'alice' })).isOk()).toBe(true);
      const code = outbox.latestCodeFor(poolId, 'alice') ?? '';
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          recovery.confirmForgotPassword({ ClientId: clientId, Username: 'alice', ConfirmationCode: code, Password: `N3w-passw0rd!${i}` }),
        ),
      );
      const winners = results.flatMap((r, i) => (r.isOk() ? [i] : []));
      expect(winners).toHaveLength(1);
      expect(results.filter((r) => r.isErr()).map((r) => r._unsafeUnwrapErr().name)).toEqual(Array.from({ length: 49 }, () => 'CodeMismatchException'));
      expect(await recovery.verifyUserPassword({ UserPoolId: poolId, Username: 'alice', Password: `N3w-passw0rd!${winners[0] ?? -1}` })).toEqual(
        ok({ Valid: true }),
      );
    }, 60_000);

    it('keeps an unknown user and a real one at the same round trips under PreventUserExistenceErrors (D4)', async () => {
      const setup = composition(database());
      const { recovery, counter } = setup;
      const { clientId } = await provision(setup);
      expect((await recovery.forgotPassword({ ClientId: clientId, Username: 'warm-up' })).isOk()).toBe(true);
      counter.reset();
      expect((await recovery.forgotPassword({ ClientId: clientId, Username: 'alice' })).isOk()).toBe(true);
      const real = counter.count();
      counter.reset();
      expect((await recovery.forgotPassword({ ClientId: clientId, Username: 'ghost' })).isOk()).toBe(true);
      expect(counter.count()).toBe(real);
      counter.reset();
      const confirm = await recovery.confirmForgotPassword({ ClientId: clientId, Username: 'ghost', ConfirmationCode: '123456', Password: 'N3w-passw0rd!' });
      expect(confirm.isErr() && confirm.error.name).toBe('CodeMismatchException');
      expect(counter.count()).toBeLessThanOrEqual(3);
    });
  });

  const flow: MakeFlow = () => {
    const { recovery, clock, outbox } = composition(database());
    return { recovery, delivered: () => outbox.messages(), advance: (ms) => clock.advanceBy(ms) };
  };
  describeRecoveryFlow(`createPostgresRecovery on ${label}`, flow, { timeoutMs: 30_000 });
  describeSignInFlow(`createPostgresRecovery on ${label}`, flow, { timeoutMs: 30_000 });
}

describe.skipIf(withoutPostgres)('PostgreSQL 15 server', () => {
  describeRecovery('PostgreSQL', usePostgres());
});

describe('PGlite', () => {
  describeRecovery('PGlite', usePglite());
});
