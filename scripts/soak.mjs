#!/usr/bin/env node
// Issue 8 §7: a bounded soak of the wire server on 127.0.0.1 (the CI variant is packages/server/test/soak.test.ts).
//   pnpm build && node --expose-gc scripts/soak.mjs [--seconds 60] [--connections 300]
// Mixed operations on keep-alive sockets against a real memory recovery; then a slowloris client and
// oversized bodies. Exits 1 on any 5xx, transport error (reset…), uncut slow/oversized request, or
// heap growth above 64 MB (after a forced GC when --expose-gc is given). Loopback only. The pool, the
// mix and the load are soak-load.mjs, shared with the CI variant.
import { parseArgs } from 'node:util';
import { createMemoryRecovery } from '../packages/adapters-memory/dist/index.js';
import { operationsOf } from '../packages/server/dist/compose.js';
import { startServer } from '../packages/server/dist/index.js';
import { oversized, runLoad, seedSoak, slowloris } from './soak-load.mjs';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' }, connections: { type: 'string', default: '300' } } });
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const MAX_BODY = 64 * 1024;
const gc = globalThis.gc ?? (() => {});
const mb = (bytes) => (bytes / 1048576).toFixed(1);

const recovery = createMemoryRecovery({ realTime: true, hasherCost: 1024 });
const mix = await seedSoak(recovery, 200, 40);
const bugs = [];
const server = await startServer({
  host: '127.0.0.1',
  port: 0,
  operations: operationsOf(recovery),
  onBug: (e) => bugs.push(e),
  headersTimeoutMs: 2_000,
  requestTimeoutMs: 5_000,
  bodyTimeoutMs: 2_000,
  maxBodyBytes: MAX_BODY,
});

await runLoad(server.port, mix, 20, 1_000); // warm up
gc();
const before = process.memoryUsage();
console.log(`soak: ${connections} keep-alive connections for ${seconds} s on ${server.url}; heap ${mb(before.heapUsed)} MB, rss ${mb(before.rss)} MB`);
const report = await runLoad(server.port, mix, connections, seconds * 1000);
gc();
const after = process.memoryUsage();
const growth = after.heapUsed - before.heapUsed;
console.log(
  `requests ${report.requests} (${Math.round(report.requests / seconds)}/s) by status ${JSON.stringify(report.byStatus)} transport errors ${JSON.stringify(report.transportErrors)}`,
);
console.log(
  `heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)} MB (growth ${mb(growth)} MB${globalThis.gc ? '' : ', no --expose-gc: not collected'}), rss ${mb(before.rss)} → ${mb(after.rss)} MB`,
);
const slow = await slowloris(server.port, 50);
const slowStatus = slow.answer.split('\r\n')[0];
const big = [await oversized(server.port, 4 * MAX_BODY, true), await oversized(server.port, 4 * MAX_BODY, false)];
console.log(`slowloris: ${slowStatus} after ${slow.closedAfterMs} ms; oversized bodies: ${big.join(' | ')}`);
await server.close();

const failures = [];
if (Object.keys(report.byStatus).some((s) => Number(s) >= 500)) failures.push('5xx answers');
if (Object.keys(report.transportErrors).length > 0) failures.push('transport errors');
if (bugs.length > 0) failures.push(`${bugs.length} operation bugs`);
if (growth > 64 * 1048576) failures.push('heap growth above 64 MB');
if (!/^HTTP\/1\.1 408 /.test(slowStatus ?? '')) failures.push('slowloris not cut off with 408');
if (!big.every((s) => /^HTTP\/1\.1 413 /.test(s ?? ''))) failures.push('oversized body not refused with 413');
console.log(failures.length === 0 ? 'soak: OK' : `soak: FAILED: ${failures.join(', ')}`);
process.exit(failures.length === 0 ? 0 : 1);
