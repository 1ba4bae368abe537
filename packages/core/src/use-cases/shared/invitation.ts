/**
 * The AdminCreateUser invitation (R26.1, R26.4, R26.5; recovery §9.1, §9.3, D11, D13): the welcome
 * message with the username (`{username}`) and the temporary password (`{####}`), by each asked medium
 * (`DesiredDeliveryMediums`; by default SMS when the user has a phone number, else EMAIL) to the user's email address or phone number. The text is
 * the pool's `InviteMessageTemplate` (Cognito's default texts where unset), or the answer of a
 * `CustomMessage_AdminCreateUser` function; a medium with a custom sender gets the temporary password
 * encrypted by the `CodeEncryptor` in a `CustomEmailSender_AdminCreateUser` /
 * `CustomSMSSender_AdminCreateUser` event instead (CustomMessage does not run for it, D11).
 *
 * @module
 * @internal
 */
import type { CustomMessageAdminCreateUserTriggerEvent } from 'aws-lambda';
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, fromPortFailure, messages, type CognitoError } from '../../errors.js';
import type { MessageTemplate, UserPool } from '../../model/user-pool.js';
import type { User } from '../../model/user.js';
import type { DeliveryMedium } from '../../ports/message-sender.js';
import type { Ports } from '../../ports/index.js';
import { CODE_PARAMETER } from '../../rules/codes.js';
import { checkDeliverable, customSenderOf, type CustomSender, type DeliveryChannel } from '../../rules/delivery-selection.js';
import type { RenderedMessage } from '../../rules/message-template.js';
import { ADMIN_CLIENT_ID, attributesOf, commonFields, metadataOf, type TriggerCaller } from '../../rules/triggers/common.js';
import { customSenderEvent } from '../../rules/triggers/custom-sender.js';
import { applyCustomMessage, LINK_PARAMETER, readCustomMessageAnswer, type CustomMessageAnswer } from '../../rules/triggers/custom-message.js';
import type { TriggerError } from '../../rules/triggers/failures.js';
import type { PortError } from './port-error.js';
import { encryptForSender, triggerRunner, type TriggerOptions } from './run-trigger.js';

/** R26.4: the username placeholder of invitations (`request.usernameParameter`). @internal */
export const USERNAME_PARAMETER = '{username}';

/** Cognito's default invitation subject (a pool without `InviteMessageTemplate.EmailSubject`). @internal */
export const DEFAULT_INVITE_EMAIL_SUBJECT = 'Your temporary password';

/** Cognito's default invitation body, both media (a pool without `InviteMessageTemplate.EmailMessage` / `SMSMessage`). @internal */
export const DEFAULT_INVITE_MESSAGE = `Your username is ${USERNAME_PARAMETER} and temporary password is ${CODE_PARAMETER}. `;

/** The ports an invitation uses. @internal */
export type InvitationDeps = Pick<Ports, 'sender' | 'triggers' | 'encryptor'>;

/** Errors of preparing an invitation: D13, the `CustomMessage` trigger and its answer, the encryption for a custom sender. @internal */
export type PrepareInvitationError = CognitoError<'InvalidSmsRoleAccessPolicyException' | 'InvalidParameterException'> | TriggerError | PortError;

/** Errors of delivering a prepared invitation through the `MessageSender`. @internal */
export type DeliverInvitationError =
  CognitoError<'InvalidSmsRoleAccessPolicyException' | 'InvalidSmsRoleTrustRelationshipException' | 'CodeDeliveryFailureException'> | PortError;

/** What an invitation says and how it goes. @internal */
export interface InvitationRequest {
  /** What `{username}` becomes: the username the user signs in with. */
  readonly username: string;
  /** The temporary password (`{####}`; never logged). */
  readonly password: string;
  /** `DesiredDeliveryMediums` (default: SMS with a phone number, else EMAIL). */
  readonly mediums: readonly DeliveryMedium[] | undefined;
  /** The operation's `ClientMetadata`, passed to the triggers. */
  readonly clientMetadata: Readonly<Record<string, string>> | undefined;
}

/** One message of an invitation, ready to go. */
type InvitationDelivery =
  | { readonly kind: 'message'; readonly channel: DeliveryChannel; readonly subject: string | undefined; readonly body: string }
  | {
      readonly kind: 'sender';
      readonly channel: DeliveryChannel;
      readonly trigger: CustomSender['trigger'];
      readonly functionRef: string;
      readonly event: unknown;
    };

/** An invitation whose messages are built, not yet sent. @internal */
export interface PreparedInvitation {
  /** The temporary password, the `code` of the outgoing messages. */
  readonly password: string;
  /** One per medium that gets a message, in the order asked. */
  readonly deliveries: readonly InvitationDelivery[];
}

/** Sends invitations; see {@link invitationSender}. @internal */
export interface InvitationSender {
  /** Builds the messages (runs `CustomMessage`, encrypts for custom senders); sends nothing. */
  prepare(pool: UserPool, user: User, request: InvitationRequest): Promise<Result<PreparedInvitation, PrepareInvitationError>>;
  /** Sends the messages through the `MessageSender`, then invokes the custom senders (asynchronously, R9.0.1). */
  deliver(pool: UserPool, user: User, prepared: PreparedInvitation): Promise<Result<void, DeliverInvitationError>>;
}

/** An invitation template with every text set. @internal */
export interface InviteTexts extends MessageTemplate {
  /** Email subject. */
  readonly emailSubject: string;
  /** Email body. */
  readonly emailMessage: string;
  /** SMS body. */
  readonly smsMessage: string;
}

/**
 * The pool's invitation texts: `InviteMessageTemplate` where given, Cognito's defaults
 * ({@link DEFAULT_INVITE_EMAIL_SUBJECT}, {@link DEFAULT_INVITE_MESSAGE}) elsewhere.
 *
 * @internal
 */
export function inviteTemplateOf(pool: Pick<UserPool, 'inviteMessage'>): InviteTexts {
  const t = pool.inviteMessage;
  return {
    emailSubject: t?.emailSubject ?? DEFAULT_INVITE_EMAIL_SUBJECT,
    emailMessage: t?.emailMessage ?? DEFAULT_INVITE_MESSAGE,
    smsMessage: t?.smsMessage ?? DEFAULT_INVITE_MESSAGE,
  };
}

/**
 * The channels of an invitation: each asked medium once, to the user's `email` or `phone_number`
 * (verified or not); a medium whose attribute the user lacks is left out. Without
 * `DesiredDeliveryMediums` the medium is SMS, botocore's default, when the user has a phone number
 * and the pool can send SMS, else EMAIL (a user created with only an email is invited by email).
 *
 * @internal
 */
export function invitationChannels(
  pool: Pick<UserPool, 'smsConfiguration'>,
  user: Pick<User, 'attributes'>,
  mediums: readonly DeliveryMedium[] | undefined,
): DeliveryChannel[] {
  const channels: DeliveryChannel[] = [];
  const phone = user.attributes['phone_number'];
  const fallback: readonly DeliveryMedium[] = phone !== undefined && phone !== '' && pool.smsConfiguration !== undefined ? ['SMS'] : ['EMAIL'];
  for (const medium of new Set(mediums === undefined || mediums.length === 0 ? fallback : mediums)) {
    const attributeName = medium === 'EMAIL' ? 'email' : 'phone_number';
    const destination = user.attributes[attributeName];
    if (destination !== undefined && destination !== '') channels.push({ medium, attributeName, destination });
  }
  return channels;
}

/** Every `{username}` and `{####}` of `text` replaced in one pass (neither value is read for placeholders). */
function fill(text: string, username: string, password: string): string {
  return text.replace(/\{username\}|\{####\}/gu, (placeholder) => (placeholder === USERNAME_PARAMETER ? username : password));
}

/**
 * An invitation text with its placeholders filled, or `undefined` when the body has no `{####}`:
 * Cognito does not deliver an invitation whose template lacks the password placeholder (BC
 * `AdminCreateUser`).
 *
 * @internal
 */
export function renderInvitation(message: RenderedMessage, username: string, password: string): RenderedMessage | undefined {
  if (!message.body.includes(CODE_PARAMETER)) return undefined;
  return { subject: message.subject === undefined ? undefined : fill(message.subject, username, password), body: fill(message.body, username, password) };
}

/**
 * The `CustomMessage_AdminCreateUser` event (R26.4, §9.1): `codeParameter` `{####}` (the temporary
 * password's place), `usernameParameter` `{username}`, `callerContext.clientId`
 * `CLIENT_ID_NOT_APPLICABLE`, every response field `null`.
 *
 * @internal
 */
export function customMessageAdminCreateUserEvent(
  caller: TriggerCaller,
  user: Pick<User, 'username' | 'sub' | 'attributes'>,
): CustomMessageAdminCreateUserTriggerEvent {
  return {
    ...commonFields(caller, 'CustomMessage_AdminCreateUser', user.username),
    request: {
      userAttributes: attributesOf(user),
      codeParameter: CODE_PARAMETER,
      linkParameter: LINK_PARAMETER,
      usernameParameter: USERNAME_PARAMETER,
      ...metadataOf(caller),
    },
    response: { smsMessage: null, emailMessage: null, emailSubject: null },
  };
}

/** R26.4: a body a `CustomMessage_AdminCreateUser` function returned must also hold `{username}`. */
function checkUsernamePlaceholder(medium: DeliveryMedium, answer: CustomMessageAnswer): Result<void, CognitoError<'InvalidParameterException'>> {
  const body = medium === 'EMAIL' ? answer.emailMessage : answer.smsMessage;
  if (body === null || body.includes(USERNAME_PARAMETER)) return ok(undefined);
  const member = medium === 'EMAIL' ? 'emailBody' : 'smsMessage';
  return err(cognitoError('InvalidParameterException', messages.customMessageInvalid(body, member, messages.inviteUsernameConstraint)));
}

/**
 * Builds an {@link InvitationSender}. Preparing checks every channel first (D13: SMS needs the pool's
 * SMS configuration or a custom SMS sender), then, per channel: with a custom sender for its medium
 * the temporary password is encrypted under `lambdaConfig.kmsKeyId` for the sender's event; otherwise,
 * with a `CustomMessage` trigger (invoked once for all such channels), its answer is validated (§9.1,
 * and `{username}` in a returned body, R26.4) and applied over the pool's invitation texts; without
 * either, the pool's texts (Cognito's defaults where unset). A text without `{####}` is not delivered.
 * Any failure happens before anything is sent (and, in AdminCreateUser, before the user is written).
 *
 * @internal
 */
export function invitationSender(deps: InvitationDeps, options: TriggerOptions = {}): InvitationSender {
  const runTrigger = triggerRunner(deps, options);

  const prepare = async (pool: UserPool, user: User, request: InvitationRequest): Promise<Result<PreparedInvitation, PrepareInvitationError>> => {
    const channels = invitationChannels(pool, user, request.mediums);
    for (const channel of channels) {
      const deliverable = checkDeliverable(pool, channel);
      if (deliverable.isErr()) return err(deliverable.error);
    }
    const caller: TriggerCaller = { pool, clientId: ADMIN_CLIENT_ID, clientMetadata: request.clientMetadata };
    const template = inviteTemplateOf(pool);
    const customMessage = pool.lambdaConfig.customMessage;
    let answer: CustomMessageAnswer | undefined;
    const deliveries: InvitationDelivery[] = [];
    for (const channel of channels) {
      const sender = customSenderOf(pool, channel.medium);
      if (sender !== undefined) {
        const ciphertext = await encryptForSender(deps, pool, sender, request.password);
        if (ciphertext.isErr()) return err(ciphertext.error);
        const event = customSenderEvent(sender.trigger, caller, user, ciphertext.value, 'AdminCreateUser');
        deliveries.push({ kind: 'sender', channel, trigger: sender.trigger, functionRef: sender.functionRef, event });
        continue;
      }
      let message: RenderedMessage;
      if (customMessage === undefined) {
        message =
          channel.medium === 'EMAIL' ? { subject: template.emailSubject, body: template.emailMessage } : { subject: undefined, body: template.smsMessage };
      } else {
        if (answer === undefined) {
          const output = await runTrigger(pool, 'CustomMessage', customMessage, customMessageAdminCreateUserEvent(caller, user));
          if (output.isErr()) return err(output.error);
          const read = readCustomMessageAnswer(output.value);
          if (read.isErr()) return err(read.error);
          answer = read.value;
        }
        // The placeholders stay in (the "code" given is the placeholder itself); filled below, once.
        const applied = applyCustomMessage(
          { verificationMessage: template, emailConfiguration: pool.emailConfiguration },
          channel.medium,
          answer,
          CODE_PARAMETER,
        );
        if (applied.isErr()) return err(applied.error);
        const named = checkUsernamePlaceholder(channel.medium, answer);
        if (named.isErr()) return err(named.error);
        message = applied.value;
      }
      const rendered = renderInvitation(message, request.username, request.password);
      if (rendered !== undefined) deliveries.push({ kind: 'message', channel, subject: rendered.subject, body: rendered.body });
    }
    return ok({ password: request.password, deliveries });
  };

  const deliver = async (pool: UserPool, user: User, prepared: PreparedInvitation): Promise<Result<void, DeliverInvitationError>> => {
    for (const delivery of prepared.deliveries) {
      if (delivery.kind === 'sender') continue;
      const sent = await deps.sender.send({
        userPoolId: pool.id,
        username: user.username,
        medium: delivery.channel.medium,
        destination: delivery.channel.destination,
        subject: delivery.subject,
        body: delivery.body,
        code: prepared.password,
        emailConfiguration: pool.emailConfiguration,
        smsConfiguration: pool.smsConfiguration,
      });
      if (sent.isOk()) continue;
      const failure = sent.error;
      if (failure.kind === 'PortFailure') return err(fromPortFailure(failure));
      if (failure.exception === 'InvalidSmsRoleAccessPolicyException' || failure.exception === 'InvalidSmsRoleTrustRelationshipException') {
        return err(cognitoError(failure.exception, failure.reason));
      }
      return err(cognitoError('CodeDeliveryFailureException', messages.deliveryFailed));
    }
    // R9.0.1, §9.3: custom senders run detached, once the password they carry is stored; their outcome is not read.
    for (const delivery of prepared.deliveries) {
      if (delivery.kind !== 'sender') continue;
      void runTrigger(pool, delivery.trigger, delivery.functionRef, delivery.event).then(
        () => undefined,
        () => undefined,
      );
    }
    return ok(undefined);
  };

  return { prepare, deliver };
}
