/**
 * The one DynamoDB table behind the stores: its options, its definition and the request helpers the
 * stores share.
 *
 * @module
 */
import {
  GetItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  type AttributeValue,
  type CancellationReason,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import type { PortFailure } from '@cognito-recovery/core';
import { okAsync, ResultAsync } from 'neverthrow';
import { awsFailure, errorName } from '../aws-failure.js';

/**
 * Where the DynamoDB stores keep their state: a client the caller configured (region, credentials,
 * endpoint) and the name of a table created with {@link recoveryTableDefinition}.
 *
 * @group Adapters
 */
export interface DynamoTableOptions {
  /** The DynamoDB client; the stores only call `send` on it. */
  readonly client: DynamoDBClient;
  /** The table name. */
  readonly tableName: string;
}

/** Name of the partition key attribute (string). @group Adapters */
export const PARTITION_KEY = 'pk';
/** Name of the sort key attribute (string). @group Adapters */
export const SORT_KEY = 'sk';
/** Name of the TTL attribute (number, epoch seconds); enable TTL on it. @group Adapters */
export const TTL_ATTRIBUTE = 'ttl';

/**
 * The `CreateTable` input of the table every DynamoDB store of this package shares: string `pk` and
 * `sk`, on-demand billing, no index. Enable TTL on {@link TTL_ATTRIBUTE} afterwards
 * (`UpdateTimeToLive`); `docs/aws.md` has the same table as CloudFormation.
 *
 * @example
 * ```ts
 * await dynamodb.send(new CreateTableCommand(recoveryTableDefinition('cognito-recovery')));
 * await dynamodb.send(new UpdateTimeToLiveCommand({
 *   TableName: 'cognito-recovery',
 *   TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
 * }));
 * ```
 * @group Adapters
 */
export function recoveryTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: PARTITION_KEY, AttributeType: 'S' },
      { AttributeName: SORT_KEY, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: PARTITION_KEY, KeyType: 'HASH' },
      { AttributeName: SORT_KEY, KeyType: 'RANGE' },
    ],
  };
}

/** A DynamoDB item as the low-level client sees it. @internal */
export type Item = Record<string, AttributeValue>;

/** A condition of a single-item write failed; `item` is the item as it was, when DynamoDB returned it. @internal */
export interface ConditionFailed {
  readonly kind: 'ConditionFailed';
  readonly item: Item | undefined;
}

/** A transaction was cancelled; one reason per action, in order. @internal */
export interface Cancelled {
  readonly kind: 'Cancelled';
  readonly reasons: readonly CancellationReason[];
}

/** What a DynamoDB request can fail with. @internal */
export type DynamoFailure = PortFailure | ConditionFailed | Cancelled;

/** A string attribute. @internal */
export const str = (value: string): AttributeValue => ({ S: value });
/** A number attribute. @internal */
export const num = (value: number): AttributeValue => ({ N: String(value) });

/** The key of an item. @internal */
export function key(pk: string, sk: string): Item {
  return { [PARTITION_KEY]: str(pk), [SORT_KEY]: str(sk) };
}

/** A string attribute of an item, or `undefined`. @internal */
export function readString(item: Item | undefined, name: string): string | undefined {
  return item?.[name]?.S;
}

/** A number attribute of an item, or `undefined`. @internal */
export function readNumber(item: Item | undefined, name: string): number | undefined {
  const n = item?.[name]?.N;
  return n === undefined ? undefined : Number(n);
}

/** Epoch seconds for the TTL attribute, `ms` from now rounded up. @internal */
export function ttlSeconds(epochMs: number): number {
  return Math.ceil(epochMs / 1000);
}

/**
 * Sends one request; a failed condition and a cancelled transaction come back as data, every other
 * exception as a `PortFailure` of `port`.
 *
 * @internal
 */
export function request<T>(port: string, action: string, call: () => Promise<T>): ResultAsync<T, DynamoFailure> {
  const toPortFailure = awsFailure(port, action);
  return ResultAsync.fromPromise(call(), (error): DynamoFailure => {
    const name = errorName(error);
    if (name === 'ConditionalCheckFailedException') {
      return { kind: 'ConditionFailed', item: (error as { Item?: Item }).Item };
    }
    if (name === 'TransactionCanceledException') {
      return { kind: 'Cancelled', reasons: (error as { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? [] };
    }
    return toPortFailure(error);
  });
}

/** Sends a request that has no condition: every failure is a `PortFailure`. @internal */
export function plainRequest<T>(port: string, action: string, call: () => Promise<T>): ResultAsync<T, PortFailure> {
  return request(port, action, call).mapErr((failure) =>
    failure.kind === 'PortFailure' ? failure : { kind: 'PortFailure', port, reason: `${action} failed: unexpected ${failure.kind}`, throttled: false },
  );
}

/**
 * What `read` makes of the item under `itemKey`, from one strongly consistent `GetItem` (`undefined`
 * when there is none).
 *
 * @internal
 */
export function getItem<T>(table: DynamoTableOptions, port: string, itemKey: Item, read: (item: Item | undefined) => T): ResultAsync<T, PortFailure> {
  return plainRequest(port, 'GetItem', () => table.client.send(new GetItemCommand({ TableName: table.tableName, Key: itemKey, ConsistentRead: true }))).map(
    (output) => read(output.Item),
  );
}

/** The item as {@link getItem} read it, for the callers that want it whole. @internal */
export function itemAsIs(item: Item | undefined): Item | undefined {
  return item;
}

/** One `TransactWriteItems` of `actions` (at most 100); a cancellation comes back as data. @internal */
export function transactWrite(table: DynamoTableOptions, port: string, actions: TransactWriteItem[]): ResultAsync<void, DynamoFailure> {
  return request(port, 'TransactWriteItems', () => table.client.send(new TransactWriteItemsCommand({ TransactItems: actions }))).map(() => undefined);
}

/**
 * Up to `max` items of the partition `pk`, in `sk` order, after the key `start`: strongly
 * consistent `Query`s, following DynamoDB's pages.
 *
 * @internal
 */
export function queryPartition(table: DynamoTableOptions, port: string, pk: string, max: number, start: Item | undefined): ResultAsync<Item[], PortFailure> {
  const items: Item[] = [];
  const page = (from: Item | undefined): ResultAsync<Item[], PortFailure> =>
    plainRequest(port, 'Query', () =>
      table.client.send(
        new QueryCommand({
          TableName: table.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': str(pk) },
          ConsistentRead: true,
          ...(Number.isFinite(max) ? { Limit: max - items.length } : {}),
          ...(from === undefined ? {} : { ExclusiveStartKey: from }),
        }),
      ),
    ).andThen((output) => {
      items.push(...(output.Items ?? []));
      const last = output.LastEvaluatedKey;
      if (last === undefined || items.length >= max) return okAsync(items.slice(0, max));
      return page(last);
    });
  return page(start);
}

/** A `PortFailure` for an unexpected outcome. @internal */
export function unexpected(port: string, what: string): PortFailure {
  return { kind: 'PortFailure', port, reason: what, throttled: false };
}

/** Whether any reason of a cancelled transaction is a conflict with another transaction (retryable). @internal */
export function isConflict(reasons: readonly CancellationReason[]): boolean {
  return reasons.some((r) => r.Code === 'TransactionConflict');
}

/** Waits a little before retrying a conflicted transaction: jittered, growing with `attempt`. @internal */
export function backoff(attempt: number): Promise<void> {
  const ms = Math.min(200, 5 * 2 ** attempt) * (0.5 + Math.random() / 2);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The failure as a `PortFailure` (a condition or cancellation nobody expected becomes one). @internal */
export function asPortFailure(port: string, failure: DynamoFailure): PortFailure {
  return failure.kind === 'PortFailure' ? failure : unexpected(port, `unexpected ${failure.kind}`);
}
