import { BatchGetItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import {
  portFailure,
  type Claim,
  type ClaimTaken,
  type CodeConsumption,
  type CodeNotConsumable,
  type PortFailure,
  type User,
  type UserGone,
  type UserPage,
  type UserStore,
  type VersionConflict,
} from '@cognito-recovery/core';
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import { decodeJson, encodeJson } from '@cognito-recovery/core/rules';
import { classifyCode, consumeCodeAction } from './dynamo-recovery-code-store.js';
import {
  asPortFailure,
  backoff,
  getItem,
  isConflict,
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
  type Cancelled,
  type DynamoTableOptions,
  type Item,
} from './table.js';

const PORT = 'UserStore';
/** Retries of a transaction cancelled by a conflict with another transaction, or by a race with a delete. */
const RETRIES = 8;
/** TransactWriteItems takes at most 100 actions. */
const MAX_ACTIONS = 100;
/** BatchGetItem takes at most 100 keys. */
const MAX_BATCH_KEYS = 100;
/** Rounds of `UnprocessedKeys` a lookup re-asks for before giving up. */
const UNPROCESSED_RETRIES = 8;

/** Partition of a pool's user items: `pk = users#<poolId>`, `sk = <username>`. @internal */
export function userKey(userPoolId: string, username: string): Item {
  return key(`users#${userPoolId}`, username);
}

/** A claim item: `pk = claim#<poolId>#<claim>`, `sk = claim`. @internal */
export function claimKey(userPoolId: string, claim: Claim): Item {
  return key(`claim#${userPoolId}#${claim}`, 'claim');
}

/** One order-independent string for a set of claims. */
function claimsKeyOf(claims: readonly Claim[]): string {
  return JSON.stringify([...claims].sort());
}

/**
 * A {@link UserStore} on DynamoDB. A user is one item in its pool's partition
 * (`users#<poolId>` / `<username>`, for listing in username order) plus one item per claim
 * (`claim#<poolId>#<claim>` / `claim`) holding the owner's username **and a copy of the user**, so
 * `findByClaim` is always one strongly consistent `GetItem`, whatever the claim, and
 * `findFirstByClaims` one strongly consistent `BatchGetItem` over the claim items (keys it leaves in
 * `UnprocessedKeys` are asked again), the owner chosen by claim order.
 *
 * - `create` is one `TransactWriteItems` putting the user and every claim with
 *   `attribute_not_exists`; when a claim is taken, the cancellation reasons tell which one, and the
 *   item DynamoDB returns with the failed condition tells its owner (`ClaimTaken`).
 * - `update` is one `TransactWriteItems` when the claims do not change (the common case: the user item
 *   is put on `version = :expected AND claimsKey = :same`, each claim item re-put on
 *   `attribute_not_exists(pk) OR owner = :me`); when they change, the first attempt's failed
 *   condition returns the stored claims and a second transaction also deletes the dropped claims.
 *   A missing user is `UserGone`, another version `VersionConflict`. With `consume`, the same
 *   transaction also updates the code item named by `consume.name` (default: the username; kept by
 *   the {@link DynamoRecoveryCodeStore} in the same table) on `codeHmac = :h AND attribute_not_exists(consumedAt) AND expiresAt > :now`, setting
 *   `consumedAt`: the password and the used code are written together or not at all; when only the
 *   code's condition fails, the item it returns is classified into `CodeNotConsumable`.
 * - `delete` reads the user's claims, then deletes the user and its claims in one transaction
 *   conditioned on the version it read.
 *
 * Transactions cancelled by a conflict with another transaction are retried with a jittered backoff.
 *
 * @example
 * ```ts
 * const users = new DynamoUserStore({ client: dynamodb, tableName: 'cognito-recovery' });
 * await users.create(user, ['u#alice', 's#1f0e…', 'e#alice@example.com']);
 * await users.findByClaim(user.userPoolId, 'e#alice@example.com'); // ok(user): one GetItem
 * ```
 * @group Adapters
 */
export class DynamoUserStore implements UserStore {
  readonly #options: DynamoTableOptions;

  /** @param options - the table. */
  constructor(options: DynamoTableOptions) {
    this.#options = options;
  }

  /** The user holding `claim`, from the copy on the claim item (one strongly consistent `GetItem`). */
  findByClaim(userPoolId: string, claim: Claim): ResultAsync<User | undefined, PortFailure> {
    return getItem(this.#options, PORT, claimKey(userPoolId, claim), userOf);
  }

  /**
   * The owner of the first of `claims`, in order, that has a claim item: one strongly consistent
   * `BatchGetItem` over the claim items (beyond 100 distinct claims, one per 100), re-asking with a
   * backoff for the keys DynamoDB leaves in `UnprocessedKeys`; the user is the copy on the claim item.
   */
  findFirstByClaims(userPoolId: string, claims: readonly Claim[]): ResultAsync<User | undefined, PortFailure> {
    const unique = [...new Set(claims)];
    if (unique.length === 0) return okAsync(undefined);
    const owners = new Map<Claim, string>();
    const chunks: Claim[][] = [];
    for (let i = 0; i < unique.length; i += MAX_BATCH_KEYS) chunks.push(unique.slice(i, i + MAX_BATCH_KEYS));
    const run = (i: number): ResultAsync<User | undefined, PortFailure> => {
      const chunk = chunks[i];
      if (chunk === undefined) {
        const data = unique.map((claim) => owners.get(claim)).find((d) => d !== undefined);
        return okAsync(data === undefined ? undefined : (decodeJson(data) as User));
      }
      return this.#batchGet(
        chunk.map((claim) => claimKey(userPoolId, claim)),
        0,
      ).andThen((items) => {
        for (const item of items) {
          const claim = claimOfKey(userPoolId, readString(item, 'pk'));
          const data = readString(item, 'data');
          if (claim !== undefined && data !== undefined) owners.set(claim, data);
        }
        return run(i + 1);
      });
    };
    return run(0);
  }

  /** Creates the user and its claims in one transaction; `ClaimTaken` names the first taken claim and its owner. */
  create(user: User, claims: readonly Claim[]): ResultAsync<User, PortFailure | ClaimTaken> {
    const unique = [...new Set(claims)];
    if (unique.length + 1 > MAX_ACTIONS) return errAsync(portFailure(PORT, 'too many claims for one transaction'));
    const data = encodeJson(user);
    const actions: TransactWriteItem[] = [
      {
        Put: {
          TableName: this.#options.tableName,
          Item: this.#userItem(user, data, unique),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...unique.map((claim) => this.#putClaim(user, data, claim, false)),
    ];
    const attempt = (retry: number): ResultAsync<User, PortFailure | ClaimTaken> =>
      transactWrite(this.#options, PORT, actions)
        .map(() => user)
        .orElse((failure): ResultAsync<User, PortFailure | ClaimTaken> => {
          if (failure.kind !== 'Cancelled') return errAsync(asPortFailure(PORT, failure));
          const taken = firstTaken(failure, unique, 1);
          if (taken === 'unknown' || (taken === undefined && isConflict(failure.reasons))) return this.#retry(retry, () => attempt(retry + 1));
          if (taken !== undefined) return errAsync(taken);
          if (failure.reasons[0]?.Code === 'ConditionalCheckFailed') {
            return errAsync(portFailure(PORT, 'the username exists but was not among the claims'));
          }
          return errAsync(unexpected(PORT, 'create was cancelled'));
        });
    return attempt(0);
  }

  /**
   * Replaces the user at `expectedVersion` and sets its claims to exactly `claims`, in one transaction
   * when they are unchanged; with `consume`, the user's code is marked used in that same transaction.
   */
  update(
    user: User,
    claims: readonly Claim[],
    expectedVersion: number,
    consume?: CodeConsumption,
  ): ResultAsync<User, PortFailure | ClaimTaken | VersionConflict | UserGone | CodeNotConsumable> {
    type UpdateError = PortFailure | ClaimTaken | VersionConflict | UserGone | CodeNotConsumable;
    const unique = [...new Set(claims)];
    const updated: User = { ...user, version: expectedVersion + 1 };
    const { tableName } = this.#options;
    const attempt = (storedClaims: readonly Claim[] | undefined, retry: number): ResultAsync<User, UpdateError> => {
      const dropped = storedClaims === undefined ? [] : storedClaims.filter((c) => !unique.includes(c));
      const codeActions =
        consume === undefined ? [] : [consumeCodeAction(tableName, user.userPoolId, consume.name ?? user.username, consume.codeHmac, consume.now)];
      if (unique.length + dropped.length + codeActions.length + 1 > MAX_ACTIONS) return errAsync(portFailure(PORT, 'too many claims for one transaction'));
      const data = encodeJson(updated);
      const actions: TransactWriteItem[] = [
        {
          Put: {
            TableName: tableName,
            Item: this.#userItem(updated, data, unique),
            ConditionExpression: '#version = :expected AND claimsKey = :claimsKey',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': num(expectedVersion), ':claimsKey': str(claimsKeyOf(storedClaims ?? unique)) },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        ...unique.map((claim) => this.#putClaim(updated, data, claim, true)),
        ...dropped.map((claim) => this.#deleteClaim(user.userPoolId, user.username, claim)),
        ...codeActions, // last: its reason is the last one
      ];
      return transactWrite(this.#options, PORT, actions)
        .map(() => updated)
        .orElse((failure): ResultAsync<User, UpdateError> => {
          if (failure.kind !== 'Cancelled') return errAsync(asPortFailure(PORT, failure));
          const own = failure.reasons[0];
          if (own?.Code === 'ConditionalCheckFailed') {
            if (own.Item === undefined) return errAsync({ kind: 'UserGone' });
            if (readNumber(own.Item, 'version') !== expectedVersion) return errAsync({ kind: 'VersionConflict' });
            const stored = (own.Item['claims']?.L ?? []).flatMap((v) => (v.S === undefined ? [] : [v.S]));
            // Same version, other claims: write again with the stored claims' diff.
            return this.#retry(retry, () => attempt(stored, retry + 1));
          }
          const taken = firstTaken(failure, unique, 1);
          if (taken === 'unknown' || (taken === undefined && isConflict(failure.reasons))) return this.#retry(retry, () => attempt(storedClaims, retry + 1));
          if (taken !== undefined) return errAsync(taken);
          const code = consume === undefined ? undefined : failure.reasons[actions.length - 1];
          if (consume !== undefined && code?.Code === 'ConditionalCheckFailed') {
            const outcome = classifyCode(code.Item, consume.codeHmac, consume.now);
            // 'valid' means the code was re-issued with the same HMAC meanwhile: try again.
            if (outcome === 'valid') return this.#retry(retry, () => attempt(storedClaims, retry + 1));
            return errAsync({ kind: 'CodeNotConsumable', outcome });
          }
          return errAsync(unexpected(PORT, 'update was cancelled'));
        });
    };
    return attempt(undefined, 0);
  }

  /** Deletes the user and its claims (no error when absent). */
  delete(userPoolId: string, username: string): ResultAsync<void, PortFailure> {
    const attempt = (retry: number): ResultAsync<void, PortFailure> =>
      getItem(this.#options, PORT, userKey(userPoolId, username), itemAsIs).andThen((item) => {
        if (item === undefined) return okAsync(undefined);
        const actions: TransactWriteItem[] = [
          {
            Delete: {
              TableName: this.#options.tableName,
              Key: userKey(userPoolId, username),
              ConditionExpression: '#version = :version',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':version': item['version'] ?? num(0) },
            },
          },
          ...claimsOf(item).map((claim) => this.#deleteClaim(userPoolId, username, claim)),
        ];
        return transactWrite(this.#options, PORT, actions).orElse((failure): ResultAsync<void, PortFailure> => {
          if (failure.kind !== 'Cancelled') return errAsync(asPortFailure(PORT, failure));
          return this.#retry(retry, () => attempt(retry + 1));
        });
      });
    return attempt(0);
  }

  /** Users of a pool in username order (DynamoDB's UTF-8 byte order), `limit` at a time, after `after`. */
  list(userPoolId: string, limit: number, after?: string): ResultAsync<UserPage, PortFailure> {
    if (!Number.isSafeInteger(limit) || limit < 1) return errAsync(portFailure(PORT, 'list limit must be a positive integer'));
    return queryPartition(this.#options, PORT, `users#${userPoolId}`, limit + 1, after === undefined ? undefined : userKey(userPoolId, after)).map((items) => {
      const users = items.slice(0, limit).map((item) => decodeJson(readString(item, 'data') ?? '{}') as User);
      return items.length > limit ? { users, next: users[users.length - 1]?.username } : { users };
    });
  }

  /** Deletes every user of a pool with their claims, in transactions of at most 100 items, a user's items together. */
  deletePool(userPoolId: string): ResultAsync<void, PortFailure> {
    return queryPartition(this.#options, PORT, `users#${userPoolId}`, Number.POSITIVE_INFINITY, undefined).andThen((items) => {
      const batches: TransactWriteItem[][] = [];
      let batch: TransactWriteItem[] = [];
      for (const item of items) {
        const username = readString(item, 'sk') ?? '';
        const actions: TransactWriteItem[] = [
          { Delete: { TableName: this.#options.tableName, Key: userKey(userPoolId, username) } },
          ...claimsOf(item).map((claim) => ({ Delete: { TableName: this.#options.tableName, Key: claimKey(userPoolId, claim) } })),
        ];
        if (batch.length + actions.length > MAX_ACTIONS) {
          batches.push(batch);
          batch = [];
        }
        batch.push(...actions);
      }
      if (batch.length > 0) batches.push(batch);
      const run = (i: number): ResultAsync<void, PortFailure> => {
        const next = batches[i];
        if (next === undefined) return okAsync(undefined);
        return transactWrite(this.#options, PORT, next)
          .mapErr((failure) => asPortFailure(PORT, failure))
          .andThen(() => run(i + 1));
      };
      return run(0);
    });
  }

  #userItem(user: User, data: string, claims: readonly Claim[]): Item {
    return {
      ...userKey(user.userPoolId, user.username),
      data: str(data),
      version: num(user.version),
      claims: { L: claims.map(str) },
      claimsKey: str(claimsKeyOf(claims)),
    };
  }

  #putClaim(user: User, data: string, claim: Claim, mayOwn: boolean): TransactWriteItem {
    return {
      Put: {
        TableName: this.#options.tableName,
        Item: { ...claimKey(user.userPoolId, claim), owner: str(user.username), data: str(data), version: num(user.version) },
        ConditionExpression: mayOwn ? 'attribute_not_exists(pk) OR #owner = :me' : 'attribute_not_exists(pk)',
        ...(mayOwn ? { ExpressionAttributeNames: { '#owner': 'owner' }, ExpressionAttributeValues: { ':me': str(user.username) } } : {}),
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    };
  }

  #deleteClaim(userPoolId: string, username: string, claim: Claim): TransactWriteItem {
    return {
      Delete: {
        TableName: this.#options.tableName,
        Key: claimKey(userPoolId, claim),
        ConditionExpression: 'attribute_not_exists(pk) OR #owner = :me',
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: { ':me': str(username) },
      },
    };
  }

  #retry<T, E>(retry: number, again: () => ResultAsync<T, E | PortFailure>): ResultAsync<T, E | PortFailure> {
    if (retry >= RETRIES) return errAsync(unexpected(PORT, 'the transaction kept conflicting'));
    return ResultAsync.fromSafePromise(backoff(retry)).andThen(again);
  }

  /** The items of `keys` (at most 100) that exist, strongly consistent, re-asking for unprocessed keys. */
  #batchGet(keys: Item[], retry: number): ResultAsync<Item[], PortFailure> {
    const { client, tableName } = this.#options;
    return plainRequest(PORT, 'BatchGetItem', () =>
      client.send(
        new BatchGetItemCommand({
          RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true, ProjectionExpression: 'pk, #data', ExpressionAttributeNames: { '#data': 'data' } } },
        }),
      ),
    ).andThen((output) => {
      const items = output.Responses?.[tableName] ?? [];
      const unprocessed = output.UnprocessedKeys?.[tableName]?.Keys ?? [];
      if (unprocessed.length === 0) return okAsync(items);
      if (retry >= UNPROCESSED_RETRIES) return errAsync(portFailure(PORT, 'BatchGetItem kept leaving keys unprocessed', true));
      return ResultAsync.fromSafePromise(backoff(retry))
        .andThen(() => this.#batchGet(unprocessed, retry + 1))
        .map((rest) => [...items, ...rest]);
    });
  }
}

/** The user copied on a claim item, or `undefined` without one. */
function userOf(item: Item | undefined): User | undefined {
  const data = readString(item, 'data');
  return data === undefined ? undefined : (decodeJson(data) as User);
}

/** The claim a claim item's `pk` (`claim#<poolId>#<claim>`) names, or `undefined` for another pool's item. */
function claimOfKey(userPoolId: string, pk: string | undefined): Claim | undefined {
  const prefix = `claim#${userPoolId}#`;
  return pk?.startsWith(prefix) === true ? pk.slice(prefix.length) : undefined;
}

function claimsOf(item: Item): Claim[] {
  return (item['claims']?.L ?? []).flatMap((v) => (v.S === undefined ? [] : [v.S]));
}

/**
 * The first claim (in `claims` order) whose condition failed, with its owner from the returned item;
 * `'unknown'` when a claim failed but DynamoDB returned no item (it was deleted meanwhile: retry).
 */
function firstTaken(failure: Cancelled, claims: readonly Claim[], offset: number): ClaimTaken | 'unknown' | undefined {
  for (let i = 0; i < claims.length; i++) {
    const reason = failure.reasons[i + offset];
    if (reason?.Code !== 'ConditionalCheckFailed') continue;
    const owner = readString(reason.Item, 'owner');
    const claim = claims[i];
    if (owner === undefined || claim === undefined) return 'unknown';
    return { kind: 'ClaimTaken', claim, owner };
  }
  return undefined;
}
