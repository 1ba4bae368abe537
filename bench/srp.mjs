// `node bench/srp.mjs` (after `npx tsc -b`): the SRP math of one USER_SRP_AUTH sign-in (§18), in
// process, one caller. Server side: srpServerB (InitiateAuth: B = k·v + g^b) + srpServerKey
// (RespondToAuthChallenge: u, S = (A·v^u)^b, K) + the claim signature and its constant-time compare,
// with the 128-byte b of D28 (and, for comparison, a 32-byte one), next to each part alone, the simulated identity of an unknown user (D30)
// and the test client's side. BENCH_SRP_MS (default 1500) sets the time per measurement.
import { randomBytes } from 'node:crypto';
import { emitResult, log } from './lib.mjs';
// The SRP rules are internals of the core (not exported from its entry points): read them from its build.
import {
  hex,
  parseSrpA,
  simulatedSrpIdentity,
  srpClaimSignature,
  srpServerB,
  srpServerKey,
  srpSignatureMatches,
  srpVerifierOf,
} from '../packages/core/dist/rules/srp.js';
import { srpClientRespond, srpClientStart, srpTimestamp } from '../packages/core/dist/testing/srp-client.js';

const MS = Number(process.env.BENCH_SRP_MS ?? 1500);
const POOL = 'us-east-1_BenchSrp1';
const USERS = 16;

/** Runs `step(i)` for about MS milliseconds (after a short warm-up); answers ops/s. */
function opsPerSec(step) {
  for (let i = 0; i < 20; i++) step(i);
  let ops = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < MS) {
    for (let k = 0; k < 10; k++) step(ops++);
    elapsed = performance.now() - started;
  }
  return (ops * 1000) / elapsed;
}

// Users with verifiers, and one client A per user (the client's cost is not the server's).
const users = Array.from({ length: USERS }, (_, i) => {
  const userIdForSrp = `user-${i}`;
  const password = `Bench-passw0rd-${i}!`;
  const stored = srpVerifierOf(POOL, userIdForSrp, password, randomBytes(16));
  const client = srpClientStart();
  return { userIdForSrp, password, stored, client, A: parseSrpA(client.A) };
});
const SECRET_BLOCK = randomBytes(600).toString('base64');

// One prepared challenge per user, for the parts measured alone.
const prepared = users.map((user) => {
  const b = randomBytes(128);
  const B = srpServerB(user.stored.verifier, b);
  const answer = srpClientRespond({
    userPoolId: POOL,
    userIdForSrp: user.userIdForSrp,
    password: user.password,
    a: user.client.a,
    A: user.client.A,
    SRP_B: hex(B),
    SALT: user.stored.salt,
    SECRET_BLOCK,
  });
  return { user, b, B, answer };
});

let sink = 0;
let failures = 0;

/** The server side of one sign-in: initiate (b, B) then the answer's check. */
function serverSignIn(i, bBytes = 128) {
  const { user, answer } = prepared[i % USERS];
  const b = randomBytes(bBytes);
  const B = srpServerB(user.stored.verifier, b);
  const K = srpServerKey({ A: user.A, B, b, verifierHex: user.stored.verifier });
  const expected = srpClaimSignature(K, POOL, user.userIdForSrp, SECRET_BLOCK, answer.TIMESTAMP);
  // The prepared answer was signed for another B: it must not match (and costs the same to check).
  if (srpSignatureMatches(expected, answer.PASSWORD_CLAIM_SIGNATURE)) failures++;
  sink += expected.length;
}

// Correctness first: a prepared answer verifies against its own B.
for (const { user, b, B, answer } of prepared) {
  const K = srpServerKey({ A: user.A, B, b, verifierHex: user.stored.verifier });
  if (!srpSignatureMatches(srpClaimSignature(K, POOL, user.userIdForSrp, SECRET_BLOCK, answer.TIMESTAMP), answer.PASSWORD_CLAIM_SIGNATURE)) {
    throw new Error('SRP round trip failed: the server does not accept the client signature');
  }
}

log('SRP (3072-bit group, b = 128 bytes):');
const serverSignInOpsPerSec = opsPerSec(serverSignIn);
log(`  server side of one sign-in (srpServerB + srpServerKey + signature): ${Math.round(serverSignInOpsPerSec)}/s`);
// For comparison only (D28 says 128 bytes): the cost is linear in b's length.
const serverSignInOpsPerSecB32 = opsPerSec((i) => serverSignIn(i, 32));
log(`  the same with a 32-byte b (not D28; for comparison): ${Math.round(serverSignInOpsPerSecB32)}/s`);
const serverBOpsPerSec = opsPerSec((i) => {
  sink += Number(srpServerB(prepared[i % USERS].user.stored.verifier, randomBytes(128)) & 1n);
});
log(`  srpServerB alone: ${Math.round(serverBOpsPerSec)}/s`);
const serverKeyOpsPerSec = opsPerSec((i) => {
  const { user, b, B } = prepared[i % USERS];
  sink += srpServerKey({ A: user.A, B, b, verifierHex: user.stored.verifier }).length;
});
log(`  srpServerKey alone: ${Math.round(serverKeyOpsPerSec)}/s`);
const K16 = randomBytes(16);
const signatureOpsPerSec = opsPerSec((i) => {
  sink += srpClaimSignature(K16, POOL, prepared[i % USERS].user.userIdForSrp, SECRET_BLOCK, 'Sat Aug 1 09:05:07 UTC 2026').length;
});
log(`  srpClaimSignature alone: ${Math.round(signatureOpsPerSec)}/s`);
const simulatedIdentityOpsPerSec = opsPerSec((i) => {
  sink += simulatedSrpIdentity('pool-secret', `ghost-${i}@example.com`).verifier.length;
});
log(`  simulatedSrpIdentity (D30, unknown user): ${Math.round(simulatedIdentityOpsPerSec)}/s`);
const clientOpsPerSec = opsPerSec((i) => {
  const { user, B } = prepared[i % USERS];
  const start = srpClientStart();
  const answer = srpClientRespond({
    userPoolId: POOL,
    userIdForSrp: user.userIdForSrp,
    password: user.password,
    a: start.a,
    A: start.A,
    SRP_B: hex(B),
    SALT: user.stored.salt,
    SECRET_BLOCK,
    date: new Date(),
  });
  sink += answer.PASSWORD_CLAIM_SIGNATURE.length + srpTimestamp(new Date()).length;
});
log(`  test client (srpClientStart + srpClientRespond): ${Math.round(clientOpsPerSec)}/s`);
if (failures !== 0 || sink === 0) throw new Error(`SRP bench: ${failures} signatures matched another B`);

emitResult({
  serverSignInOpsPerSec,
  serverSignInOpsPerSecB32,
  serverBOpsPerSec,
  serverKeyOpsPerSec,
  signatureOpsPerSec,
  simulatedIdentityOpsPerSec,
  clientOpsPerSec,
  bBytes: 128,
  ms: MS,
});
