import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { DeliveryFailure, MessageSender, OutgoingMessage, PortFailure } from '@cognito-recovery/core';
import { errAsync, ResultAsync } from 'neverthrow';
import { awsFailure, errorName, isThrottling } from './aws-failure.js';

/**
 * Options of the {@link SesMessageSender}.
 *
 * @group Adapters
 */
export interface SesMessageSenderOptions {
  /** From address when the pool's `EmailConfiguration` has none (a `COGNITO_DEFAULT` pool), e.g. `no-reply@example.com`. */
  readonly defaultFrom?: string | undefined;
}

/** SES exceptions that mean this message cannot be delivered (not a failure of the service). */
const UNDELIVERABLE = new Set([
  'MessageRejected',
  'MailFromDomainNotVerifiedException',
  'AccountSuspendedException',
  'SendingPausedException',
  'NotFoundException',
  'BadRequestException',
]);
const ACCESS_DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'NotAuthorizedException']);

/**
 * A {@link MessageSender} for email over SES v2 `SendEmail`: From, reply-to, the SES identity ARN and
 * the configuration set come from the pool's `EmailConfiguration`, the subject and the text body
 * from the message. Rejections (unverified identity, suspended account, …) are a `DeliveryFailure`,
 * a sending quota `LimitExceededException`, an access problem `InvalidEmailRoleAccessPolicyException`
 * (R5.7); throttling and other errors a `PortFailure`. The code is never logged.
 *
 * @example
 * ```ts
 * const email = new SesMessageSender(new SESv2Client({ region: 'us-east-1' }), { defaultFrom: 'no-reply@example.com' });
 * ```
 * @group Adapters
 */
export class SesMessageSender implements MessageSender {
  readonly #client: SESv2Client;
  readonly #defaultFrom: string | undefined;

  /**
   * @param client - the SES v2 client.
   * @param options - the default From address.
   */
  constructor(client: SESv2Client, options: SesMessageSenderOptions = {}) {
    this.#client = client;
    this.#defaultFrom = options.defaultFrom;
  }

  /** Sends the email (an SMS message is refused as a `DeliveryFailure`). */
  send(message: OutgoingMessage): ResultAsync<void, DeliveryFailure | PortFailure> {
    if (message.medium !== 'EMAIL') return errAsync({ kind: 'DeliveryFailure', reason: 'SesMessageSender only sends email' });
    const config = message.emailConfiguration;
    const from = config.from ?? this.#defaultFrom;
    if (from === undefined) return errAsync({ kind: 'DeliveryFailure', reason: 'no From address: set EmailConfiguration.From or defaultFrom' });
    const command = new SendEmailCommand({
      FromEmailAddress: from,
      ...(config.sourceArn === undefined ? {} : { FromEmailAddressIdentityArn: config.sourceArn }),
      ...(config.replyToEmailAddress === undefined ? {} : { ReplyToAddresses: [config.replyToEmailAddress] }),
      ...(config.configurationSet === undefined ? {} : { ConfigurationSetName: config.configurationSet }),
      Destination: { ToAddresses: [message.destination] },
      Content: {
        Simple: {
          Subject: { Data: message.subject ?? '', Charset: 'UTF-8' },
          Body: { Text: { Data: message.body, Charset: 'UTF-8' } },
        },
      },
    });
    return ResultAsync.fromPromise(this.#client.send(command), (error) =>
      deliveryError('MessageSender', 'SES SendEmail', error, UNDELIVERABLE, 'InvalidEmailRoleAccessPolicyException'),
    ).map(() => undefined);
  }
}

/**
 * Maps a sender's exception: throttling → throttled `PortFailure`; a quota → `LimitExceededException`;
 * access denied → the role exception; an undeliverable message → `DeliveryFailure`; anything else →
 * `PortFailure`.
 *
 * @internal
 */
export function deliveryError(
  port: string,
  action: string,
  error: unknown,
  undeliverable: ReadonlySet<string>,
  accessException: 'InvalidEmailRoleAccessPolicyException' | 'InvalidSmsRoleAccessPolicyException',
): DeliveryFailure | PortFailure {
  const name = errorName(error);
  if (isThrottling(error)) return awsFailure(port, action)(error);
  if (name === 'LimitExceededException') return { kind: 'DeliveryFailure', reason: `${action}: ${name}`, exception: 'LimitExceededException' };
  if (ACCESS_DENIED.has(name) || name === 'AuthorizationErrorException')
    return { kind: 'DeliveryFailure', reason: `${action}: ${name}`, exception: accessException };
  if (undeliverable.has(name)) return { kind: 'DeliveryFailure', reason: `${action}: ${name}` };
  return awsFailure(port, action)(error);
}
