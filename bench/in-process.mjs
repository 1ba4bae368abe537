// In-process throughput on the memory adapters (crypto random source): ForgotPassword against the
// floor (floor.mjs), alternating rounds, medians; ConfirmForgotPassword with the default scrypt cost
// and with cost 1024; and the hasher alone at both costs.
import * as core from '@cognito-recovery/core';
import { createFloor, floorInputs, runFloor } from './floor.mjs';
import { memoryFixture, REQUESTS_PER_WINDOW, usernameOf, WINDOW_MS } from './fixture.mjs';
import { emitResult, log, median, unwrap } from './lib.mjs';

const USERS = 10_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ROUND_MS = Number(process.env.BENCH_INPROC_MS ?? 2000);
const NEW_PASSWORD = 'Bench-passw0rd!';
const { ScryptPasswordHasher } = core;

/** ForgotPassword as fast as one caller goes, round robin over the users, for about `durationMs`. */
async function runOurs(fx, inputs, durationMs) {
  const { recovery } = fx;
  let ops = 0;
  let sincePass = 0;
  recovery.clock.advanceBy(WINDOW_MS + 1); // a fresh window per round: earlier rounds' requests don't count
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < durationMs) {
    for (let k = 0; k < 1000; k++) {
      const result = await recovery.forgotPassword(inputs[ops % inputs.length]);
      if (result.isErr()) throw new Error(`ForgotPassword failed: ${result.error.name}: ${result.error.message}`);
      ops++;
      if (ops % inputs.length === 0) {
        recovery.outbox.clear(); // the outbox records every message; a sink would not keep them
        if (++sincePass === REQUESTS_PER_WINDOW - 1) {
          recovery.clock.advanceBy(WINDOW_MS + 1); // the per-user request limit is not what we measure
          sincePass = 0;
        }
      }
    }
    elapsed = performance.now() - started;
  }
  recovery.outbox.clear();
  return (ops * 1000) / elapsed;
}

/** Runs `task` `concurrency` at a time until `count` are done; answers the elapsed ms. */
async function timedPool(count, concurrency, task) {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return performance.now() - started;
}

/**
 * ConfirmForgotPassword ops/s: batches of users get a code (untimed ForgotPassword, code read from the
 * outbox), then their confirms are timed, `concurrency` in flight (scrypt runs on libuv's threads).
 */
async function runConfirm(fx, { batch, concurrency, minMs, maxOps }) {
  const { recovery, clientId, secretHash, poolId } = fx;
  let cursor = 0;
  let timedMs = 0;
  let ops = 0;
  while (timedMs < minMs && ops < maxOps) {
    const names = [];
    for (let k = 0; k < batch; k++) names.push(usernameOf(cursor++ % USERS));
    recovery.clock.advanceBy(WINDOW_MS + 1);
    recovery.outbox.clear();
    for (const Username of names) await unwrap(recovery.forgotPassword({ ClientId: clientId, Username, SecretHash: secretHash(Username) }), 'ForgotPassword');
    const codes = new Map(recovery.outbox.messages().map((m) => [m.username, m.code]));
    const inputs = names.map((Username) => ({
      ClientId: clientId,
      Username,
      SecretHash: secretHash(Username),
      ConfirmationCode: codes.get(Username),
      Password: NEW_PASSWORD,
    }));
    if (inputs.some((i) => i.ConfirmationCode === undefined)) throw new Error(`no code in the outbox of pool ${poolId}`);
    timedMs += await timedPool(inputs.length, concurrency, async (i) => {
      await unwrap(recovery.confirmForgotPassword(inputs[i]), 'ConfirmForgotPassword');
    });
    ops += inputs.length;
  }
  return (ops * 1000) / timedMs;
}

/** The hasher alone: hash() ops/s at `cost`, `concurrency` in flight. */
async function runHasher(cost, { concurrency, minMs }) {
  const hasher = new ScryptPasswordHasher({ cost });
  let ops = 0;
  let timedMs = 0;
  while (timedMs < minMs) {
    const n = concurrency * 4;
    timedMs += await timedPool(n, concurrency, async () => {
      await unwrap(hasher.hash(NEW_PASSWORD), 'hash');
    });
    ops += n;
  }
  return (ops * 1000) / timedMs;
}

async function main() {
  log(`in-process: ${USERS} users, ${ROUNDS} rounds of ${ROUND_MS} ms`);
  const fx = await memoryFixture({ userCount: USERS });
  const inputs = Array.from({ length: USERS }, (_, i) => ({ ClientId: fx.clientId, Username: usernameOf(i), SecretHash: fx.secretHash(usernameOf(i)) }));
  const floor = createFloor(USERS);
  const fInputs = floorInputs(floor, USERS);

  // warm-up
  runFloor(floor, fInputs, 500);
  await runOurs(fx, inputs, 1000);

  const floorRounds = [];
  const oursRounds = [];
  for (let r = 0; r < ROUNDS; r++) {
    floorRounds.push(runFloor(floor, fInputs, ROUND_MS));
    oursRounds.push(await runOurs(fx, inputs, ROUND_MS));
    log(`  round ${r + 1}: floor ${Math.round(floorRounds.at(-1))} ops/s, ours ${Math.round(oursRounds.at(-1))} ops/s`);
  }

  const threads = 4; // libuv's default pool; scrypt runs there
  const fastFx = await memoryFixture({ userCount: USERS, hasherCost: 1024 });
  const hasherOpsPerSec = await runHasher(16384, { concurrency: threads, minMs: 2000 });
  const hasherOpsPerSecCost1024 = await runHasher(1024, { concurrency: threads, minMs: 1000 });
  const confirmOpsPerSec = await runConfirm(fx, { batch: 32, concurrency: threads, minMs: 3000, maxOps: 2000 });
  const confirmOpsPerSecCost1024 = await runConfirm(fastFx, { batch: 500, concurrency: threads, minMs: 2000, maxOps: 50_000 });
  log(`  hasher: ${Math.round(hasherOpsPerSec)}/s (N=16384), ${Math.round(hasherOpsPerSecCost1024)}/s (N=1024)`);
  log(`  confirm: ${Math.round(confirmOpsPerSec)}/s (N=16384), ${Math.round(confirmOpsPerSecCost1024)}/s (N=1024)`);

  const forgotPasswordOpsPerSec = median(oursRounds);
  const floorOpsPerSec = median(floorRounds);
  emitResult({
    users: USERS,
    rounds: ROUNDS,
    forgotPasswordOpsPerSec,
    floorOpsPerSec,
    ratio: forgotPasswordOpsPerSec / floorOpsPerSec,
    forgotPasswordRounds: oursRounds,
    floorRounds,
    confirmOpsPerSec,
    confirmOpsPerSecCost1024,
    hasherOpsPerSec,
    hasherOpsPerSecCost1024,
    confirmRatioToHasher: confirmOpsPerSec / hasherOpsPerSec,
    confirmRatioToHasherCost1024: confirmOpsPerSecCost1024 / hasherOpsPerSecCost1024,
  });
}

await main();
