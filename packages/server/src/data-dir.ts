/**
 * `cognito-recovery serve --data-dir DIR`: the recovery's state in PGlite under `DIR`, durable across
 * restarts. Loaded only when a data directory is asked for, so the in-memory default never loads
 * PGlite.
 *
 * Layout of `DIR`:
 *
 * - `pglite/`: the PGlite database (pools, app clients, users, outstanding codes, limit windows) and
 *   its lock file, which keeps the directory to one process;
 * - `code-key`: the HMAC key of stored codes (base64, mode 0600), created from `crypto` random bytes
 *   on the first start, so codes issued before a restart still confirm. The pools' simulation secrets
 *   are derived from it when a pool is created and stored with the pool;
 * - `signing-keys.json`: the RSA private keys that sign ID and access tokens (`{"id", "access"}`,
 *   PKCS#8 PEM, mode 0600), generated with `generateLocalSigningKeys()` on the first start, so tokens
 *   signed before a restart verify after it against the same JWKS (unless the configuration gives
 *   `signingKeys`, which are used instead and leave the file alone).
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { MemoryPorts } from '@cognito-recovery/adapters-memory';
import { createPostgresRecovery, migrate, purgeExpired, type PostgresPorts } from '@cognito-recovery/adapters-postgres';
import { DataDirectoryInUseError, openPglite, resetState, type PgliteDatabase } from '@cognito-recovery/adapters-postgres/pglite';
import {
  generateLocalSigningKeys,
  LocalTokenSigner,
  type LocalSigningKeys,
  type PortFailureHook,
  type Recovery,
  type TokenSigner,
} from '@cognito-recovery/core';
import { checkSigningKeys } from './config.js';
import type { Inspection } from './inspection.js';
import { outboxAndClockInspection, storeDirectory } from './memory-inspection.js';

/** The code key file's name inside the data directory. @internal */
export const CODE_KEY_FILE = 'code-key';
/** The token signing keys' file inside the data directory. @internal */
export const SIGNING_KEYS_FILE = 'signing-keys.json';
/** The PGlite database's folder inside the data directory. @internal */
export const DATABASE_DIR = 'pglite';
/** How often expired codes and empty limit windows are purged: every 5 minutes. @internal */
export const PURGE_INTERVAL_MS = 5 * 60_000;

/** The bytes of a new code key. */
const KEY_BYTES = 32;

/** A recovery on PGlite in a data directory, open. @internal */
export interface DataDirRecovery {
  /** The recovery and its ports (the stores are PGlite's; sender, clock, triggers are the memory ones). */
  readonly recovery: Recovery & PostgresPorts;
  /** The data directory, absolute. */
  readonly dataDir: string;
  /** The PGlite database's folder. */
  readonly databaseDir: string;
  /** The code key file. */
  readonly keyFile: string;
  /** The signing keys' file (neither read nor written when the caller gave the signer). */
  readonly signingKeysFile: string;
  /** Whether the directory held no pool when it was opened (the configuration's pools without an `Id` are seeded only then). */
  readonly fresh: boolean;
  /** `/_local/*` on it: the memory outbox and clock, resets in SQL, the directory from the stores. */
  readonly inspection: Inspection;
  /** Empties every table (a fresh directory whose seeding failed goes back to fresh). */
  wipe(): Promise<void>;
  /** Stops the purge timer and closes the database, releasing the directory; idempotent. */
  close(): Promise<void>;
}

/**
 * Reads the code key from `file`, or creates it (exclusively, mode 0600) from `crypto` random bytes.
 * Throws an `Error` naming the file when it exists but is not a key.
 *
 * @internal
 */
export function loadOrCreateCodeKey(file: string): Uint8Array {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (fd !== undefined) {
    const key = randomBytes(KEY_BYTES);
    try {
      writeSync(fd, `${key.toString('base64')}\n`);
    } finally {
      closeSync(fd);
    }
    return key;
  }
  if (!statSync(file).isFile()) throw new Error(`the code key ${file} is not a file`);
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const text = readFileSync(file, 'utf8').trim();
  const key = Buffer.from(text, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || key.length < KEY_BYTES) {
    throw new Error(
      `the code key ${file} is not a base64 key of at least ${KEY_BYTES} bytes: restore it from a backup, or delete the data directory to start afresh`,
    );
  }
  return key;
}

/**
 * Reads the token signing keys from `file`, or generates them (`generateLocalSigningKeys()`) and
 * writes them there with mode 0600 (through a temporary file, so a crash never leaves half a file).
 * Throws an `Error` naming the file, never quoting a key, when it exists but does not hold two
 * different RSA private keys.
 *
 * @internal
 */
export function loadOrCreateSigningKeys(file: string): LocalSigningKeys {
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (text === undefined) {
    const keys = generateLocalSigningKeys();
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, `${JSON.stringify({ id: keys.id, access: keys.access }, null, 2)}\n`, { mode: 0o600, flag: 'w' });
      chmodSync(temporary, 0o600);
      renameSync(temporary, file);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
    return keys;
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const broken = (why: string): Error =>
    new Error(
      `the signing keys ${file} ${why}: restore the file from a backup, or delete it to start with new keys (tokens signed before then stop verifying)`,
    );
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw broken('are not JSON');
  }
  const issues = checkSigningKeys(value);
  if (issues.length > 0) throw broken(`are not two different RSA private keys (${issues.map((issue) => `${issue.path}: ${issue.reason}`).join('; ')})`);
  const { id, access } = value as LocalSigningKeys;
  return { id, access };
}

/** Options of {@link openDataDir}. @internal */
export interface OpenDataDirOptions {
  /** Attempts per trigger invocation (R9.0.1). */
  readonly triggerAttempts?: number | undefined;
  /** D34: the base of the tokens' `iss`. */
  readonly issuerBaseUrl?: string | undefined;
  /** Signs tokens instead of a `LocalTokenSigner` on the directory's `signing-keys.json`. */
  readonly tokens?: TokenSigner | undefined;
  /** `RecoveryOptions.onPortFailure`. */
  readonly onPortFailure?: PortFailureHook | undefined;
}

/**
 * Opens (creating it when missing) the data directory `dir`: locks and opens the PGlite database,
 * reads or creates the code key and (unless `options.tokens` is given) the signing keys, migrates, and
 * binds the recovery to the PGlite stores and to the memory outbox, clock, triggers, hasher and
 * randomness of `memory`. Purges expired codes and empty
 * windows every {@link PURGE_INTERVAL_MS} (an unref'd timer). Rejects with a
 * `DataDirectoryInUseError` when another server has the directory open.
 *
 * @internal
 */
export async function openDataDir(dir: string, memory: MemoryPorts, options: OpenDataDirOptions = {}): Promise<DataDirRecovery> {
  const dataDir = resolve(dir);
  const databaseDir = join(dataDir, DATABASE_DIR);
  const keyFile = join(dataDir, CODE_KEY_FILE);
  const signingKeysFile = join(dataDir, SIGNING_KEYS_FILE);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = await openPglite({ dataDir: databaseDir });
  let recovery: Recovery & PostgresPorts;
  let fresh: boolean;
  try {
    const codeKey = loadOrCreateCodeKey(keyFile);
    const tokens = options.tokens ?? new LocalTokenSigner({ keys: loadOrCreateSigningKeys(signingKeysFile) });
    const migrated = await migrate(db);
    if (migrated.isErr()) throw new Error(`cannot migrate the PGlite database in ${databaseDir}: ${migrated.error.reason}`);
    recovery = createPostgresRecovery(db, {
      codeKey,
      sender: memory.outbox,
      clock: memory.clock,
      hasher: memory.ports.hasher,
      random: memory.ports.random,
      triggers: memory.triggers,
      encryptor: memory.encryptor,
      tokens,
      triggerAttempts: options.triggerAttempts,
      issuerBaseUrl: options.issuerBaseUrl,
      onPortFailure: options.onPortFailure,
    });
    const pools = await recovery.stores.pools.listPools();
    if (pools.isErr()) throw new Error(`cannot read the PGlite database in ${databaseDir}: ${pools.error.reason}`);
    fresh = pools.value.length === 0;
  } catch (error) {
    await db.close();
    throw error;
  }
  const purge = setInterval(() => {
    // A failed purge only leaves rows for the next one.
    void purgeExpired(db, { now: memory.clock.now() });
  }, PURGE_INTERVAL_MS);
  purge.unref();
  return {
    recovery,
    dataDir,
    databaseDir,
    keyFile,
    signingKeysFile,
    fresh,
    inspection: dataDirInspection(memory, db, recovery),
    wipe: async () => {
      const wiped = await resetState(db, 'everything');
      if (wiped.isErr()) throw new Error(`cannot empty the PGlite database in ${databaseDir}: ${wiped.error.reason}`);
    },
    close: () => {
      clearInterval(purge);
      return db.close();
    },
  };
}

/** Whether `error` is the PGlite adapters' "data directory in use" refusal. @internal */
export function isDataDirectoryInUse(error: unknown): error is DataDirectoryInUseError {
  return error instanceof DataDirectoryInUseError;
}

function dataDirInspection(memory: MemoryPorts, db: PgliteDatabase, recovery: PostgresPorts): Inspection {
  const reset = async (scope: 'limits' | 'codes'): Promise<void> => {
    const done = await resetState(db, scope);
    if (done.isErr()) throw new Error(`cannot reset ${scope} in the PGlite database: ${done.error.reason}`);
  };
  return outboxAndClockInspection(
    memory,
    async (scope) => {
      if (scope === 'limits' || scope === 'all') await reset('limits');
      if (scope === 'codes' || scope === 'all') await reset('codes');
    },
    () => storeDirectory(recovery.stores),
  );
}
