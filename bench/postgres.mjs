// PostgreSQL cost: latency (median, p99) and round trips per ForgotPassword and per
// ConfirmForgotPassword on the PostgreSQL composition (createPostgresRecovery from
// @cognito-recovery/adapters-postgres), next to the floor of a bare `SELECT 1` on the same server and
// pool. Starts its own temporary PostgreSQL 15 server (Debian's binaries, as the postgres user when
// run as root) on a free loopback port and deletes it afterwards. Round trips are counted on the
// executor (countRoundTrips); the pool cache is warm (one warm-up call). Calls run one at a time, so
// the latencies are the server's and the driver's, not a queue's. Messages go to a recording sender;
// passwords are hashed with scrypt N=1024 so the confirm figures show the database, not the hasher.
//
//   pnpm exec tsc -b && node bench/postgres.mjs   # BENCH_PG_OPS=500: more samples; BENCH_PG_SYNC=off: no commit flush
//
// Prints a null result with a reason (and a `postgres: skipped: …` line) when PostgreSQL or the built
// package is not available, or the server cannot be started; `pnpm bench` (run.mjs) shows it as skipped.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { emitResult, freePort, importModules, killChild, log, median, percentile, sig, sleep, spawnChild } from './lib.mjs';
import { benchUser, createPoolAndClient } from './fixture.mjs';

const BIN = process.env.POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';
const OPS = Number(process.env.BENCH_PG_OPS ?? 200);
const WARM_UP = 20;
const PASSWORD = 'Bench-passw0rd!';

function skip(reason) {
  log(`postgres: skipped: ${reason}`);
  emitResult({ postgres: null, reason });
}

/** The account PostgreSQL runs as when we are root (it refuses to run as root). */
function serviceAccount() {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    try {
      return { name, uid: Number(execFileSync('id', ['-u', name]).toString().trim()), gid: Number(execFileSync('id', ['-g', name]).toString().trim()) };
    } catch {
      // next
    }
  }
  throw new Error('running as root without a postgres or nobody account');
}

/** initdb + postgres on a free loopback port in a temporary directory; answers the URL and a stop(). */
async function startPostgres(pg) {
  const account = serviceAccount();
  /** @type {(command: string, args: string[]) => [string, string[]]} */
  const as = (command, args) => (account === undefined ? [command, args] : ['runuser', ['-u', account.name, '--', command, ...args]]);
  const root = mkdtempSync(join(tmpdir(), 'cognito-recovery-bench-pg-'));
  if (account !== undefined) chownSync(root, account.uid, account.gid);
  const data = join(root, 'data');
  try {
    execFileSync(...as(join(BIN, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']), { stdio: 'ignore' });
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  const port = await freePort();
  // Durable settings as a production server has them (fsync, synchronous commit): the figures include
  // the commit's flush, which is what a deployment pays. BENCH_PG_SYNC=off measures without it.
  const sync = process.env.BENCH_PG_SYNC === 'off' ? ['-c', 'synchronous_commit=off'] : [];
  const server = spawnChild(...as(join(BIN, 'postgres'), ['-D', data, '-p', String(port), '-k', root, '-c', 'listen_addresses=127.0.0.1', ...sync]));
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const stop = async () => {
    await killChild(server, 10_000);
    rmSync(root, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    const probe = pg.connectPostgres({ connectionString: url, max: 1, connectionTimeoutMillis: 1000 });
    try {
      await probe.query('SELECT 1');
      await probe.close();
      return { url, stop };
    } catch (error) {
      await probe.close().catch(() => undefined);
      if (server.exitCode !== null || Date.now() > deadline) {
        await stop();
        throw new Error(`PostgreSQL did not start: ${error.message}\n${server.tail}`);
      }
      await sleep(100);
    }
  }
}

/** Runs `op(i)` for i in [from, from + count) one at a time: latencies in ms and round trips per call. */
async function measure(counter, from, count, op) {
  const latencies = [];
  const trips = [];
  for (let i = from; i < from + count; i++) {
    counter.reset();
    const started = performance.now();
    await op(i);
    latencies.push(performance.now() - started);
    trips.push(counter.count());
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  return { medianMs: sig(median(latencies)), p99Ms: sig(percentile(sorted, 99)), roundTrips: sig(median(trips)), maxRoundTrips: Math.max(...trips) };
}

async function main() {
  if (!existsSync(join(BIN, 'postgres'))) return skip(`${BIN}/postgres not found (apt-get install postgresql-15)`);
  let modules;
  try {
    modules = await importModules({ pg: '../packages/adapters-postgres/dist/index.js', core: '@cognito-recovery/core', neverthrow: 'neverthrow' });
  } catch (error) {
    return skip(`the PostgreSQL composition cannot be loaded (run pnpm exec tsc -b first): ${error.message}`);
  }
  const { pg, core, neverthrow } = modules;
  let server;
  try {
    server = await startPostgres(pg);
  } catch (error) {
    return skip(`no PostgreSQL server could be started: ${error.message.split('\n')[0]}`);
  }
  try {
    const db = pg.connectPostgres({ connectionString: server.url, max: 4 });
    const migrated = await pg.migrate(db);
    if (migrated.isErr()) throw new Error(`migrate: ${migrated.error.reason}`);
    const counter = pg.countRoundTrips(db);
    const sent = new Map();
    const sender = { send: (m) => (sent.set(`${m.userPoolId}/${m.username}`, m.code), neverthrow.okAsync(undefined)) };
    const recovery = pg.createPostgresRecovery(counter.executor, {
      codeKey: randomBytes(32),
      sender,
      hasher: new core.ScryptPasswordHasher({ cost: 1024 }),
    });
    const setup = await createPoolAndClient(recovery, { secret: false });
    const total = WARM_UP + OPS;
    for (let i = 0; i < total; i++) {
      const user = /** @type {import('@cognito-recovery/core').User} */ ({ ...benchUser(setup.pool.id, i, Date.now()), passwordHash: undefined });
      const created = await recovery.stores.users.create(user, core.loginClaimsOf(setup.pool, user.username, user.attributes));
      if (created.isErr()) throw new Error(`insert user ${i}: ${JSON.stringify(created.error)}`);
    }
    const forgot = async (i) => {
      const r = await recovery.forgotPassword({ ClientId: setup.clientId, Username: `user${i}` });
      if (r.isErr()) throw new Error(`ForgotPassword: ${r.error.name}`);
    };
    const confirm = async (i) => {
      const code = sent.get(`${setup.poolId}/user${i}`);
      const r = await recovery.confirmForgotPassword({ ClientId: setup.clientId, Username: `user${i}`, ConfirmationCode: code, Password: PASSWORD });
      if (r.isErr()) throw new Error(`ConfirmForgotPassword: ${r.error.name}`);
    };
    const floorOp = async () => {
      await counter.executor.query('SELECT 1');
    };

    log(`postgres: ${OPS} calls of each, one at a time, after ${WARM_UP} warm-up calls`);
    await measure(counter, 0, WARM_UP, floorOp);
    await measure(counter, 0, WARM_UP, forgot);
    await measure(counter, 0, WARM_UP, confirm);
    const floor = await measure(counter, 0, OPS, floorOp);
    const forgotPassword = await measure(counter, WARM_UP, OPS, forgot);
    const confirmForgotPassword = await measure(counter, WARM_UP, OPS, confirm);
    const versionRows = await db.query('SHOW server_version');
    await db.close();

    /** @type {[string, typeof floor][]} */
    const rows = [
      ['SELECT 1 (floor)', floor],
      ['ForgotPassword', forgotPassword],
      ['ConfirmForgotPassword', confirmForgotPassword],
    ];
    const commit = process.env.BENCH_PG_SYNC === 'off' ? 'synchronous_commit=off' : 'synchronous commit (each write flushed)';
    process.stdout.write(`\nPostgreSQL ${versionRows[0]?.server_version ?? '?'} on 127.0.0.1, node-postgres pool, ${commit}, ${OPS} sequential calls each\n\n`);
    process.stdout.write('| operation | median ms | p99 ms | round trips | × floor (median) |\n| --- | ---: | ---: | ---: | ---: |\n');
    for (const [name, m] of rows) {
      process.stdout.write(`| ${name} | ${m.medianMs} | ${m.p99Ms} | ${m.roundTrips} | ${sig(m.medianMs / floor.medianMs)} |\n`);
    }
    process.stdout.write('\n');
    emitResult({
      postgres: {
        server: versionRows[0]?.server_version,
        synchronousCommit: process.env.BENCH_PG_SYNC !== 'off',
        ops: OPS,
        floor,
        forgotPassword,
        confirmForgotPassword,
      },
    });
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`postgres bench failed: ${error.stack ?? error}\n`);
  process.exit(1);
});
