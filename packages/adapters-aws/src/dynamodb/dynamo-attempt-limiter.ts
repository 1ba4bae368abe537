import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { AttemptDecision, AttemptLimiter, PortFailure } from '@cognito-recovery/core';
import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { asPortFailure, key, num, plainRequest, readNumber, request, TTL_ATTRIBUTE, ttlSeconds, unexpected, type DynamoTableOptions, type Item } from './table.js';

const PORT = 'AttemptLimiter';
/** How many keys the limiter remembers the last written state of (per process). */
const KNOWN_KEYS = 10_000;

/** The stored window of one key: the recorded attempts and the version that guards writes. */
interface Window {
  readonly version: number;
  readonly stamps: readonly number[];
}

/** What a conditional write did: wrote, or found the item in another state. */
type WriteOutcome = { readonly written: true } | { readonly written: false; readonly current: Window | undefined };

/** The limit item's key: `pk = limit#<key>`, `sk = limit`. @internal */
export function limitKey(limiterKey: string): Item {
  return key(`limit#${limiterKey}`, 'limit');
}

/**
 * A sliding-window {@link AttemptLimiter} on DynamoDB, exact like the memory limiter. Each key is one
 * item holding the times of the attempts still in the window (`stamps`), the newest of them, a
 * version and a TTL (newest attempt + window). An attempt is one conditional `UpdateItem`:
 *
 * - when the key has no attempt in the window (no item, or `newest <= now - windowMs`), the item is
 *   reset to this attempt without being read (the common case: one request);
 * - otherwise the attempt is recorded only if the version is still the one the decision was made on
 *   (compare-and-set); a failed condition returns the current item (`ALL_OLD`), the decision is made
 *   again on it and, if still allowed, written again. Each failure means another caller's write
 *   succeeded, so the loop always progresses.
 *
 * A refusal is answered only from a state DynamoDB returned during the call and writes nothing. The
 * last state each key was written with is remembered per process (bounded), so repeated attempts from
 * one process also cost one request.
 *
 * @example
 * ```ts
 * const limiter = new DynamoAttemptLimiter({ client: dynamodb, tableName: 'cognito-recovery' });
 * await limiter.attempt('fp:pool:alice', 5, 3_600_000, Date.now()); // ok({ allowed: true, count: 1 })
 * ```
 * @group Adapters
 */
export class DynamoAttemptLimiter implements AttemptLimiter {
  readonly #options: DynamoTableOptions;
  readonly #known = new Map<string, Window>();

  /** @param options - the table. */
  constructor(options: DynamoTableOptions) {
    this.#options = options;
  }

  /** Records and allows the attempt if fewer than `limit` are in `(now - windowMs, now]`; otherwise refuses it without recording. */
  attempt(key: string, limit: number, windowMs: number, now: number): ResultAsync<AttemptDecision, PortFailure> {
    if (limit < 1) return this.count(key, windowMs, now).map((count) => ({ allowed: false, count }));
    const known = this.#known.get(key);
    const cutoff = now - windowMs;
    const guess = known !== undefined && known.stamps.some((t) => t > cutoff) ? known : undefined;
    return this.#step(key, limit, windowMs, now, guess, false, 2 * limit + 16);
  }

  /** Attempts recorded for `key` in `(now - windowMs, now]`, from one strongly consistent `GetItem`. */
  count(key: string, windowMs: number, now: number): ResultAsync<number, PortFailure> {
    return this.#read(key).map((window) => (window === undefined ? 0 : inWindow(window.stamps, now - windowMs, now).length));
  }

  /**
   * One decision and its write. `state` undefined means "no attempt in the window" is assumed (fresh
   * write); `authoritative` says whether `state` came from DynamoDB during this call.
   */
  #step(
    key: string,
    limit: number,
    windowMs: number,
    now: number,
    state: Window | undefined,
    authoritative: boolean,
    budget: number,
  ): ResultAsync<AttemptDecision, PortFailure> {
    if (budget <= 0) return errAsync(unexpected(PORT, 'too much contention on one key'));
    const cutoff = now - windowMs;
    if (state === undefined) {
      return this.#write(key, undefined, [now], windowMs).andThen((outcome) =>
        outcome.written ? okAsync({ allowed: true, count: 1 }) : this.#step(key, limit, windowMs, now, outcome.current, true, budget - 1),
      );
    }
    const kept = state.stamps.filter((t) => t > cutoff);
    const counted = inWindow(kept, cutoff, now).length;
    if (counted >= limit) {
      if (authoritative) return okAsync({ allowed: false, count: counted });
      return this.#read(key).andThen((current) => this.#step(key, limit, windowMs, now, current, true, budget - 1));
    }
    return this.#write(key, state, [...kept, now].sort((a, b) => a - b), windowMs).andThen((outcome) =>
      outcome.written ? okAsync({ allowed: true, count: counted + 1 }) : this.#step(key, limit, windowMs, now, outcome.current, true, budget - 1),
    );
  }

  /**
   * Writes `stamps` if the item is still at `expected` (or, when `expected` is undefined, if the key
   * has no attempt in the window); otherwise answers the item as it is.
   */
  #write(key: string, expected: Window | undefined, stamps: readonly number[], windowMs: number): ResultAsync<WriteOutcome, PortFailure> {
    const { client, tableName } = this.#options;
    const newest = Math.max(...stamps);
    const values: Item = {
      ':stamps': { L: stamps.map((t) => num(t)) },
      ':newest': num(newest),
      ':ttl': num(ttlSeconds(newest + windowMs)),
      ':one': num(1),
    };
    let condition: string;
    let version: string;
    if (expected === undefined) {
      condition = 'attribute_not_exists(pk) OR #newest <= :cutoff';
      version = 'if_not_exists(#version, :zero) + :one';
      values[':cutoff'] = num(newest - windowMs);
      values[':zero'] = num(0);
    } else {
      condition = '#version = :version';
      version = ':version + :one';
      values[':version'] = num(expected.version);
    }
    return request(PORT, 'UpdateItem', () =>
      client.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: limitKey(key),
          UpdateExpression: `SET #stamps = :stamps, #newest = :newest, #ttl = :ttl, #version = ${version}`,
          ConditionExpression: condition,
          ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE, '#stamps': 'stamps', '#newest': 'newest', '#version': 'version' },
          ExpressionAttributeValues: values,
          ReturnValues: 'UPDATED_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    )
      .map((output): WriteOutcome => {
        const written = readNumber(output.Attributes, 'version');
        if (written !== undefined) this.#remember(key, { version: written, stamps });
        return { written: true };
      })
      .orElse((failure): ResultAsync<WriteOutcome, PortFailure> => {
        if (failure.kind !== 'ConditionFailed') return errAsync(asPortFailure(PORT, failure));
        if (failure.item !== undefined) return okAsync({ written: false, current: toWindow(failure.item) });
        return this.#read(key).map((current): WriteOutcome => ({ written: false, current }));
      });
  }

  #read(key: string): ResultAsync<Window | undefined, PortFailure> {
    const { client, tableName } = this.#options;
    return plainRequest(PORT, 'GetItem', () => client.send(new GetItemCommand({ TableName: tableName, Key: limitKey(key), ConsistentRead: true }))).map(
      (output) => (output.Item === undefined ? undefined : toWindow(output.Item)),
    );
  }

  #remember(key: string, window: Window): void {
    this.#known.delete(key);
    this.#known.set(key, window);
    if (this.#known.size > KNOWN_KEYS) {
      const oldest = this.#known.keys().next();
      if (oldest.done !== true) this.#known.delete(oldest.value);
    }
  }
}

function toWindow(item: Item): Window {
  const stamps = (item['stamps']?.L ?? []).map((v) => Number(v.N)).filter((t) => Number.isFinite(t));
  return { version: readNumber(item, 'version') ?? 0, stamps };
}

/** The stamps in `(cutoff, now]` (stamps after `now` come from callers whose clock is ahead). */
function inWindow(stamps: readonly number[], cutoff: number, now: number): number[] {
  return stamps.filter((t) => t > cutoff && t <= now);
}
