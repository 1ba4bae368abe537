import { PublishCommand, type MessageAttributeValue, type SNSClient } from '@aws-sdk/client-sns';
import type { DeliveryFailure, MessageSender, OutgoingMessage, PortFailure } from '@cognito-recovery/core';
import { errAsync, ResultAsync } from 'neverthrow';
import { deliveryError } from './ses-message-sender.js';

/**
 * Options of the {@link SnsMessageSender}: the origination settings Cognito takes from the account's
 * SNS / End User Messaging configuration.
 *
 * @group Adapters
 */
export interface SnsMessageSenderOptions {
  /** `AWS.SNS.SMS.SenderID`, where the destination country supports sender ids. */
  readonly senderId?: string | undefined;
  /** `AWS.MM.SMS.OriginationNumber`: the number (or short code) to send from. */
  readonly originationNumber?: string | undefined;
  /** `AWS.SNS.SMS.SMSType` (default `Transactional`, as codes are). */
  readonly smsType?: 'Transactional' | 'Promotional' | undefined;
}

const UNDELIVERABLE = new Set([
  'InvalidParameterException',
  'InvalidParameterValueException',
  'OptedOutException',
  'EndpointDisabledException',
  'KMSDisabledException',
  'KMSNotFoundException',
]);

/**
 * A {@link MessageSender} for SMS over SNS `Publish` to a phone number, with the SMS type, sender id
 * and origination number given in the options. An invalid number is a `DeliveryFailure`, an
 * authorization error `InvalidSmsRoleAccessPolicyException` (R5.7), throttling and other errors a
 * `PortFailure`. The code is never logged.
 *
 * @example
 * ```ts
 * const sms = new SnsMessageSender(new SNSClient({ region: 'us-east-1' }), { senderId: 'MyApp' });
 * ```
 * @group Adapters
 */
export class SnsMessageSender implements MessageSender {
  readonly #client: SNSClient;
  readonly #attributes: Record<string, MessageAttributeValue>;

  /**
   * @param client - the SNS client (in `SmsConfiguration.SnsRegion` when the pool sets one).
   * @param options - the origination settings.
   */
  constructor(client: SNSClient, options: SnsMessageSenderOptions = {}) {
    this.#client = client;
    const attributes: Record<string, MessageAttributeValue> = {
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: options.smsType ?? 'Transactional' },
    };
    if (options.senderId !== undefined) attributes['AWS.SNS.SMS.SenderID'] = { DataType: 'String', StringValue: options.senderId };
    if (options.originationNumber !== undefined) attributes['AWS.MM.SMS.OriginationNumber'] = { DataType: 'String', StringValue: options.originationNumber };
    this.#attributes = attributes;
  }

  /** Publishes the SMS (an email message is refused as a `DeliveryFailure`). */
  send(message: OutgoingMessage): ResultAsync<void, DeliveryFailure | PortFailure> {
    if (message.medium !== 'SMS') return errAsync({ kind: 'DeliveryFailure', reason: 'SnsMessageSender only sends SMS' });
    const command = new PublishCommand({ PhoneNumber: message.destination, Message: message.body, MessageAttributes: this.#attributes });
    return ResultAsync.fromPromise(this.#client.send(command), (error) =>
      deliveryError('MessageSender', 'SNS Publish', error, UNDELIVERABLE, 'InvalidSmsRoleAccessPolicyException'),
    ).map(() => undefined);
  }
}
