/**
 * The `cognito-recovery serve` composition: a recovery seeded from a validated configuration, through
 * the core's own operations; in memory, or durable in a data directory (`--data-dir`, PGlite).
 *
 * @module
 */
import { pathToFileURL } from 'node:url';
import { createMemoryPorts, type MemoryRecoveryOptions, type MemoryTriggerInvoker, type TriggerHandler } from '@cognito-recovery/adapters-memory';
import {
  candidateClaims,
  createRecovery,
  loginClaimsOf,
  type CognitoError,
  type LambdaConfigType,
  type Ports,
  type Recovery,
  type User,
} from '@cognito-recovery/core';
import { ResultAsync } from 'neverthrow';
import { operationsOf, type Composition } from './compose.js';
import type { ConfigIssue, PoolConfig, ServerConfig, TriggersConfig, UserConfig } from './config.js';
import { omit } from './config.js';
import { memoryInspection } from './memory-inspection.js';
import { wellKnownOf } from './well-known.js';

/**
 * The scrypt cost `N` of the local server's password hashes unless told otherwise (`--hash-cost`,
 * `hashCost`): 16, a few hundredths of a millisecond per hash, so a test suite that creates and signs
 * users in through the endpoint spends no time hashing (N = 1024 would cost ~2 ms per hash, about five
 * hashes per create / sign in / reset / sign in lifecycle). A local endpoint holds test users; the AWS
 * and PostgreSQL compositions keep their strong defaults.
 *
 * @example
 * ```ts
 * await buildOperations(config, { hasherCost: 16_384 }); // a production-like cost instead of LOCAL_HASH_COST
 * ```
 * @group Server
 */
export const LOCAL_HASH_COST = 16;

/**
 * Options of {@link buildOperations}: the memory adapters' options (`hasherCost` defaults to
 * {@link LOCAL_HASH_COST} here; `signingKeys` or `tokens` sign the tokens), the clock, the data
 * directory and the tokens' issuer.
 *
 * @example
 * ```ts
 * const options: BuildOperationsOptions = { clock: 'manual', hasherCost: 1024 };
 * const durable: BuildOperationsOptions = { dataDir: './.cognito-recovery', issuerBaseUrl: 'http://localhost:9229' };
 * ```
 * @group Server
 */
export interface BuildOperationsOptions extends MemoryRecoveryOptions {
  /**
   * D34: the base of the tokens' `iss` (`<issuerBaseUrl>/<poolId>`), passed to `createRecovery`; the
   * `/.well-known/*` documents are also served under its path. Absent: Cognito's own
   * `https://cognito-idp.<region>.amazonaws.com`.
   */
  readonly issuerBaseUrl?: string | undefined;
  /**
   * `real` (default): the clock follows the system time; `manual`: it starts at the system time (or
   * `now`) and moves only through `POST /_local/clock`.
   */
  readonly clock?: 'real' | 'manual' | undefined;
  /**
   * A directory to keep the state in (created when missing): pools, app clients, users, outstanding
   * codes and limit windows in PGlite under `<dataDir>/pglite`, the code key in `<dataDir>/code-key`
   * (mode 0600) and the token signing keys in `<dataDir>/signing-keys.json` (mode 0600, unless
   * `signingKeys` or `tokens` is given), so everything that decides an answer survives a restart, and
   * tokens signed before it verify after it. The outbox stays in memory. Absent: everything in memory
   * (the default). With it, `codeKey` must be left out (the key is the directory's), and the
   * composition's `close()` must be called to release the directory.
   */
  readonly dataDir?: string | undefined;
}

/** A configuration problem found while seeding: it names the field and the reason. */
class SeedIssue extends Error {
  constructor(readonly issue: ConfigIssue) {
    super(`${issue.path}: ${issue.reason}`);
    this.name = 'SeedIssue';
  }
}

function fail(path: string, reason: string): never {
  throw new SeedIssue({ path, reason });
}

async function expectOk<T, E extends CognitoError>(path: string, result: ResultAsync<T, E>): Promise<T> {
  const settled = await result;
  if (settled.isErr()) fail(path, `${settled.error.name}: ${settled.error.message}`);
  return settled.value;
}

/** A recovery the configuration is seeded into, with its ports (memory or PGlite stores). */
type Seedable = Recovery & { readonly ports: Ports };

/**
 * How to seed: `all` creates everything (in memory, or into a fresh data directory); `missing` (a
 * data directory that already holds pools) creates only the pools, clients and users whose ids are
 * not there yet, and skips the pools without an `Id`.
 */
type SeedMode = 'all' | 'missing';

async function loadTriggers(triggers: MemoryTriggerInvoker, path: string, pool: PoolConfig): Promise<LambdaConfigType | undefined> {
  const modules: TriggersConfig = pool.Triggers ?? {};
  const lambdaConfig: Record<string, unknown> = { ...pool.LambdaConfig };
  for (const [name, modulePath] of Object.entries(modules)) {
    let loaded: { default?: unknown; handler?: unknown };
    try {
      loaded = (await import(pathToFileURL(modulePath).href)) as { default?: unknown; handler?: unknown };
    } catch (error) {
      fail(`${path}.Triggers.${name}`, `cannot import ${modulePath}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const handler = loaded.default ?? loaded.handler;
    if (typeof handler !== 'function') fail(`${path}.Triggers.${name}`, `${modulePath} has no default export (or \`handler\`) function`);
    triggers.register(modulePath, handler as TriggerHandler);
    lambdaConfig[name] = name === 'CustomEmailSender' || name === 'CustomSMSSender' ? { LambdaVersion: 'V1_0', LambdaArn: modulePath } : modulePath;
  }
  const senders = lambdaConfig['CustomEmailSender'] !== undefined || lambdaConfig['CustomSMSSender'] !== undefined;
  if (senders && lambdaConfig['KMSKeyID'] === undefined) lambdaConfig['KMSKeyID'] = 'local-code-key';
  return Object.keys(lambdaConfig).length === 0 ? undefined : lambdaConfig;
}

async function seedUser(recovery: Seedable, poolId: string, path: string, user: UserConfig): Promise<void> {
  const { Password, Status, Enabled, ...input } = user;
  await expectOk(path, recovery.adminCreateUser({ MessageAction: 'SUPPRESS', ...input, UserPoolId: poolId }));
  if (Password !== undefined) {
    await expectOk(`${path}.Password`, recovery.adminSetUserPassword({ UserPoolId: poolId, Username: user.Username, Password, Permanent: true }));
  }
  if (Enabled === false) await expectOk(`${path}.Enabled`, recovery.adminDisableUser({ UserPoolId: poolId, Username: user.Username }));
  if (Status !== undefined) await setStatus(recovery, poolId, path, user.Username, Status);
}

/** The stored user `username` names in the pool, if any. */
async function findUser(ports: Ports, poolId: string, path: string, username: string): Promise<User | undefined> {
  const pool = (await ports.pools.getPool(poolId))._unsafeUnwrap();
  if (pool === undefined) fail(path, 'pool vanished');
  for (const claim of candidateClaims(pool, username)) {
    const found = (await ports.users.findByClaim(poolId, claim))._unsafeUnwrap();
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Puts a seeded user in any status (the local config may describe states no operation reaches directly). */
async function setStatus(seedable: Seedable, poolId: string, path: string, username: string, status: User['status']): Promise<void> {
  const { ports } = seedable;
  const pool = (await ports.pools.getPool(poolId))._unsafeUnwrap();
  if (pool === undefined) fail(path, 'pool vanished');
  const found = await findUser(ports, poolId, path, username);
  if (found === undefined) fail(path, 'user vanished');
  if (found.status === status) return;
  const updated = await ports.users.update({ ...found, status }, loginClaimsOf(pool, found.username, found.attributes), found.version);
  if (updated.isErr()) fail(`${path}.Status`, 'cannot set the status');
}

/** What seeding left as it was (for the notes of a data directory). */
interface SeedTally {
  kept: number;
  skipped: string[];
}

async function seedPool(recovery: Seedable, triggers: MemoryTriggerInvoker, path: string, pool: PoolConfig, mode: SeedMode, tally: SeedTally): Promise<void> {
  const { Clients, Users } = pool;
  const input = omit(omit(omit(pool, 'Clients'), 'Users'), 'Triggers');
  // The trigger modules are registered at every start: a pool kept in a data directory names them too.
  const LambdaConfig = await loadTriggers(triggers, path, pool);
  if (mode === 'missing' && pool.Id === undefined) {
    tally.skipped.push(`${path} (${pool.PoolName}) has no Id: a pool without one is created only in a fresh data directory, so it was skipped`);
    return;
  }
  const existing = mode === 'missing' && pool.Id !== undefined ? (await recovery.ports.pools.getPool(pool.Id))._unsafeUnwrap() : undefined;
  let poolId: string;
  if (existing === undefined) {
    const created = await expectOk(path, recovery.createUserPool({ ...input, ...(LambdaConfig === undefined ? {} : { LambdaConfig }) }));
    poolId = created.UserPool.Id;
  } else {
    poolId = existing.id;
    tally.kept++;
  }
  const all = existing === undefined;
  for (const [i, client] of (Clients ?? []).entries()) {
    const clientPath = `${path}.Clients[${i}]`;
    if (!all) {
      if (client.ClientId === undefined) {
        tally.skipped.push(`${clientPath} (${client.ClientName}) has no ClientId: it is created only with its pool, so it was skipped`);
        continue;
      }
      const found = (await recovery.ports.pools.getClient(client.ClientId))._unsafeUnwrap();
      if (found !== undefined && found.userPoolId === poolId) {
        tally.kept++;
        continue;
      }
    }
    await expectOk(clientPath, recovery.createUserPoolClient({ ...client, UserPoolId: poolId }));
  }
  for (const [i, user] of (Users ?? []).entries()) {
    const userPath = `${path}.Users[${i}]`;
    if (!all && (await findUser(recovery.ports, poolId, userPath, user.Username)) !== undefined) {
      tally.kept++;
      continue;
    }
    await seedUser(recovery, poolId, userPath, user);
  }
}

/**
 * Builds what the `cognito-recovery serve` command serves from a validated configuration: a recovery
 * seeded with the configuration's pools, clients, users and trigger modules through the core's
 * operations, and its inspection. In memory (the default, {@link memoryInspection}), or with
 * `dataDir` in PGlite under that directory, durable across restarts: there, a directory that already
 * holds pools gets only the configuration's pools, clients and users whose `Id`, `ClientId` or
 * `Username` it does not hold yet (what is there is left as it is, passwords included), and pools or
 * clients without an id are created only in a fresh directory. A configuration the operations refuse
 * (a password the pool's policy rejects, an id already taken, a trigger module that cannot be
 * imported) fails with issues that name the field and the reason (a fresh directory is emptied
 * again). Rejects with a `DataDirectoryInUseError` when another process has `dataDir` open.
 *
 * @example
 * ```ts
 * const built = await buildOperations(config, { clock: 'manual' });
 * if (built.isErr()) throw new Error(formatConfigIssues(built.error));
 * await startServer({ operations: built.value.operations, inspection: built.value.inspection });
 * ```
 * @group Server
 */
export function buildOperations(config: ServerConfig, options: BuildOperationsOptions = {}): ResultAsync<Composition, readonly ConfigIssue[]> {
  const { clock, dataDir, issuerBaseUrl, ...given } = options;
  const memoryOptions: MemoryRecoveryOptions = { ...given, hasherCost: given.hasherCost ?? LOCAL_HASH_COST };
  const clockOptions: MemoryRecoveryOptions =
    clock === 'manual' ? { ...memoryOptions, realTime: false, now: memoryOptions.now ?? Date.now() } : { realTime: true, ...memoryOptions };
  const seed = async (): Promise<Composition> => {
    if (dataDir !== undefined) return seedDataDir(config, dataDir, clockOptions, issuerBaseUrl);
    const memory = createMemoryPorts(clockOptions);
    const recovery = {
      ...createRecovery(memory.ports, { triggerAttempts: clockOptions.triggerAttempts, issuerBaseUrl, onPortFailure: clockOptions.onPortFailure }),
      ...memory,
    };
    const tally: SeedTally = { kept: 0, skipped: [] };
    for (const [i, pool] of config.pools.entries()) await seedPool(recovery, recovery.triggers, `pools[${i}]`, pool, 'all', tally);
    return { operations: operationsOf(recovery), inspection: memoryInspection(recovery), wellKnown: wellKnownOf(memory.ports, { issuerBaseUrl }) };
  };
  return ResultAsync.fromPromise(seed(), (error) => {
    if (error instanceof SeedIssue) return [error.issue];
    // Not a configuration problem (a bug, a data directory in use): it must not pass for one.
    throw error;
  });
}

async function seedDataDir(config: ServerConfig, dataDir: string, options: MemoryRecoveryOptions, issuerBaseUrl: string | undefined): Promise<Composition> {
  if (options.codeKey !== undefined) throw new TypeError("buildOperations: with dataDir, the code key is the data directory's: leave codeKey out");
  // PGlite is loaded only when a data directory is asked for.
  const { openDataDir } = await import('./data-dir.js');
  const memory = createMemoryPorts(options);
  const opened = await openDataDir(dataDir, memory, {
    triggerAttempts: options.triggerAttempts,
    issuerBaseUrl,
    // Keys or a signer given by the caller win; otherwise the data directory keeps its own keys.
    tokens: options.tokens ?? (options.signingKeys === undefined ? undefined : memory.ports.tokens),
    onPortFailure: options.onPortFailure,
  });
  const tally: SeedTally = { kept: 0, skipped: [] };
  try {
    for (const [i, pool] of config.pools.entries()) {
      await seedPool(opened.recovery, memory.triggers, `pools[${i}]`, pool, opened.fresh ? 'all' : 'missing', tally);
    }
  } catch (error) {
    try {
      if (opened.fresh) await opened.wipe();
    } finally {
      await opened.close();
    }
    throw error;
  }
  const notes = [
    ...(tally.kept === 0 ? [] : [`${tally.kept} of the configuration's pools, clients and users were already in ${opened.dataDir}: left as they are`]),
    ...tally.skipped,
  ];
  return {
    operations: operationsOf(opened.recovery),
    inspection: opened.inspection,
    wellKnown: wellKnownOf(opened.recovery.ports, { issuerBaseUrl }),
    dataDir: opened.dataDir,
    notes,
    close: () => opened.close(),
  };
}
