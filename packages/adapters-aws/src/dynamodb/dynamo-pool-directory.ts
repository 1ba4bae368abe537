import { UpdateItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { AppClient, PoolDirectory, PortFailure, UserPool } from '@cognito-recovery/core';
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import { decodeJson, encodeJson } from '@cognito-recovery/core/rules';
import {
  asPortFailure,
  backoff,
  getItem,
  itemAsIs,
  key,
  num,
  plainRequest,
  queryPartition,
  readNumber,
  readString,
  str,
  transactWrite,
  unexpected,
  type DynamoTableOptions,
  type Item,
} from './table.js';

const PORT = 'PoolDirectory';
const RETRIES = 8;
const MAX_ACTIONS = 100;

/** A pool item: `pk = pools`, `sk = <poolId>` (one partition: a few hundred pools at most, read through a cache). @internal */
export function poolKey(userPoolId: string): Item {
  return key('pools', userPoolId);
}

/** A client item, found by its id alone: `pk = client#<clientId>`, `sk = client`. @internal */
export function clientKey(clientId: string): Item {
  return key(`client#${clientId}`, 'client');
}

/** A pool's copy of a client, for listing: `pk = clients#<poolId>`, `sk = <clientId>`. @internal */
export function poolClientKey(userPoolId: string, clientId: string): Item {
  return key(`clients#${userPoolId}`, clientId);
}

interface Listed<T> {
  readonly value: T;
  readonly creationDate: number;
  readonly seq: number;
  readonly id: string;
}

/**
 * A {@link PoolDirectory} on DynamoDB. Pools live in one `pools` partition (`sk` = pool id); each
 * app client is one item keyed by its id (`client#<clientId>`, for `getClient`) plus a copy in its
 * pool's `clients#<poolId>` partition (for `listClients` and `deletePool`), both written in one
 * transaction. Values are stored as JSON. Lists are ordered by `creationDate`, then by when the
 * item was first written (kept when it is replaced). Put a {@link cachedPoolDirectory} in front of
 * it: pools and clients are read on every call.
 *
 * @example
 * ```ts
 * const pools = cachedPoolDirectory(new DynamoPoolDirectory({ client: dynamodb, tableName: 'cognito-recovery' }), 60_000);
 * await pools.putPool(pool);
 * ```
 * @group Adapters
 */
export class DynamoPoolDirectory implements PoolDirectory {
  readonly #options: DynamoTableOptions;

  /** @param options - the table. */
  constructor(options: DynamoTableOptions) {
    this.#options = options;
  }

  /** The pool (one strongly consistent `GetItem`), or `undefined`. */
  getPool(userPoolId: string): ResultAsync<UserPool | undefined, PortFailure> {
    return getItem(this.#options, PORT, poolKey(userPoolId), itemAsIs).map((item) => decodeData(item) as UserPool | undefined);
  }

  /** The app client (one strongly consistent `GetItem`), or `undefined`. */
  getClient(clientId: string): ResultAsync<AppClient | undefined, PortFailure> {
    return getItem(this.#options, PORT, clientKey(clientId), itemAsIs).map((item) => decodeData(item) as AppClient | undefined);
  }

  /** Creates or replaces a pool (an `UpdateItem` that keeps the first-write time, for the list order). */
  putPool(pool: UserPool): ResultAsync<void, PortFailure> {
    const { client, tableName } = this.#options;
    return plainRequest(PORT, 'UpdateItem', () =>
      client.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: poolKey(pool.id),
          UpdateExpression: 'SET #data = :data, creationDate = :created, seq = if_not_exists(seq, :seq)',
          ExpressionAttributeNames: { '#data': 'data' },
          ExpressionAttributeValues: { ':data': str(encodeJson(pool)), ':created': num(pool.creationDate), ':seq': num(Date.now()) },
        }),
      ),
    ).map(() => undefined);
  }

  /** Deletes the pool's clients, then the pool, in transactions of at most 100 items. */
  deletePool(userPoolId: string): ResultAsync<void, PortFailure> {
    const { tableName } = this.#options;
    return queryPartition(this.#options, PORT, `clients#${userPoolId}`, Number.POSITIVE_INFINITY, undefined).andThen((items) => {
      const deletes: TransactWriteItem[] = items.flatMap((item) => {
        const clientId = readString(item, 'sk') ?? '';
        return [
          { Delete: { TableName: tableName, Key: poolClientKey(userPoolId, clientId) } },
          {
            Delete: {
              TableName: tableName,
              Key: clientKey(clientId),
              ConditionExpression: 'attribute_not_exists(pk) OR poolId = :pool',
              ExpressionAttributeValues: { ':pool': str(userPoolId) },
            },
          },
        ];
      });
      deletes.push({ Delete: { TableName: tableName, Key: poolKey(userPoolId) } });
      const run = (start: number): ResultAsync<void, PortFailure> => {
        if (start >= deletes.length) return okAsync(undefined);
        return transactWrite(this.#options, PORT, deletes.slice(start, start + MAX_ACTIONS))
          .mapErr((failure) => asPortFailure(PORT, failure))
          .andThen(() => run(start + MAX_ACTIONS));
      };
      return run(0);
    });
  }

  /**
   * Creates or replaces an app client: reads where it was, then writes the client item and its
   * pool's copy (removing the copy in a previous pool) in one transaction conditioned on that read.
   */
  putClient(appClient: AppClient): ResultAsync<void, PortFailure> {
    const { tableName } = this.#options;
    const data = str(encodeJson(appClient));
    const attempt = (retry: number): ResultAsync<void, PortFailure> =>
      getItem(this.#options, PORT, clientKey(appClient.clientId), itemAsIs).andThen((previous) => {
        const previousPool = readString(previous, 'poolId');
        const seq = readNumber(previous, 'seq') ?? Date.now();
        const actions: TransactWriteItem[] = [
          {
            Put: {
              TableName: tableName,
              Item: { ...clientKey(appClient.clientId), data, poolId: str(appClient.userPoolId), creationDate: num(appClient.creationDate), seq: num(seq) },
              ...(previousPool === undefined
                ? { ConditionExpression: 'attribute_not_exists(pk)' }
                : { ConditionExpression: 'poolId = :previous', ExpressionAttributeValues: { ':previous': str(previousPool) } }),
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: { ...poolClientKey(appClient.userPoolId, appClient.clientId), data, creationDate: num(appClient.creationDate), seq: num(seq) },
            },
          },
        ];
        if (previousPool !== undefined && previousPool !== appClient.userPoolId) {
          actions.push({ Delete: { TableName: tableName, Key: poolClientKey(previousPool, appClient.clientId) } });
        }
        return transactWrite(this.#options, PORT, actions).orElse((failure): ResultAsync<void, PortFailure> => {
          if (failure.kind !== 'Cancelled') return errAsync(asPortFailure(PORT, failure));
          if (retry >= RETRIES) return errAsync(unexpected(PORT, 'putClient kept conflicting'));
          return ResultAsync.fromSafePromise(backoff(retry)).andThen(() => attempt(retry + 1));
        });
      });
    return attempt(0);
  }

  /** Every pool, oldest first. */
  listPools(): ResultAsync<readonly UserPool[], PortFailure> {
    return queryPartition(this.#options, PORT, 'pools', Number.POSITIVE_INFINITY, undefined).map((items) => ordered<UserPool>(items));
  }

  /** A pool's app clients, oldest first. */
  listClients(userPoolId: string): ResultAsync<readonly AppClient[], PortFailure> {
    return queryPartition(this.#options, PORT, `clients#${userPoolId}`, Number.POSITIVE_INFINITY, undefined).map((items) => ordered<AppClient>(items));
  }
}

function decodeData(item: Item | undefined): unknown {
  const data = readString(item, 'data');
  return data === undefined ? undefined : decodeJson(data);
}

function ordered<T>(items: readonly Item[]): T[] {
  const listed: Listed<T>[] = [];
  for (const item of items) {
    const value = decodeData(item) as T | undefined;
    if (value === undefined) continue;
    listed.push({ value, creationDate: readNumber(item, 'creationDate') ?? 0, seq: readNumber(item, 'seq') ?? 0, id: readString(item, 'sk') ?? '' });
  }
  listed.sort((a, b) => a.creationDate - b.creationDate || a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return listed.map((l) => l.value);
}
