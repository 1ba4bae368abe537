// The in-process floor: only the primitives any faithful ForgotPassword needs, in a tight synchronous
// loop — the client lookup, the secret-hash HMAC and its constant-time compare, the pool and user
// lookups, a per-user request counter, a CSPRNG code, its HMAC, storing it, and the masking.
// Run alone: `node bench/floor.mjs` prints its ops/s.
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { emitResult, log } from './lib.mjs';

/** Builds the floor's state (Maps as a store would hold them) and its operation. */
export function createFloor(userCount) {
  const clientId = 'floorclient0000000000000001';
  const clientSecret = randomBytes(32).toString('base64');
  const poolId = 'us-east-1_Floor0001';
  const codeKey = randomBytes(32);
  const clients = new Map([[clientId, { clientId, clientSecret, poolId }]]);
  const pools = new Map([[poolId, { id: poolId, codeValidityMs: 3_600_000, requestLimit: 20 }]]);
  const users = new Map();
  for (let i = 0; i < userCount; i++) {
    users.set(`${poolId}\u0000username:user${i}`, { username: `user${i}`, email: `user${i}@example.com`, verified: true, enabled: true });
  }
  const counters = new Map();
  const codes = new Map();

  const mask = (email) => {
    const at = email.indexOf('@');
    return `${email[0]}***@${email[at + 1]}***`;
  };

  /** One ForgotPassword: the input is what the client sends. */
  const forgotPassword = (input, now) => {
    const client = clients.get(input.ClientId);
    if (client === undefined) throw new Error('no client');
    const expected = createHmac('sha256', client.clientSecret)
      .update(input.Username + client.clientId)
      .digest();
    const given = Buffer.from(input.SecretHash, 'base64');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new Error('bad secret hash');
    const pool = pools.get(client.poolId);
    const user = users.get(`${pool.id}\u0000username:${input.Username}`);
    if (user === undefined || !user.enabled || !user.verified) throw new Error('no user');
    const key = `${pool.id}\u0000${user.username}`;
    const count = counters.get(key);
    if (count === undefined || now - count.since > 3_600_000) counters.set(key, { since: now, n: 1 });
    else if (++count.n > pool.requestLimit) throw new Error('limit');
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const codeHmac = createHmac('sha256', codeKey).update(code).digest('base64');
    codes.set(key, { codeHmac, issuedAt: now, expiresAt: now + pool.codeValidityMs });
    return { CodeDeliveryDetails: { Destination: mask(user.email), DeliveryMedium: 'EMAIL', AttributeName: 'email' } };
  };

  const secretHash = (username) =>
    createHmac('sha256', clientSecret)
      .update(username + clientId)
      .digest('base64');
  return { forgotPassword, clientId, secretHash, reset: () => counters.clear() };
}

/** Runs the floor for about `durationMs` over `inputs` (round robin); answers ops/s. */
export function runFloor(floor, inputs, durationMs) {
  let ops = 0;
  floor.now ??= 1_700_000_000_000;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < durationMs) {
    for (let k = 0; k < 1000; k++) {
      floor.forgotPassword(inputs[ops % inputs.length], floor.now);
      ops++;
      if (ops % inputs.length === 0) floor.now += 3_600_001; // stay under the per-user limit, as ours does
    }
    elapsed = performance.now() - started;
  }
  return (ops * 1000) / elapsed;
}

/** Inputs for `userCount` users, as a client would send them (secret hashes precomputed). */
export function floorInputs(floor, userCount) {
  return Array.from({ length: userCount }, (_, i) => ({ ClientId: floor.clientId, Username: `user${i}`, SecretHash: floor.secretHash(`user${i}`) }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const users = 10_000;
  const floor = createFloor(users);
  const inputs = floorInputs(floor, users);
  runFloor(floor, inputs, 500);
  const opsPerSec = runFloor(floor, inputs, 2000);
  log(`floor ForgotPassword: ${Math.round(opsPerSec)} ops/s`);
  emitResult({ floorOpsPerSec: opsPerSec });
}
