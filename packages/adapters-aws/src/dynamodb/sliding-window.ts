/**
 * The exact sliding-window attempt counter on one DynamoDB item, shared by the attempt limiter
 * (`limit#<key>` items) and the code store (the confirm-attempt window on the code item).
 *
 * @module
 * @internal
 */
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { PortFailure } from '@cognito-recovery/core';
import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import {
  asPortFailure,
  getItem,
  itemAsIs,
  num,
  readNumber,
  request,
  TTL_ATTRIBUTE,
  ttlSeconds,
  unexpected,
  type DynamoTableOptions,
  type Item,
} from './table.js';

/** How many items a window counter remembers the last written state of (per process). */
const KNOWN_ITEMS = 10_000;

/** The stored window of one item: the recorded attempts and the version that guards writes. */
interface Window {
  readonly version: number;
  readonly stamps: readonly number[];
}

/** What a conditional write did: wrote (with the item as it is now), or found the item in another state. */
type WriteOutcome = { readonly written: true; readonly item: Item } | { readonly written: false; readonly current: Item | undefined };

/**
 * The answer of {@link SlidingWindowItems.attempt}: the decision, the count in the window (this
 * attempt included when allowed), and the whole item as DynamoDB answered it during the call (after
 * the write when allowed, as read when refused), so other attributes of the item can be read at the
 * same instant.
 *
 * @internal
 */
export interface WindowAttempt {
  readonly allowed: boolean;
  readonly count: number;
  readonly item: Item | undefined;
}

/**
 * Sliding windows kept on DynamoDB items as `stamps` (the times of the attempts still in the window),
 * `newest` and a `version`; the item may hold other attributes, which are left alone. An attempt is
 * one conditional `UpdateItem` (`ReturnValues: ALL_NEW`):
 *
 * - when the item has no attempt in the window (no item, no window on it, or
 *   `newest <= now - windowMs`), the window is reset to this attempt without being read (one request);
 * - otherwise the attempt is recorded only if the version is still the one the decision was made on
 *   (compare-and-set); a failed condition returns the current item (`ALL_OLD`), the decision is made
 *   again on it and, if still allowed, written again. Each failure means another caller's write
 *   succeeded, so the loop always progresses.
 *
 * A refusal is answered only from an item DynamoDB returned during the call and writes nothing. The
 * last window written per item is remembered per process (bounded), so repeated attempts from one
 * process also cost one request.
 *
 * @internal
 */
export class SlidingWindowItems {
  readonly #options: DynamoTableOptions;
  readonly #port: string;
  readonly #ttl: (newest: number, windowMs: number) => number;
  readonly #known = new Map<string, Window>();

  /**
   * @param options - the table.
   * @param port - the port named in failures.
   * @param ttl - the item's TTL (epoch ms) after a write whose newest attempt is `newest`.
   */
  constructor(options: DynamoTableOptions, port: string, ttl: (newest: number, windowMs: number) => number) {
    this.#options = options;
    this.#port = port;
    this.#ttl = ttl;
  }

  /** Records and allows the attempt if fewer than `limit` are in `(now - windowMs, now]`; otherwise refuses it without recording. */
  attempt(key: Item, limit: number, windowMs: number, now: number): ResultAsync<WindowAttempt, PortFailure> {
    if (limit < 1) return this.read(key).map((item) => ({ allowed: false, count: countIn(item, windowMs, now), item }));
    const known = this.#known.get(cacheKey(key));
    const cutoff = now - windowMs;
    const guess = known !== undefined && known.stamps.some((t) => t > cutoff) ? known : undefined;
    return this.#step(key, limit, windowMs, now, guess, false, 2 * limit + 16);
  }

  /** The item, from one strongly consistent `GetItem`. */
  read(key: Item): ResultAsync<Item | undefined, PortFailure> {
    return getItem(this.#options, this.#port, key, itemAsIs);
  }

  /**
   * One decision and its write. `state` undefined means "no attempt in the window" is assumed (fresh
   * write); `authoritative` says whether `state` (and `item`) came from DynamoDB during this call.
   */
  #step(
    key: Item,
    limit: number,
    windowMs: number,
    now: number,
    state: Window | undefined,
    authoritative: boolean,
    budget: number,
    item?: Item,
  ): ResultAsync<WindowAttempt, PortFailure> {
    if (budget <= 0) return errAsync(unexpected(this.#port, 'too much contention on one key'));
    const again = (current: Item | undefined): ResultAsync<WindowAttempt, PortFailure> =>
      this.#step(key, limit, windowMs, now, toWindow(current), true, budget - 1, current);
    const cutoff = now - windowMs;
    if (state === undefined) {
      return this.#write(key, undefined, [now], windowMs).andThen((outcome) =>
        outcome.written ? okAsync({ allowed: true, count: 1, item: outcome.item }) : again(outcome.current),
      );
    }
    const kept = state.stamps.filter((t) => t > cutoff);
    const counted = inWindow(kept, cutoff, now).length;
    if (counted >= limit) {
      if (authoritative) return okAsync({ allowed: false, count: counted, item });
      return this.read(key).andThen(again);
    }
    return this.#write(
      key,
      state,
      [...kept, now].sort((a, b) => a - b),
      windowMs,
    ).andThen((outcome) => (outcome.written ? okAsync({ allowed: true, count: counted + 1, item: outcome.item }) : again(outcome.current)));
  }

  /**
   * Writes `stamps` if the item's window is still at `expected` (or, when `expected` is undefined, if
   * the item has no attempt in the window); otherwise answers the item as it is.
   */
  #write(key: Item, expected: Window | undefined, stamps: readonly number[], windowMs: number): ResultAsync<WriteOutcome, PortFailure> {
    const { client, tableName } = this.#options;
    const newest = Math.max(...stamps);
    const values: Item = {
      ':stamps': { L: stamps.map((t) => num(t)) },
      ':newest': num(newest),
      ':ttl': num(ttlSeconds(this.#ttl(newest, windowMs))),
      ':one': num(1),
    };
    let condition: string;
    let version: string;
    if (expected === undefined) {
      condition = 'attribute_not_exists(#newest) OR #newest <= :cutoff';
      version = 'if_not_exists(#version, :zero) + :one';
      values[':cutoff'] = num(newest - windowMs);
      values[':zero'] = num(0);
    } else {
      condition = '#version = :version';
      version = ':version + :one';
      values[':version'] = num(expected.version);
    }
    return request(this.#port, 'UpdateItem', () =>
      client.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: key,
          UpdateExpression: `SET #stamps = :stamps, #newest = :newest, #ttl = :ttl, #version = ${version}`,
          ConditionExpression: condition,
          ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE, '#stamps': 'stamps', '#newest': 'newest', '#version': 'version' },
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    )
      .andThen((output): ResultAsync<WriteOutcome, PortFailure> => {
        const item = output.Attributes ?? {};
        const written = readNumber(item, 'version');
        if (written !== undefined) this.#remember(cacheKey(key), { version: written, stamps });
        return okAsync({ written: true, item });
      })
      .orElse((failure): ResultAsync<WriteOutcome, PortFailure> => {
        if (failure.kind !== 'ConditionFailed') return errAsync(asPortFailure(this.#port, failure));
        if (failure.item !== undefined) return okAsync({ written: false, current: failure.item });
        return this.read(key).map((current): WriteOutcome => ({ written: false, current }));
      });
  }

  #remember(key: string, window: Window): void {
    this.#known.delete(key);
    this.#known.set(key, window);
    if (this.#known.size > KNOWN_ITEMS) {
      const oldest = this.#known.keys().next();
      if (oldest.done !== true) this.#known.delete(oldest.value);
    }
  }
}

function cacheKey(key: Item): string {
  return `${key['pk']?.S ?? ''}\u0000${key['sk']?.S ?? ''}`;
}

/** The window on an item; `undefined` when the item has none (it was never attempted). */
function toWindow(item: Item | undefined): Window | undefined {
  const version = readNumber(item, 'version');
  if (item === undefined || version === undefined) return undefined;
  const stamps = (item['stamps']?.L ?? []).map((v) => Number(v.N)).filter((t) => Number.isFinite(t));
  return { version, stamps };
}

/** Attempts on the item in `(now - windowMs, now]`. @internal */
export function countIn(item: Item | undefined, windowMs: number, now: number): number {
  const window = toWindow(item);
  return window === undefined ? 0 : inWindow(window.stamps, now - windowMs, now).length;
}

/** The stamps in `(cutoff, now]` (stamps after `now` come from callers whose clock is ahead). */
function inWindow(stamps: readonly number[], cutoff: number, now: number): number[] {
  return stamps.filter((t) => t > cutoff && t <= now);
}
