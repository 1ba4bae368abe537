/**
 * Issue 8 §3 on the memory adapters: the race scenarios of security-race-scenarios.ts, twice: as the
 * event loop interleaves them, and with every store answer randomly delayed (`withFaults` `late`), so
 * that check and write of different callers interleave at every await.
 */
import { describe } from 'vitest';
import { describeRaceScenarios } from './security-race-scenarios.js';
import { hmacOf, secureWorld } from './security-support.js';

describe('races on the memory adapters (issue 8 §3)', () => {
  describeRaceScenarios(
    async () => {
      const world = await secureWorld();
      return { recovery: world.recovery, outbox: world.outbox, codes: world.stores.codes, hmac: hmacOf, now: () => world.clock.now() };
    },
    { concurrency: 30, timeoutMs: 20_000 },
  );
});

describe('races on the memory adapters with randomly late answers (issue 8 §3)', () => {
  describeRaceScenarios(
    async () => {
      const world = await secureWorld({ seed: 42, rate: 0.5, kinds: ['late'], ports: ['users', 'codes', 'limiter', 'sender', 'pools'], delayMs: 1 });
      return { recovery: world.recovery, outbox: world.outbox, codes: world.stores.codes, hmac: hmacOf, now: () => world.clock.now() };
    },
    { concurrency: 30, timeoutMs: 20_000 },
  );
});
