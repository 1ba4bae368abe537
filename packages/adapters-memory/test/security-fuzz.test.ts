/**
 * Issue 8 §1: fuzzing every operation of the Recovery in-process. Each operation gets `FUZZ_RUNS`
 * (default 10,000) generated requests: its members (plausible values mixed with unicode, lone
 * surrogates, control characters, empty and huge strings, wrong JSON types, null), missing members,
 * extra members, and whole inputs of the wrong type. Every answer must be a success or a typed Cognito
 * error (never a throw, a rejection, or an InternalErrorException), and the store invariants must
 * hold after each request. The wire share of the fuzzing is in packages/server/test/security-fuzz-wire.test.ts.
 */
import { createHmac } from 'node:crypto';
import { OPERATIONS, type CognitoError, type Recovery } from '@cognito-recovery/core';
import fc from 'fast-check';
import type { Result } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { isTypedCognitoError, secureWorld, seed, storeViolations, type Fixture, type SecureWorld } from './security-support.js';

/** Requests per operation; `FUZZ_RUNS=100000` for a long run. */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 10_000);
/** A fresh world (stores and fixture) every this many requests, so deletions do not starve later runs. */
const WORLD_LIFETIME = 1_000;

/** The member names of every Recovery method, from the core's operation registry. */
const MEMBERS = Object.fromEntries(Object.values(OPERATIONS).map((operation) => [operation.method, Object.keys(operation.input)])) as Partial<
  Record<string, readonly string[]>
> as Readonly<Record<keyof Recovery, readonly string[]>>;

const CONTROL = fc.constantFrom(
  '\u0000',
  '\u0001',
  '\u0007',
  '\b',
  '\t',
  '\n',
  '\r',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u200b',
  '\u2028',
  '\u202e',
  '\ufeff',
  '\ufffe',
);
const SURROGATES = fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff', '\ud83d\ude00', '\ude00\ud83d');
const HUGE = fc.constantFrom('a'.repeat(257), 'x'.repeat(2_049), '9'.repeat(20_001), '\u00e9'.repeat(70_000));

/** Strings no sane client sends. */
const nastyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.oneof(CONTROL, SURROGATES, fc.constantFrom('a', ' ', '@', '+', '.', '{####}', '%s', '\\', '"')), maxLength: 30 }),
  fc.constant(''),
  HUGE,
  fc.constantFrom('__proto__', 'constructor', 'toString', 'null', 'undefined', 'NaN', '${jndi:ldap://x}', "' OR 1=1 --", '<script>'),
);

/** Values of the wrong JSON type (and non-JSON values an embedder could pass in-process). */
const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.integer(),
  fc.constantFrom(NaN, Infinity, -0, 1e308, Number.MAX_SAFE_INTEGER + 2),
  fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.constant(null)), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string({ maxLength: 6 }), fc.integer()), { maxKeys: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
);

const nasty: fc.Arbitrary<unknown> = fc.oneof({ weight: 3, arbitrary: nastyString }, { weight: 2, arbitrary: wrongType });

/** Plausible values per member name, so that generated requests also reach deep into the use cases. */
function plausible(member: string, fixture: Fixture): fc.Arbitrary<unknown> | undefined {
  const pools = fc.constantFrom(fixture.poolId, fixture.emailPoolId, 'us-east-1_Nope12345');
  const clients = fc.constantFrom(fixture.legacyClient, fixture.enabledClient, fixture.secretClient, fixture.emailPoolClient, 'unknownclient1');
  const logins = fc.constantFrom(...fixture.logins);
  const passwords = fc.constantFrom('N3w-passw0rd!', 'Old-passw0rd!', 'short', 'nouppercase1!', 'Aa1!' + 'x'.repeat(300));
  const attribute = fc.record({
    Name: fc.oneof(
      fc.constantFrom('email', 'email_verified', 'phone_number', 'phone_number_verified', 'preferred_username', 'name', 'sub', 'custom:x'),
      nastyString,
    ),
    Value: fc.oneof(
      fc.constantFrom('alice@example.com', 'bob@example.com', 'mallory@example.com', 'true', 'false', '+15555550100', '+15555550199', 'alice'),
      nastyString,
    ),
  });
  switch (member) {
    case 'UserPoolId':
      return pools;
    case 'ClientId':
      return clients;
    case 'Username':
      return logins;
    case 'ConfirmationCode':
      return fc.oneof(
        fc.integer({ min: 0, max: 999_999 }).map((n) => n.toString().padStart(6, '0')),
        fc.constantFrom('000000', '123456'),
      );
    case 'Password':
    case 'TemporaryPassword':
      return passwords;
    case 'SecretHash':
      return fc.constantFrom(fixture.logins[0] ?? 'alice').map((u) =>
        createHmac('sha256', fixture.clientSecret)
          .update(u + fixture.secretClient)
          .digest('base64'),
      );
    case 'UserAttributes':
    case 'ValidationData':
      return fc.array(attribute, { maxLength: 4 });
    case 'ClientMetadata':
      return fc.dictionary(nastyString, nastyString, { maxKeys: 3 });
    case 'MaxResults':
    case 'Limit':
      return fc.integer({ min: -5, max: 70 });
    case 'Permanent':
      return fc.boolean();
    case 'MessageAction':
      return fc.constantFrom('SUPPRESS', 'RESEND', 'BOGUS');
    case 'PoolName':
    case 'ClientName':
      return fc.constantFrom('p', 'pool-x');
    case 'DesiredDeliveryMediums':
      return fc.array(fc.constantFrom('EMAIL', 'SMS', 'FAX'), { maxLength: 3 });
    case 'PreventUserExistenceErrors':
      return fc.constantFrom('ENABLED', 'LEGACY', 'MAYBE');
    default:
      return undefined;
  }
}

/** Inputs for one operation: a record of its members (each optional), extra members, or a wrong-typed whole. */
function inputs(members: readonly string[], fixture: Fixture): fc.Arbitrary<unknown> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const member of members) {
    const sane = plausible(member, fixture);
    model[member] = sane === undefined ? nasty : fc.oneof({ weight: 3, arbitrary: sane }, { weight: 2, arbitrary: nasty });
  }
  const record = fc.record(model, { requiredKeys: [] });
  const extra = fc.dictionary(
    fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'Username ', 'clientid')),
    nasty,
    { maxKeys: 3 },
  );
  return fc.oneof(
    { weight: 12, arbitrary: record },
    { weight: 3, arbitrary: fc.tuple(record, extra).map(([r, e]) => ({ ...r, ...e })) },
    { weight: 1, arbitrary: wrongType },
  );
}

/** Calls an operation with anything; a throw or a rejection is a failure of the test. */
async function call(world: SecureWorld, operation: keyof Recovery, input: unknown): Promise<Result<unknown, CognitoError>> {
  const operate = world.recovery[operation] as (input: unknown) => PromiseLike<Result<unknown, CognitoError>>;
  return await operate(input);
}

describe('fuzzing every Recovery operation in-process (issue 8 §1, R1.7, D1)', () => {
  it('has an input table for every operation of the Recovery', async () => {
    const world = await secureWorld();
    expect(Object.keys(world.recovery).sort()).toEqual(Object.keys(MEMBERS).sort());
  });

  const operations = Object.keys(MEMBERS) as (keyof Recovery)[];
  it.each(operations)(
    `R1.7 D1 %s: ${RUNS} generated requests answer a success or a typed Cognito error, never a throw or InternalErrorException, and the store invariants hold`,
    async (operation) => {
      let world: SecureWorld | undefined;
      let fixture: Fixture | undefined;
      let runs = 0;
      const seen = new Map<string, number>();
      // One fixture first, so the arbitraries can name its pools, clients and users.
      const first = await secureWorld({ seed: 1, rate: 0 }, { seed: 17 });
      const firstFixture = await seed(first.recovery);
      await fc.assert(
        fc.asyncProperty(inputs(MEMBERS[operation], firstFixture), async (input) => {
          if (world === undefined || runs % WORLD_LIFETIME === 0) {
            world = runs === 0 ? first : await secureWorld({ seed: runs, rate: 0 }, { seed: 17 });
            fixture = runs === 0 ? firstFixture : await seed(world.recovery);
            expect(fixture).toEqual(firstFixture); // seeded random: same ids in every world
          }
          runs += 1;
          let result: Result<unknown, CognitoError>;
          try {
            result = await call(world, operation, input);
          } catch (error) {
            throw new Error(`${operation} threw ${String(error)}`);
          }
          const label = result.isOk() ? 'ok' : result.error.name;
          seen.set(label, (seen.get(label) ?? 0) + 1);
          if (result.isErr()) {
            expect(isTypedCognitoError(result.error), JSON.stringify(result.error)).toBe(true);
            expect(result.error.name).not.toBe('InternalErrorException');
          }
          // After every request, failed ones too: a failure must not leave partial state.
          expect(await storeViolations(world)).toEqual([]);
        }),
        { numRuns: RUNS, seed: 8_008 + operations.indexOf(operation), endOnFailure: true },
      );
      expect(runs).toBe(RUNS);
      process.stdout.write(`[fuzz] ${operation}: ${JSON.stringify(Object.fromEntries([...seen].sort((a, b) => b[1] - a[1])))}\n`);
    },
    120_000,
  );
});
