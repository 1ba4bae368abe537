// HTTP: ForgotPassword requests/s and latency through three servers, each in its own child process on
// 127.0.0.1, driven by one keep-alive load generator (this process: 4 workers on an
// http.Agent({ keepAlive: true, maxSockets: 4 })), in alternating fixed-duration rounds after a
// warm-up: (a) the floor, a bare node:http server answering a canned body, (b) cognito-local from
// node_modules, (c) ours. Medians over the rounds.
import { Agent, request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { emitResult, freePort, killChild, log, median, percentile, sleep, spawnChild, waitForHttp, waitForLine, withTimeout } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ROUND_MS = Number(process.env.BENCH_HTTP_MS ?? 5000);
const WARMUP_MS = Number(process.env.BENCH_HTTP_WARMUP_MS ?? 2000);
const WORKERS = 4;
const OUR_USERS = Number(process.env.BENCH_HTTP_USERS ?? 100_000);
const COGNITO_LOCAL_USERS = 50;
const REQUEST_TIMEOUT_MS = 10_000;
const TARGET_HEADER = 'AWSCognitoIdentityProviderService.ForgotPassword';

function body(clientId, username) {
  return Buffer.from(JSON.stringify({ ClientId: clientId, Username: username }));
}

/** One POST; resolves with { status, text } once the whole answer is read. */
function post(agent, port, path, payload, target = TARGET_HEADER) {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target, 'content-length': payload.length },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`request timed out after ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** One fixed-duration round against a target: requests/s, p50/p99 ms, errors. */
async function round(target, durationMs) {
  const agent = new Agent({ keepAlive: true, maxSockets: WORKERS });
  const latencies = [];
  let errors = 0;
  let firstError;
  const started = performance.now();
  const deadline = started + durationMs;
  const worker = async () => {
    while (performance.now() < deadline) {
      const payload = target.bodies[target.cursor++ % target.bodies.length];
      const t0 = performance.now();
      try {
        const { status, text } = await post(agent, target.port, '/', payload);
        if (status !== 200) {
          errors++;
          firstError ??= `${status} ${text.slice(0, 200)}`;
        }
      } catch (error) {
        errors++;
        firstError ??= error.message;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  const elapsed = performance.now() - started;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  if (errors > latencies.length * 0.01) throw new Error(`${target.name}: ${errors} of ${latencies.length} requests failed, first: ${firstError}`);
  return { rps: (latencies.length * 1000) / elapsed, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), requests: latencies.length, errors };
}

async function startFloor() {
  const child = spawnChild(process.execPath, [join(here, 'servers/floor-server.mjs')]);
  const port = Number((await waitForLine(child, 'READY ', 15_000, 'floor server')).split(' ')[0]);
  return { name: 'floor', child, port, bodies: [body('floorclient', 'user0')], cursor: 0 };
}

async function startOurs() {
  const child = spawnChild(process.execPath, [join(here, 'servers/ours-server.mjs')], { env: { ...process.env, BENCH_USERS: String(OUR_USERS) } });
  const [port, clientId] = (await waitForLine(child, 'READY ', 120_000, 'our server')).split(' ');
  const bodies = Array.from({ length: OUR_USERS }, (_, i) => body(clientId, `user${i}`));
  return { name: 'ours', child, port: Number(port), bodies, cursor: 0, reset: () => post(undefined, Number(port), '/_local/reset', Buffer.from('')) };
}

async function startCognitoLocal() {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('cognito-local/package.json');
  const bin = join(dirname(pkg), require(pkg).bin);
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-cognito-local-'));
  const port = await freePort();
  // cognito-local keeps its state in ./.cognito of its working directory: a temp folder.
  const child = spawnChild(process.execPath, [bin], { cwd: dataDir, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DEBUG: '' } });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/health`, child, 30_000, 'cognito-local');
  const sdk = new CognitoIdentityProviderClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const pool = await sdk.send(new CreateUserPoolCommand({ PoolName: 'bench', UsernameAttributes: ['email'] }));
  const poolId = pool.UserPool.Id;
  const client = await sdk.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'bench' }));
  const clientId = client.UserPoolClient.ClientId;
  for (let i = 0; i < COGNITO_LOCAL_USERS; i++) {
    await sdk.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: `user${i}@example.com`, // cognito-local's pools use email as the username
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: `user${i}@example.com` },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    );
  }
  sdk.destroy();
  const bodies = Array.from({ length: COGNITO_LOCAL_USERS }, (_, i) => body(clientId, `user${i}@example.com`));
  return { name: 'cognito-local', child, port, bodies, cursor: 0, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
}

/** Checks that a target answers ForgotPassword with a 200 and CodeDeliveryDetails before timing it. */
async function check(target) {
  const agent = new Agent({ keepAlive: false });
  const { status, text } = await post(agent, target.port, '/', target.bodies[target.cursor++ % target.bodies.length]);
  agent.destroy();
  if (status !== 200 || !text.includes('CodeDeliveryDetails'))
    throw new Error(`${target.name} does not answer ForgotPassword: ${status} ${text.slice(0, 300)}`);
}

async function main() {
  const targets = [];
  try {
    log(`http: ${WORKERS} workers, keep-alive, ${ROUNDS} rounds of ${ROUND_MS} ms per server after ${WARMUP_MS} ms warm-up`);
    targets.push(await withTimeout(startFloor(), 20_000, 'floor server'));
    targets.push(await withTimeout(startCognitoLocal(), 90_000, 'cognito-local setup'));
    targets.push(await withTimeout(startOurs(), 150_000, 'our server setup'));
    for (const target of targets) await check(target);
    const results = Object.fromEntries(targets.map((t) => [t.name, []]));
    for (const target of targets) await round(target, WARMUP_MS);
    for (let r = 0; r < ROUNDS; r++) {
      for (const target of targets) {
        if (target.reset !== undefined) await target.reset();
        await sleep(200);
        const result = await withTimeout(round(target, ROUND_MS), ROUND_MS + 30_000, `${target.name} round`);
        results[target.name].push(result);
        log(`  round ${r + 1} ${target.name.padEnd(13)} ${Math.round(result.rps)} req/s, p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms`);
      }
    }
    const summary = (name) => ({
      rps: median(results[name].map((x) => x.rps)),
      p50Ms: median(results[name].map((x) => x.p50Ms)),
      p99Ms: median(results[name].map((x) => x.p99Ms)),
      rounds: results[name],
    });
    const floor = summary('floor');
    const cognitoLocal = summary('cognito-local');
    const ours = summary('ours');
    emitResult({
      oursRps: ours.rps,
      floorRps: floor.rps,
      cognitoLocalRps: cognitoLocal.rps,
      ratioToFloor: ours.rps / floor.rps,
      ratioToCognitoLocal: ours.rps / cognitoLocal.rps,
      p50Ms: ours.p50Ms,
      p99Ms: ours.p99Ms,
      floorP50Ms: floor.p50Ms,
      floorP99Ms: floor.p99Ms,
      cognitoLocalP50Ms: cognitoLocal.p50Ms,
      cognitoLocalP99Ms: cognitoLocal.p99Ms,
      workers: WORKERS,
      roundMs: ROUND_MS,
      detail: { floor: floor.rounds, cognitoLocal: cognitoLocal.rounds, ours: ours.rounds },
    });
  } finally {
    for (const target of targets) {
      await killChild(target.child);
      await target.cleanup?.();
    }
  }
}

await main();
