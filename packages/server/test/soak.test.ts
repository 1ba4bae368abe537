/**
 * Issue 8 §7, the CI variant of the soak (`node scripts/soak.mjs` runs 60 s with 300 connections):
 * 5 s, 100 keep-alive connections on 127.0.0.1, mixed operations against a real memory recovery: no
 * 5xx, no transport error, bounded heap growth; then slow and oversized requests are cut off by the
 * server's limits (headersTimeout → 408 and close; body limit → 413 and close).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/start-server.js';
import { oversized, runLoad, seedSoak, slowloris, type Mix } from '../../../scripts/soak-load.mjs';
import { realComposition } from './support.js';

const DURATION_MS = Number(process.env['SOAK_MS'] ?? 5_000);
const CONNECTIONS = Number(process.env['SOAK_CONNECTIONS'] ?? 100);
const MAX_BODY = 64 * 1024;

/** The used heap after a forced full garbage collection (`--expose-gc` set at run time, `gc` read from a fresh context). */
function heapAfterGc(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

let server: RunningServer;
let mix: Mix;
const bugs: unknown[] = [];

beforeAll(async () => {
  const composition = realComposition();
  mix = await seedSoak(composition.memory, 50, 10); // 50 real users, 10 unknown ones
  server = await startServer({
    port: 0,
    operations: composition.operations,
    onBug: (e) => bugs.push(e),
    headersTimeoutMs: 1_000,
    requestTimeoutMs: 2_000,
    bodyTimeoutMs: 1_000,
    maxBodyBytes: MAX_BODY,
    keepAliveTimeoutMs: 5_000,
  });
});

afterAll(async () => {
  await server.close();
});

describe('the server under load (issue 8 §7, D1)', () => {
  it(
    `D1: ${CONNECTIONS} keep-alive connections for ${DURATION_MS} ms of mixed operations: no 5xx, no reset, bounded heap`,
    async () => {
      await runLoad(server.port, mix, 10, 300); // warm up
      // Heap after a full GC on both sides, so the figure is what the load kept, not garbage not yet collected.
      const heapBefore = heapAfterGc();
      const report = await runLoad(server.port, mix, CONNECTIONS, DURATION_MS);
      const heapAfter = heapAfterGc();
      const growthMb = (heapAfter - heapBefore) / 1024 / 1024;
      process.stdout.write(
        `[soak] ${report.requests} requests (${report.perSecond}/s) ${JSON.stringify(report.byStatus)} errors ${JSON.stringify(report.transportErrors)} heap ${(heapBefore / 1048576).toFixed(1)} → ${(heapAfter / 1048576).toFixed(1)} MB\n`,
      );
      expect(report.transportErrors).toEqual({});
      expect(Object.keys(report.byStatus).filter((s) => Number(s) >= 500)).toEqual([]);
      expect(Object.keys(report.byStatus).sort()).toEqual(['200', '400']);
      expect(bugs).toEqual([]);
      // After full GCs what stays is the outbox (at most 10,000 messages) and the limiter windows: a few MB.
      expect(growthMb).toBeLessThan(32);
    },
    DURATION_MS + 30_000,
  );

  it('D1: a slowloris client trickling its headers is answered 408 and disconnected at the headers deadline', async () => {
    const { answer, closedAfterMs } = await slowloris(server.port, 50);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(closedAfterMs).toBeLessThan(5_000);
  }, 15_000);

  it.each([true, false])(
    'D1: an oversized body (Content-Length declared: %s) is answered 413 and the connection closed',
    async (declared) => {
      expect(await oversized(server.port, 4 * MAX_BODY, declared)).toMatch(/^HTTP\/1\.1 413 /);
    },
    15_000,
  );

  it('D1: the server still answers after the abuse', async () => {
    const report = await runLoad(server.port, mix, 5, 200);
    expect(report.transportErrors).toEqual({});
    expect(report.requests).toBeGreaterThan(0);
  });
});
