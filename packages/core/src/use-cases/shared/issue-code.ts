/**
 * Issuing a recovery code to a chosen channel (D14 steps 9–11), shared by ForgotPassword and
 * AdminResetUserPassword: generate, HMAC, build the message (pool template, `CustomMessage_ForgotPassword`
 * trigger, or the code encrypted for a custom sender), store, deliver, revoke on delivery failure (D15).
 *
 * @module
 * @internal
 */
import { err, errAsync, ok, okAsync, ResultAsync, type Result } from 'neverthrow';
import { cognitoError, fromPortFailure, messages, type CognitoError } from '../../errors.js';
import type { UserPool } from '../../model/user-pool.js';
import type { User } from '../../model/user.js';
import type { Ports } from '../../ports/index.js';
import type { DeliveryMedium } from '../../ports/message-sender.js';
import { codeHmacer, generateCode } from '../../rules/codes.js';
import type { DeliveryChannel } from '../../rules/delivery-selection.js';
import { maskEmail, maskPhone } from '../../rules/masking.js';
import { renderMessage } from '../../rules/message-template.js';
import {
  applyCustomMessage,
  customEmailSenderEvent,
  customMessageEvent,
  customSmsSenderEvent,
  readCustomMessageAnswer,
  triggerMessages,
  type TriggerCaller,
  type TriggerError,
} from '../../rules/trigger-events.js';
import { triggerRunner, type TriggerOptions } from './run-trigger.js';
import type { CodeDeliveryDetails } from './types.js';

/** The ports a code issuer uses. @internal */
export type IssueCodeDeps = Pick<Ports, 'codes' | 'sender' | 'clock' | 'random' | 'secrets' | 'triggers' | 'encryptor'>;

/** Errors of issuing and delivering a code. @internal */
export type IssueCodeError =
  | CognitoError<
      | 'InvalidSmsRoleAccessPolicyException'
      | 'InvalidSmsRoleTrustRelationshipException'
      | 'InvalidEmailRoleAccessPolicyException'
      | 'InvalidParameterException'
      | 'LimitExceededException'
      | 'CodeDeliveryFailureException'
      | 'InternalErrorException'
      | 'TooManyRequestsException'
    >
  | TriggerError;

/** Who asked for the code: the app client (or `CLIENT_ID_NOT_APPLICABLE`) and the `ClientMetadata` (R2.3). @internal */
export interface CodeRequest {
  /** `callerContext.clientId` of the events. */
  readonly clientId: string;
  /** The operation's `ClientMetadata`, passed to the triggers and never stored. */
  readonly clientMetadata: Readonly<Record<string, string>> | undefined;
}

type SenderTrigger = 'CustomEmailSender' | 'CustomSMSSender';

/** How a prepared code reaches the user: a message through the `MessageSender`, or a custom sender trigger. */
type Delivery =
  | { readonly kind: 'message'; readonly subject: string | undefined; readonly body: string }
  | { readonly kind: 'sender'; readonly trigger: SenderTrigger; readonly functionRef: string; readonly event: unknown };

/** A code whose message is ready, not yet stored nor delivered. @internal */
export interface PreparedCode {
  /** The code (never logged). */
  readonly code: string;
  /** Its HMAC, what the store keeps. */
  readonly codeHmac: string;
  /** Where it goes. */
  readonly channel: DeliveryChannel;
  /** How it goes. */
  readonly delivery: Delivery;
}

/** Issues codes; see {@link codeIssuer}. @internal */
export interface CodeIssuer {
  /** Generates the code and builds its message (runs `CustomMessage` or encrypts for a custom sender); stores nothing. */
  prepare(pool: UserPool, user: User, channel: DeliveryChannel, request: CodeRequest): ResultAsync<PreparedCode, IssueCodeError>;
  /** Delivers the prepared code, then stores it (replacing the previous one); a failed delivery revokes the previous code (D15). */
  deliver(pool: UserPool, user: User, prepared: PreparedCode): ResultAsync<CodeDeliveryDetails, IssueCodeError>;
  /** {@link CodeIssuer.issue} as a native promise (awaited directly on the hot path: one tick, not a thenable's three). */
  issueAsync(pool: UserPool, user: User, channel: DeliveryChannel, request: CodeRequest): Promise<Result<CodeDeliveryDetails, IssueCodeError>>;
  /** {@link CodeIssuer.prepare} then {@link CodeIssuer.deliver}. */
  issue(pool: UserPool, user: User, channel: DeliveryChannel, request: CodeRequest): ResultAsync<CodeDeliveryDetails, IssueCodeError>;
  /**
   * The simulated path of §8 (D4): the real path's work minus delivery. A code is drawn, HMACed and
   * rendered into the pool's template, and stored like a real one (same validity) under `name`, a
   * hidden name no username can equal (`confirmAttemptName` for nobody), where ConfirmForgotPassword
   * finds it; it is never sent, so nobody knows it. No trigger runs: there is no user to describe.
   */
  simulate(pool: UserPool, channel: DeliveryChannel, name: string): ResultAsync<CodeDeliveryDetails, IssueCodeError>;
}

/** Masks a chosen channel into the wire's `CodeDeliveryDetails` (§6). @internal */
export function deliveryDetails(channel: DeliveryChannel): CodeDeliveryDetails {
  return {
    Destination: channel.medium === 'EMAIL' ? maskEmail(channel.destination) : maskPhone(channel.destination),
    DeliveryMedium: channel.medium,
    AttributeName: channel.attributeName,
  };
}

/** The custom sender trigger a pool configures for a medium, if any (§9.3). @internal */
export function customSenderOf(pool: Pick<UserPool, 'lambdaConfig'>, medium: DeliveryMedium): { readonly trigger: SenderTrigger; readonly functionRef: string } | undefined {
  const functionRef = medium === 'EMAIL' ? pool.lambdaConfig.customEmailSender : pool.lambdaConfig.customSmsSender;
  if (functionRef === undefined) return undefined;
  return { trigger: medium === 'EMAIL' ? 'CustomEmailSender' : 'CustomSMSSender', functionRef };
}

/**
 * D13: a pool without SMS configuration cannot send the code by SMS; checked before any code exists
 * (and, in AdminResetUserPassword, before the user's status changes). A custom SMS sender (§9.3)
 * replaces SNS, so a pool that has one needs no SMS configuration.
 *
 * @internal
 */
export function checkDeliverable(pool: Pick<UserPool, 'smsConfiguration' | 'lambdaConfig'>, channel: DeliveryChannel): Result<void, CognitoError<'InvalidSmsRoleAccessPolicyException'>> {
  if (channel.medium === 'SMS' && pool.smsConfiguration === undefined && customSenderOf(pool, 'SMS') === undefined) {
    return err(cognitoError('InvalidSmsRoleAccessPolicyException', messages.noSmsConfiguration));
  }
  return ok(undefined);
}

/**
 * Builds a {@link CodeIssuer}. For a real user the code replaces any previous one (R7.3), is valid
 * `pool.limits.codeValiditySeconds` (R7.2, D8), and is revoked again when delivery fails (D15); an SMS
 * channel in a pool without SMS configuration fails before any code exists (D13).
 *
 * The message (§9, D11): with a custom sender for the channel's medium, `CustomMessage` is not run; the
 * code is encrypted with the `CodeEncryptor` under `lambdaConfig.kmsKeyId` and the sender trigger is
 * invoked instead of the `MessageSender` (its failure revokes the code, as a delivery failure would).
 * Otherwise, with a `CustomMessage` trigger, its answer is validated and applied over the pool's
 * template (§9.1); a failing or invalid answer fails the call before any code is stored.
 *
 * @internal
 */
export function codeIssuer(deps: IssueCodeDeps, options: TriggerOptions = {}): CodeIssuer {
  const hmac = codeHmacer(deps.secrets.codeKey);
  const runTrigger = triggerRunner(deps, options);

  const encryptFor = (pool: UserPool, trigger: SenderTrigger, code: string): ResultAsync<string, IssueCodeError> => {
    const encryptor = deps.encryptor;
    const keyId = pool.lambdaConfig.kmsKeyId;
    if (encryptor === undefined) return errAsync(cognitoError('UnexpectedLambdaException', triggerMessages.invocationFailed(trigger, 'no CodeEncryptor is configured')));
    if (keyId === undefined) return errAsync(cognitoError('UnexpectedLambdaException', triggerMessages.invocationFailed(trigger, 'the pool has no KMSKeyID')));
    return encryptor.encrypt(code, keyId, pool.id).mapErr(fromPortFailure);
  };

  const buildDelivery = (pool: UserPool, user: User, channel: DeliveryChannel, request: CodeRequest, code: string): ResultAsync<Delivery, IssueCodeError> => {
    const caller: TriggerCaller = { pool, clientId: request.clientId, clientMetadata: request.clientMetadata };
    const sender = customSenderOf(pool, channel.medium);
    if (sender !== undefined) {
      // D11: a custom sender for this medium replaces CustomMessage and the MessageSender.
      return encryptFor(pool, sender.trigger, code).map((ciphertext): Delivery => ({
        kind: 'sender',
        trigger: sender.trigger,
        functionRef: sender.functionRef,
        event: sender.trigger === 'CustomEmailSender' ? customEmailSenderEvent(caller, user, ciphertext) : customSmsSenderEvent(caller, user, ciphertext),
      }));
    }
    const customMessage = pool.lambdaConfig.customMessage;
    if (customMessage === undefined) return okAsync({ kind: 'message', ...renderMessage(pool.verificationMessage, channel.medium, code) });
    return runTrigger(pool, 'CustomMessage', customMessage, customMessageEvent(caller, user)).andThen((output) =>
      readCustomMessageAnswer(output)
        .andThen((answer) => applyCustomMessage(pool, channel.medium, answer, code))
        .map((message): Delivery => ({ kind: 'message', ...message })),
    );
  };

  // The steps below are plain async functions over awaited Results: on this hot path neverthrow's
  // `andThen`/`mapErr` chains cost an order of magnitude more per step.
  const prepareAsync = async (pool: UserPool, user: User, channel: DeliveryChannel, request: CodeRequest): Promise<Result<PreparedCode, IssueCodeError>> => {
    const deliverable = checkDeliverable(pool, channel);
    if (deliverable.isErr()) return err(deliverable.error);
    const code = generateCode(deps.random);
    const codeHmac = hmac(code);
    if (pool.lambdaConfig.customMessage === undefined && customSenderOf(pool, channel.medium) === undefined) {
      const message = renderMessage(pool.verificationMessage, channel.medium, code);
      return ok({ code, codeHmac, channel, delivery: { kind: 'message', subject: message.subject, body: message.body } });
    }
    const delivery = await buildDelivery(pool, user, channel, request, code);
    if (delivery.isErr()) return err(delivery.error);
    return ok({ code, codeHmac, channel, delivery: delivery.value });
  };

  const send = async (pool: UserPool, user: User, prepared: PreparedCode): Promise<Result<void, IssueCodeError>> => {
    const { delivery, channel } = prepared;
    if (delivery.kind === 'sender') {
      const ran = await runTrigger(pool, delivery.trigger, delivery.functionRef, delivery.event); // §9.3: output not read
      return ran.isErr() ? err(ran.error) : ok(undefined);
    }
    const sent = await deps.sender.send({
      userPoolId: pool.id,
      username: user.username,
      medium: channel.medium,
      destination: channel.destination,
      subject: delivery.subject,
      body: delivery.body,
      code: prepared.code,
      emailConfiguration: pool.emailConfiguration,
      smsConfiguration: pool.smsConfiguration,
    });
    if (sent.isOk()) return ok(undefined);
    const failure = sent.error;
    if (failure.kind === 'PortFailure') return err(fromPortFailure(failure));
    return err(cognitoError(failure.exception ?? 'CodeDeliveryFailureException', failure.exception === undefined ? messages.deliveryFailed : failure.reason));
  };

  const deliverAsync = async (pool: UserPool, user: User, prepared: PreparedCode): Promise<Result<CodeDeliveryDetails, IssueCodeError>> => {
    // D15: deliver first, store after, so a code is only ever valid once its message went out, even
    // when a store's answer is lost after its write landed. A failed delivery (a failed custom sender
    // included) revokes the previous code too: only the latest counts.
    const sent = await send(pool, user, prepared);
    if (sent.isErr()) {
      const cleared = await deps.codes.clear(pool.id, user.username);
      return err(cleared.isErr() ? fromPortFailure(cleared.error) : sent.error);
    }
    const now = deps.clock.now();
    const stored = await deps.codes.issue(pool.id, user.username, { codeHmac: prepared.codeHmac, issuedAt: now, expiresAt: now + pool.limits.codeValiditySeconds * 1000 });
    if (stored.isErr()) return err(fromPortFailure(stored.error));
    return ok(deliveryDetails(prepared.channel));
  };

  const simulateAsync = async (pool: UserPool, channel: DeliveryChannel, name: string): Promise<Result<CodeDeliveryDetails, IssueCodeError>> => {
    const code = generateCode(deps.random);
    const codeHmac = hmac(code);
    renderMessage(pool.verificationMessage, channel.medium, code);
    // Where the real path delivers, nothing happens; then the code is stored as the real path stores
    // it, under the hidden name (so no real user ever holds a code nobody received, D15).
    const now = deps.clock.now();
    const stored = await deps.codes.issue(pool.id, name, { codeHmac, issuedAt: now, expiresAt: now + pool.limits.codeValiditySeconds * 1000 });
    if (stored.isErr()) return err(fromPortFailure(stored.error));
    return ok(deliveryDetails(channel));
  };

  const issueAsync = async (pool: UserPool, user: User, channel: DeliveryChannel, request: CodeRequest): Promise<Result<CodeDeliveryDetails, IssueCodeError>> => {
    const prepared = await prepareAsync(pool, user, channel, request);
    return prepared.isErr() ? err(prepared.error) : deliverAsync(pool, user, prepared.value);
  };

  return {
    prepare: (pool, user, channel, request) => new ResultAsync(prepareAsync(pool, user, channel, request)),
    deliver: (pool, user, prepared) => new ResultAsync(deliverAsync(pool, user, prepared)),
    issue: (pool, user, channel, request) => new ResultAsync(issueAsync(pool, user, channel, request)),
    issueAsync,
    simulate: (pool, channel, name) => new ResultAsync(simulateAsync(pool, channel, name)),
  };
}
