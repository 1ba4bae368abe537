import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RandomSource } from '../ports/random-source.js';
import { cryptoRandomSource } from '../random.js';
import { CODE_PARAMETER, codeHmacer, generateCode } from './codes.js';
import { renderMessage } from './message-template.js';

/** A RandomSource whose randomInt always answers `value` and records its arguments. */
function stubRandom(value: number): RandomSource & { readonly calls: [number, number][] } {
  const calls: [number, number][] = [];
  return {
    calls,
    randomInt: (min, max) => {
      calls.push([min, max]);
      return value;
    },
    uuid: () => '00000000-0000-4000-8000-000000000000',
    bytes: (length) => new Uint8Array(length),
  };
}

const KEY = new Uint8Array(32).fill(7);
const OTHER_KEY = new Uint8Array(32).fill(8);

describe('generateCode', () => {
  it.each([
    { drawn: 7, code: '000007' },
    { drawn: 0, code: '000000' },
    { drawn: 42, code: '000042' },
    { drawn: 123456, code: '123456' },
    { drawn: 999999, code: '999999' },
  ])('R7.1 turns the draw $drawn into the six-digit code $code', ({ drawn, code }) => {
    expect(generateCode(stubRandom(drawn))).toBe(code);
  });

  it('D8 draws once, uniformly from [0, 1000000)', () => {
    const random = stubRandom(7);
    generateCode(random);
    expect(random.calls).toEqual([[0, 1_000_000]]);
  });

  it('R7.1 every draw in range becomes exactly six decimal digits with the same value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), (drawn) => {
        const code = generateCode(stubRandom(drawn));
        expect(code).toMatch(/^\d{6}$/u);
        expect(Number(code)).toBe(drawn);
      }),
    );
  });

  it('D8 the CSPRNG source yields six-digit codes that vary', () => {
    const codes = Array.from({ length: 50 }, () => generateCode(cryptoRandomSource));
    for (const code of codes) expect(code).toMatch(/^\d{6}$/u);
    expect(new Set(codes).size).toBeGreaterThan(1);
  });
});

describe('codeHmacer', () => {
  it('D8 stores HMAC-SHA256 of the code in base64url', () => {
    const expected = createHmac('sha256', Buffer.from(KEY)).update('000007').digest('base64url');
    expect(codeHmacer(KEY)('000007')).toBe(expected);
  });

  it('D8 is deterministic per key, also across hmacer instances', () => {
    expect(codeHmacer(KEY)('123456')).toBe(codeHmacer(KEY)('123456'));
    const hmac = codeHmacer(KEY);
    expect(hmac('123456')).toBe(hmac('123456'));
  });

  it('D8 the stored value differs from the code and never contains it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), fc.uint8Array({ minLength: 1, maxLength: 64 }), (drawn, key) => {
        const code = generateCode(stubRandom(drawn));
        const stored = codeHmacer(key)(code);
        expect(stored).not.toBe(code);
        expect(stored).not.toContain(code);
        expect(stored).toMatch(/^[A-Za-z0-9_-]{43}$/u);
      }),
    );
  });

  it('D8 different keys give different HMACs for the same code', () => {
    expect(codeHmacer(KEY)('123456')).not.toBe(codeHmacer(OTHER_KEY)('123456'));
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 32 }),
        fc.uint8Array({ minLength: 16, maxLength: 32 }),
        fc.integer({ min: 0, max: 999_999 }),
        (k1, k2, drawn) => {
          fc.pre(Buffer.compare(Buffer.from(k1), Buffer.from(k2)) !== 0);
          const code = generateCode(stubRandom(drawn));
          expect(codeHmacer(k1)(code)).not.toBe(codeHmacer(k2)(code));
        },
      ),
    );
  });

  it('D8 different codes give different HMACs under one key', () => {
    const hmac = codeHmacer(KEY);
    expect(hmac('000000')).not.toBe(hmac('000001'));
  });
});

describe('CODE_PARAMETER', () => {
  it('R7.1 a template writes the code as {####}: each one becomes the six-digit code, none is left', () => {
    const code = generateCode(stubRandom(42));
    const { body } = renderMessage({ smsMessage: 'Code {####}; again {####}' }, 'SMS', code);
    expect(body).toBe('Code 000042; again 000042');
    expect(body).not.toContain(CODE_PARAMETER);
  });
});
