import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecoveryMechanism, UserPool } from '../model/user-pool.js';
import { maskEmail, maskPhone } from './masking.js';
import { simulateDelivery } from './simulated-delivery.js';

type PoolShape = Pick<UserPool, 'id' | 'recoveryMechanisms' | 'simulationSecret'>;

const EMAIL_FIRST: RecoveryMechanism[] = [
  { priority: 1, name: 'verified_email' },
  { priority: 2, name: 'verified_phone_number' },
];
const PHONE_FIRST: RecoveryMechanism[] = [
  { priority: 1, name: 'verified_phone_number' },
  { priority: 2, name: 'verified_email' },
];

const aPool = (recoveryMechanisms: readonly RecoveryMechanism[] | undefined, overrides: Partial<PoolShape> = {}): PoolShape => ({
  id: 'us-east-1_Example',
  recoveryMechanisms,
  simulationSecret: 'simulation-secret-1',
  ...overrides,
});

const PHONE_SHAPE = /^\+\d+$/u;
const EMAIL_SHAPE = /^[^@]+@[^@]+$/u;

describe('simulateDelivery', () => {
  describe('medium', () => {
    it.each([
      { pool: 'legacy', setting: undefined },
      { pool: 'email-first', setting: EMAIL_FIRST },
      { pool: 'phone-first', setting: PHONE_FIRST },
    ])('D4 answers a phone-shaped input with SMS/phone_number in a $pool pool', ({ setting }) => {
      expect(simulateDelivery(aPool(setting), '+15555550100')).toEqual({ medium: 'SMS', attributeName: 'phone_number', destination: '+15555550100' });
    });

    const email = { input: 'ghost@example.com', kind: 'an email' };
    const plain = { input: 'ghost', kind: 'a plain username' };
    const digits = { input: '5555550100', kind: 'digits without +' };
    /** What each pool answers for inputs that are not phone-shaped, and the shape of the destination when checked. */
    const nonPhoneAnswers = [
      { pool: 'an email-first', setting: EMAIL_FIRST, inputs: [email, plain, digits], medium: 'EMAIL', attributeName: 'email', shape: EMAIL_SHAPE },
      { pool: 'a phone-first', setting: PHONE_FIRST, inputs: [email, plain], medium: 'SMS', attributeName: 'phone_number', shape: PHONE_SHAPE },
      { pool: 'a legacy', setting: undefined, inputs: [email, plain], medium: 'EMAIL', attributeName: 'email', shape: undefined },
    ];
    it.each(nonPhoneAnswers.flatMap(({ inputs, ...answer }) => inputs.map((input) => ({ ...input, ...answer }))))(
      'D4 answers $kind with $medium/$attributeName in $pool pool',
      ({ setting, input, medium, attributeName, shape }) => {
        const channel = simulateDelivery(aPool(setting), input);
        expect(channel.medium).toBe(medium);
        expect(channel.attributeName).toBe(attributeName);
        if (shape !== undefined) expect(channel.destination).toMatch(shape);
        // A simulated phone number never shows the input.
        if (medium === 'SMS') expect(channel.destination).not.toContain('ghost');
      },
    );

    it('D4 reads Priority, not array order: phone p1 listed second still gives SMS', () => {
      const reversed: RecoveryMechanism[] = [
        { priority: 2, name: 'verified_email' },
        { priority: 1, name: 'verified_phone_number' },
      ];
      expect(simulateDelivery(aPool(reversed), 'ghost').medium).toBe('SMS');
    });

    it('D4 answers SMS for a non-phone input in a pool that only lists verified_phone_number', () => {
      expect(simulateDelivery(aPool([{ priority: 1, name: 'verified_phone_number' }]), 'ghost').medium).toBe('SMS');
    });

    it('D4 answers EMAIL for a non-phone input in a pool that only lists verified_email', () => {
      expect(simulateDelivery(aPool([{ priority: 1, name: 'verified_email' }]), 'ghost').medium).toBe('EMAIL');
    });
  });

  describe('destination', () => {
    it('R6.4 uses an email input as its own destination, so it masks like a real owner of that address', () => {
      const channel = simulateDelivery(aPool(EMAIL_FIRST), 'ghost@example.com');
      expect(channel.destination).toBe('ghost@example.com');
      expect(maskEmail(channel.destination)).toBe('g***@e***');
    });

    it('R6.4 uses a phone input as its own destination, so it masks like a real owner of that number', () => {
      const channel = simulateDelivery(aPool(EMAIL_FIRST), '+15555550100');
      expect(maskPhone(channel.destination)).toBe('+*******0100');
    });

    it('D4 invents an email for a plain username in an email-first pool, not derived from the username text', () => {
      const { destination } = simulateDelivery(aPool(EMAIL_FIRST), 'ghost');
      expect(destination).toMatch(/^[A-Za-z0-9_]@[A-Za-z0-9]\.com$/u);
    });

    it('D4 invents an E.164-shaped number for a non-phone input in a phone-first pool', () => {
      const { destination } = simulateDelivery(aPool(PHONE_FIRST), 'ghost');
      expect(destination).toMatch(/^\+1\d{10}$/u);
    });
  });

  describe('determinism (D4)', () => {
    const settings = fc.constantFrom<readonly RecoveryMechanism[] | undefined>(undefined, EMAIL_FIRST, PHONE_FIRST);

    it('D4 gives the same answer for the same pool and input, every time', () => {
      fc.assert(
        fc.property(settings, fc.string({ maxLength: 40 }), (setting, input) => {
          expect(simulateDelivery(aPool(setting), input)).toEqual(simulateDelivery(aPool(setting), input));
        }),
      );
    });

    it('D4 answers SMS exactly when the input is phone-shaped or the pool lists the phone first', () => {
      fc.assert(
        fc.property(settings, fc.oneof(fc.string({ maxLength: 20 }), fc.stringMatching(/^\+\d{1,15}$/u), fc.emailAddress()), (setting, input) => {
          const channel = simulateDelivery(aPool(setting), input);
          const expectSms = PHONE_SHAPE.test(input) || setting === PHONE_FIRST;
          expect(channel.medium).toBe(expectSms ? 'SMS' : 'EMAIL');
          expect(channel.attributeName).toBe(expectSms ? 'phone_number' : 'email');
          if (expectSms) expect(channel.destination).toMatch(PHONE_SHAPE);
          // An email-shaped input (something@something, no blanks) is echoed as the address; anything else gets an invented one.
          else if (/^[^@\s]+@[^@\s]+$/u.test(input)) expect(channel.destination).toBe(input);
          else expect(channel.destination).toMatch(EMAIL_SHAPE);
        }),
      );
    });

    it('D4 gives different fake numbers under different pool secrets for the same non-address input', () => {
      const a = simulateDelivery(aPool(PHONE_FIRST, { simulationSecret: 'secret-a' }), 'ghost');
      const b = simulateDelivery(aPool(PHONE_FIRST, { simulationSecret: 'secret-b' }), 'ghost');
      expect(a.destination).not.toBe(b.destination);
    });

    it('D4 gives different fake emails under different pool secrets (across a set of non-address inputs)', () => {
      const inputs = Array.from({ length: 20 }, (_, i) => `ghost${i}`);
      const underA = inputs.map((input) => simulateDelivery(aPool(EMAIL_FIRST, { simulationSecret: 'secret-a' }), input).destination);
      const underB = inputs.map((input) => simulateDelivery(aPool(EMAIL_FIRST, { simulationSecret: 'secret-b' }), input).destination);
      expect(underA).not.toEqual(underB);
    });

    it('D4 gives different fakes in different pools with the same secret (the pool id is hashed too)', () => {
      const inputs = Array.from({ length: 20 }, (_, i) => `ghost${i}`);
      const inPool1 = inputs.map((input) => simulateDelivery(aPool(PHONE_FIRST, { id: 'us-east-1_One' }), input).destination);
      const inPool2 = inputs.map((input) => simulateDelivery(aPool(PHONE_FIRST, { id: 'us-east-1_Two' }), input).destination);
      expect(inPool1).not.toEqual(inPool2);
    });

    it('D4 spreads different non-address inputs over different fakes', () => {
      const fakes = new Set(Array.from({ length: 50 }, (_, i) => simulateDelivery(aPool(PHONE_FIRST), `ghost${i}`).destination));
      expect(fakes.size).toBeGreaterThan(40);
    });
  });
});
