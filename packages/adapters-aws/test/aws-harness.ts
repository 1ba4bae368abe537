/**
 * The harness of the DynamoDB composition's tests: `createAwsPorts` on a moto table, SES and SNS on
 * moto, a manual clock, the operations bound to those ports through a sender that records what SES
 * and SNS accepted, and a DynamoDB request counter. It is also the composition's `RecoveryFlow`:
 * `delivered()` answers the messages SES and SNS on moto accepted. (That they reach moto as sent is
 * the MessageSender contract's part, in services.moto.test.ts, read back from moto's state API; reading
 * that API here would dump the whole moto state on every look, seconds once the tables fill up.)
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { SNSClient } from '@aws-sdk/client-sns';
import { ManualClock } from '@cognito-recovery/adapters-memory';
import { createRecovery, ScryptPasswordHasher, type MessageSender, type OutgoingMessage, type Recovery } from '@cognito-recovery/core';
import type { DeliveredMessage, RecoveryFlow } from '@cognito-recovery/core/testing';
import { okAsync } from 'neverthrow';
import { createAwsPorts, type AwsPorts } from '../src/index.js';
import { countRequests, type RequestCounter } from './moto.js';

/** The HMAC key of stored codes in these tests. */
export const AWS_CODE_KEY = new Uint8Array(32).fill(7);

/** The clients on moto. */
export interface AwsHarnessClients {
  /** State. */
  readonly dynamodb: DynamoDBClient;
  /** Email (without it, email deliveries fail). */
  readonly ses?: SESv2Client;
  /** SMS (without it, SMS deliveries fail). */
  readonly sns?: SNSClient;
}

/** Options of {@link anAwsHarness}. */
export interface AwsHarnessOptions {
  /** The recovery table (see `freshTable`). */
  readonly tableName: string;
  /** SES From address of pools without one (an identity created on moto). */
  readonly defaultFrom?: string;
  /** Replaces SES and SNS as the sender (an outbox, say). */
  readonly sender?: MessageSender;
}

/** The AWS ports with every operation bound to them, what the sender accepted, and the controls. */
export interface AwsHarness extends AwsPorts, Recovery, RecoveryFlow {
  /** The operations. */
  readonly recovery: Recovery;
  /** The composition's clock; starts at the system time and moves only when told to. */
  readonly clock: ManualClock;
  /** Every message the sender accepted, oldest first (with its code). */
  readonly sent: readonly OutgoingMessage[];
  /** Counts this test's DynamoDB requests (every request of the shared client). */
  readonly counter: RequestCounter;
  /** The messages SES and SNS accepted, oldest first ({@link AwsHarness.sent} without the code and settings). */
  readonly delivered: () => DeliveredMessage[];
  /** Moves the clock forward; answers the new time. */
  readonly advance: (ms: number) => number;
}

/** Builds an {@link AwsHarness} over `clients` (scrypt cost 1024, {@link AWS_CODE_KEY}). */
export function anAwsHarness(clients: AwsHarnessClients, options: AwsHarnessOptions): AwsHarness {
  const clock = new ManualClock(Date.now());
  const aws = createAwsPorts(clients, {
    tableName: options.tableName,
    codeKey: AWS_CODE_KEY,
    hasher: new ScryptPasswordHasher({ cost: 1024 }),
    email: options.defaultFrom === undefined ? undefined : { defaultFrom: options.defaultFrom },
    clock,
  });
  const sent: OutgoingMessage[] = [];
  const inner = options.sender ?? aws.ports.sender;
  const sender: MessageSender = {
    send: (message) =>
      inner.send(message).andThen(() => {
        sent.push(message);
        return okAsync(undefined);
      }),
  };
  const recovery = createRecovery({ ...aws.ports, sender });
  return {
    ...aws,
    ...recovery,
    recovery,
    clock,
    sent,
    counter: countRequests(clients.dynamodb),
    delivered: () => sent.map(({ medium, destination, subject, body }) => ({ medium, destination, subject, body })),
    advance: (ms) => clock.advanceBy(ms),
  };
}
