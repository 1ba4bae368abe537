#!/usr/bin/env node
// Issue 8 §7: a bounded soak of the wire server on 127.0.0.1 (the CI variant is packages/server/test/soak.test.ts).
//   pnpm build && node --expose-gc scripts/soak.mjs [--seconds 60] [--connections 300]
// Mixed operations on keep-alive sockets against a real memory recovery; then a slowloris client and
// oversized bodies. Exits 1 on any 5xx, transport error (reset…), uncut slow/oversized request, or
// heap growth above 64 MB (after a forced GC when --expose-gc is given). Loopback only.
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { parseArgs } from 'node:util';
import { createMemoryRecovery } from '../packages/adapters-memory/dist/index.js';
import { operationsOf } from '../packages/server/dist/compose.js';
import { startServer } from '../packages/server/dist/index.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' }, connections: { type: 'string', default: '300' } } });
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const MAX_BODY = 64 * 1024;
const gc = globalThis.gc ?? (() => {});
const mb = (bytes) => (bytes / 1048576).toFixed(1);

const recovery = createMemoryRecovery({ realTime: true, hasherCost: 1024 });
const unwrap = async (r) => {
  const x = await r;
  if (x.isErr()) throw new Error(x.error.message);
  return x.value;
};
const poolId = (
  await unwrap(recovery.createUserPool({ PoolName: 'soak', AliasAttributes: ['email'], RecoveryLimits: { ForgotPasswordRequestsPerWindow: 20 } }))
).UserPool.Id;
const clientId = (await unwrap(recovery.createUserPoolClient({ UserPoolId: poolId, ClientName: 'web', PreventUserExistenceErrors: 'ENABLED' }))).UserPoolClient
  .ClientId;
for (let i = 0; i < 200; i++) {
  await unwrap(
    recovery.adminCreateUser({
      UserPoolId: poolId,
      Username: `user${i}`,
      UserAttributes: [
        { Name: 'email', Value: `user${i}@example.com` },
        { Name: 'email_verified', Value: 'true' },
      ],
      MessageAction: 'SUPPRESS',
    }),
  );
}
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

let n = 0;
const user = () => `user${(n++ * 7) % 240}`;
const mix = [
  () => ['ForgotPassword', { ClientId: clientId, Username: user() }],
  () => ['ConfirmForgotPassword', { ClientId: clientId, Username: user(), ConfirmationCode: '000000', Password: 'N3w-passw0rd!' }],
  () => ['AdminGetUser', { UserPoolId: poolId, Username: user() }],
  () => ['DescribeUserPool', { UserPoolId: poolId }],
  () => ['ListUsers', { UserPoolId: poolId, Limit: 10 }],
  () => ['ForgotPassword', { ClientId: clientId, Username: 42 }],
];

function post(agent, operation, body) {
  return new Promise((resolve, reject) => {
    const payload = Buffer.from(JSON.stringify(body));
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: 'POST',
        path: '/',
        agent,
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
          'content-length': payload.length,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function load(count, ms) {
  const agent = new Agent({ keepAlive: true, maxSockets: count, maxFreeSockets: count });
  const byStatus = {};
  const errors = {};
  let requests = 0;
  const deadline = Date.now() + ms;
  await Promise.all(
    Array.from({ length: count }, async (_, w) => {
      for (let i = w; Date.now() < deadline; i += count) {
        const [operation, body] = mix[i % mix.length]();
        try {
          const status = await post(agent, operation, body);
          byStatus[status] = (byStatus[status] ?? 0) + 1;
        } catch (error) {
          errors[error.code ?? String(error)] = (errors[error.code ?? String(error)] ?? 0) + 1;
        }
        requests += 1;
      }
    }),
  );
  agent.destroy();
  return { requests, byStatus, errors };
}

function slowloris() {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(server.port, '127.0.0.1');
    const head = `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ${'a'.repeat(10_000)}`;
    let i = 0;
    let answer = '';
    const timer = setInterval(() => {
      if (i < head.length && !socket.destroyed) socket.write(head[i++]);
    }, 50);
    socket.on('data', (d) => {
      answer += d.toString('latin1');
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ status: answer.split('\r\n')[0], ms: Date.now() - started });
    });
  });
}

function oversized(declared) {
  return new Promise((resolve) => {
    const socket = connect(server.port, '127.0.0.1');
    let answer = '';
    socket.write(
      `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: AWSCognitoIdentityProviderService.ForgotPassword\r\n${declared ? `Content-Length: ${4 * MAX_BODY}` : 'Transfer-Encoding: chunked'}\r\n\r\n`,
    );
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    for (let sent = 0; sent < 4 * MAX_BODY; sent += chunk.length)
      socket.write(declared ? chunk : Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]));
    socket.on('data', (d) => {
      answer += d.toString('latin1');
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve(answer.split('\r\n')[0]));
    setTimeout(() => socket.destroy(), 10_000);
  });
}

await load(20, 1_000); // warm up
gc();
const before = process.memoryUsage();
console.log(`soak: ${connections} keep-alive connections for ${seconds} s on ${server.url}; heap ${mb(before.heapUsed)} MB, rss ${mb(before.rss)} MB`);
const report = await load(connections, seconds * 1000);
gc();
const after = process.memoryUsage();
const growth = after.heapUsed - before.heapUsed;
console.log(
  `requests ${report.requests} (${Math.round(report.requests / seconds)}/s) by status ${JSON.stringify(report.byStatus)} transport errors ${JSON.stringify(report.errors)}`,
);
console.log(
  `heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)} MB (growth ${mb(growth)} MB${globalThis.gc ? '' : ', no --expose-gc: not collected'}), rss ${mb(before.rss)} → ${mb(after.rss)} MB`,
);
const slow = await slowloris();
const big = [await oversized(true), await oversized(false)];
console.log(`slowloris: ${slow.status} after ${slow.ms} ms; oversized bodies: ${big.join(' | ')}`);
await server.close();

const failures = [];
if (Object.keys(report.byStatus).some((s) => Number(s) >= 500)) failures.push('5xx answers');
if (Object.keys(report.errors).length > 0) failures.push('transport errors');
if (bugs.length > 0) failures.push(`${bugs.length} operation bugs`);
if (growth > 64 * 1048576) failures.push('heap growth above 64 MB');
if (!/^HTTP\/1\.1 408 /.test(slow.status ?? '')) failures.push('slowloris not cut off with 408');
if (!big.every((s) => /^HTTP\/1\.1 413 /.test(s ?? ''))) failures.push('oversized body not refused with 413');
console.log(failures.length === 0 ? 'soak: OK' : `soak: FAILED: ${failures.join(', ')}`);
process.exit(failures.length === 0 ? 0 : 1);
