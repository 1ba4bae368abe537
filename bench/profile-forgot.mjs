// Profiling aid: ForgotPassword in a loop for a few seconds, e.g.
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/profile-forgot.mjs
import { memoryFixture, usernameOf, WINDOW_MS } from './fixture.mjs';

const USERS = 10_000;
const fx = await memoryFixture({ userCount: USERS });
const inputs = Array.from({ length: USERS }, (_, i) => ({ ClientId: fx.clientId, Username: usernameOf(i), SecretHash: fx.secretHash(usernameOf(i)) }));
const seconds = Number(process.argv[2] ?? 4);
const started = performance.now();
let ops = 0;
while (performance.now() - started < seconds * 1000) {
  for (let k = 0; k < 1000; k++) {
    const r = await fx.recovery.forgotPassword(inputs[ops % USERS]);
    if (r.isErr()) throw new Error(r.error.name);
    ops++;
    if (ops % USERS === 0) {
      fx.recovery.outbox.clear();
      fx.recovery.clock.advanceBy(WINDOW_MS + 1);
    }
  }
}
console.log(`${Math.round((ops * 1000) / (performance.now() - started))} ops/s`);
