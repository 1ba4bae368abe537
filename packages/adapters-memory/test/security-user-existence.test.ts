/**
 * Issue 8 §4: with PreventUserExistenceErrors = ENABLED, what an observer can compare between a real
 * user and an unknown, disabled or channel-less one: the answer's shape, its repetition, and the
 * sequence of port calls (stores, sender, random draws) and crypto calls (HMAC, constant-time
 * comparisons, scrypt) each path makes. Where the sequences differ today the tests pin the difference
 * exactly (reported in issue 8 and docs/security.md). The timing difference is measured and printed,
 * not asserted.
 */
import type * as crypto from 'node:crypto';
import type { PortCall } from '@cognito-recovery/core/testing';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { secureWorld, seed, type Fixture, type SecureWorld } from './security-support.js';

const cryptoCalls: string[] = [];
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof crypto>();
  const counted = <F extends (...args: never[]) => unknown>(name: string, fn: F): F =>
    ((...args: Parameters<F>) => {
      cryptoCalls.push(name);
      return fn(...args);
    }) as F;
  return {
    ...real,
    createHmac: counted('createHmac', real.createHmac),
    timingSafeEqual: counted('timingSafeEqual', real.timingSafeEqual),
    scrypt: counted('scrypt', real.scrypt),
    randomInt: counted('randomInt', real.randomInt),
  };
});

const WINDOW_MS = 3_600_000;

let world: SecureWorld;
let fixture: Fixture;

beforeAll(async () => {
  world = secureWorld();
  world.faulty.setEnabled(false);
  fixture = await seed(world.recovery, { ForgotPasswordRequestsPerWindow: 20, FailedConfirmAttemptsPerWindow: 1000 });
});

/** Runs `operate` with a fresh window and answers what it returned, its port calls and its crypto calls. */
async function observe<T>(operate: () => PromiseLike<T>): Promise<{ answer: T; ports: string[]; crypto: string[] }> {
  world.clock.advanceBy(WINDOW_MS);
  const from = world.faulty.calls.length;
  cryptoCalls.length = 0;
  const answer = await operate();
  const ports = world.faulty.since(from).map((c: PortCall) => `${c.port}.${c.method}`);
  return { answer, ports, crypto: [...cryptoCalls] };
}

const forgot = (username: string) => () => world.recovery.forgotPassword({ ClientId: fixture.enabledClient, Username: username });
const confirm = (username: string) => () => world.recovery.confirmForgotPassword({ ClientId: fixture.enabledClient, Username: username, ConfirmationCode: '000000', Password: 'N3w-passw0rd!' });

/** The letters and digits of a destination blurred, so only its format remains. */
const format = (destination: string): string => destination.replace(/[\p{L}\p{N}]/gu, 'x');

/** Multiset difference of two call sequences: what only `a` makes, and what only `b` makes. */
function difference(a: readonly string[], b: readonly string[]): { onlyFirst: string[]; onlySecond: string[] } {
  const rest = [...b];
  const onlyFirst: string[] = [];
  for (const call of a) {
    const i = rest.indexOf(call);
    if (i === -1) onlyFirst.push(call);
    else rest.splice(i, 1);
  }
  return { onlyFirst, onlySecond: rest };
}

describe('user existence under PreventUserExistenceErrors = ENABLED (issue 8 §4, R8.3, R8.4, D4, D5)', () => {
  it('R8.3 D4: ForgotPassword answers real, unknown, disabled and channel-less users with the same keys and the same Destination format', async () => {
    const answers = [];
    for (const username of ['alice', 'nobody', 'carol', 'dave']) answers.push((await observe(forgot(username))).answer._unsafeUnwrap());
    const shapes = answers.map((a) => ({ keys: Object.keys(a.CodeDeliveryDetails).sort(), medium: a.CodeDeliveryDetails.DeliveryMedium, attribute: a.CodeDeliveryDetails.AttributeName, format: format(a.CodeDeliveryDetails.Destination) }));
    expect(shapes.every((s) => JSON.stringify(s) === JSON.stringify(shapes[0]))).toBe(true);
    expect(shapes[0]).toEqual({ keys: ['AttributeName', 'DeliveryMedium', 'Destination'], medium: 'EMAIL', attribute: 'email', format: 'x***@x***' });
  });

  it('R8.3 D4: the same input gets the same answer every time (repetition tells nothing)', async () => {
    for (const username of ['alice', 'nobody', 'carol', 'dave', 'nobody@example.com', '+15555550123']) {
      const first = (await observe(forgot(username))).answer;
      const second = (await observe(forgot(username))).answer;
      expect(second).toEqual(first);
    }
  });

  it('R8.4 D5: ConfirmForgotPassword with a wrong code answers real, unknown and disabled users alike, after a request and without one', async () => {
    for (const [username, requested] of [['alice', false], ['nobody', false], ['carol', false], ['alice', true], ['nobody', true], ['carol', true]] as const) {
      world.clock.advanceBy(2 * WINDOW_MS); // no outstanding code, no recent request
      if (requested) expect((await forgot(username)()).isOk()).toBe(true);
      const answer = await confirm(username)();
      expect([username, requested, answer.isErr() && answer.error.name]).toEqual([username, requested, requested ? 'CodeMismatchException' : 'ExpiredCodeException']);
    }
  });

  it('R8.3 D4: ForgotPassword port and crypto calls, real vs unknown vs disabled vs channel-less (differences pinned exactly)', async () => {
    const real = await observe(forgot('alice'));
    const unknown = await observe(forgot('nobody'));
    const disabled = await observe(forgot('carol'));
    const noChannel = await observe(forgot('dave'));
    process.stdout.write(`[existence] ForgotPassword ports real ${JSON.stringify(real.ports)}\n  unknown ${JSON.stringify(unknown.ports)}\n  disabled ${JSON.stringify(disabled.ports)}\n  no channel ${JSON.stringify(noChannel.ports)}\n`);
    process.stdout.write(`[existence] ForgotPassword crypto real ${JSON.stringify(real.crypto)} unknown ${JSON.stringify(unknown.crypto)} disabled ${JSON.stringify(disabled.crypto)} no channel ${JSON.stringify(noChannel.crypto)}\n`);
    // The simulated path draws a code and computes its HMAC like the real one (D4) ...
    expect(real.ports.filter((c) => c.startsWith('random.'))).toEqual(unknown.ports.filter((c) => c.startsWith('random.')));
    // ... but today it differs from the real path by these calls (issue 8 report; D4 says "minus delivery"):
    expect(difference(real.ports, disabled.ports)).toEqual({ onlyFirst: ['sender.send', 'codes.issue'], onlySecond: [] });
    expect(difference(real.ports, noChannel.ports)).toEqual({ onlyFirst: ['sender.send', 'codes.issue'], onlySecond: [] });
    expect(difference(real.ports, unknown.ports)).toEqual(UNKNOWN_FORGOT_DIFFERENCE);
    expect(difference(real.crypto, unknown.crypto)).toEqual(UNKNOWN_FORGOT_CRYPTO_DIFFERENCE);
    expect(difference(real.crypto, disabled.crypto)).toEqual(DISABLED_FORGOT_CRYPTO_DIFFERENCE);
  });

  it('R8.4: ConfirmForgotPassword (wrong code) port and crypto calls, real vs unknown vs disabled (differences pinned exactly)', async () => {
    expect((await forgot('alice')()).isOk()).toBe(true);
    const real = await observe(confirm('alice'));
    const unknown = await observe(confirm('nobody'));
    const disabled = await observe(confirm('carol'));
    process.stdout.write(`[existence] ConfirmForgotPassword ports real ${JSON.stringify(real.ports)}\n  unknown ${JSON.stringify(unknown.ports)}\n  disabled ${JSON.stringify(disabled.ports)}\n`);
    process.stdout.write(`[existence] ConfirmForgotPassword crypto real ${JSON.stringify(real.crypto)} unknown ${JSON.stringify(unknown.crypto)} disabled ${JSON.stringify(disabled.crypto)}\n`);
    expect(difference(real.ports, unknown.ports)).toEqual(UNKNOWN_CONFIRM_DIFFERENCE);
    expect(difference(real.ports, disabled.ports)).toEqual(DISABLED_CONFIRM_DIFFERENCE);
    expect(difference(real.crypto, unknown.crypto)).toEqual(UNKNOWN_CONFIRM_CRYPTO_DIFFERENCE);
  });

  it('R8.3 D4: timing of ForgotPassword, real vs simulated, median over 2,000 calls (printed, not asserted)', async () => {
    const median = async (username: string): Promise<number> => {
      const samples: number[] = [];
      for (let i = 0; i < 2_000; i++) {
        world.clock.advanceBy(WINDOW_MS);
        const started = performance.now();
        const result = await forgot(username)();
        samples.push((performance.now() - started) * 1000);
        if (result.isErr()) throw new Error(result.error.name);
      }
      samples.sort((a, b) => a - b);
      return samples[1_000] ?? 0;
    };
    await median('alice'); // warm up
    const figures = { real: await median('alice'), unknown: await median('nobody'), disabled: await median('carol'), noChannel: await median('dave') };
    process.stdout.write(`[existence] ForgotPassword median µs over 2000 calls: ${JSON.stringify(Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, Math.round(v)])))}\n`);
    expect(Object.values(figures).every((v) => v > 0)).toBe(true);
  }, 60_000);
});

// What differs today (issue 8 report). ForgotPassword: the unknown input is tried against every candidate
// claim (username, preferred_username, sub: 3 lookups) where a real username is found at the first; the
// simulated path stores no code and sends nothing; it computes one more HMAC (the simulated destination, D4).
const UNKNOWN_FORGOT_DIFFERENCE = { onlyFirst: ['sender.send', 'codes.issue'], onlySecond: ['users.findByClaim', 'users.findByClaim'] };
const UNKNOWN_FORGOT_CRYPTO_DIFFERENCE = { onlyFirst: [] as string[], onlySecond: ['createHmac'] };
const DISABLED_FORGOT_CRYPTO_DIFFERENCE = { onlyFirst: [] as string[], onlySecond: ['createHmac'] };
// ConfirmForgotPassword: the hidden answer reads the request counter (limiter.count) to choose between
// CodeMismatch and ExpiredCode, a call the real path never makes; the unknown input takes 3 lookups; with no
// stored code there is no constant-time comparison (a real user with a code outstanding gets one).
const UNKNOWN_CONFIRM_DIFFERENCE = { onlyFirst: [] as string[], onlySecond: ['users.findByClaim', 'users.findByClaim', 'limiter.count'] };
const DISABLED_CONFIRM_DIFFERENCE = { onlyFirst: [] as string[], onlySecond: ['limiter.count'] };
const UNKNOWN_CONFIRM_CRYPTO_DIFFERENCE = { onlyFirst: ['timingSafeEqual'], onlySecond: [] as string[] };
