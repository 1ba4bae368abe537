/**
 * Issue 8 §5: how many codes an attacker may try against one user in a day. The confirm limit (D9)
 * allows `failedConfirmAttempts` compared attempts per sliding window, whatever the code, so a day
 * holds `failedConfirmAttempts × 86 400 / windowSeconds` guesses; requesting new codes does not reset
 * that window, and ForgotPassword requests (`forgotPasswordRequests` per window) bound how many codes
 * are issued. The engine is driven through a whole day with the manual clock, the attacker trying as
 * often as it lets them, and must allow exactly the computed number.
 */
import { describe, expect, it } from 'vitest';
import { MAX_DAILY_GUESSES } from '@cognito-recovery/core';
import { secureWorld, seed } from './security-support.js';

const DAY_MS = 86_400_000;
const CODE_SPACE = 1_000_000; // six decimal digits (R7.1)

interface Limits {
  readonly failedConfirmAttempts: number;
  readonly forgotPasswordRequests: number;
  readonly windowSeconds: number;
}

/** The bound of issue 8 §5: guesses and codes per user per day, and the chance a guess succeeds. */
function dailyBound(limits: Limits): { guesses: number; codes: number; probability: number } {
  const windows = DAY_MS / (limits.windowSeconds * 1000);
  const guesses = limits.failedConfirmAttempts * windows;
  return { guesses, codes: limits.forgotPasswordRequests * windows, probability: Math.min(1, guesses / CODE_SPACE) };
}

/** Attacks `alice` for a day in `stepMs` steps: at each step as many code requests and wrong guesses as the engine allows. */
async function attackForADay(limits: Limits, stepMs: number): Promise<{ guesses: number; codes: number; refused: number }> {
  const world = await secureWorld();
  const fixture = await seed(world.recovery, {
    FailedConfirmAttemptsPerWindow: limits.failedConfirmAttempts,
    ForgotPasswordRequestsPerWindow: limits.forgotPasswordRequests,
    WindowSeconds: limits.windowSeconds,
    CodeValiditySeconds: limits.windowSeconds,
  });
  const start = world.clock.now();
  let guesses = 0;
  let codes = 0;
  let refused = 0;
  for (let t = 0; t < DAY_MS; t += stepMs) {
    world.clock.set(start + t);
    for (;;) {
      const requested = await world.recovery.forgotPassword({ ClientId: fixture.enabledClient, Username: 'alice' });
      if (requested.isErr()) {
        expect(requested.error.name).toBe('LimitExceededException');
        break;
      }
      codes += 1;
    }
    const real = world.outbox.latestCodeFor(fixture.poolId, 'alice') ?? '000000';
    for (let i = 0; ; i++) {
      const guess = String((Number(real) + 1 + i) % CODE_SPACE).padStart(6, '0'); // always wrong
      const answer = await world.recovery.confirmForgotPassword({
        ClientId: fixture.enabledClient,
        Username: 'alice',
        ConfirmationCode: guess,
        Password: 'N3w-passw0rd!',
      });
      expect(answer.isErr()).toBe(true);
      if (answer.isErr() && answer.error.name === 'LimitExceededException') {
        refused += 1;
        break;
      }
      guesses += 1; // this guess was compared with the code (CodeMismatchException / ExpiredCodeException)
    }
  }
  return { guesses, codes, refused };
}

describe('code guessing is bounded by the limits (issue 8 §5, R7.8, D9)', () => {
  it('R7.8 D9: with the default limits an attacker gets exactly 5 × 24 = 120 guesses and 120 codes per user per day: P(success) ≤ 1.2e-4', async () => {
    const limits = { failedConfirmAttempts: 5, forgotPasswordRequests: 5, windowSeconds: 3600 };
    const bound = dailyBound(limits);
    expect(bound).toEqual({ guesses: 120, codes: 120, probability: 120 / CODE_SPACE });
    const attack = await attackForADay(limits, 60_000);
    expect({ guesses: attack.guesses, codes: attack.codes }).toEqual({ guesses: bound.guesses, codes: bound.codes });
    process.stdout.write(
      `[guessing] default limits: ${attack.guesses} guesses/day (bound ${bound.guesses}), ${attack.codes} codes/day, P(success) <= ${bound.probability}; ${attack.refused} refused tries\n`,
    );
  }, 60_000);

  it('R7.8 D9: the bound follows the pool options (10 attempts per 10-minute window: 1,440 guesses, P ≤ 1.44e-3)', async () => {
    const limits = { failedConfirmAttempts: 10, forgotPasswordRequests: 5, windowSeconds: 600 };
    const bound = dailyBound(limits);
    expect(bound.guesses).toBe(1_440);
    const attack = await attackForADay(limits, 60_000);
    expect({ guesses: attack.guesses, codes: attack.codes }).toEqual({ guesses: bound.guesses, codes: bound.codes });
    expect(bound.probability).toBeCloseTo(1.44e-3, 10);
  }, 60_000);

  it('D9: CreateUserPool refuses limits that allow more than 10,000 guesses per user per day (1% of the codes), and accepts exactly 10,000', async () => {
    const { recovery } = await secureWorld({ seed: 1, rate: 0 });
    const create = (FailedConfirmAttemptsPerWindow: number, WindowSeconds: number) =>
      recovery.createUserPool({ PoolName: 'limits', RecoveryLimits: { FailedConfirmAttemptsPerWindow, WindowSeconds } });
    expect(dailyBound({ failedConfirmAttempts: 100, forgotPasswordRequests: 20, windowSeconds: 864 }).guesses).toBe(MAX_DAILY_GUESSES);
    expect((await create(100, 864)).isOk()).toBe(true);
    expect((await create(100, 863))._unsafeUnwrapErr()).toMatchObject({
      name: 'InvalidParameterException',
      message: 'RecoveryLimits allow 10100 code guesses per user per day; at most 10000 are allowed (FailedConfirmAttemptsPerWindow × windows per day).',
    });
    expect((await create(1000, 60))._unsafeUnwrapErr().message).toBe(
      "1 validation error detected: Value '1000' at 'recoveryLimits.failedConfirmAttemptsPerWindow' failed to satisfy constraint: Member must have value less than or equal to 100",
    );
  });
});
