import type { ResultAsync } from 'neverthrow';
import type { PortFailure } from '../errors.js';
import type { EmailConfiguration, SmsConfiguration } from '../model/user-pool.js';

/** `EMAIL` or `SMS` (R6.1). @group Ports */
export type DeliveryMedium = 'EMAIL' | 'SMS';

/**
 * A message carrying a code. `code` is there for adapters that record messages for tests (the
 * memory outbox); real senders must not log or store it.
 *
 * @group Ports
 */
export interface OutgoingMessage {
  /** The pool. */
  readonly userPoolId: string;
  /** The canonical username. */
  readonly username: string;
  /** EMAIL or SMS. */
  readonly medium: DeliveryMedium;
  /** The full, unmasked address or phone number. */
  readonly destination: string;
  /** Email subject (EMAIL only). */
  readonly subject: string | undefined;
  /** The rendered body, code included. */
  readonly body: string;
  /** The code in the body. */
  readonly code: string;
  /** The pool's email configuration (EMAIL). */
  readonly emailConfiguration: EmailConfiguration;
  /** The pool's SMS configuration (SMS). */
  readonly smsConfiguration: SmsConfiguration | undefined;
}

/** The sender could not deliver (D15) or its role is unusable (R5.7). @group Ports */
export interface DeliveryFailure {
  /** Discriminant. */
  readonly kind: 'DeliveryFailure';
  /** Why, for logs. */
  readonly reason: string;
  /** The specific Cognito exception, when the cause is a role or quota problem. */
  readonly exception?:
    | 'InvalidEmailRoleAccessPolicyException'
    | 'InvalidSmsRoleAccessPolicyException'
    | 'InvalidSmsRoleTrustRelationshipException'
    | 'LimitExceededException'
    | undefined;
}

/**
 * Delivers an email or an SMS. `send` resolves, never rejects: a message not delivered is a
 * `DeliveryFailure` (or a `PortFailure` when the sender itself is broken), and neither quotes the
 * code or the body.
 *
 * @group Ports
 */
export interface MessageSender {
  /** Sends the message; an error means it was not delivered. */
  send(message: OutgoingMessage): ResultAsync<void, DeliveryFailure | PortFailure>;
}
