// `pnpm bench:existence`: how long ForgotPassword takes for a real user and for the users a
// PreventUserExistenceErrors=ENABLED client must not tell apart from one (unknown, disabled, without a
// verified channel), median over BENCH_EXISTENCE_CALLS calls each (default 2,000), on the memory
// adapters. A figure, not a test: the test (packages/adapters-memory/test/security-user-existence.test.ts)
// asserts that the paths make the same port and crypto calls, which is what keeps these medians close.
import { createMemoryRecovery } from '@cognito-recovery/adapters-memory';
import { emitResult, log, median, unwrap } from './lib.mjs';

const CALLS = Number(process.env.BENCH_EXISTENCE_CALLS ?? 2000);
const WINDOW_MS = 3_600_000;

const recovery = createMemoryRecovery({ hasherCost: 1024 });
const poolId = (
  await unwrap(
    recovery.createUserPool({
      PoolName: 'existence',
      AliasAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      AccountRecoverySetting: {
        RecoveryMechanisms: [
          { Priority: 1, Name: 'verified_email' },
          { Priority: 2, Name: 'verified_phone_number' },
        ],
      },
      RecoveryLimits: { ForgotPasswordRequestsPerWindow: 20 },
    }),
    'CreateUserPool',
  )
).UserPool.Id;
const clientId = (
  await unwrap(recovery.createUserPoolClient({ UserPoolId: poolId, ClientName: 'enabled', PreventUserExistenceErrors: 'ENABLED' }), 'CreateUserPoolClient')
).UserPoolClient.ClientId;
const user = async (username, attributes) => {
  const UserAttributes = Object.entries(attributes).map(([Name, Value]) => ({ Name, Value }));
  await unwrap(recovery.adminCreateUser({ UserPoolId: poolId, Username: username, UserAttributes, MessageAction: 'SUPPRESS' }), 'AdminCreateUser');
  await unwrap(recovery.adminSetUserPassword({ UserPoolId: poolId, Username: username, Password: 'Old-passw0rd!', Permanent: true }), 'AdminSetUserPassword');
};
await user('alice', { email: 'alice@example.com', email_verified: 'true' });
await user('carol', { email: 'carol@example.com', email_verified: 'true' });
await unwrap(recovery.adminDisableUser({ UserPoolId: poolId, Username: 'carol' }), 'AdminDisableUser');
await user('dave', { email: 'dave@example.com', email_verified: 'false' });

/** Median µs of ForgotPassword for `username`, each call in a fresh limit window. */
async function medianMicros(username) {
  const samples = [];
  for (let i = 0; i < CALLS; i++) {
    recovery.clock.advanceBy(WINDOW_MS);
    const started = performance.now();
    const result = await recovery.forgotPassword({ ClientId: clientId, Username: username });
    samples.push((performance.now() - started) * 1000);
    if (result.isErr()) throw new Error(`${username}: ${result.error.name}`);
    if (i % 500 === 499) recovery.outbox.clear();
  }
  return median(samples);
}

await medianMicros('alice'); // warm up
const figures = {
  real: await medianMicros('alice'),
  unknown: await medianMicros('nobody'),
  disabled: await medianMicros('carol'),
  noChannel: await medianMicros('dave'),
};
const rounded = Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, Math.round(v)]));
log(`[existence] ForgotPassword median µs over ${CALLS} calls: ${JSON.stringify(rounded)}`);
emitResult({ calls: CALLS, medianMicros: rounded });
