/**
 * Shared pieces of the security tests (issue 8): a memory recovery whose ports are wrapped by
 * `withFaults` (a recorder when the rate is 0) over stores that remember what was written to them,
 * a fixture of users in every state that matters, and the store invariants checked after each step.
 */
import { loginClaimsOf, type Claim, type Recovery, type StoredCode, type User, type UserStore, type RecoveryCodeStore } from '@cognito-recovery/core';
import { REVOKED_CODE, codeHmacer } from '@cognito-recovery/core/rules';
import { EMAIL_FIRST_SETTING, withFaults, type FaultSchedule, type FaultyPorts } from '@cognito-recovery/core/testing';
import type { MemoryPorts, MemoryRecoveryOptions } from '../src/index.js';
import { aHarness, attrs, must, type BareHarness } from './harness.js';

/** A fixed HMAC key, so the tests can compute the stored form of a code. */
export const SECURITY_CODE_KEY = new Uint8Array(32).fill(9);

/** HMAC of a code under {@link SECURITY_CODE_KEY}, as the code store keeps it. */
export const hmacOf = codeHmacer(SECURITY_CODE_KEY);

/** How a hidden name (ConfirmForgotPassword's name for nobody, `confirmAttemptName`) starts; no username can. */
const HIDDEN_PREFIX = ' unknown ';

/** What the stores were told to write (only the writes that happened). */
export interface WriteLog {
  /** Every claim ever written, by pool. */
  readonly claims: Map<string, Set<Claim>>;
  /** Every code HMAC ever issued, by `pool NUL username`. */
  readonly issued: Map<string, Set<string>>;
}

function remember<K, V>(map: Map<K, Set<V>>, key: K, values: Iterable<V>): void {
  let set = map.get(key);
  if (set === undefined) {
    set = new Set();
    map.set(key, set);
  }
  for (const value of values) set.add(value);
}

/** A user store that logs the claims of every successful create and update. */
function loggingUsers(inner: UserStore, log: WriteLog): UserStore {
  return {
    findByClaim: (pool, claim) => inner.findByClaim(pool, claim),
    findFirstByClaims: (pool, claims) => inner.findFirstByClaims(pool, claims),
    create: (user, claims) =>
      inner.create(user, claims).map((created) => {
        remember(log.claims, user.userPoolId, claims);
        return created;
      }),
    update: (user, claims, version, consume) =>
      inner.update(user, claims, version, consume).map((updated) => {
        remember(log.claims, user.userPoolId, claims);
        return updated;
      }),
    delete: (pool, username) => inner.delete(pool, username),
    list: (pool, limit, after) => inner.list(pool, limit, after),
    deletePool: (pool) => inner.deletePool(pool),
  };
}

/**
 * Whether a stored code is one a caller could send: not the D20 revocation marker, and not the
 * never-expiring unusable code a simulated answer leaves a real user (D19). Both are HMACs of values
 * with white space, which the ConfirmationCode pattern refuses.
 */
let revokedHmac: string | undefined; // computed once, when the first world is built (not in a measured call)
const sendable = (code: StoredCode): boolean => code.codeHmac !== revokedHmac && code.expiresAt !== Number.MAX_SAFE_INTEGER;

/** A code store that logs every code issued that a caller could send. */
function loggingCodes(inner: RecoveryCodeStore, log: WriteLog): RecoveryCodeStore {
  return {
    issue: (pool: string, username: string, code: StoredCode) =>
      inner.issue(pool, username, code).map(() => {
        if (sendable(code)) remember(log.issued, `${pool}\u0000${username}`, [code.codeHmac]);
      }),
    verify: (pool, username, codeHmac, now) => inner.verify(pool, username, codeHmac, now),
    attemptAndVerify: (pool, username, codeHmac, now, limit) => inner.attemptAndVerify(pool, username, codeHmac, now, limit),
    clear: (pool, username) => inner.clear(pool, username),
  };
}

/** The harness without a pool, its operations bound behind `withFaults` over logging stores. */
export interface SecureWorld extends BareHarness {
  /** The fault wrapper (and call log). */
  readonly faulty: FaultyPorts;
  /** What was written. */
  readonly writes: WriteLog;
}

/** Builds a {@link SecureWorld} ({@link SECURITY_CODE_KEY}); `schedule` defaults to no faults (a recorder). */
export async function secureWorld(schedule: FaultSchedule = { seed: 1, rate: 0 }, options: MemoryRecoveryOptions = {}): Promise<SecureWorld> {
  revokedHmac ??= hmacOf(REVOKED_CODE);
  const writes: WriteLog = { claims: new Map(), issued: new Map() };
  let faulty: FaultyPorts | undefined;
  const harness = await aHarness({
    ...options,
    codeKey: options.codeKey ?? SECURITY_CODE_KEY,
    pool: null,
    ports: (ports) => {
      faulty = withFaults({ ...ports, users: loggingUsers(ports.users, writes), codes: loggingCodes(ports.codes, writes) }, schedule);
      return faulty.ports;
    },
  });
  if (faulty === undefined) throw new Error('aHarness did not call options.ports');
  return { ...harness, faulty, writes };
}

/** Every user of a pool, straight from the store. */
export async function usersOf(world: Pick<MemoryPorts, 'stores'>, poolId: string): Promise<User[]> {
  const users: User[] = [];
  let after: string | undefined;
  for (;;) {
    const page = (await world.stores.users.list(poolId, 60, after))._unsafeUnwrap();
    users.push(...page.users);
    if (page.next === undefined) return users;
    after = page.next;
  }
}

/**
 * The store invariants of issue 8, as a list of violations (empty when they hold):
 * - every user holds exactly the claims `loginClaimsOf` gives it, and each points back to it;
 * - every claim ever written that the index still holds belongs to a user who should hold it;
 * - at most one code per user is valid;
 * - a valid code was delivered (D15): its HMAC is the HMAC of a code in the outbox for that user;
 * - codes stored under a hidden name (` unknown <input>`, the simulated ForgotPassword of §8, D4)
 *   belong to nobody: they are accepted without a delivery, but none may ever have been sent.
 */
export async function storeViolations(world: SecureWorld): Promise<string[]> {
  const violations: string[] = [];
  const now = world.clock.now();
  const pools = new Set([...world.writes.claims.keys()]);
  for (const poolId of pools) {
    const pool = (await world.stores.pools.getPool(poolId))._unsafeUnwrap();
    const users = await usersOf(world, poolId);
    if (pool === undefined) {
      if (users.length > 0) violations.push(`${poolId}: pool deleted, ${users.length} users left`);
      continue;
    }
    const delivered = new Map<string, Set<string>>();
    const sent = new Set<string>();
    for (const message of world.outbox.messages()) {
      if (message.userPoolId !== poolId) continue;
      remember(delivered, message.username, [hmacOf(message.code)]);
      sent.add(hmacOf(message.code));
    }
    for (const [key, hmacs] of world.writes.issued) {
      const [issuedPool, name] = key.split('\u0000');
      if (issuedPool !== poolId || name?.startsWith(HIDDEN_PREFIX) !== true) continue;
      for (const codeHmac of hmacs) if (sent.has(codeHmac)) violations.push(`${poolId}: the code stored under the hidden name "${name}" was sent`);
    }
    for (const user of users) {
      for (const claim of loginClaimsOf(pool, user.username, user.attributes)) {
        const owner = (await world.stores.users.findByClaim(poolId, claim))._unsafeUnwrap();
        if (owner?.username !== user.username)
          violations.push(`${poolId}: ${user.username} should hold ${claim}, the index says ${owner?.username ?? 'nobody'}`);
      }
      const valid: string[] = [];
      for (const codeHmac of world.writes.issued.get(`${poolId}\u0000${user.username}`) ?? []) {
        if ((await world.stores.codes.verify(poolId, user.username, codeHmac, now))._unsafeUnwrap() === 'valid') valid.push(codeHmac);
      }
      if (valid.length > 1) violations.push(`${poolId}: ${user.username} has ${valid.length} valid codes`);
      for (const codeHmac of valid) {
        if (delivered.get(user.username)?.has(codeHmac) !== true)
          violations.push(`${poolId}: ${user.username} has a valid code that was never delivered (D15)`);
      }
    }
    for (const claim of world.writes.claims.get(poolId) ?? []) {
      const owner = (await world.stores.users.findByClaim(poolId, claim))._unsafeUnwrap();
      if (owner !== undefined && !loginClaimsOf(pool, owner.username, owner.attributes).includes(claim)) {
        violations.push(`${poolId}: the index gives ${claim} to ${owner.username}, who should not hold it`);
      }
    }
  }
  return violations;
}

/** The names of a typed Cognito error. */
export function isTypedCognitoError(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  return (
    typeof e['name'] === 'string' &&
    e['name'].endsWith('Exception') &&
    typeof e['message'] === 'string' &&
    (e['$fault'] === 'client' || e['$fault'] === 'server') &&
    (e['$fault'] === 'server') === (e['name'] === 'InternalErrorException')
  );
}

/** The fixture: two pools, clients of every kind, users in every state ForgotPassword distinguishes. */
export interface Fixture {
  /** Email alias pool, case-insensitive, email then phone. */
  readonly poolId: string;
  /** Username-attribute (email) pool. */
  readonly emailPoolId: string;
  /** LEGACY client of `poolId`. */
  readonly legacyClient: string;
  /** ENABLED client of `poolId`. */
  readonly enabledClient: string;
  /** Client of `poolId` with a secret. */
  readonly secretClient: string;
  /** Its secret. */
  readonly clientSecret: string;
  /** ENABLED client of `emailPoolId`. */
  readonly emailPoolClient: string;
  /** Usernames and aliases that exist. */
  readonly logins: readonly string[];
}

/** The users' password. */
export const PASSWORD = 'Old-passw0rd!';

/**
 * Seeds `recovery` (through its own operations): alice (verified email), bob (verified phone), carol
 * (disabled, verified email), dave (no verified channel), erin (FORCE_CHANGE_PASSWORD), and in the
 * email pool frank@example.com.
 */
export async function seed(recovery: Recovery, limits: Record<string, number> = {}, poolExtra: Record<string, unknown> = {}): Promise<Fixture> {
  const poolId = (
    await must(
      recovery.createUserPool({
        PoolName: 'security',
        AliasAttributes: ['email', 'phone_number', 'preferred_username'],
        UsernameConfiguration: { CaseSensitive: false },
        AutoVerifiedAttributes: ['email'],
        AccountRecoverySetting: EMAIL_FIRST_SETTING,
        SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/sns' },
        RecoveryLimits: limits,
        ...poolExtra,
      }),
    )
  ).UserPool.Id;
  const emailPoolId = (await must(recovery.createUserPool({ PoolName: 'by-email', UsernameAttributes: ['email'], RecoveryLimits: limits }))).UserPool.Id;
  const client = async (pool: string, name: string, extra: Record<string, unknown>): Promise<{ id: string; secret: string | undefined }> => {
    const created = (await must(recovery.createUserPoolClient({ UserPoolId: pool, ClientName: name, ...extra }))).UserPoolClient;
    return { id: created.ClientId, secret: created.ClientSecret };
  };
  const legacy = await client(poolId, 'legacy', { PreventUserExistenceErrors: 'LEGACY' });
  const enabled = await client(poolId, 'enabled', { PreventUserExistenceErrors: 'ENABLED' });
  const secret = await client(poolId, 'secret', { PreventUserExistenceErrors: 'ENABLED', GenerateSecret: true });
  const emailClient = await client(emailPoolId, 'web', { PreventUserExistenceErrors: 'ENABLED' });
  const user = async (pool: string, username: string, attributes: Record<string, string>, permanent = true): Promise<void> => {
    await must(recovery.adminCreateUser({ UserPoolId: pool, Username: username, UserAttributes: attrs(attributes), MessageAction: 'SUPPRESS' }));
    if (permanent) await must(recovery.adminSetUserPassword({ UserPoolId: pool, Username: username, Password: PASSWORD, Permanent: true }));
  };
  await user(poolId, 'alice', { email: 'alice@example.com', email_verified: 'true' });
  await user(poolId, 'bob', { phone_number: '+15555550100', phone_number_verified: 'true' });
  await user(poolId, 'carol', { email: 'carol@example.com', email_verified: 'true' });
  await must(recovery.adminDisableUser({ UserPoolId: poolId, Username: 'carol' }));
  await user(poolId, 'dave', { email: 'dave@example.com', email_verified: 'false' });
  await user(poolId, 'erin', { email: 'erin@example.com', email_verified: 'true' }, false);
  await user(emailPoolId, 'frank@example.com', { email_verified: 'true' });
  return {
    poolId,
    emailPoolId,
    legacyClient: legacy.id,
    enabledClient: enabled.id,
    secretClient: secret.id,
    clientSecret: secret.secret ?? '',
    emailPoolClient: emailClient.id,
    logins: ['alice', 'ALICE', 'alice@example.com', 'bob', '+15555550100', 'carol', 'dave', 'erin', 'frank@example.com', 'nobody', 'nobody@example.com'],
  };
}
