/**
 * Clients and tables on the moto server started by `moto.global-setup.ts`.
 */
import { Agent } from 'node:http';
import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DynamoDBClient, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import type { DeliveredMessage } from '@cognito-recovery/core/testing';
import { inject } from 'vitest';
import { recoveryTableDefinition, TTL_ATTRIBUTE } from '../src/index.js';

/** The moto endpoint for DynamoDB, or `undefined` when moto is not installed (the suites are skipped). */
export const motoEndpoint = inject('motoEndpoint');

/** The moto endpoint for SES, SNS, KMS, Lambda and Cognito (a second server: see moto.global-setup.ts). */
export const motoMailEndpoint = inject('motoMailEndpoint');

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
export function awsConfig(endpoint: string | undefined = motoEndpoint): {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  requestHandler: { httpAgent: Agent };
  maxAttempts: number;
} {
  return {
    endpoint: endpoint ?? 'http://127.0.0.1:9',
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: 1 }) },
    maxAttempts: 1,
  };
}

/** {@link awsConfig} for the services of the second moto server (SES, SNS, KMS, Lambda, Cognito). */
export function mailConfig(): ReturnType<typeof awsConfig> {
  return awsConfig(motoMailEndpoint);
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

/** What {@link countRequests} answers. */
export interface RequestCounter {
  /** Requests since the last reset. */
  total(): number;
  /** Requests since the last reset, by command name. */
  byOperation(): Record<string, number>;
  /** Starts counting from zero. */
  reset(): void;
}

/** Counts the requests a client sends (each attempt), by operation. */
export function countRequests(client: { middlewareStack: { add: (mw: never, options: { step: 'deserialize'; name: string }) => void } }): RequestCounter {
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

/** A message moto's SES or SNS accepted, as `/moto-api/data.json` shows it. */
export interface MotoDelivery extends DeliveredMessage {
  /** The From address (SES only). */
  readonly from?: string | undefined;
}

interface MotoData {
  readonly ses?: {
    readonly Message?: readonly {
      readonly source?: string;
      readonly subject?: string;
      readonly body?: string;
      readonly destinations?: { readonly ToAddresses?: readonly string[] };
    }[];
  };
  readonly sns?: { readonly SMS?: readonly { readonly phone_number?: string; readonly message?: string }[] };
}

/**
 * Every email moto's SES and every SMS moto's SNS accepted so far (all tests' deliveries, in the order
 * moto got them: emails first, then SMS), read from moto's state API: what reached the backend, not
 * what a sender says it sent.
 */
export async function motoDeliveries(): Promise<MotoDelivery[]> {
  if (motoMailEndpoint === undefined) throw new Error('moto is not running');
  const response = await fetch(`${motoMailEndpoint}/moto-api/data.json`);
  const data = (await response.json()) as MotoData;
  const emails = (data.ses?.Message ?? []).flatMap((m) =>
    (m.destinations?.ToAddresses ?? []).map((destination): MotoDelivery => ({
      medium: 'EMAIL',
      destination,
      subject: m.subject,
      body: m.body ?? '',
      from: m.source,
    })),
  );
  const sms = (data.sns?.SMS ?? []).map((m): MotoDelivery => ({ medium: 'SMS', destination: m.phone_number ?? '', body: m.message ?? '' }));
  return [...emails, ...sms];
}
