/**
 * D28, R18.7: the answer's key from the `u` sealed at issue equals the key computed from `B`, and a
 * block sealed without `u` still gets the same key.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { srpClientRespond, srpClientStart } from '../testing/srp-client.js';
import { hex, parseSrpA, srpAnswerKey, srpClaimSignature, srpServerB, srpServerKey, srpServerKeyOfU, srpU, srpVerifierOf } from './srp.js';

const POOL = 'us-east-1_AnswerKey';

function challenge() {
  const stored = srpVerifierOf(POOL, 'alice', 'Passw0rd!', randomBytes(16));
  const client = srpClientStart();
  const A = parseSrpA(client.A);
  if (A === undefined) throw new Error('the test client made an unusable A');
  const b = randomBytes(128);
  const B = srpServerB(stored.verifier, b);
  if (B === undefined) throw new Error('B mod N = 0');
  return { stored, client, A, b, B };
}

describe('srpAnswerKey (D28: u sealed with B at issue)', () => {
  it('the key from the sealed u is the key from B, and the one the client derives', () => {
    const { stored, client, A, b, B } = challenge();
    const fromB = srpServerKey({ A, B, b, verifierHex: stored.verifier });
    const fromU = srpAnswerKey(A, b, stored.verifier, hex(srpU(A, B)));
    expect(fromU).toBeDefined();
    expect(fromU?.equals(fromB ?? Buffer.alloc(0))).toBe(true);
    const block = randomBytes(64).toString('base64');
    const answer = srpClientRespond({
      userPoolId: POOL,
      userIdForSrp: 'alice',
      password: 'Passw0rd!',
      a: client.a,
      A: client.A,
      SRP_B: hex(B),
      SALT: stored.salt,
      SECRET_BLOCK: block,
    });
    expect(srpClaimSignature(fromU ?? Buffer.alloc(16), POOL, 'alice', block, answer.TIMESTAMP)).toBe(answer.PASSWORD_CLAIM_SIGNATURE);
  });

  it('a block without u: B is computed from b again, same key', () => {
    const { stored, A, b, B } = challenge();
    expect(srpAnswerKey(A, b, stored.verifier, undefined)?.equals(srpServerKey({ A, B, b, verifierHex: stored.verifier }) ?? Buffer.alloc(0))).toBe(true);
  });

  it('a u of another B gives another key; a u that is not hex or is 0 gives none', () => {
    const { stored, A, b, B } = challenge();
    const other = srpAnswerKey(A, b, stored.verifier, hex(srpU(A, B + 1n)));
    expect(other?.equals(srpServerKey({ A, B, b, verifierHex: stored.verifier }) ?? Buffer.alloc(0))).toBe(false);
    expect(srpAnswerKey(A, b, stored.verifier, 'not hex')).toBeUndefined();
    expect(srpServerKeyOfU({ A, u: 0n, b, verifierHex: stored.verifier })).toBeUndefined();
  });
});
