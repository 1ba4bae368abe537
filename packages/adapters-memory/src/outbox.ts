import type { Clock, DeliveryFailure, MessageSender, OutgoingMessage, PortFailure } from '@cognito-recovery/core';
import { SYSTEM_CLOCK } from '@cognito-recovery/core/rules';
import { errAsync, type ResultAsync } from 'neverthrow';
import { OK_UNDEFINED } from './resolved.js';

/**
 * A message the {@link Outbox} accepted: the {@link OutgoingMessage}'s fields but the pool's
 * configurations, and when it was sent.
 *
 * @group Adapters
 */
export interface SentMessage extends Pick<OutgoingMessage, 'userPoolId' | 'username' | 'medium' | 'destination' | 'subject' | 'body' | 'code'> {
  /** When it was sent, as an ISO 8601 string from the outbox's clock. */
  readonly sentAt: string;
}

/** A message as recorded: `sentAt` as epoch ms. */
type Recorded = Omit<SentMessage, 'sentAt'> & { readonly sentAtMs: number };

function toSent(recorded: Recorded): SentMessage {
  const { sentAtMs, ...rest } = recorded;
  return { ...rest, sentAt: new Date(sentAtMs).toISOString() };
}

/**
 * A {@link MessageSender} that delivers nothing and records every message, newest last, so tests can
 * read the code a user was sent. It can be told to fail the next sends, to test delivery failures.
 *
 * @example
 * ```ts
 * const outbox = new Outbox(clock);
 * // … ForgotPassword for alice …
 * const code = outbox.latestCodeFor(poolId, 'alice');
 * outbox.failNext(1, 'SES is down'); // the next send answers a DeliveryFailure
 * ```
 * @group Adapters
 */
export class Outbox implements MessageSender {
  readonly #clock: Clock;
  readonly #limit: number;
  /** Newest last; `sentAt` is kept as epoch ms and formatted when read (sending is the hot path). */
  readonly #messages: Recorded[] = [];
  #failures: { remaining: number; failure: DeliveryFailure } | undefined;

  /**
   * @param clock - gives `sentAt` (default: the system clock).
   * @param options - `limit`: how many messages are kept, the oldest dropped first (default 10,000),
   *   so a long-running local server does not grow without bound.
   */
  constructor(clock: Clock = SYSTEM_CLOCK, options: { readonly limit?: number } = {}) {
    this.#clock = clock;
    this.#limit = Math.max(1, options.limit ?? 10_000);
  }

  /** Records the message, or fails with a `DeliveryFailure` (recording nothing) while {@link Outbox.failNext} is in force. */
  send(message: OutgoingMessage): ResultAsync<void, DeliveryFailure | PortFailure> {
    const failures = this.#failures;
    if (failures !== undefined) {
      failures.remaining -= 1;
      if (failures.remaining <= 0) this.#failures = undefined;
      return errAsync(failures.failure);
    }
    const messages = this.#messages;
    messages.push({
      userPoolId: message.userPoolId,
      username: message.username,
      medium: message.medium,
      destination: message.destination,
      subject: message.subject,
      body: message.body,
      code: message.code,
      sentAtMs: this.#clock.now(),
    });
    // Dropping in batches keeps the cost amortised O(1) per message.
    if (messages.length >= 2 * this.#limit) messages.splice(0, messages.length - this.#limit);
    return OK_UNDEFINED;
  }

  /** Every message sent, oldest first (a copy). */
  messages(): readonly SentMessage[] {
    const kept = this.#messages;
    const from = Math.max(0, kept.length - this.#limit);
    const out: SentMessage[] = [];
    for (let i = from; i < kept.length; i++) {
      const recorded = kept[i];
      if (recorded !== undefined) out.push(toSent(recorded));
    }
    return out;
  }

  /** The last message sent to the user, or `undefined`. */
  latestFor(userPoolId: string, username: string): SentMessage | undefined {
    const kept = this.#messages;
    const from = Math.max(0, kept.length - this.#limit);
    for (let i = kept.length - 1; i >= from; i--) {
      const message = kept[i];
      if (message !== undefined && message.userPoolId === userPoolId && message.username === username) return toSent(message);
    }
    return undefined;
  }

  /** The code of the last message sent to the user, or `undefined`. */
  latestCodeFor(userPoolId: string, username: string): string | undefined {
    return this.latestFor(userPoolId, username)?.code;
  }

  /**
   * Makes the next `count` sends fail with a `DeliveryFailure` carrying `reason` (and `exception`,
   * when given); `failNext(0, …)` cancels a pending failure.
   *
   * @throws RangeError when `count` is not a non-negative integer.
   */
  failNext(count: number, reason: string, exception?: DeliveryFailure['exception']): void {
    if (!Number.isSafeInteger(count) || count < 0) throw new RangeError('failNext(count) needs a non-negative integer');
    this.#failures =
      count === 0
        ? undefined
        : { remaining: count, failure: exception === undefined ? { kind: 'DeliveryFailure', reason } : { kind: 'DeliveryFailure', reason, exception } };
  }

  /** Forgets every message and any pending failure. */
  clear(): void {
    this.#messages.length = 0;
    this.#failures = undefined;
  }
}
