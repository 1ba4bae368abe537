/**
 * Starts a temporary PostgreSQL 15 server (Debian's binaries) on a free loopback port for the
 * PostgreSQL adapter tests, provides its URL as `inject('postgresUrl')`, and stops it and deletes its
 * directory after the run. As root the server runs as the `postgres` user. Without the binaries the
 * PostgreSQL suites are skipped with one line, except under `CI=true`, where that is a failure (the
 * PGlite suites run either way).
 */
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { freeLoopbackPort } from '@cognito-recovery/core/testing';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `postgres://postgres@127.0.0.1:<port>/postgres` of the temporary server, or `undefined` without PostgreSQL (outside CI). */
    postgresUrl: string | undefined;
  }
}

const run = promisify(execFile);
/** Where Debian's postgresql-15 package puts the server binaries (override with POSTGRES_BIN). */
const BIN = process.env['POSTGRES_BIN'] ?? '/usr/lib/postgresql/15/bin';

/** The unprivileged account the server runs as when we are root (PostgreSQL refuses to run as root). */
function serviceAccount(): { name: string; uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
      return { name, uid, gid };
    } catch {
      // try the next one
    }
  }
  throw new Error('running as root, and neither a postgres nor a nobody account exists to run PostgreSQL as');
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(join(BIN, 'postgres'))) {
    if (process.env['CI'] === 'true')
      throw new Error(`PostgreSQL 15 is not installed (${BIN}/postgres): the PostgreSQL adapter tests need it under CI (apt-get install postgresql)`);
    process.stderr.write(
      `\n[adapters-postgres] ${BIN}/postgres not found: the PostgreSQL server suites are skipped, the PGlite ones run (apt-get install postgresql).\n\n`,
    );
    project.provide('postgresUrl', undefined);
    return () => Promise.resolve();
  }
  const account = serviceAccount();
  const as = (command: string, args: string[]): [string, string[]] =>
    account === undefined ? [command, args] : ['runuser', ['-u', account.name, '--', command, ...args]];
  const root = mkdtempSync(join(tmpdir(), 'cognito-recovery-pg-'));
  if (account !== undefined) chownSync(root, account.uid, account.gid);
  const data = join(root, 'data');
  const port = await freeLoopbackPort();
  const cleanUp = (): void => {
    rmSync(root, { recursive: true, force: true });
  };
  try {
    await run(...as(join(BIN, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']));
    const settings = [
      `-p ${port}`,
      `-k ${root}`,
      '-c listen_addresses=127.0.0.1',
      '-c max_connections=200',
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
    ].join(' ');
    await run(...as(join(BIN, 'pg_ctl'), ['-D', data, '-l', join(root, 'server.log'), '-w', '-t', '60', '-o', settings, 'start']));
  } catch (error) {
    cleanUp();
    throw new Error(`could not start the temporary PostgreSQL server: ${error instanceof Error ? error.message : String(error)}`);
  }
  project.provide('postgresUrl', `postgres://postgres@127.0.0.1:${port}/postgres`);
  return async () => {
    try {
      await run(...as(join(BIN, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']));
    } finally {
      cleanUp();
    }
  };
}
