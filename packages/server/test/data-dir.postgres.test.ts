/**
 * `cognito-recovery serve --data-dir DIR` (issue "PGlite as the durable embedded default"): the pools,
 * clients, users, outstanding codes and limit windows live in PGlite under DIR, so a code issued
 * before a restart confirms after it and a spent ForgotPassword window stays spent; the code key is a
 * 0600 file in DIR; seeding a directory that already holds the configuration leaves it as it is; two
 * servers on one directory are refused; `/_local/reset` and `/_local/clock` work on it. Real PGlite in
 * temporary directories (the first start in a fresh one takes seconds: PGlite creates the database).
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCK_FILE } from '@cognito-recovery/adapters-postgres/pglite';
import { describe, expect, it } from 'vitest';
import { buildOperations } from '../src/build-operations.js';
import type { CliIo } from '../src/run-cli.js';
import { fetchOutbox, pgliteDataDirs, runServe, serve as serveCommand, verifiedEmail, withDataDirRecovery, type Served, type ServeRun } from './support.js';

const SLOW = 180_000;
const TARGET = 'AWSCognitoIdentityProviderService.';
const LAUNCHER = fileURLToPath(new URL('../bin/cognito-recovery.js', import.meta.url));

/** Data directories of these tests: `newDir()` a path that does not exist yet, `itOnFreshDir` a test on one with an empty migrated database. */
const { newDir, itOnFreshDir } = pgliteDataDirs('cognito-recovery-data-dir-', SLOW);

/** The command's composition with cheap password hashes. */
const cheapHashes: NonNullable<CliIo['compose']> = (config, options) => buildOperations(config, { ...options, hasherCost: 1024 });

/** Runs the command with a test I/O (cheap password hashes) until it exits, e.g. a refused start. */
const runCommand = (args: readonly string[], files: Readonly<Record<string, string>> = {}): ServeRun => runServe(args, files, cheapHashes);

/** Starts the command (cheap password hashes) and waits for its banner; fails with its error output if it exits first. */
const serve = (args: readonly string[], files: Readonly<Record<string, string>> = {}): Promise<Served> => serveCommand(args, files, cheapHashes);

async function call(url: string, operation: string, input: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `${TARGET}${operation}` },
    body: JSON.stringify(input),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** `ok`, or the error's `__type`. */
async function outcome(url: string, operation: string, input: Record<string, unknown>): Promise<string> {
  const { status, body } = await call(url, operation, input);
  return status === 200 ? 'ok' : String(body['__type']);
}

async function latestCode(url: string, username: string): Promise<string> {
  const message = (await fetchOutbox(url)).filter((m) => m.username === username).at(-1);
  if (message?.code === undefined) throw new Error(`no code was delivered to ${username}`);
  return message.code;
}

/** Opens the directory's database directly, with the directory's key, and checks a password. */
const passwordIs = (dataDir: string, poolId: string, username: string, password: string): Promise<boolean> =>
  withDataDirRecovery(
    dataDir,
    async (recovery) => (await recovery.verifyUserPassword({ UserPoolId: poolId, Username: username, Password: password }))._unsafeUnwrap().Valid,
  );

const email = (name: string): { Name: string; Value: string }[] => verifiedEmail(`${name}@example.com`);

describe('serve --data-dir: state survives a restart', () => {
  it(
    'a code issued before a restart confirms after it, the new password is stored, and a spent ForgotPassword window stays spent',
    async () => {
      const dataDir = newDir(); // a path that does not exist: created, with a new database
      const first = await serve(['--data-dir', dataDir]);
      expect(first.out).toContain(`  data: ${dataDir} (PGlite: pools, clients, users, codes and limits survive restarts; the outbox does not)`);
      const created = await call(first.url, 'CreateUserPool', { PoolName: 'durable', AliasAttributes: ['email'] });
      expect(created.status).toBe(200);
      const poolId = (created.body['UserPool'] as { Id: string }).Id;
      const client = await call(first.url, 'CreateUserPoolClient', { UserPoolId: poolId, ClientName: 'web' });
      const clientId = (client.body['UserPoolClient'] as { ClientId: string }).ClientId;
      for (const name of ['alice', 'bob']) {
        expect(
          await outcome(first.url, 'AdminCreateUser', { UserPoolId: poolId, Username: name, UserAttributes: email(name), MessageAction: 'SUPPRESS' }),
        ).toBe('ok');
        expect(await outcome(first.url, 'AdminSetUserPassword', { UserPoolId: poolId, Username: name, Password: 'Passw0rd!', Permanent: true })).toBe('ok');
      }
      expect(await outcome(first.url, 'ForgotPassword', { ClientId: clientId, Username: 'alice' })).toBe('ok');
      const code = await latestCode(first.url, 'alice');
      // D9: five ForgotPassword requests per user per window; bob spends them all before the restart.
      for (let i = 0; i < 5; i++) expect(await outcome(first.url, 'ForgotPassword', { ClientId: clientId, Username: 'bob' })).toBe('ok');
      expect(await first.stop()).toBe(0);
      expect(first.out.at(-1)).toBe('cognito-recovery: stopped (SIGTERM)');
      // Closed on stop: the lock is released; the key is the owner's only.
      expect(existsSync(join(dataDir, 'pglite', LOCK_FILE))).toBe(false);
      expect(statSync(join(dataDir, 'code-key')).mode & 0o777).toBe(0o600);

      const second = await serve(['--data-dir', dataDir]);
      expect(second.out).toContain(`  user pool ${poolId} (durable)`);
      expect(second.out).toContain(`    app client ${clientId} (web): no secret`);
      expect(second.out).toContain('    users: alice (CONFIRMED), bob (CONFIRMED)');
      // The outbox is in memory: empty after the restart.
      expect(await fetchOutbox(second.url)).toEqual([]);
      const confirmed = await call(second.url, 'ConfirmForgotPassword', {
        ClientId: clientId,
        Username: 'alice',
        ConfirmationCode: code,
        Password: 'N3w-passw0rd!',
      });
      expect(confirmed).toEqual({ status: 200, body: {} });
      // Used: the same code does not confirm twice.
      expect(
        await outcome(second.url, 'ConfirmForgotPassword', { ClientId: clientId, Username: 'alice', ConfirmationCode: code, Password: 'An0ther-passw0rd!' }),
      ).not.toBe('ok');
      expect(await outcome(second.url, 'ForgotPassword', { ClientId: clientId, Username: 'bob' })).toBe('LimitExceededException');
      expect(await outcome(second.url, 'ForgotPassword', { ClientId: clientId, Username: 'alice' })).toBe('ok');
      expect(await second.stop()).toBe(0);

      expect(await passwordIs(dataDir, poolId, 'alice', 'N3w-passw0rd!')).toBe(true);
      expect(await passwordIs(dataDir, poolId, 'alice', 'Passw0rd!')).toBe(false);
      expect(await passwordIs(dataDir, poolId, 'bob', 'Passw0rd!')).toBe(true);
    },
    SLOW,
  );
});

describe('serve --data-dir: one server per directory', () => {
  itOnFreshDir('a second server on a directory this process has open is refused with exit 1', async (dataDir) => {
    const first = await serve(['--data-dir', dataDir]);
    const second = runCommand(['--data-dir', dataDir]);
    expect(await second.exit).toBe(1);
    expect(second.io.err).toEqual([
      `cognito-recovery: cannot start: the data directory ${dataDir} is already open in this process: one server per data directory`,
    ]);
    // The refused start left the first server alone.
    expect(await outcome(first.url, 'ListUserPools', { MaxResults: 10 })).toBe('ok');
    expect(await first.stop()).toBe(0);
  });

  itOnFreshDir(
    'a server in another process holds the directory: the second is refused with the pid; SIGTERM stops the first cleanly and the directory opens again',
    async (dataDir) => {
      const child = spawn(process.execPath, [LAUNCHER, 'serve', '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
      });
      const exited = new Promise<number | null>((resolve) => {
        child.once('exit', (code) => {
          resolve(code);
        });
      });
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString('utf8');
          const found = /serving Amazon Cognito \(cognito-idp\) on (\S+)/.exec(stdout)?.[1];
          if (found !== undefined && stdout.includes('stop with Ctrl-C')) resolve(found);
        });
        void exited.then((code) => {
          reject(new Error(`the server exited ${String(code)}: ${stderr}`));
        });
      });
      try {
        expect(await outcome(url, 'CreateUserPool', { PoolName: 'from-the-child', Id: 'us-east-1_Child1' })).toBe('ok');
        const refused = runCommand(['--data-dir', dataDir]);
        expect(await refused.exit).toBe(1);
        expect(refused.io.err).toHaveLength(1);
        expect(refused.io.err[0]).toContain(
          `cognito-recovery: cannot start: the data directory ${dataDir} is in use by another server (process ${child.pid ?? 0})`,
        );
        expect(refused.io.err[0]).toContain(join(dataDir, 'pglite', LOCK_FILE));
      } finally {
        child.kill('SIGTERM');
      }
      expect(await exited).toBe(0);
      expect(stdout).toContain('cognito-recovery: stopped (SIGTERM)');
      expect(existsSync(join(dataDir, 'pglite', LOCK_FILE))).toBe(false);

      const after = await serve(['--data-dir', dataDir]);
      expect(after.out).toContain('  user pool us-east-1_Child1 (from-the-child)');
      expect(await after.stop()).toBe(0);
    },
  );
});

describe('serve --data-dir: seeding from the configuration', () => {
  itOnFreshDir(
    'a failed seed leaves the directory fresh; a second start leaves what is there, adds what is missing and skips pools without an Id',
    async (dataDir) => {
      const pool = (users: readonly Record<string, unknown>[]): Record<string, unknown> => ({
        PoolName: 'seeded',
        Id: 'us-east-1_Seeded1',
        AliasAttributes: ['email'],
        Clients: [{ ClientName: 'web', ClientId: 'seededweb1' }],
        Users: users,
      });
      const alice = { Username: 'alice', Password: 'Passw0rd!', UserAttributes: email('alice') };
      const bad = JSON.stringify({ pools: [pool([alice, { Username: 'weak', Password: 'short' }])] });
      const refused = runCommand(['--config', '/bad.json', '--data-dir', dataDir], { '/bad.json': bad });
      expect(await refused.exit).toBe(2);
      expect(refused.io.err.join('\n')).toContain('pools[0].Users[1].Password: InvalidPasswordException');

      // The refused seed was undone: this start is on a fresh directory again, the pool without an Id is created.
      const config = (users: readonly Record<string, unknown>[]): string =>
        JSON.stringify({ pools: [pool(users), { PoolName: 'no-id', Clients: [{ ClientName: 'other' }] }] });
      const first = await serve(['--config', '/cfg.json', '--data-dir', dataDir], { '/cfg.json': config([alice]) });
      expect(first.out.filter((line) => line.startsWith('cognito-recovery: note:'))).toEqual([]);
      const listed = await call(first.url, 'ListUserPools', { MaxResults: 10 });
      expect((listed.body['UserPools'] as { Name: string }[]).map((p) => p.Name).sort()).toEqual(['no-id', 'seeded']);
      expect(await outcome(first.url, 'ForgotPassword', { ClientId: 'seededweb1', Username: 'alice' })).toBe('ok');
      const code = await latestCode(first.url, 'alice');
      expect(
        await outcome(first.url, 'ConfirmForgotPassword', { ClientId: 'seededweb1', Username: 'alice', ConfirmationCode: code, Password: 'N3w-passw0rd!' }),
      ).toBe('ok');
      expect(await first.stop()).toBe(0);

      const carol = { Username: 'carol', Password: 'Passw0rd!', UserAttributes: email('carol') };
      const second = await serve(['--config', '/cfg.json', '--data-dir', dataDir], { '/cfg.json': config([alice, carol]) });
      expect(second.out.filter((line) => line.startsWith('cognito-recovery: note:'))).toEqual([
        `cognito-recovery: note: 3 of the configuration's pools, clients and users were already in ${dataDir}: left as they are`,
        'cognito-recovery: note: pools[1] (no-id) has no Id: a pool without one is created only in a fresh data directory, so it was skipped',
      ]);
      const again = await call(second.url, 'ListUserPools', { MaxResults: 10 });
      expect((again.body['UserPools'] as unknown[]).length).toBe(2);
      expect(second.out).toContain('    users: alice (CONFIRMED), carol (CONFIRMED)');
      expect(await second.stop()).toBe(0);
      // alice keeps the password she set, not the configuration's.
      expect(await passwordIs(dataDir, 'us-east-1_Seeded1', 'alice', 'N3w-passw0rd!')).toBe(true);
    },
  );
});

describe('serve --data-dir: the local routes', () => {
  itOnFreshDir('reset clears limits and codes in the database, and a manual clock expires a stored code', async (dataDir) => {
    const config = JSON.stringify({
      pools: [
        {
          PoolName: 'control',
          Id: 'us-east-1_Control1',
          AliasAttributes: ['email'],
          Clients: [{ ClientName: 'web', ClientId: 'controlweb1' }],
          Users: [{ Username: 'alice', Password: 'Passw0rd!', UserAttributes: email('alice') }],
        },
      ],
    });
    const served = await serve(['--config', '/cfg.json', '--data-dir', dataDir, '--clock', 'manual'], { '/cfg.json': config });
    const { url } = served;
    const forgot = (): Promise<string> => outcome(url, 'ForgotPassword', { ClientId: 'controlweb1', Username: 'alice' });
    const confirm = (code: string): Promise<string> =>
      outcome(url, 'ConfirmForgotPassword', { ClientId: 'controlweb1', Username: 'alice', ConfirmationCode: code, Password: 'N3w-passw0rd!' });
    const reset = async (scope: string): Promise<unknown> => (await fetch(`${url}/_local/reset?scope=${scope}`, { method: 'POST' })).json();

    for (let i = 0; i < 5; i++) expect(await forgot()).toBe('ok');
    expect(await forgot()).toBe('LimitExceededException');
    expect(await reset('limits')).toEqual({ scope: 'limits', cleared: ['limits'] });
    expect(await forgot()).toBe('ok');

    // scope=codes: the outstanding code is gone.
    const beforeReset = await latestCode(url, 'alice');
    expect(await reset('codes')).toEqual({ scope: 'codes', cleared: ['codes'] });
    expect(await confirm(beforeReset)).toBe('ExpiredCodeException');

    // The manual clock moves past the code's validity (3600 s).
    expect(await forgot()).toBe('ok');
    const code = await latestCode(url, 'alice');
    const moved = await fetch(`${url}/_local/clock`, { method: 'POST', body: JSON.stringify({ advanceSeconds: 3601 }) });
    expect(moved.status).toBe(200);
    expect(await confirm(code)).toBe('ExpiredCodeException');

    expect(await reset('all')).toEqual({ scope: 'all', cleared: ['outbox', 'limits', 'codes'] });
    expect(await fetchOutbox(url)).toEqual([]);
    const directory = (await (await fetch(`${url}/_local/directory`)).json()) as { pools: { id: string; users: { username: string }[] }[] };
    expect(directory.pools.map((p) => [p.id, p.users.map((u) => u.username)])).toEqual([['us-east-1_Control1', ['alice']]]);
    expect(await served.stop()).toBe(0);
  });
});
