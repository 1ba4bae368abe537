// The memory-adapter setup shared by the in-process, scale and HTTP benchmarks: one pool with the
// per-user limits raised (extension member RecoveryLimits), one app client, and many users inserted
// through the UserStore port directly (AdminCreateUser would hash a password per user).
import { randomBytes, randomUUID } from 'node:crypto';
import { createMemoryRecovery } from '@cognito-recovery/adapters-memory';
import { NO_MFA, NO_PASSWORD_HISTORY, computeSecretHash, loginClaimsOf } from '@cognito-recovery/core';
import { unwrap } from './lib.mjs';

/** The pool's limit window (default D9: one hour); the benchmarks move the clock past it. */
export const WINDOW_MS = 3_600_000;
/** ForgotPassword requests per user per window, as raised for the benchmarks. */
export const REQUESTS_PER_WINDOW = 20;

export const usernameOf = (i) => `user${i}`;
export const emailOf = (i) => `user${i}@example.com`;

let entropy = Buffer.alloc(0);
let offset = 0;
/** `length` random bytes from a pre-filled buffer (one randomBytes call per 1,000 users). */
function someRandom(length) {
  if (offset + length > entropy.length) {
    entropy = randomBytes(48_000);
    offset = 0;
  }
  offset += length;
  return entropy.subarray(offset - length, offset);
}

/** A CONFIRMED user with a verified email and a password hash shaped like the scrypt hasher's. */
export function benchUser(userPoolId, i, now) {
  const sub = randomUUID();
  const salt = someRandom(16).toString('base64');
  const key = someRandom(32).toString('base64');
  return {
    userPoolId,
    username: usernameOf(i),
    sub,
    attributes: { sub, email: emailOf(i), email_verified: 'true' },
    status: 'CONFIRMED',
    enabled: true,
    passwordHash: ['scrypt', 16384, 8, 1, salt, key].join('$'), // one flat string, as the hasher makes it
    passwordHistory: NO_PASSWORD_HISTORY,
    mfa: NO_MFA,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}

/** Creates the bench pool and client on a recovery (memory or AWS). */
export async function createPoolAndClient(recovery, { secret = true } = {}) {
  const { UserPool } = await unwrap(
    recovery.createUserPool({
      PoolName: 'bench',
      AliasAttributes: ['email'],
      AccountRecoverySetting: { RecoveryMechanisms: [{ Priority: 1, Name: 'verified_email' }] },
      RecoveryLimits: { ForgotPasswordRequestsPerWindow: REQUESTS_PER_WINDOW, FailedConfirmAttemptsPerWindow: 100 },
    }),
    'CreateUserPool',
  );
  const { UserPoolClient } = await unwrap(
    recovery.createUserPoolClient({ UserPoolId: UserPool.Id, ClientName: 'bench', GenerateSecret: secret }),
    'CreateUserPoolClient',
  );
  const pool = await unwrap(recovery.ports.pools.getPool(UserPool.Id), 'getPool');
  const clientId = UserPoolClient.ClientId;
  const clientSecret = UserPoolClient.ClientSecret;
  return {
    pool,
    poolId: UserPool.Id,
    clientId,
    clientSecret,
    secretHash: (username) => (clientSecret === undefined ? undefined : computeSecretHash(clientSecret, username, clientId)),
  };
}

/** Inserts users 0..count-1 through the UserStore port. */
export async function insertUsers(recovery, pool, count, now = 0) {
  const users = recovery.ports.users;
  for (let i = 0; i < count; i++) {
    const user = benchUser(pool.id, i, now);
    const created = await users.create(user, loginClaimsOf(pool, user.username, user.attributes));
    if (created.isErr()) throw new Error(`insert user ${i}: ${JSON.stringify(created.error)}`);
  }
}

/** A memory recovery with the bench pool, client and `userCount` users. */
export async function memoryFixture({ userCount, secret = true, ...options }) {
  const recovery = createMemoryRecovery(options);
  const setup = await createPoolAndClient(recovery, { secret });
  await insertUsers(recovery, setup.pool, userCount, recovery.clock.now());
  return { recovery, ...setup };
}
