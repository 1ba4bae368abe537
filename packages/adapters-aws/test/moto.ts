/**
 * Clients and tables on the moto server started by `moto.global-setup.ts`.
 */
import { Agent } from 'node:http';
import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DynamoDBClient, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { recoveryTableDefinition, TTL_ATTRIBUTE } from '../src/index.js';

/** The moto endpoint, or `undefined` when moto is not installed (the suites are skipped). */
export const motoEndpoint = inject('motoEndpoint');

/** True when the AWS suites cannot run. */
export const withoutMoto = motoEndpoint === undefined;

/**
 * Client configuration for moto: dummy credentials, us-east-1, loopback only. Requests of one client
 * go through one socket, one at a time: moto's threaded server is not safe for concurrent
 * transactions on the same table (a cancelled `TransactWriteItems` restores a snapshot of the whole
 * table, which can undo a concurrent write). Concurrency between callers is still exercised at the
 * level DynamoDB guarantees it: each request is atomic, and requests of concurrent callers
 * interleave.
 */
export function awsConfig(): {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  requestHandler: { httpAgent: Agent };
  maxAttempts: number;
} {
  return {
    endpoint: motoEndpoint ?? 'http://127.0.0.1:9',
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: 1 }) },
    maxAttempts: 1,
  };
}

/** A DynamoDB client on moto. */
export function dynamoClient(): DynamoDBClient {
  return new DynamoDBClient(awsConfig());
}

/** Creates a fresh recovery table with TTL on, and answers its name. */
export async function freshTable(client: DynamoDBClient, label = 't'): Promise<string> {
  const tableName = `recovery-${label}-${randomUUID().slice(0, 8)}`;
  await client.send(new CreateTableCommand(recoveryTableDefinition(tableName)));
  await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true } }));
  return tableName;
}

/** Counts the requests a client sends (each attempt), by operation. */
export function countRequests(client: { middlewareStack: { add: (mw: never, options: { step: 'deserialize'; name: string }) => void } }): { total: () => number; byOperation: () => Record<string, number>; reset: () => void } {
  let calls: string[] = [];
  const middleware = (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
    calls.push(context.commandName ?? 'unknown');
    return next(args);
  };
  client.middlewareStack.add(middleware as never, { step: 'deserialize', name: `countRequests-${randomUUID()}` });
  return {
    total: () => calls.length,
    byOperation: () => {
      const counts: Record<string, number> = {};
      for (const c of calls) counts[c] = (counts[c] ?? 0) + 1;
      return counts;
    },
    reset: () => {
      calls = [];
    },
  };
}
