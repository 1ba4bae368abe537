import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskEmail, maskPhone } from './masking.js';

const codePoints = (value: string): string[] => Array.from(value);
const firstCodePoint = (value: string): string => codePoints(value)[0] ?? '';

describe('maskEmail', () => {
  it.each([
    { email: 'test@test.com', masked: 't***@t***' },
    { email: 'alice@example.com', masked: 'a***@e***' },
    { email: 'u@y.co', masked: 'u***@y***' },
    { email: 'Alice.Smith+tag@Mail.Example.org', masked: 'A***@M***' },
    { email: 'ñoño@éxample.com', masked: 'ñ***@é***' },
    { email: '😀x@𝔡omain.org', masked: '😀***@𝔡***' },
    { email: '"a@b"@example.com', masked: '"***@e***' },
  ])('R6.2 masks $email as $masked', ({ email, masked }) => {
    expect(maskEmail(email)).toBe(masked);
  });

  it('R6.2 uses three stars, not the four of the developer guide example', () => {
    expect(maskEmail('jane@example.com')).not.toBe('j****@e****');
    expect(maskEmail('jane@example.com')).toBe('j***@e***');
  });

  it('R6.2 drops the TLD and the rest of the domain entirely', () => {
    expect(maskEmail('bob@example.com')).not.toContain('.com');
    expect(maskEmail('bob@example.com')).not.toContain('xample');
  });

  const local = fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).filter((s) => !s.includes('@'));
  const domain = fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).filter((s) => !s.includes('@'));

  it('R6.2 a masked email reveals at most the first code point of the local part and of the domain, otherwise only * and @', () => {
    fc.assert(
      fc.property(local, domain, (l, d) => {
        const masked = codePoints(maskEmail(`${l}@${d}`));
        const revealed = masked.filter((c) => c !== '*' && c !== '@');
        // Everything shown is one of the two first code points, in order.
        expect(revealed.length).toBeLessThanOrEqual(2);
        const allowed = [firstCodePoint(l), firstCodePoint(d)];
        for (const c of revealed) expect(allowed).toContain(c);
        // Exact layout: first code point, three stars, '@', first code point, three stars.
        expect(masked.length).toBe(1 + 3 + 1 + 1 + 3);
        expect(masked[0]).toBe(firstCodePoint(l));
        expect(masked.slice(1, 4)).toEqual(['*', '*', '*']);
        expect(masked[4]).toBe('@');
        expect(masked[5]).toBe(firstCodePoint(d));
        expect(masked.slice(6)).toEqual(['*', '*', '*']);
      }),
    );
  });

  it('R6.2 two emails sharing their first characters mask identically, so nothing else leaks', () => {
    fc.assert(
      fc.property(local, domain, local, domain, (l1, d1, l2, d2) => {
        const a = `${firstCodePoint(l1)}${l2}@${firstCodePoint(d1)}${d2}`;
        const b = `${l1}@${d1}`;
        expect(maskEmail(a)).toBe(maskEmail(b));
      }),
    );
  });

  it('R6.2 never reveals more than two non-mask code points for any string at all', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (value) => {
        const masked = codePoints(maskEmail(value));
        expect(masked.filter((c) => c !== '*' && c !== '@').length).toBeLessThanOrEqual(2);
        expect(masked.length).toBeLessThanOrEqual(9);
      }),
    );
  });
});

describe('maskPhone', () => {
  it.each([
    { phone: '+12065551234', masked: '+*******1234' },
    { phone: '+441234567890', masked: '+********7890' },
    { phone: '+6512344114', masked: '+******4114' },
    { phone: '+919876502076', masked: '+********2076' },
    { phone: '+3361234560276', masked: '+*********0276' },
    { phone: '+12345', masked: '+*2345' },
    { phone: '+1234', masked: '+1234' },
    { phone: '+12', masked: '+12' },
    { phone: '+', masked: '+' },
    { phone: '5555550100', masked: '******0100' },
  ])('R6.3 masks $phone as $masked', ({ phone, masked }) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it('R6.3 reproduces the lengths of real captures (+********4114 has 12 digits)', () => {
    expect(maskPhone('+123456784114')).toBe('+********4114');
    expect(maskPhone('+1234567894516')).toBe('+*********4516');
  });

  const phones = fc.tuple(fc.boolean(), fc.string({ unit: 'binary', maxLength: 20 })).map(([plus, rest]) => (plus ? `+${rest}` : rest));

  it('R6.3 a masked phone has the same length in code points, keeps the + and at most the last 4 characters, everything else *', () => {
    fc.assert(
      fc.property(phones, (phone) => {
        const input = codePoints(phone);
        const masked = codePoints(maskPhone(phone));
        expect(masked).toHaveLength(input.length);
        const start = input[0] === '+' ? 1 : 0;
        if (start === 1) expect(masked[0]).toBe('+');
        const keepFrom = Math.max(start, input.length - 4);
        masked.forEach((c, i) => {
          if (i < start) return;
          expect(c).toBe(i >= keepFrom ? input[i] : '*');
        });
      }),
    );
  });

  it('R6.3 two E.164 numbers that share their last four digits and length mask identically', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{4,11}$/u), fc.stringMatching(/^\d{4}$/u), (prefixDigits, last4) => {
        const other = prefixDigits.split('').reverse().join('');
        expect(maskPhone(`+${prefixDigits}${last4}`)).toBe(maskPhone(`+${other}${last4}`));
      }),
    );
  });
});
