/**
 * What a test reads back from a sender's backend: the messages that reached it.
 *
 * @module
 */
import type { DeliveryMedium } from '../index.js';

/**
 * A message as the backend behind a `MessageSender` received it (the memory outbox, moto's SES and
 * SNS, a mail catcher…): enough to check where it went and what the user reads. A backend that knows
 * more (the pool, the username, the code) may say so; the suites rely only on the required fields and
 * read the code from the body, as the user does.
 *
 * @example
 * ```ts
 * const delivered: DeliveredMessage[] = outbox.messages().map(({ medium, destination, subject, body }) => ({ medium, destination, subject, body }));
 * ```
 * @group Testing
 */
export interface DeliveredMessage {
  /** EMAIL or SMS. */
  readonly medium: DeliveryMedium;
  /** The full address or phone number it reached. */
  readonly destination: string;
  /** The email subject (EMAIL only; `undefined` or absent for SMS). */
  readonly subject?: string | undefined;
  /** The text the user reads, code included. */
  readonly body: string;
}

/**
 * Reads back what reached a backend, oldest first: every message, or at least every message sent to
 * the destinations a test used (a backend shared with other tests may hold theirs too).
 *
 * @example
 * ```ts
 * const readBack: ReadDeliveries = () => outbox.messages();
 * ```
 * @group Testing
 */
export type ReadDeliveries = () => readonly DeliveredMessage[] | Promise<readonly DeliveredMessage[]>;

/**
 * The code in a delivered message as the user reads it: the first run of six digits in the body (the
 * default template, R7.1, D11).
 *
 * @example
 * ```ts
 * expect(codeIn({ medium: 'SMS', destination: '+15555550100', body: 'Your verification code is 123456. ' })).toBe('123456');
 * ```
 * @group Testing
 */
export function codeIn(message: Pick<DeliveredMessage, 'body'>): string | undefined {
  return /(?<!\d)\d{6}(?!\d)/u.exec(message.body)?.[0];
}
