import { createRequire } from 'node:module';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { srpClientRespond, srpClientStart, srpTimestamp } from '../testing/srp-client.js';
import {
  SRP_K,
  SRP_N,
  bigToBytes,
  hex,
  hexToBytes,
  parseSrpA,
  powG,
  simulatedSrpIdentity,
  slowModPow,
  srpClaimSignature,
  srpModPow,
  srpPoolName,
  srpServerB,
  srpServerKey,
  srpSignatureMatches,
  srpTimestampValid,
  srpU,
  srpVerifierOf,
  srpX,
} from './srp.js';

// The real client library, loaded as amazon-cognito-identity-js itself runs in Node (CJS build).
const require = createRequire(import.meta.url);
interface JsbnBigInteger {
  toString(radix: number): string;
}
type Callback<T> = (error: unknown, value: T) => void;
interface CijsHelper {
  smallAValue: JsbnBigInteger;
  getLargeAValue(callback: Callback<JsbnBigInteger>): void;
  getPasswordAuthenticationKey(username: string, password: string, serverB: JsbnBigInteger, salt: JsbnBigInteger, callback: Callback<Uint8Array>): void;
}
const AuthenticationHelper = (require('amazon-cognito-identity-js/lib/AuthenticationHelper.js') as { default: new (poolName: string) => CijsHelper }).default;
const BigInteger = (require('amazon-cognito-identity-js/lib/BigInteger.js') as { default: new (text: string, radix: number) => JsbnBigInteger }).default;
const DateHelper = (require('amazon-cognito-identity-js/lib/DateHelper.js') as { default: new () => { getNowString(): string } }).default;
// The SHA-256 the library signs with (CognitoUser.authenticateUserDefaultAuth).
const { Sha256 } = createRequire(require.resolve('amazon-cognito-identity-js'))('@aws-crypto/sha256-js') as {
  Sha256: new (key?: Uint8Array) => { update(data: Uint8Array): void; digestSync(): Uint8Array };
};

/** `CognitoUser.authenticateUserDefaultAuth` from the challenge on: the library's K and signature. */
function cijsRespond(
  helper: CijsHelper,
  p: { userPoolId: string; userIdForSrp: string; password: string; SRP_B: string; SALT: string; SECRET_BLOCK: string; TIMESTAMP: string },
): { K: string; signature: string } {
  let hkdf: Uint8Array | undefined;
  helper.getPasswordAuthenticationKey(p.userIdForSrp, p.password, new BigInteger(p.SRP_B, 16), new BigInteger(p.SALT, 16), (error, key) => {
    expect(error).toBeNull();
    hkdf = key;
  });
  const key = hkdf!;
  const hash = new Sha256(key);
  hash.update(
    Buffer.concat([
      Buffer.from(srpPoolName(p.userPoolId), 'utf8'),
      Buffer.from(p.userIdForSrp, 'utf8'),
      Buffer.from(p.SECRET_BLOCK, 'base64'),
      Buffer.from(p.TIMESTAMP, 'utf8'),
    ]),
  );
  return { K: Buffer.from(key).toString('hex'), signature: Buffer.from(hash.digestSync()).toString('base64') };
}

/** The library's `SRP_A` (`aValue.toString(16)`, as it sends it). */
function cijsA(helper: CijsHelper): string {
  let A = '';
  helper.getLargeAValue((error, value) => {
    expect(error).toBeNull();
    A = value.toString(16);
  });
  return A;
}

// R18.14, the published test vector.
const VEC = {
  userPoolId: 'us-east-1_abcDEF123',
  userIdForSrp: 'alice',
  password: 'P@ssw0rd!',
  SALT: '8ce8291892390f6b53a245933faf6164',
  a: Buffer.alloc(128, 0x11),
  b: Buffer.alloc(128, 0x22),
  SECRET_BLOCK: 'b3BhcXVlLXNlY3JldC1ibG9jay1ieXRlcw==',
  TIMESTAMP: 'Sat Aug 1 09:05:07 UTC 2026',
  at: Date.UTC(2026, 7, 1, 9, 5, 7),
};
const VEC_K = '92e4b7df211d7a5e9a4429407ab94767';
const VEC_SIGNATURE = 'x9349lHikQg9ZL6i5+Cw1gw7qn0fNzUpgglJRDAWp1g=';

describe('R18.14 test vector, end to end', () => {
  const verifier = srpVerifierOf(VEC.userPoolId, VEC.userIdForSrp, VEC.password, hexToBytes(VEC.SALT)).verifier;
  const A = powG(VEC.a);
  const B = srpServerB(verifier, VEC.b)!;

  it('R18.2: the pool name is the part after the underscore', () => {
    expect(srpPoolName(VEC.userPoolId)).toBe('abcDEF123');
  });

  it('R18.1: k = H(padHex(N) || padHex(g))', () => {
    expect(hex(SRP_K)).toBe('538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6');
  });

  it('R18.6: x and the verifier v = g^x mod N', () => {
    expect(srpX(VEC.userPoolId, VEC.userIdForSrp, VEC.password, VEC.SALT).toString('hex')).toBe(
      '9577bc4af29a7621c10a416b85f386b16b68a06d1ecb42110241aa9b5a51b16c',
    );
    expect(verifier.startsWith('b3ef629867eda9a5d4d33aa06a378920')).toBe(true);
  });

  it('R18.3, R18.5 (D28): SRP_A with a = 128 × 0x11 and SRP_B with b = 128 × 0x22', () => {
    expect(hex(A).startsWith('67679d4fea151663de3276050085a1ce')).toBe(true);
    expect(hex(B).startsWith('bff8b7b1ddaa70da0628174fcdd4cf8a')).toBe(true);
    expect(B).toBe((SRP_K * BigInt(`0x${verifier}`) + slowModPow(2n, BigInt(`0x${VEC.b.toString('hex')}`))) % SRP_N);
  });

  it('R18.7: u = H(padHex(A) || padHex(B))', () => {
    expect(hex(srpU(A, B))).toBe('37eb768aab8c60f24b301f14b31f97d028e9186b6bd663d885b5723f82aad938');
  });

  it('R18.7–R18.8: the server key K, from SRP_A as sent', () => {
    const K = srpServerKey({ A: parseSrpA(hex(A))!, B, b: VEC.b, verifierHex: verifier });
    expect(K?.toString('hex')).toBe(VEC_K);
  });

  it('R18.10: PASSWORD_CLAIM_SIGNATURE from the server key', () => {
    const K = srpServerKey({ A, B, b: VEC.b, verifierHex: verifier })!;
    expect(srpClaimSignature(K, VEC.userPoolId, VEC.userIdForSrp, VEC.SECRET_BLOCK, VEC.TIMESTAMP)).toBe(VEC_SIGNATURE);
  });

  it('R18.9–R18.10: the test client answers the vector with its TIMESTAMP and signature', () => {
    const answer = srpClientRespond({
      userPoolId: VEC.userPoolId,
      userIdForSrp: VEC.userIdForSrp,
      password: VEC.password,
      a: BigInt(`0x${VEC.a.toString('hex')}`),
      SRP_B: hex(B),
      SALT: VEC.SALT,
      SECRET_BLOCK: VEC.SECRET_BLOCK,
      date: new Date(VEC.at),
    });
    expect(answer).toEqual({ TIMESTAMP: VEC.TIMESTAMP, PASSWORD_CLAIM_SIGNATURE: VEC_SIGNATURE });
  });

  it('R18.14: amazon-cognito-identity-js computes the same A, K and signature', () => {
    const helper = new AuthenticationHelper(srpPoolName(VEC.userPoolId));
    helper.smallAValue = new BigInteger(VEC.a.toString('hex'), 16);
    (helper as unknown as { largeAValue: unknown }).largeAValue = undefined;
    expect(cijsA(helper)).toBe(hex(A));
    const library = cijsRespond(helper, { ...VEC, SRP_B: hex(B) });
    expect(library).toEqual({ K: VEC_K, signature: VEC_SIGNATURE });
  });
});

describe('R18.6–R18.11: round trip against amazon-cognito-identity-js', () => {
  const POOL = 'eu-west-2_Rt7qLm2Zx';
  /** Random round trips through the library (each ~0.3 s of its BigInteger) besides the two fixed ones; `pnpm test:fast` runs fewer. */
  const SRP_RUNS = Number(process.env['SRP_RUNS'] ?? 24);
  /** 16-byte salts as stored (32 hex), biased to the two encodings R18.6 warns about. */
  const salts = fc.oneof(
    fc.uint8Array({ minLength: 15, maxLength: 15 }).chain((rest) => fc.integer({ min: 0x80, max: 0xff }).map((first) => Buffer.from([first, ...rest]))),
    fc
      .tuple(fc.integer({ min: 1, max: 3 }), fc.uint8Array({ minLength: 16, maxLength: 16 }))
      .map(([zeros, bytes]) => Buffer.concat([Buffer.alloc(zeros), Buffer.from(bytes).subarray(zeros)])),
    fc.uint8Array({ minLength: 16, maxLength: 16 }).map((bytes) => Buffer.from(bytes)),
  );

  it('R18.6, R18.10: for random passwords and salts (first byte ≥ 0x80, leading zero bytes) the library signature equals ours from the server key; a wrong password does not match', () => {
    let highFirstByte = 0;
    let leadingZero = 0;
    let runs = 0;
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40, unit: 'binary' }),
        salts,
        fc.uuid({ version: 4 }),
        fc.uint8Array({ minLength: 128, maxLength: 128 }),
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        (password, salt, userIdForSrp, b, secret) => {
          if ((salt[0] ?? 0) >= 0x80) highFirstByte++;
          if (salt[0] === 0) leadingZero++;
          const stored = srpVerifierOf(POOL, userIdForSrp, password, salt);
          expect(stored.salt).toHaveLength(32);
          const B = srpServerB(stored.verifier, b)!;
          const helper = new AuthenticationHelper(srpPoolName(POOL));
          const A = parseSrpA(cijsA(helper))!;
          const K = srpServerKey({ A, B, b, verifierHex: stored.verifier })!;
          const SECRET_BLOCK = Buffer.from(secret).toString('base64');
          const now = new Date(Math.floor(Date.now() / 1000) * 1000);
          const TIMESTAMP = srpTimestamp(now);
          const expected = srpClaimSignature(K, POOL, userIdForSrp, SECRET_BLOCK, TIMESTAMP);
          const challenge = { userPoolId: POOL, userIdForSrp, SRP_B: hex(B), SALT: stored.salt, SECRET_BLOCK, TIMESTAMP };
          const right = cijsRespond(helper, { ...challenge, password });
          expect(right.K).toBe(K.toString('hex'));
          expect(srpSignatureMatches(expected, right.signature)).toBe(true);
          // A wrong password: through the library on every third run (its BigInteger costs ~0.3 s), through the test client always.
          if (runs++ % 3 === 0) {
            const wrong = cijsRespond(helper, { ...challenge, password: `${password}x` });
            expect(srpSignatureMatches(expected, wrong.signature)).toBe(false);
          }
          const a = BigInt(`0x${helper.smallAValue.toString(16)}`);
          const ours = { ...challenge, a, date: now };
          expect(srpClientRespond({ ...ours, password }).PASSWORD_CLAIM_SIGNATURE).toBe(expected);
          expect(srpSignatureMatches(expected, srpClientRespond({ ...ours, password: `${password}x` }).PASSWORD_CLAIM_SIGNATURE)).toBe(false);
        },
      ),
      {
        numRuns: SRP_RUNS,
        // The two salt encodings R18.6 warns about, on every run whatever the seed: a first byte ≥ 0x80, two leading zero bytes.
        examples: [
          [
            'Passw0rd!',
            Buffer.from('80'.padEnd(32, '1f'), 'hex'),
            '7c1e4a52-2f3b-4c8d-9e0f-112233445566',
            new Uint8Array(128).fill(7),
            new Uint8Array([1, 2, 3]),
          ],
          [
            'pässwörd',
            Buffer.from('0000'.padEnd(32, 'a5'), 'hex'),
            '0b8f6c1d-5e4a-4b3c-8d2e-665544332211',
            new Uint8Array(128).fill(0xfe),
            new Uint8Array([9]),
          ],
        ],
      },
    );
    expect(highFirstByte).toBeGreaterThan(0);
    expect(leadingZero).toBeGreaterThan(0);
  }, 180_000);

  it('R18.3, R18.10: the test client (srpClientStart / srpClientRespond) signs in against the server side, and agrees with the library for the same a', () => {
    const salt = Buffer.from('00f1e2d3c4b5a69788796a5b4c3d2e1f', 'hex');
    const userIdForSrp = '7d3f9c2a-41b6-4e0f-9a8d-2c5e6b1f0a93';
    const stored = srpVerifierOf(POOL, userIdForSrp, 'Corr3ct-horse!', salt);
    const b = Buffer.alloc(128, 0x5a);
    const B = srpServerB(stored.verifier, b)!;
    const { a, A } = srpClientStart();
    expect(A).toMatch(/^[0-9a-f]+$/);
    expect(A.startsWith('0')).toBe(false);
    const K = srpServerKey({ A: parseSrpA(A)!, B, b, verifierHex: stored.verifier })!;
    const date = new Date(Date.UTC(2026, 8, 5, 3, 4, 5));
    const challenge = { userPoolId: POOL, userIdForSrp, a, SRP_B: hex(B), SALT: stored.salt, SECRET_BLOCK: 'AgV4c2VjcmV0', date };
    const ours = srpClientRespond({ ...challenge, password: 'Corr3ct-horse!' });
    expect(ours.TIMESTAMP).toBe('Sat Sep 5 03:04:05 UTC 2026');
    expect(ours.PASSWORD_CLAIM_SIGNATURE).toBe(srpClaimSignature(K, POOL, userIdForSrp, challenge.SECRET_BLOCK, ours.TIMESTAMP));
    expect(srpClientRespond({ ...challenge, password: 'Corr3ct-horse!', A }).PASSWORD_CLAIM_SIGNATURE).toBe(ours.PASSWORD_CLAIM_SIGNATURE);
    expect(srpClientRespond({ ...challenge, password: 'Corr3ct-horse?' }).PASSWORD_CLAIM_SIGNATURE).not.toBe(ours.PASSWORD_CLAIM_SIGNATURE);

    const helper = new AuthenticationHelper(srpPoolName(POOL));
    helper.smallAValue = new BigInteger(a.toString(16), 16);
    (helper as unknown as { largeAValue: unknown }).largeAValue = undefined;
    expect(cijsA(helper)).toBe(A);
    const library = cijsRespond(helper, { ...challenge, password: 'Corr3ct-horse!', TIMESTAMP: ours.TIMESTAMP });
    expect(library.signature).toBe(ours.PASSWORD_CLAIM_SIGNATURE);
  });

  it('R18.3: srpClientStart draws a from the RandomSource given', () => {
    const random = { randomInt: () => 0, uuid: () => '', bytes: (n: number) => new Uint8Array(n).fill(0x11) };
    const { a, A } = srpClientStart(random);
    expect(a).toBe(BigInt(`0x${VEC.a.toString('hex')}`));
    expect(A.startsWith('67679d4fea151663de3276050085a1ce')).toBe(true);
  });

  it('R18.6: the verifier depends on USER_ID_FOR_SRP, so the same password under another username does not sign in', () => {
    const salt = Buffer.alloc(16, 0x42);
    const stored = srpVerifierOf(POOL, 'alice', 'P@ssw0rd!', salt);
    const b = Buffer.alloc(128, 0x33);
    const B = srpServerB(stored.verifier, b)!;
    const { a, A } = srpClientStart();
    const K = srpServerKey({ A: parseSrpA(A)!, B, b, verifierHex: stored.verifier })!;
    const date = new Date(VEC.at);
    const base = { userPoolId: POOL, password: 'P@ssw0rd!', a, A, SRP_B: hex(B), SALT: stored.salt, SECRET_BLOCK: VEC.SECRET_BLOCK, date };
    const asAlice = srpClientRespond({ ...base, userIdForSrp: 'alice' });
    expect(asAlice.PASSWORD_CLAIM_SIGNATURE).toBe(srpClaimSignature(K, POOL, 'alice', VEC.SECRET_BLOCK, VEC.TIMESTAMP));
    const asEmail = srpClientRespond({ ...base, userIdForSrp: 'alice@example.com' });
    expect(srpSignatureMatches(srpClaimSignature(K, POOL, 'alice@example.com', VEC.SECRET_BLOCK, VEC.TIMESTAMP), asEmail.PASSWORD_CLAIM_SIGNATURE)).toBe(false);
  });
});

describe('R18.10: srpClaimSignature signs exactly what it is given', () => {
  const K = Buffer.from(VEC_K, 'hex');
  const base = srpClaimSignature(K, VEC.userPoolId, VEC.userIdForSrp, VEC.SECRET_BLOCK, VEC.TIMESTAMP);

  it.each([
    { change: 'another pool name', args: ['us-east-1_abcDEF124', VEC.userIdForSrp, VEC.SECRET_BLOCK, VEC.TIMESTAMP] },
    { change: 'another USER_ID_FOR_SRP', args: [VEC.userPoolId, 'alicf', VEC.SECRET_BLOCK, VEC.TIMESTAMP] },
    { change: 'another SECRET_BLOCK', args: [VEC.userPoolId, VEC.userIdForSrp, 'b3BhcXVlLXNlY3JldC1ibG9jay1ieXRleA==', VEC.TIMESTAMP] },
    { change: 'a zero-padded day', args: [VEC.userPoolId, VEC.userIdForSrp, VEC.SECRET_BLOCK, 'Sat Aug 01 09:05:07 UTC 2026'] },
  ])('$change changes the signature', ({ args }) => {
    const [pool = '', user = '', block = '', timestamp = ''] = args;
    expect(srpClaimSignature(K, pool, user, block, timestamp)).not.toBe(base);
  });

  it('the region prefix is not signed (only the pool name after _)', () => {
    expect(srpClaimSignature(K, 'eu-central-1_abcDEF123', VEC.userIdForSrp, VEC.SECRET_BLOCK, VEC.TIMESTAMP)).toBe(base);
  });

  it('D28: srpSignatureMatches is an exact comparison', () => {
    expect(srpSignatureMatches(base, base)).toBe(true);
    expect(srpSignatureMatches(base, `${base.slice(0, -2)}A=`)).toBe(false);
    expect(srpSignatureMatches(base, base.slice(0, -1))).toBe(false);
    expect(srpSignatureMatches(base, '')).toBe(false);
    expect(srpSignatureMatches(base, `${base} `)).toBe(false);
  });
});

describe('D29: TIMESTAMP', () => {
  const SKEW = 5 * 60_000;

  afterEach(() => {
    vi.useRealTimers();
  });

  it('D29: `Sat Aug 1 09:05:07 UTC 2026` is accepted at that instant', () => {
    expect(srpTimestampValid('Sat Aug 1 09:05:07 UTC 2026', VEC.at, SKEW)).toBe(true);
    expect(srpTimestampValid('Sat Aug 1 09:05:07 UTC 2026', VEC.at, 0)).toBe(true);
  });

  it('R18.9, D29: a zero-padded day is refused', () => {
    expect(srpTimestampValid('Sat Aug 01 09:05:07 UTC 2026', VEC.at, SKEW)).toBe(false);
    expect(srpTimestampValid('Sat Sep 05 03:04:05 UTC 2026', Date.UTC(2026, 8, 5, 3, 4, 5), SKEW)).toBe(false);
    expect(srpTimestampValid('Sat Sep 5 03:04:05 UTC 2026', Date.UTC(2026, 8, 5, 3, 4, 5), SKEW)).toBe(true);
  });

  it('R18.9, D29: a weekday that does not match the date is refused', () => {
    for (const weekday of ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri']) {
      expect(srpTimestampValid(`${weekday} Aug 1 09:05:07 UTC 2026`, VEC.at, SKEW)).toBe(false);
    }
  });

  it('D29: within ±skew (inclusive) is accepted, one millisecond beyond is refused', () => {
    expect(srpTimestampValid(VEC.TIMESTAMP, VEC.at + SKEW, SKEW)).toBe(true);
    expect(srpTimestampValid(VEC.TIMESTAMP, VEC.at - SKEW, SKEW)).toBe(true);
    expect(srpTimestampValid(VEC.TIMESTAMP, VEC.at + SKEW + 1, SKEW)).toBe(false);
    expect(srpTimestampValid(VEC.TIMESTAMP, VEC.at - SKEW - 1, SKEW)).toBe(false);
    expect(srpTimestampValid(VEC.TIMESTAMP, VEC.at + 1000, 999)).toBe(false);
  });

  it('D29: a day that does not exist is refused; 29 February of a leap year is accepted', () => {
    expect(srpTimestampValid('Tue Feb 29 00:00:00 UTC 2028', Date.UTC(2028, 1, 29), SKEW)).toBe(true);
    expect(srpTimestampValid('Sun Mar 1 00:00:00 UTC 2026', Date.UTC(2026, 2, 1), SKEW)).toBe(true);
    expect(srpTimestampValid('Sun Feb 29 00:00:00 UTC 2026', Date.UTC(2026, 2, 1), SKEW)).toBe(false);
    expect(srpTimestampValid('Mon Feb 30 00:00:00 UTC 2026', Date.UTC(2026, 2, 2), SKEW)).toBe(false);
    expect(srpTimestampValid('Thu Apr 31 00:00:00 UTC 2026', Date.UTC(2026, 4, 1), SKEW)).toBe(false);
  });

  it.each([
    'Sat Aug 1 09:05:07 UTC 2026\n',
    ' Sat Aug 1 09:05:07 UTC 2026',
    'Sat  Aug 1 09:05:07 UTC 2026',
    'sat Aug 1 09:05:07 UTC 2026',
    'Sat AUG 1 09:05:07 UTC 2026',
    'Saturday Aug 1 09:05:07 UTC 2026',
    'Sat Aug 1 9:05:07 UTC 2026',
    'Sat Aug 1 09:5:07 UTC 2026',
    'Sat Aug 1 09:05:07 GMT 2026',
    'Sat Aug 1 09:05:07 UTC 26',
    'Sat Aug 1 09:05:07.000 UTC 2026',
    'Sat Aug 0 09:05:07 UTC 2026',
    'Sat Aug 32 09:05:07 UTC 2026',
    'Sat Aug 1 24:05:07 UTC 2026',
    'Sat Aug 1 09:60:07 UTC 2026',
    'Sat Aug 1 09:05:60 UTC 2026',
    '2026-08-01T09:05:07Z',
    '',
  ])('D29: %j does not match the pattern and is refused', (timestamp) => {
    expect(srpTimestampValid(timestamp, VEC.at, SKEW)).toBe(false);
  });

  it('R18.9: srpTimestamp writes what amazon-cognito-identity-js sends, and D29 accepts it at that second', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(1970, 0, 1)), max: new Date(Date.UTC(9999, 11, 31, 23, 59, 59)), noInvalidDate: true }), (date) => {
        vi.useFakeTimers({ now: date, toFake: ['Date'] });
        const library = new DateHelper().getNowString();
        vi.useRealTimers();
        expect(srpTimestamp(date)).toBe(library);
        const second = Math.floor(date.getTime() / 1000) * 1000;
        expect(srpTimestampValid(library, second, 0)).toBe(true);
        expect(srpTimestampValid(library, second + 1000, 999)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('R18.3: parseSrpA', () => {
  const A = powG(VEC.a);

  it('accepts SRP_A in lowercase or uppercase hex, as sent', () => {
    expect(parseSrpA(hex(A))).toBe(A);
    expect(parseSrpA(hex(A).toUpperCase())).toBe(A);
    expect(parseSrpA('2')).toBe(2n);
    expect(parseSrpA(hex(SRP_N + 1n))).toBe(SRP_N + 1n);
  });

  it.each([
    { what: 'empty', text: '' },
    { what: 'with 0x', text: `0x${hex(A)}` },
    { what: 'not hex', text: 'xyz' },
    { what: 'a g in it', text: `${hex(A).slice(1)}g` },
    { what: 'a space', text: ` ${hex(A)}` },
    { what: 'a trailing newline', text: `${hex(A)}\n` },
    { what: 'negative', text: `-${hex(A)}` },
    { what: 'base64', text: Buffer.from('hello').toString('base64') },
    { what: '0', text: '0' },
    { what: '000', text: '000' },
    { what: 'N', text: hex(SRP_N) },
    { what: 'N in uppercase', text: hex(SRP_N).toUpperCase() },
    { what: '2N', text: hex(2n * SRP_N) },
    { what: 'longer than 2048 digits', text: `1${'0'.repeat(2048)}` },
  ])('refuses $what', ({ text }) => {
    expect(parseSrpA(text)).toBeUndefined();
  });
});

describe('D28: srpServerB and srpServerKey refuse what they cannot use', () => {
  const verifier = srpVerifierOf(VEC.userPoolId, VEC.userIdForSrp, VEC.password, hexToBytes(VEC.SALT)).verifier;

  it('a verifier that is not hex → undefined', () => {
    expect(srpServerB('', VEC.b)).toBeUndefined();
    expect(srpServerB('zz', VEC.b)).toBeUndefined();
    expect(srpServerKey({ A: 5n, B: 7n, b: VEC.b, verifierHex: 'not-hex' })).toBeUndefined();
  });

  it('A mod N = 0 → no key (S would be 0 whatever the password)', () => {
    const B = srpServerB(verifier, VEC.b)!;
    expect(srpServerKey({ A: SRP_N, B, b: VEC.b, verifierHex: verifier })).toBeUndefined();
    expect(srpServerKey({ A: 0n, B, b: VEC.b, verifierHex: verifier })).toBeUndefined();
  });

  it('B mod N = 0 → undefined (the caller draws another b)', () => {
    // v = −k⁻¹·g^b mod N makes k·v + g^b ≡ 0.
    const kInverse = slowModPow(SRP_K, SRP_N - 2n);
    const v = (((SRP_N - powG(VEC.b)) % SRP_N) * kInverse) % SRP_N;
    expect(srpServerB(hex(v), VEC.b)).toBeUndefined();
  });

  it('bases OpenSSL refuses (A ≡ 1, A ≡ N − 1) still give the key of S = (A·v^u)^b', () => {
    const B = srpServerB(verifier, VEC.b)!;
    for (const A of [1n, SRP_N - 1n, SRP_N + 1n]) {
      const K = srpServerKey({ A, B, b: VEC.b, verifierHex: verifier });
      expect(K).toHaveLength(16);
    }
  });
});

describe('srpModPow (OpenSSL) equals BigInt modular exponentiation, edge bases included', () => {
  const exponents = [0n, 1n, 2n, 3n, 0xfffffn, BigInt(`0x${'a5'.repeat(32)}`)];
  const bases = [0n, 1n, 2n, 3n, SRP_N - 2n, SRP_N - 1n, SRP_N, SRP_N + 1n, 2n * SRP_N - 1n, powG(VEC.a)];
  it.each(bases.flatMap((base) => exponents.map((exponent) => ({ base, exponent, label: `${hex(base).slice(0, 8)}…^${hex(exponent)}` }))))(
    '$label',
    ({ base, exponent }) => {
      expect(srpModPow(base, bigToBytes(exponent))).toBe(slowModPow(base, exponent));
    },
  );

  it('powG equals 2^e mod N, and g^0 = 1', () => {
    expect(powG(new Uint8Array(8))).toBe(1n);
    expect(powG(bigToBytes(0x1234567n))).toBe(slowModPow(2n, 0x1234567n));
  });

  it('bigToBytes pads to the length asked', () => {
    expect(bigToBytes(0n).toString('hex')).toBe('00');
    expect(bigToBytes(0xabcn).toString('hex')).toBe('0abc');
    expect(bigToBytes(0xabcn, 4).toString('hex')).toBe('00000abc');
  });
});

describe('D30, R18.13: simulatedSrpIdentity', () => {
  const SECRET = 'pool-secret-for-tests';
  const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('the same input gives the same identity; userIdForSrp matches the UUID v4 pattern; salt is 32 hex', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 64 }), (input) => {
        const one = simulatedSrpIdentity(SECRET, input);
        expect(simulatedSrpIdentity(SECRET, input)).toEqual(one);
        expect(one.userIdForSrp).toMatch(UUID_V4);
        expect(one.salt).toMatch(/^[0-9a-f]{32}$/);
        expect(one.verifier).toMatch(/^[0-9a-f]+$/);
        expect(BigInt(`0x${one.verifier}`) < SRP_N).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('a different input, or another pool secret, gives a different salt, id and verifier', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 32 }), fc.string({ minLength: 1, maxLength: 32 }), (x, y) => {
        fc.pre(x !== y);
        const one = simulatedSrpIdentity(SECRET, x);
        const two = simulatedSrpIdentity(SECRET, y);
        expect(two.salt).not.toBe(one.salt);
        expect(two.userIdForSrp).not.toBe(one.userIdForSrp);
        expect(two.verifier).not.toBe(one.verifier);
      }),
      { numRuns: 100 },
    );
    const here = simulatedSrpIdentity(SECRET, 'nobody@example.com');
    const elsewhere = simulatedSrpIdentity(`${SECRET}-2`, 'nobody@example.com');
    expect(elsewhere.salt).not.toBe(here.salt);
    expect(elsewhere.userIdForSrp).not.toBe(here.userIdForSrp);
    expect(elsewhere.verifier).not.toBe(here.verifier);
  });

  it('salt and id are the D30 HMACs of "srp-salt" / "srp-uid" ‖ input', async () => {
    const { createHmac } = await import('node:crypto');
    const mac = (label: string): Buffer => createHmac('sha256', SECRET).update(`${label}nobody`, 'utf8').digest();
    const identity = simulatedSrpIdentity(SECRET, 'nobody');
    expect(identity.salt).toBe(mac('srp-salt').subarray(0, 16).toString('hex'));
    const id = mac('srp-uid').subarray(0, 16).toString('hex');
    expect(identity.userIdForSrp.replaceAll('-', '').slice(0, 12)).toBe(id.slice(0, 12));
    expect(identity.userIdForSrp.replaceAll('-', '').slice(20)).toBe(id.slice(20));
  });

  it('the fake verifier lies in the subgroup of real verifiers (a quadratic residue mod N) and gives a usable B', () => {
    const half = bigToBytes((SRP_N - 1n) / 2n);
    const real = srpVerifierOf(VEC.userPoolId, VEC.userIdForSrp, VEC.password, hexToBytes(VEC.SALT)).verifier;
    expect(srpModPow(BigInt(`0x${real}`), half)).toBe(1n);
    for (const input of ['nobody', 'ghost@example.com', '+15555550100']) {
      const { verifier } = simulatedSrpIdentity(SECRET, input);
      expect(srpModPow(BigInt(`0x${verifier}`), half)).toBe(1n);
      const B = srpServerB(verifier, VEC.b);
      expect(B).toBeDefined();
      expect(srpServerKey({ A: powG(VEC.a), B: B!, b: VEC.b, verifierHex: verifier })).toHaveLength(16);
    }
  });
});
