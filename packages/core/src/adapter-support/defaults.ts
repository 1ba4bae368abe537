/**
 * Defaults the adapters' compositions share.
 *
 * @module
 */
import { errAsync } from 'neverthrow';
import type { Clock } from '../ports/clock.js';
import type { MessageSender } from '../ports/message-sender.js';

/**
 * The system clock (`Date.now()`), the compositions' default `Clock`.
 *
 * @example
 * ```ts
 * const clock = options.clock ?? SYSTEM_CLOCK;
 * ```
 * @group Composition
 */
export const SYSTEM_CLOCK: Clock = { now: () => Date.now() };

/**
 * A sender for a channel a composition has no means to deliver on: every send is a
 * `DeliveryFailure` with `reason` (the caller gets `CodeDeliveryFailureException`).
 *
 * @example
 * ```ts
 * const sender = options.sender ?? undeliverable('no message sender configured');
 * ```
 * @group Composition
 */
export function undeliverable(reason: string): MessageSender {
  return { send: () => errAsync({ kind: 'DeliveryFailure', reason }) };
}
