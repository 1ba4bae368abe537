// The lifecycle benchmark (printed figures, not a test), two rows:
//
// 1. A whole lifecycle through boto3 (lifecycle_boto3.py: create pool, client and user, sign in,
//    ForgotPassword, confirm with the code, sign in with the new password; 8 API calls on one
//    keep-alive client), median ms over LIFECYCLE_RUNS (default 50) runs after 3 warm-ups, against
//    our endpoint (memory adapters at the local server's default scrypt cost, LOCAL_HASH_COST, in this
//    process), moto_server (started on a free port), and cognito-local when bench/node_modules has it
//    (the driver reads the code from the pool file it saves). Password flows only: moto accepts any
//    SRP proof, cognito-local has no SRP. Reading the code is not counted (see lifecycle_boto3.py).
// 2. In-process SRP on createMemoryRecovery: initiateAuth (USER_SRP_AUTH) + respondToAuthChallenge
//    (PASSWORD_VERIFIER) pairs per second, one caller. The client's values are precomputed where they
//    can be (a and SRP_A before the clock starts); the client's proof, which needs the server's B,
//    is computed between the two calls and left out of the timed sum, so the figure is the server
//    side alone (also reported: the rate including the client's work).
//
//    A floor next to it: the crypto a pair cannot avoid, alone (three 3072-bit exponentiations in
//    OpenSSL, g^b, v^u and (A·v^u)^b, and two RS256 signatures), so the figure can be judged on a
//    loaded machine.
//
// Targets: lifecycle ≤ 15 ms median (ours); SRP ≥ 1,000 pairs/s.
import { spawn } from 'node:child_process';
import { createDiffieHellman, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMemoryRecovery } from '@cognito-recovery/adapters-memory';
import { srpClientRespond, srpClientStart } from '@cognito-recovery/core/testing';
import { LOCAL_HASH_COST, localToolEnv, operationsOf, outboxInspection, startServer } from '@cognito-recovery/server';
import { emitResult, freePort, killChild, log, sig, spawnChild, unwrap, waitForHttp, withTimeout } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const RUNS = Number(process.env.LIFECYCLE_RUNS ?? 50);
const SRP_MS = Number(process.env.LIFECYCLE_SRP_MS ?? 3000);
const PYTHON = process.env.PYTHON ?? 'python3';
const DRIVER = join(here, 'lifecycle_boto3.py');

/** Runs the boto3 driver against `endpoint`; resolves with its figures or `{ reason }`. */
function drive(label, endpoint, codes) {
  return new Promise((resolve) => {
    const child = spawn(PYTHON, [DRIVER, endpoint, String(RUNS), codes], { env: localToolEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ reason: `${PYTHON} cannot run: ${error.message}` });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) {
        const figures = JSON.parse(stdout.trim().split('\n').at(-1));
        log(`${label}: median ${figures.medianMs.toFixed(2)} ms, p90 ${figures.p90Ms.toFixed(2)} ms over ${figures.runs} lifecycles`);
        resolve(figures);
      } else {
        const reason = stderr.trim().split('\n').at(-1) || `exit ${code}`;
        log(`${label}: cannot run the lifecycle: ${reason}`);
        resolve({ reason });
      }
    });
  });
}

async function ours() {
  const recovery = createMemoryRecovery({ realTime: true, hasherCost: LOCAL_HASH_COST });
  const server = await startServer({ operations: operationsOf(recovery), inspection: outboxInspection(recovery), port: 0, host: '127.0.0.1' });
  try {
    return await drive('ours', server.url, 'outbox');
  } finally {
    await server.close();
  }
}

async function moto() {
  const port = await freePort();
  const child = spawnChild('moto_server', ['-H', '127.0.0.1', '-p', String(port)]);
  const failed = await Promise.race([child.spawnError, new Promise((resolve) => setTimeout(() => resolve(undefined), 300))]);
  if (failed !== undefined) return { reason: `moto_server cannot be started: ${failed.message}` };
  try {
    await waitForHttp(`http://127.0.0.1:${port}/moto-api/`, child, 60_000, 'moto_server');
    return await drive('moto_server', `http://127.0.0.1:${port}`, 'moto');
  } finally {
    await killChild(child);
  }
}

async function cognitoLocal() {
  const require = createRequire(import.meta.url);
  let pkg;
  try {
    pkg = require.resolve('cognito-local/package.json');
  } catch {
    return { reason: 'cognito-local is not installed in bench/node_modules' };
  }
  const bin = join(dirname(pkg), require(pkg).bin);
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-lifecycle-cognito-local-'));
  const port = await freePort();
  const child = spawnChild(process.execPath, [bin], { cwd: dataDir, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DEBUG: '' } });
  try {
    await waitForHttp(`http://127.0.0.1:${port}/health`, child, 30_000, 'cognito-local');
    return await drive('cognito-local', `http://127.0.0.1:${port}`, `db:${join(dataDir, '.cognito', 'db')}`);
  } finally {
    await killChild(child);
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The unavoidable crypto of one SRP pair, alone: ms per pair over about SRP_MS. */
function srpFloor() {
  const N = Buffer.from(
    'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
    'hex',
  );
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const base = createDiffieHellman(N, 2);
  base.generateKeys();
  const someBase = base.getPublicKey();
  const payload = Buffer.alloc(600, 7);
  // One DH object for every exponentiation, as the core does (creating one checks the prime).
  const dh = createDiffieHellman(N, 2);
  let pairs = 0;
  const started = performance.now();
  while (performance.now() - started < SRP_MS) {
    const b = randomBytes(128);
    dh.setPrivateKey(b);
    dh.generateKeys(); // g^b
    dh.computeSecret(someBase); // (A·v^u)^b
    dh.setPrivateKey(randomBytes(32));
    dh.computeSecret(someBase); // v^u
    sign('sha256', payload, privateKey);
    sign('sha256', payload, privateKey);
    pairs++;
  }
  return (performance.now() - started) / pairs;
}

async function srpPairs() {
  const recovery = createMemoryRecovery({ realTime: true, hasherCost: 1024 });
  const { Id: poolId } = (await unwrap(recovery.createUserPool({ PoolName: 'srp-bench' }), 'CreateUserPool')).UserPool;
  const { ClientId: clientId } = (
    await unwrap(
      recovery.createUserPoolClient({ UserPoolId: poolId, ClientName: 'srp', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }),
      'CreateUserPoolClient',
    )
  ).UserPoolClient;
  const USERS = 20;
  const password = 'Bench-Passw0rd!';
  for (let i = 0; i < USERS; i++) {
    await unwrap(recovery.adminCreateUser({ UserPoolId: poolId, Username: `srp${i}`, MessageAction: 'SUPPRESS' }), 'AdminCreateUser');
    await unwrap(recovery.adminSetUserPassword({ UserPoolId: poolId, Username: `srp${i}`, Password: password, Permanent: true }), 'AdminSetUserPassword');
  }
  // a and SRP_A for every pair, before the clock starts.
  const starts = Array.from({ length: 4000 }, () => srpClientStart());
  const pair = async (i) => {
    const { a, A } = starts[i % starts.length];
    const t0 = performance.now();
    const init = await recovery.initiateAuth({ AuthFlow: 'USER_SRP_AUTH', ClientId: clientId, AuthParameters: { USERNAME: `srp${i % USERS}`, SRP_A: A } });
    const t1 = performance.now();
    if (init.isErr()) throw new Error(`InitiateAuth: ${init.error.name}: ${init.error.message}`);
    const p = init.value.ChallengeParameters;
    const proof = srpClientRespond({
      userPoolId: poolId,
      userIdForSrp: p.USER_ID_FOR_SRP,
      password,
      a,
      A,
      SRP_B: p.SRP_B,
      SALT: p.SALT,
      SECRET_BLOCK: p.SECRET_BLOCK,
    });
    const ChallengeResponses = { USERNAME: p.USER_ID_FOR_SRP, PASSWORD_CLAIM_SECRET_BLOCK: p.SECRET_BLOCK, ...proof };
    const t2 = performance.now();
    const done = await recovery.respondToAuthChallenge({ ChallengeName: 'PASSWORD_VERIFIER', ClientId: clientId, ChallengeResponses });
    const t3 = performance.now();
    if (done.isErr()) throw new Error(`RespondToAuthChallenge: ${done.error.name}: ${done.error.message}`);
    if (done.value.AuthenticationResult?.AccessToken === undefined) throw new Error('RespondToAuthChallenge gave no tokens');
    return { server: t1 - t0 + (t3 - t2), total: t3 - t0 };
  };
  for (let i = 0; i < 50; i++) await pair(i); // warm-up
  let pairs = 0;
  let serverMs = 0;
  let totalMs = 0;
  while (totalMs < SRP_MS) {
    const { server, total } = await pair(pairs);
    serverMs += server;
    totalMs += total;
    pairs++;
  }
  const floorMsPerPair = srpFloor();
  const result = {
    pairs,
    floorMsPerPair,
    floorPairsPerSec: 1000 / floorMsPerPair,
    serverPairsPerSec: (pairs * 1000) / serverMs,
    withClientPairsPerSec: (pairs * 1000) / totalMs,
    serverMsPerPair: serverMs / pairs,
  };
  log(
    `in-process SRP: ${result.serverPairsPerSec.toFixed(0)} pairs/s server side (${result.serverMsPerPair.toFixed(2)} ms per pair), ${result.withClientPairsPerSec.toFixed(0)} pairs/s with the client's proof, ${pairs} pairs; crypto floor ${result.floorPairsPerSec.toFixed(0)} pairs/s (${floorMsPerPair.toFixed(2)} ms)`,
  );
  return result;
}

const oursResult = await withTimeout(ours(), 300_000, 'lifecycle on our endpoint');
const motoResult = await withTimeout(moto(), 300_000, 'lifecycle on moto_server');
const cognitoLocalResult = await withTimeout(cognitoLocal(), 300_000, 'lifecycle on cognito-local');
const srp = await withTimeout(srpPairs(), 120_000, 'in-process SRP');

const figure = (r) => (r.medianMs === undefined ? null : { medianMs: sig(r.medianMs), p90Ms: sig(r.p90Ms), minMs: sig(r.minMs), runs: r.runs });
emitResult({
  runs: RUNS,
  ours: figure(oursResult),
  oursReason: oursResult.reason,
  moto: figure(motoResult),
  motoReason: motoResult.reason,
  cognitoLocal: figure(cognitoLocalResult),
  cognitoLocalReason: cognitoLocalResult.reason,
  srp: {
    pairs: srp.pairs,
    serverPairsPerSec: sig(srp.serverPairsPerSec),
    withClientPairsPerSec: sig(srp.withClientPairsPerSec),
    serverMsPerPair: sig(srp.serverMsPerPair),
    floorPairsPerSec: sig(srp.floorPairsPerSec),
    floorMsPerPair: sig(srp.floorMsPerPair),
  },
  loadAverage: loadavg().map((x) => sig(x, 2)),
});
