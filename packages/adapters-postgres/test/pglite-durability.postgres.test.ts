import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ManualClock, Outbox } from '@cognito-recovery/adapters-memory';
import { ScryptPasswordHasher } from '@cognito-recovery/core';
import { ok } from 'neverthrow';
import { afterAll, describe, expect, it } from 'vitest';
import { createPgliteRecovery, DataDirectoryInUseError, LOCK_FILE, openPglite } from '../src/pglite.js';

const CODE_KEY = new Uint8Array(32).fill(9);
const hasher = new ScryptPasswordHasher({ cost: 1024 });
const dirs: string[] = [];
const freshDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'cognito-recovery-pglite-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The built pglite entry (from `tsc -b`), for a child process that opens a directory for real. */
const builtEntry = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'pglite.js');

/** A child process that opens `dataDir` with the built package, says `ready`, and waits to be killed. */
function childHolding(dataDir: string): Promise<{ pid: number; kill: () => Promise<void> }> {
  const script = `import { openPglite } from ${JSON.stringify(builtEntry)};
await openPglite({ dataDir: ${JSON.stringify(dataDir)} });
process.stdout.write('ready\\n');
setInterval(() => {}, 1000);`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      reject(new Error(`the child exited with ${code}: ${stderr}`));
    });
    child.stdout.on('data', (chunk: Buffer) => {
      if (!chunk.toString('utf8').includes('ready')) return;
      resolve({
        pid: child.pid ?? 0,
        kill: () =>
          new Promise<void>((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => {
              done();
            });
            child.kill('SIGKILL');
          }),
      });
    });
  });
}

/** A child process that only sleeps: a live pid that is not ours. */
function liveChild(): Promise<{ pid: number; stop: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    child.once('error', reject);
    child.once('spawn', () => {
      resolve({
        pid: child.pid ?? 0,
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => {
              done();
            });
            child.kill('SIGKILL');
          }),
      });
    });
  });
}

describe('createPgliteRecovery in a data directory', () => {
  it('keeps pools, users, the outstanding code and the limit windows across a close and a reopen', async () => {
    const dataDir = freshDir();
    const clock = new ManualClock(Date.UTC(2024, 5, 1));
    const outbox = new Outbox(clock);
    const options = { dataDir, codeKey: CODE_KEY, sender: outbox, hasher, clock };

    const first = await createPgliteRecovery(options);
    expect(first.migration).toEqual({ from: 0, to: 2, applied: [1, 2] });
    const pool = (
      await first.createUserPool({
        PoolName: 'durable',
        AliasAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
        RecoveryLimits: { ForgotPasswordRequestsPerWindow: 5, FailedConfirmAttemptsPerWindow: 3 },
      })
    )._unsafeUnwrap().UserPool;
    const client = (await first.createUserPoolClient({ UserPoolId: pool.Id, ClientName: 'web' }))._unsafeUnwrap().UserPoolClient;
    const created = await first.adminCreateUser({
      UserPoolId: pool.Id,
      Username: 'alice',
      UserAttributes: [
        { Name: 'email', Value: 'alice@example.com' },
        { Name: 'email_verified', Value: 'true' },
      ],
      MessageAction: 'SUPPRESS',
    });
    expect(created.isOk()).toBe(true);
    // AdminCreateUser leaves FORCE_CHANGE_PASSWORD, which cannot reset (R4.2): a permanent password first.
    expect((await first.adminSetUserPassword({ UserPoolId: pool.Id, Username: 'alice', Password: 'Old-passw0rd!', Permanent: true })).isOk()).toBe(true);
    for (let i = 0; i < 5; i++) expect((await first.forgotPassword({ ClientId: client.ClientId, Username: 'alice' })).isOk()).toBe(true);
    const code = outbox.latestCodeFor(pool.Id, 'alice') ?? '';
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 2; i++) {
      const mismatch = await first.confirmForgotPassword({ ClientId: client.ClientId, Username: 'alice', ConfirmationCode: wrong, Password: 'N3w-passw0rd!' });
      expect(mismatch.isErr() && mismatch.error.name).toBe('CodeMismatchException');
    }
    await first.close();
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);

    clock.advanceBy(60_000);
    const second = await createPgliteRecovery(options);
    expect(second.migration).toEqual({ from: 2, to: 2, applied: [] });
    // The request window survived: a sixth ForgotPassword in the hour is refused.
    const sixth = await second.forgotPassword({ ClientId: client.ClientId, Username: 'alice' });
    expect(sixth.isErr() && sixth.error.name).toBe('LimitExceededException');
    // The code issued before the reopen works, as the third and last confirm attempt of the window.
    expect(await second.confirmForgotPassword({ ClientId: client.ClientId, Username: 'alice', ConfirmationCode: code, Password: 'N3w-passw0rd!' })).toEqual(
      ok({}),
    );
    const fourth = await second.confirmForgotPassword({ ClientId: client.ClientId, Username: 'alice', ConfirmationCode: code, Password: 'An0ther-passw0rd!' });
    expect(fourth.isErr() && fourth.error.name).toBe('LimitExceededException');
    expect(await second.verifyUserPassword({ UserPoolId: pool.Id, Username: 'alice', Password: 'N3w-passw0rd!' })).toEqual(ok({ Valid: true }));
    await second.close();
  }, 120_000);

  it('refuses a second open of a directory in this process, and opens it again once closed', async () => {
    const dataDir = freshDir();
    const db = await openPglite({ dataDir });
    await expect(openPglite({ dataDir })).rejects.toThrow(DataDirectoryInUseError);
    await expect(openPglite({ dataDir })).rejects.toThrow(/already open in this process/);
    await db.close();
    const again = await openPglite({ dataDir });
    expect(await again.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await again.close();
  }, 120_000);

  it('refuses a directory another live process holds, naming its pid, and takes over the lock of a dead one', async () => {
    const dataDir = freshDir();
    const other = await liveChild();
    writeFileSync(join(dataDir, LOCK_FILE), `${other.pid}\nelsewhere\n2024-01-01T00:00:00.000Z\n`);
    const refused = openPglite({ dataDir });
    await expect(refused).rejects.toThrow(DataDirectoryInUseError);
    await expect(openPglite({ dataDir })).rejects.toThrow(`in use by process ${other.pid}`);
    expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).toContain(String(other.pid));
    await other.stop();
    const db = await openPglite({ dataDir });
    expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8').split('\n')[0]).toBe(String(process.pid));
    await db.close();
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  }, 120_000);

  it.skipIf(!existsSync(builtEntry) && process.env['CI'] !== 'true')(
    'refuses a directory a second process has open, and reopens it with its data after that process is killed',
    async () => {
      const dataDir = freshDir();
      const setup = await openPglite({ dataDir });
      await setup.query('CREATE TABLE kept (v text)');
      await setup.query("INSERT INTO kept VALUES ('before the crash')");
      await setup.close();
      const holder = await childHolding(dataDir);
      await expect(openPglite({ dataDir })).rejects.toThrow(`data directory ${dataDir} is in use by process ${holder.pid}`);
      await holder.kill(); // a crash: the lock file stays behind, naming a dead pid
      expect(existsSync(join(dataDir, LOCK_FILE))).toBe(true);
      const db = await openPglite({ dataDir });
      expect(await db.query('SELECT v FROM kept')).toEqual([{ v: 'before the crash' }]);
      await db.close();
    },
    180_000,
  );
});
