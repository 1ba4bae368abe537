import type { DeliveryFailure, MessageSender, OutgoingMessage, PortFailure } from '@cognito-recovery/core';
import type { ResultAsync } from 'neverthrow';

/**
 * A {@link MessageSender} that hands emails to `email` and SMS to `sms`.
 *
 * @example
 * ```ts
 * const sender = routingMessageSender(new SesMessageSender(ses, { defaultFrom }), new SnsMessageSender(sns));
 * ```
 * @group Adapters
 */
export function routingMessageSender(email: MessageSender, sms: MessageSender): MessageSender {
  return {
    send(message: OutgoingMessage): ResultAsync<void, DeliveryFailure | PortFailure> {
      return message.medium === 'EMAIL' ? email.send(message) : sms.send(message);
    },
  };
}
