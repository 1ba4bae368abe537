// Our server for the HTTP benchmark: the memory adapters (real-time clock, crypto random source), one
// pool with the per-user limits raised, a client without secret, BENCH_USERS users inserted through
// the UserStore port, served by startServer on 127.0.0.1 (no request log). Prints `READY <port>`.
import { operationsOf, outboxInspection, startServer } from '@cognito-recovery/server';
import { memoryFixture } from '../fixture.mjs';

const users = Number(process.env.BENCH_USERS ?? 100_000);
const fx = await memoryFixture({ userCount: users, secret: false, realTime: true });
const server = await startServer({ operations: operationsOf(fx.recovery), inspection: outboxInspection(fx.recovery), port: 0, host: '127.0.0.1' });
process.stdout.write(`READY ${server.port} ${fx.clientId}\n`);
process.on('SIGTERM', () => {
  server.close().finally(() => process.exit(0));
});
