// Scale: ForgotPassword latency and heap bytes per user with BENCH_SCALE_USERS users in the memory
// adapters (run once per size, in its own process, with --expose-gc). Users go in through the
// UserStore port directly. Heap per user = (heapUsed after inserting − heapUsed before) / users,
// both after global.gc(). Latency: sequential ForgotPassword calls for uniformly random users.
import { createPoolAndClient, insertUsers, usernameOf, WINDOW_MS } from './fixture.mjs';
import { emitResult, log, percentile } from './lib.mjs';
import { createMemoryRecovery } from '@cognito-recovery/adapters-memory';

if (typeof global.gc !== 'function') throw new Error('run scale.mjs with node --expose-gc');
const USERS = Number(process.argv[2] ?? process.env.BENCH_SCALE_USERS ?? 1000);
const SAMPLES = Number(process.env.BENCH_SCALE_SAMPLES ?? 20_000);
const WARMUP = 5_000;

const settle = () => {
  for (let i = 0; i < 3; i++) global.gc();
  return process.memoryUsage().heapUsed;
};

const recovery = createMemoryRecovery();
const setup = await createPoolAndClient(recovery);
const before = settle();
const insertStarted = performance.now();
await insertUsers(recovery, setup.pool, USERS, recovery.clock.now());
const insertMs = performance.now() - insertStarted;
const after = settle();
const heapBytesPerUser = (after - before) / USERS;
log(`scale ${USERS} users: inserted in ${Math.round(insertMs)} ms, ${Math.round(heapBytesPerUser)} heap bytes per user`);

// Random users, secret hashes computed before timing (the client computes them).
const picks = Array.from({ length: WARMUP + SAMPLES }, () => {
  const Username = usernameOf(Math.floor(Math.random() * USERS));
  return { ClientId: setup.clientId, Username, SecretHash: setup.secretHash(Username) };
});
const latencies = new Float64Array(SAMPLES);
for (let i = 0; i < picks.length; i++) {
  if (i % 1000 === 0) {
    recovery.clock.advanceBy(WINDOW_MS + 1); // per-user limits are not what we measure
    recovery.outbox.clear();
  }
  const t0 = performance.now();
  const result = await recovery.forgotPassword(picks[i]);
  const t1 = performance.now();
  if (result.isErr()) throw new Error(`ForgotPassword failed: ${result.error.name}: ${result.error.message}`);
  if (i >= WARMUP) latencies[i - WARMUP] = t1 - t0;
}
const sorted = Array.from(latencies).sort((a, b) => a - b);
const p50Us = percentile(sorted, 50) * 1000;
const p99Us = percentile(sorted, 99) * 1000;
log(`scale ${USERS} users: ForgotPassword p50 ${p50Us.toFixed(1)} µs, p99 ${p99Us.toFixed(1)} µs`);
emitResult({ users: USERS, heapBytesPerUser, p50Us, p99Us, insertMs, samples: SAMPLES });
