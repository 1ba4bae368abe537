/**
 * Issue 8 §1, the wire share of the fuzzing: for every operation of the served table
 * (`Object.keys(operationsOf(recovery))`), `FUZZ_WIRE_RUNS` (default 150) generated JSON bodies (members
 * of the wrong JSON type, unicode with lone surrogates escaped, control characters, empty and long
 * strings, null, missing and extra members, top-level non-objects) and raw bodies that are not JSON.
 * Every answer must be 200, or 400 with a JSON `{__type: "…Exception", message}` body, the AWS JSON
 * content type and a request id; no bug may be reported. The in-process share (10,000 requests per
 * operation, with the store invariants) is packages/adapters-memory/test/security-fuzz.test.ts.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationsOf } from '../src/compose.js';
import { startServer, type RunningServer } from '../src/start-server.js';
import { realComposition, seedPool, seedUser, type RealComposition } from './support.js';

const RUNS = Number(process.env['FUZZ_WIRE_RUNS'] ?? 150);
const POOL_ID = 'us-east-1_Fuzz1';
const MEMBERS = [
  'ClientId',
  'Username',
  'UserPoolId',
  'ConfirmationCode',
  'Password',
  'SecretHash',
  'UserAttributes',
  'ClientMetadata',
  'PoolName',
  'ClientName',
  'Limit',
  'MaxResults',
  'Filter',
  'PaginationToken',
  'NextToken',
  'TemporaryPassword',
  'Permanent',
  'MessageAction',
  'AliasAttributes',
  'LambdaConfig',
  'Policies',
  'Id',
  'RecoveryLimits',
];

let composition: RealComposition;
let server: RunningServer;
let clientId = '';
const bugs: unknown[] = [];

beforeAll(async () => {
  composition = realComposition();
  const { memory } = composition;
  clientId = await seedPool(memory, 'fuzz', POOL_ID);
  await seedUser(memory, POOL_ID, 'alice');
  server = await startServer({ port: 0, operations: composition.operations, onBug: (e) => bugs.push(e) });
});

afterAll(async () => {
  await server.close();
});

const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\u001f', '\u007f', '\ud800', '\udfff', '\u202e', 'a', ' ', '@'), maxLength: 20 }),
  fc.constantFrom('', 'x'.repeat(300), 'alice', 'alice@example.com', POOL_ID, '123456', 'N3w-passw0rd!'),
);
const value = fc.oneof(text, fc.jsonValue({ maxDepth: 3 }), fc.constant(null), fc.integer(), fc.boolean());

function bodies(): fc.Arbitrary<string> {
  const known = fc.record(
    Object.fromEntries(
      MEMBERS.map((m) => [m, m === 'ClientId' ? fc.oneof(fc.constant(clientId), value) : m === 'UserPoolId' ? fc.oneof(fc.constant(POOL_ID), value) : value]),
    ),
    { requiredKeys: [] },
  );
  const extra = fc.dictionary(fc.string({ maxLength: 8 }), value, { maxKeys: 3 });
  return fc.oneof(
    { weight: 8, arbitrary: fc.tuple(known, extra).map(([k, e]) => JSON.stringify({ ...k, ...e })) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        '{',
        '{"a":',
        '[1,',
        'nul',
        '{"ClientId":"\\ud800"}',
        '\u0000',
        '{"__proto__":{"x":1}}',
        '{"Username":"a","Username":"b"}',
      ),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  );
}

describe('fuzzing every served operation over HTTP (issue 8 §1, R1.7, D1)', () => {
  it('serves every operation of the Recovery', () => {
    expect(Object.keys(composition.operations)).toEqual(Object.keys(operationsOf(composition.memory)));
  });

  it(`D1 R1.7 each operation answers ${RUNS} generated bodies with 200 or a typed 400, never a 500 or a crash`, async () => {
    const seen: Record<string, number> = {};
    for (const [index, operation] of Object.keys(composition.operations).entries()) {
      await fc.assert(
        fc.asyncProperty(bodies(), async (body) => {
          const res = await fetch(`${server.url}/`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
            body,
          });
          const answer = await res.text();
          seen[res.status] = (seen[res.status] ?? 0) + 1;
          expect([200, 400]).toContain(res.status);
          expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
          expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
          const parsed = JSON.parse(answer) as Record<string, unknown>;
          if (res.status === 400) {
            expect(typeof parsed['__type'] === 'string' && parsed['__type'].endsWith('Exception')).toBe(true);
            expect(typeof parsed['message']).toBe('string');
          }
        }),
        { numRuns: RUNS, seed: 4_040 + index, endOnFailure: true },
      );
    }
    process.stdout.write(`[fuzz-wire] ${Object.keys(composition.operations).length} operations × ${RUNS}: ${JSON.stringify(seen)}\n`);
    expect(bugs).toEqual([]);
  }, 120_000);
});
