/**
 * Issue 8 §4: with PreventUserExistenceErrors = ENABLED, what an observer can compare between a real
 * user and an unknown, disabled or channel-less one: the answer's shape, its repetition, and the
 * sequence of port calls (stores, sender, random draws) and crypto calls (HMAC, constant-time
 * comparisons, scrypt) each path makes. The sequences are asserted equal where the paths do the same
 * work (everything but the delivery); what still differs is pinned exactly, with the reason
 * (docs/security.md). The timing figure is a benchmark (`pnpm bench:existence`, bench/existence-timing.mjs);
 * here the call sequences that timing could reveal are asserted equal, over repeated calls too.
 */
import type * as crypto from 'node:crypto';
import type { PortCall } from '@cognito-recovery/core/testing';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { secureWorld, seed, storeViolations, type Fixture, type SecureWorld } from './security-support.js';

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
  world = await secureWorld();
  world.faulty.setEnabled(false);
  fixture = await seed(world.recovery, { ForgotPasswordRequestsPerWindow: 20, FailedConfirmAttemptsPerWindow: 100 });
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
const confirm = (username: string) => () =>
  world.recovery.confirmForgotPassword({ ClientId: fixture.enabledClient, Username: username, ConfirmationCode: '000000', Password: 'N3w-passw0rd!' });

/** The letters, digits and `_` of a destination blurred (a real or simulated address may begin with any of them), so only its format remains. */
const format = (destination: string): string => destination.replace(/[\p{L}\p{N}_]/gu, 'x');

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
    const shapes = answers.map((a) => ({
      keys: Object.keys(a.CodeDeliveryDetails).sort(),
      medium: a.CodeDeliveryDetails.DeliveryMedium,
      attribute: a.CodeDeliveryDetails.AttributeName,
      format: format(a.CodeDeliveryDetails.Destination),
    }));
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

  it('R8.4 D5 D19: ConfirmForgotPassword with a wrong code answers real, unknown and disabled users alike after a request; unknown and disabled users get CodeMismatch without one too', async () => {
    for (const [username, requested] of [
      ['alice', false],
      ['nobody', false],
      ['carol', false],
      ['alice', true],
      ['nobody', true],
      ['carol', true],
    ] as const) {
      world.clock.advanceBy(2 * WINDOW_MS); // no outstanding code, no recent request
      if (requested) expect((await forgot(username)()).isOk()).toBe(true);
      const answer = await confirm(username)();
      // D19: only a real, enabled user without a requested code gets ExpiredCode.
      const expected = requested || username !== 'alice' ? 'CodeMismatchException' : 'ExpiredCodeException';
      expect([username, requested, answer.isErr() && answer.error.name]).toEqual([username, requested, expected]);
    }
  });

  it('R8.3 D4: ForgotPassword port and crypto calls, real vs unknown vs disabled vs channel-less: the same, minus delivery', async () => {
    const real = await observe(forgot('alice'));
    const unknown = await observe(forgot('nobody'));
    const disabled = await observe(forgot('carol'));
    const noChannel = await observe(forgot('dave'));
    process.stdout.write(
      `[existence] ForgotPassword ports real ${JSON.stringify(real.ports)}\n  unknown ${JSON.stringify(unknown.ports)}\n  disabled ${JSON.stringify(disabled.ports)}\n  no channel ${JSON.stringify(noChannel.ports)}\n`,
    );
    process.stdout.write(
      `[existence] ForgotPassword crypto real ${JSON.stringify(real.crypto)} unknown ${JSON.stringify(unknown.crypto)} disabled ${JSON.stringify(disabled.crypto)} no channel ${JSON.stringify(noChannel.crypto)}\n`,
    );
    // One lookup, the request limit, a code drawn, stored (under the hidden name on the simulated
    // path): the same port calls in the same order; only the delivery is missing (D4: "minus delivery").
    expect(real.ports).toEqual([
      'pools.getClient',
      'pools.getPool',
      'users.findFirstByClaims',
      'limiter.attempt',
      'random.randomInt',
      'sender.send',
      'codes.issue',
    ]);
    for (const simulated of [unknown, disabled, noChannel]) {
      expect(simulated.ports).toEqual(real.ports.filter((c) => c !== 'sender.send'));
      expect(difference(real.ports, simulated.ports)).toEqual(DELIVERY_ONLY);
      // The same crypto calls in the same order: the simulated destination's HMAC (computed and
      // discarded by the real path under ENABLED), the code's draw and its HMAC.
      expect(simulated.crypto).toEqual(real.crypto);
    }
    expect(real.crypto).toEqual(['createHmac', 'randomInt', 'createHmac']);
  });

  it('R8.3 D4: a LEGACY client does not pay for the simulated destination', async () => {
    const legacy = await observe(() => world.recovery.forgotPassword({ ClientId: fixture.legacyClient, Username: 'alice' }));
    const enabled = await observe(forgot('alice'));
    expect(legacy.answer.isOk() && enabled.answer.isOk()).toBe(true);
    expect(legacy.ports).toEqual(enabled.ports);
    expect(difference(enabled.crypto, legacy.crypto)).toEqual({ onlyFirst: ['createHmac'], onlySecond: [] });
  });

  it('R8.3 D4 D15 D19: the simulated code is stored under the hidden name with the real validity, and never a sendable code under a real user', async () => {
    const validity = async (name: string): Promise<string[]> => {
      const now = world.clock.now();
      const at = async (t: number): Promise<string> => (await world.stores.codes.verify(fixture.poolId, name, 'not-the-code', t))._unsafeUnwrap();
      return [await at(now), await at(now + WINDOW_MS - 1), await at(now + WINDOW_MS)];
    };
    expect((await observe(forgot('alice'))).answer.isOk()).toBe(true);
    const real = await validity('alice');
    expect(real).toEqual(['mismatch', 'mismatch', 'expired']);
    for (const username of ['nobody', 'carol']) {
      expect((await observe(forgot(username))).answer.isOk()).toBe(true);
      expect([username, await validity(` unknown ${username}`)]).toEqual([username, real]);
      expect([username, world.writes.issued.has(`${fixture.poolId}\u0000${username}`)]).toEqual([username, false]);
    }
    // D19: a real user answered with a simulated delivery (dave: no verified channel) holds, under
    // their own name, a code nobody can send that never expires, so their ConfirmForgotPassword answers
    // CodeMismatch like an unknown user's; nothing that could be sent is stored for them.
    expect((await observe(forgot('dave'))).answer.isOk()).toBe(true);
    expect(await validity('dave')).toEqual(['mismatch', 'mismatch', 'mismatch']);
    expect(world.writes.issued.has(`${fixture.poolId}\u0000dave`)).toBe(false);
    expect(await storeViolations(world)).toEqual([]);
  });

  it('R8.4: ConfirmForgotPassword (wrong code) port and crypto calls, real vs unknown vs disabled: the same', async () => {
    for (const username of ['alice', 'nobody', 'carol']) expect((await forgot(username)()).isOk()).toBe(true);
    const real = await observe(confirm('alice'));
    const unknown = await observe(confirm('nobody'));
    const disabled = await observe(confirm('carol'));
    process.stdout.write(
      `[existence] ConfirmForgotPassword ports real ${JSON.stringify(real.ports)}\n  unknown ${JSON.stringify(unknown.ports)}\n  disabled ${JSON.stringify(disabled.ports)}\n`,
    );
    process.stdout.write(
      `[existence] ConfirmForgotPassword crypto real ${JSON.stringify(real.crypto)} unknown ${JSON.stringify(unknown.crypto)} disabled ${JSON.stringify(disabled.crypto)}\n`,
    );
    // One lookup, then the attempt counted and the code checked in one call (the hidden name's code
    // for unknown and disabled users); no extra counter read. Each compares its stored HMAC once.
    expect(real.ports).toEqual(['pools.getClient', 'pools.getPool', 'users.findFirstByClaims', 'codes.attemptAndVerify']);
    expect(unknown.ports).toEqual(real.ports);
    expect(disabled.ports).toEqual(real.ports);
    expect(real.crypto).toEqual(['createHmac', 'timingSafeEqual']);
    expect(unknown.crypto).toEqual(real.crypto);
    expect(disabled.crypto).toEqual(real.crypto);
  });

  it('R8.3 D4: what still differs: with a CustomMessage trigger the real path invokes it, the simulated path does not', async () => {
    const triggered = await secureWorld();
    triggered.faulty.setEnabled(false);
    const ref = 'arn:aws:lambda:us-east-1:123456789012:function:custom-message';
    triggered.triggers.register(ref, async (event: unknown) => Promise.resolve(event));
    const f = await seed(triggered.recovery, {}, { LambdaConfig: { CustomMessage: ref } });
    const run = async (username: string): Promise<string[]> => {
      triggered.clock.advanceBy(WINDOW_MS);
      const from = triggered.faulty.calls.length;
      expect((await triggered.recovery.forgotPassword({ ClientId: f.enabledClient, Username: username })).isOk()).toBe(true);
      return triggered.faulty.since(from).map((c: PortCall) => `${c.port}.${c.method}`);
    };
    const real = await run('alice');
    const unknown = await run('nobody');
    expect(difference(real, unknown)).toEqual(TRIGGERED_DIFFERENCE);
  });

  // The timing figure itself (median per path) is a benchmark: `pnpm bench:existence`.
  it('R8.3 D4: what timing could tell apart stays equal: over 100 calls per path, real, unknown, disabled and channel-less ForgotPassword repeat the same port and crypto calls, minus delivery, and none hashes a password', async () => {
    const runs = async (username: string): Promise<{ ports: Set<string>; crypto: Set<string> }> => {
      const ports = new Set<string>();
      const crypto = new Set<string>();
      for (let i = 0; i < 100; i++) {
        const seen = await observe(forgot(username));
        expect([username, seen.answer.isOk()]).toEqual([username, true]);
        ports.add(JSON.stringify(seen.ports));
        crypto.add(JSON.stringify(seen.crypto));
      }
      return { ports, crypto };
    };
    const real = await runs('alice');
    expect(real.ports.size).toBe(1);
    expect(real.crypto.size).toBe(1);
    const [realPorts] = [...real.ports].map((p) => JSON.parse(p) as string[]);
    for (const username of ['nobody', 'carol', 'dave']) {
      const simulated = await runs(username);
      expect([username, [...simulated.ports].map((p) => JSON.parse(p) as string[])]).toEqual([username, [realPorts?.filter((c) => c !== 'sender.send')]]);
      expect([username, [...simulated.crypto]]).toEqual([username, [...real.crypto]]);
    }
    expect([...real.crypto].some((calls) => calls.includes('scrypt'))).toBe(false);
  });
});

// What still differs. ForgotPassword: the simulated path sends nothing (D4: "minus delivery"; there
// is nobody to send to, and a sent message would be an observable side effect on a real address).
const DELIVERY_ONLY = { onlyFirst: ['sender.send'], onlySecond: [] as string[] };
// With a CustomMessage trigger (or a custom sender, which also encrypts the code) the real path runs
// the user's function to build the message; the simulated path runs no trigger: there is no user to
// describe in the event, and a trigger is the pool owner's code with its own side effects.
const TRIGGERED_DIFFERENCE = { onlyFirst: ['triggers.invoke', 'sender.send'], onlySecond: [] as string[] };
