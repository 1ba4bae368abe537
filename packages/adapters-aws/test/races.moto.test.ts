/**
 * Issue 8 §3 on DynamoDB (moto): the race scenarios the memory adapters run
 * (packages/adapters-memory/test/security-race-scenarios.ts), against `createAwsPorts` with a memory
 * outbox as the sender. Requests of concurrent callers interleave at the level DynamoDB makes each one
 * atomic (see moto.ts for why one client uses one socket).
 */
import { createRecovery, ScryptPasswordHasher } from '@cognito-recovery/core';
import { Outbox } from '@cognito-recovery/adapters-memory';
import { beforeAll, describe } from 'vitest';
import { describeRaceScenarios } from '../../adapters-memory/test/security-race-scenarios.js';
import { hmacOf, SECURITY_CODE_KEY } from '../../adapters-memory/test/security-support.js';
import { createAwsPorts } from '../src/index.js';
import { dynamoClient, freshTable, withoutMoto } from './moto.js';

describe.skipIf(withoutMoto)('races on DynamoDB (moto) (issue 8 §3)', () => {
  const dynamodb = dynamoClient();
  let tableName = '';
  beforeAll(async () => {
    tableName = await freshTable(dynamodb, 'races');
  });

  describeRaceScenarios(
    () => {
      const aws = createAwsPorts({ dynamodb }, { tableName, codeKey: SECURITY_CODE_KEY, hasher: new ScryptPasswordHasher({ cost: 1024 }) });
      const outbox = new Outbox();
      return { recovery: createRecovery({ ...aws.ports, sender: outbox }), outbox, codes: aws.stores.codes, hmac: hmacOf, now: () => Date.now() };
    },
    { concurrency: 12, timeoutMs: 60_000 },
  );
});
