import { timingSafeEqual } from 'node:crypto';
import { DeleteItemCommand, GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { ConsumeOutcome, PortFailure, RecoveryCodeStore, StoredCode, VerifyOutcome } from '@cognito-recovery/core';
import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { asPortFailure, key, num, plainRequest, readNumber, readString, request, str, TTL_ATTRIBUTE, ttlSeconds, unexpected, type DynamoTableOptions, type Item } from './table.js';

const PORT = 'RecoveryCodeStore';
/** How many times `consume` retries when the code changed between its write and its classifying read. */
const CONSUME_RETRIES = 3;

/**
 * Options of the {@link DynamoRecoveryCodeStore}.
 *
 * @group Adapters
 */
export interface DynamoRecoveryCodeStoreOptions extends DynamoTableOptions {
  /**
   * How long a code item is kept after it expires, in seconds, before DynamoDB's TTL may delete it
   * (default 86 400). Until then a late confirm answers `expired` (or `mismatch` for a used code);
   * after it, `none`. Both map to the same Cognito error for an expired code.
   */
  readonly retentionSeconds?: number;
}

/** The code item's key: one item per user, `pk = code#<poolId>#<username>`, `sk = code`. @internal */
export function codeKey(userPoolId: string, username: string): Item {
  return key(`code#${userPoolId}#${username}`, 'code');
}

/**
 * A {@link RecoveryCodeStore} on DynamoDB: one item per user holding the code's HMAC, issue and
 * expiry times and, once used, `consumedAt`. `issue` is one `PutItem` that replaces the previous
 * code; `consume` is one conditional `UpdateItem`
 * (`codeHmac = :h AND attribute_not_exists(consumedAt) AND expiresAt > :now`) that exactly one
 * concurrent caller wins, reading the item (returned with the failed condition, or read again) only
 * on the failure path, to tell `mismatch`, `expired` and `none` apart exactly like the memory store;
 * `verify` is one strongly consistent `GetItem`. The item's TTL is its expiry plus
 * `retentionSeconds`.
 *
 * @example
 * ```ts
 * const codes = new DynamoRecoveryCodeStore({ client: dynamodb, tableName: 'cognito-recovery' });
 * await codes.issue(poolId, 'alice', { codeHmac, issuedAt: now, expiresAt: now + 3_600_000 });
 * await codes.consume(poolId, 'alice', codeHmac, now); // ok('consumed'), for one caller only
 * ```
 * @group Adapters
 */
export class DynamoRecoveryCodeStore implements RecoveryCodeStore {
  readonly #options: DynamoTableOptions;
  readonly #retentionMs: number;

  /** @param options - the table, and how long expired codes are kept. */
  constructor(options: DynamoRecoveryCodeStoreOptions) {
    this.#options = options;
    this.#retentionMs = (options.retentionSeconds ?? 86_400) * 1000;
  }

  /** Stores the code as the user's only one (`PutItem`, replacing any previous code, used or not). */
  issue(userPoolId: string, username: string, code: StoredCode): ResultAsync<void, PortFailure> {
    const { client, tableName } = this.#options;
    return plainRequest(PORT, 'PutItem', () =>
      client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: {
            ...codeKey(userPoolId, username),
            codeHmac: str(code.codeHmac),
            issuedAt: num(code.issuedAt),
            expiresAt: num(code.expiresAt),
            [TTL_ATTRIBUTE]: num(ttlSeconds(code.expiresAt + this.#retentionMs)),
          },
        }),
      ),
    ).map(() => undefined);
  }

  /** Deletes the user's code if it still has `codeHmac` (a conditional `DeleteItem`); a newer code stays. */
  revoke(userPoolId: string, username: string, codeHmac: string): ResultAsync<void, PortFailure> {
    const { client, tableName } = this.#options;
    return request(PORT, 'DeleteItem', () =>
      client.send(
        new DeleteItemCommand({
          TableName: tableName,
          Key: codeKey(userPoolId, username),
          ConditionExpression: 'codeHmac = :h',
          ExpressionAttributeValues: { ':h': str(codeHmac) },
        }),
      ),
    )
      .map(() => undefined)
      .orElse((failure) => (failure.kind === 'ConditionFailed' ? okAsync(undefined) : errAsync(asPortFailure(PORT, failure))));
  }

  /** Uses the code with one conditional `UpdateItem`; on a failed condition, classifies what is stored. */
  consume(userPoolId: string, username: string, codeHmac: string, now: number): ResultAsync<ConsumeOutcome, PortFailure> {
    return this.#consume(userPoolId, username, codeHmac, now, CONSUME_RETRIES);
  }

  /** What `consume` would answer now (`valid` for `consumed`), from one strongly consistent `GetItem`. */
  verify(userPoolId: string, username: string, codeHmac: string, now: number): ResultAsync<VerifyOutcome, PortFailure> {
    return this.#read(userPoolId, username).map((item) => classify(item, codeHmac, now));
  }

  /** Deletes the user's code, used or not. */
  clear(userPoolId: string, username: string): ResultAsync<void, PortFailure> {
    const { client, tableName } = this.#options;
    return plainRequest(PORT, 'DeleteItem', () => client.send(new DeleteItemCommand({ TableName: tableName, Key: codeKey(userPoolId, username) }))).map(
      () => undefined,
    );
  }

  #consume(userPoolId: string, username: string, codeHmac: string, now: number, retries: number): ResultAsync<ConsumeOutcome, PortFailure> {
    const { client, tableName } = this.#options;
    return request(PORT, 'UpdateItem', () =>
      client.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: codeKey(userPoolId, username),
          UpdateExpression: 'SET consumedAt = :now',
          ConditionExpression: 'codeHmac = :h AND attribute_not_exists(consumedAt) AND expiresAt > :now',
          ExpressionAttributeValues: { ':h': str(codeHmac), ':now': num(now) },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    )
      .map((): ConsumeOutcome => 'consumed')
      .orElse((failure) => {
        if (failure.kind !== 'ConditionFailed') return errAsync(asPortFailure(PORT, failure));
        const stored = failure.item === undefined ? this.#read(userPoolId, username) : okAsync(failure.item);
        return stored.andThen((item) => {
          const outcome = classify(item, codeHmac, now);
          if (outcome !== 'valid') return okAsync(outcome);
          // The code was replaced by one with the same HMAC between the write and the read: try again.
          if (retries <= 0) return errAsync(unexpected(PORT, 'consume kept racing with issue'));
          return this.#consume(userPoolId, username, codeHmac, now, retries - 1);
        });
      });
  }

  #read(userPoolId: string, username: string): ResultAsync<Item | undefined, PortFailure> {
    const { client, tableName } = this.#options;
    return plainRequest(PORT, 'GetItem', () =>
      client.send(new GetItemCommand({ TableName: tableName, Key: codeKey(userPoolId, username), ConsistentRead: true })),
    ).map((output) => output.Item);
  }
}

/** What a consume would find, as the memory store classifies it: `valid` means it would use the code. */
function classify(item: Item | undefined, codeHmac: string, now: number): VerifyOutcome {
  const stored = readString(item, 'codeHmac');
  const expiresAt = readNumber(item, 'expiresAt');
  if (stored === undefined || expiresAt === undefined) return 'none';
  const matches = sameHmac(stored, codeHmac);
  if (readNumber(item, 'consumedAt') !== undefined) return matches ? 'mismatch' : 'none';
  if (now >= expiresAt) return 'expired';
  return matches ? 'valid' : 'mismatch';
}

/** Constant-time equality of two HMAC strings; when the lengths differ it still does one full comparison. */
function sameHmac(stored: string, candidate: string): boolean {
  const a = Buffer.from(stored, 'utf8');
  const b = Buffer.from(candidate, 'utf8');
  if (a.length !== b.length) {
    timingSafeEqual(a, a);
    return false;
  }
  return timingSafeEqual(a, b);
}
