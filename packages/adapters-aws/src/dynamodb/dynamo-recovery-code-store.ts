import { UpdateItemCommand, type TransactWriteItem, type UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import type { AttemptLimit, AttemptVerdict, PortFailure, RecoveryCodeStore, StoredCode, VerifyOutcome } from '@cognito-recovery/core';
import { classifyStoredCode } from '@cognito-recovery/core/rules';
import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { SlidingWindowItems } from './sliding-window.js';
import {
  asPortFailure,
  key,
  num,
  readNumber,
  readString,
  request,
  str,
  TTL_ATTRIBUTE,
  ttlSeconds,
  type DynamoFailure,
  type DynamoTableOptions,
  type Item,
} from './table.js';

const PORT = 'RecoveryCodeStore';
/** The code's attributes; the attempt window's (`stamps`, `newest`, `version`) live on the same item. */
const CODE_FIELDS = 'codeHmac, issuedAt, expiresAt, consumedAt';

/**
 * Options of the {@link DynamoRecoveryCodeStore}.
 *
 * @group Adapters
 */
export interface DynamoRecoveryCodeStoreOptions extends DynamoTableOptions {
  /**
   * How long a code item is kept after it expires, and after the newest confirm attempt leaves its
   * window, in seconds, before DynamoDB's TTL may delete it (default 86 400). Until then a late
   * confirm answers `expired` (or `mismatch` for a used code); after it, `none`. Both map to the same
   * Cognito error for an expired code. Keep it at least the difference between the pools' code
   * validity and attempt window (both one hour by default), so neither write's TTL cuts the other's
   * state short.
   */
  readonly retentionSeconds?: number;
}

/** The code item's key: one item per user, `pk = code#<poolId>#<username>`, `sk = code`. @internal */
export function codeKey(userPoolId: string, username: string): Item {
  return key(`code#${userPoolId}#${username}`, 'code');
}

/**
 * The transaction action that uses the user's code (for `DynamoUserStore.update` with `consume`): an
 * `Update` setting `consumedAt` on `codeHmac = :h AND attribute_not_exists(consumedAt) AND
 * expiresAt > :now`, returning the item when the condition fails, for {@link classifyCode}.
 *
 * @internal
 */
export function consumeCodeAction(tableName: string, userPoolId: string, username: string, codeHmac: string, now: number): TransactWriteItem {
  return {
    Update: {
      TableName: tableName,
      Key: codeKey(userPoolId, username),
      UpdateExpression: 'SET consumedAt = :now',
      ConditionExpression: 'codeHmac = :h AND attribute_not_exists(consumedAt) AND expiresAt > :now',
      ExpressionAttributeValues: { ':h': str(codeHmac), ':now': num(now) },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/**
 * A {@link RecoveryCodeStore} on DynamoDB: one item per user holding the code's HMAC, issue and
 * expiry times and, once used, `consumedAt`, and on the same item the user's confirm-attempt window
 * (`stamps`, `newest`, `version`, as the {@link DynamoAttemptLimiter} keeps them).
 *
 * - `issue` is one `UpdateItem` that sets the code fields and removes `consumedAt`, replacing the
 *   previous code and keeping the window; `clear` removes the code fields (a conditional
 *   `UpdateItem`), never the window.
 * - `attemptAndVerify` is one conditional `UpdateItem` on the window with `ReturnValues: ALL_NEW`, so
 *   the code it classifies is the one stored at the instant the attempt was recorded (a refusal is
 *   classified on the item DynamoDB returned during the call); `verify` is one strongly consistent
 *   `GetItem`.
 * - The code is used by `DynamoUserStore.update` with `consume`: an `Update` of this item
 *   (`codeHmac = :h AND attribute_not_exists(consumedAt) AND expiresAt > :now`) in the same
 *   `TransactWriteItems` as the user, so exactly one concurrent caller wins and the code is never used
 *   without the password being written. Both stores must use the same table.
 *
 * The item's TTL is the code's expiry plus `retentionSeconds` after an issue, the newest attempt plus
 * the window plus `retentionSeconds` after an attempt.
 *
 * @example
 * ```ts
 * const codes = new DynamoRecoveryCodeStore({ client: dynamodb, tableName: 'cognito-recovery' });
 * await codes.issue(poolId, 'alice', { codeHmac, issuedAt: now, expiresAt: now + 3_600_000 });
 * await codes.attemptAndVerify(poolId, 'alice', codeHmac, now, { max: 5, windowMs: 3_600_000 });
 * // ok({ allowed: true, outcome: 'valid' }): one UpdateItem
 * ```
 * @group Adapters
 */
export class DynamoRecoveryCodeStore implements RecoveryCodeStore {
  readonly #options: DynamoTableOptions;
  readonly #retentionMs: number;
  readonly #windows: SlidingWindowItems;

  /** @param options - the table, and how long expired codes are kept. */
  constructor(options: DynamoRecoveryCodeStoreOptions) {
    this.#options = options;
    const retentionMs = (options.retentionSeconds ?? 86_400) * 1000;
    this.#retentionMs = retentionMs;
    this.#windows = new SlidingWindowItems(options, PORT, (newest, windowMs) => newest + windowMs + retentionMs);
  }

  /** Stores the code as the user's only one (`UpdateItem`, replacing any previous code, used or not; the attempt window stays). */
  issue(userPoolId: string, username: string, code: StoredCode): ResultAsync<void, PortFailure> {
    return this.#updateCode(userPoolId, username, {
      UpdateExpression: 'SET codeHmac = :h, issuedAt = :issued, expiresAt = :expires, #ttl = :ttl REMOVE consumedAt',
      ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
      ExpressionAttributeValues: {
        ':h': str(code.codeHmac),
        ':issued': num(code.issuedAt),
        ':expires': num(code.expiresAt),
        ':ttl': num(ttlSeconds(code.expiresAt + this.#retentionMs)),
      },
    }).mapErr((failure) => asPortFailure(PORT, failure));
  }

  /** What a consuming write would find now (`valid` for `consumed`), from one strongly consistent `GetItem`. */
  verify(userPoolId: string, username: string, codeHmac: string, now: number): ResultAsync<VerifyOutcome, PortFailure> {
    return this.#windows.read(codeKey(userPoolId, username)).map((item) => classifyCode(item, codeHmac, now));
  }

  /** Records the attempt on the code item's window and classifies the code as stored at that instant: one `UpdateItem` in the common case. */
  attemptAndVerify(userPoolId: string, username: string, codeHmac: string, now: number, limit: AttemptLimit): ResultAsync<AttemptVerdict, PortFailure> {
    return this.#windows
      .attempt(codeKey(userPoolId, username), limit.max, limit.windowMs, now)
      .map(({ allowed, item }) => ({ allowed, outcome: classifyCode(item, codeHmac, now) }));
  }

  /** Removes the user's code, used or not (a conditional `UpdateItem`); the attempt window stays. */
  clear(userPoolId: string, username: string): ResultAsync<void, PortFailure> {
    return this.#removeCode(userPoolId, username, 'attribute_exists(pk)', undefined);
  }

  /** Removes the code fields when `condition` holds (never creating an item); a failed condition is no error. */
  #removeCode(userPoolId: string, username: string, condition: string, values: Item | undefined): ResultAsync<void, PortFailure> {
    return this.#updateCode(userPoolId, username, {
      UpdateExpression: `REMOVE ${CODE_FIELDS}`,
      ConditionExpression: condition,
      ...(values === undefined ? {} : { ExpressionAttributeValues: values }),
    }).orElse((failure) => (failure.kind === 'ConditionFailed' ? okAsync(undefined) : errAsync(asPortFailure(PORT, failure))));
  }

  /** One `UpdateItem` of the user's code item. */
  #updateCode(userPoolId: string, username: string, update: Omit<UpdateItemCommandInput, 'TableName' | 'Key'>): ResultAsync<void, DynamoFailure> {
    const { client, tableName } = this.#options;
    return request(PORT, 'UpdateItem', () => client.send(new UpdateItemCommand({ TableName: tableName, Key: codeKey(userPoolId, username), ...update }))).map(
      () => undefined,
    );
  }
}

/**
 * What a consuming write would find on the code item, as the memory store classifies it: `valid`
 * means it would use the code.
 *
 * @internal
 */
export function classifyCode(item: Item | undefined, codeHmac: string, now: number): VerifyOutcome {
  const stored = readString(item, 'codeHmac');
  const expiresAt = readNumber(item, 'expiresAt');
  const fields = stored === undefined || expiresAt === undefined ? undefined : { codeHmac: stored, expiresAt, consumedAt: readNumber(item, 'consumedAt') };
  return classifyStoredCode(fields, codeHmac, now);
}
