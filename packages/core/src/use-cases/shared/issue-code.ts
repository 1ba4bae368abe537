/**
 * Issuing a code to a chosen channel (D14 steps 9–11, D33): the one code lifecycle of every purpose —
 * recovery codes (ForgotPassword, AdminResetUserPassword), sign-up confirmation codes (SignUp,
 * ResendConfirmationCode) and attribute verification codes (GetUserAttributeVerificationCode,
 * UpdateUserAttributes, AdminUpdateUserAttributes): generate, HMAC, build the message (pool template,
 * the `CustomMessage_<source>` trigger, or the code encrypted for a `CustomEmailSender_<source>` /
 * `CustomSMSSender_<source>`), deliver, store under the purpose's name with its validity, clear on
 * delivery failure (D15).
 *
 * @module
 * @internal
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, fromPortFailure, messages, type CognitoError } from '../../errors.js';
import type { UserPool } from '../../model/user-pool.js';
import type { User } from '../../model/user.js';
import type { Ports } from '../../ports/index.js';
import { codeHmacer, generateCode } from '../../rules/codes.js';
import { checkDeliverable, customSenderOf, type CustomSender, type DeliveryChannel } from '../../rules/delivery-selection.js';
import { renderMessage } from '../../rules/message-template.js';
import { codeName, codeSubject, codeValiditySeconds, type CodePurpose } from '../../rules/verification-codes.js';
import type { TriggerCaller } from '../../rules/triggers/common.js';
import { applyCustomMessage, customMessageEvent, readCustomMessageAnswer, type CodeMessageSource } from '../../rules/triggers/custom-message.js';
import { customSenderEvent } from '../../rules/triggers/custom-sender.js';
import type { TriggerError } from '../../rules/triggers/failures.js';
import type { CodeDeliveryDetails } from '../../wire/types.js';
import { deliveryDetails } from '../../wire/mapping.js';
import type { PortError } from './port-error.js';
import { encryptForSender, triggerRunner, type TriggerOptions } from './run-trigger.js';

/** The ports a code issuer uses. @internal */
export type IssueCodeDeps = Pick<Ports, 'codes' | 'sender' | 'clock' | 'random' | 'secrets' | 'triggers' | 'encryptor'>;

/** Errors of preparing a code: D13, the `CustomMessage` trigger and its answer, the encryption for a custom sender. @internal */
export type PrepareCodeError = CognitoError<'InvalidSmsRoleAccessPolicyException' | 'InvalidParameterException'> | TriggerError | PortError;

/** Errors of delivering and storing a prepared code: the `MessageSender`'s, a custom sender's, the store's. @internal */
export type DeliverCodeError =
  | CognitoError<
      | 'InvalidSmsRoleAccessPolicyException'
      | 'InvalidSmsRoleTrustRelationshipException'
      | 'InvalidEmailRoleAccessPolicyException'
      | 'LimitExceededException'
      | 'CodeDeliveryFailureException'
    >
  | CognitoError<'UserLambdaValidationException' | 'UnexpectedLambdaException'>
  | PortError;

/** Errors of issuing and delivering a code. @internal */
export type IssueCodeError = PrepareCodeError | DeliverCodeError;

/**
 * Who asked for the code and what for: the app client (or `CLIENT_ID_NOT_APPLICABLE`), the
 * `ClientMetadata` (R2.3), the code's purpose (D33; default `recovery`) and the trigger source of its
 * message (R26.1; default `ForgotPassword`).
 *
 * @internal
 */
export interface CodeRequest {
  /** `callerContext.clientId` of the events. */
  readonly clientId: string;
  /** The operation's `ClientMetadata`, passed to the triggers and never stored. */
  readonly clientMetadata: Readonly<Record<string, string>> | undefined;
  /** What the code is for: its store name, validity and HMAC binding (default `recovery`). */
  readonly purpose?: CodePurpose | undefined;
  /** The suffix of the trigger sources of its message (default `ForgotPassword`). */
  readonly source?: CodeMessageSource | undefined;
}

/** How a prepared code reaches the user: a message through the `MessageSender`, or a custom sender trigger. */
type Delivery =
  | { readonly kind: 'message'; readonly subject: string | undefined; readonly body: string }
  | { readonly kind: 'sender'; readonly trigger: CustomSender['trigger']; readonly functionRef: string; readonly event: unknown };

/** A code whose message is ready, not yet stored nor delivered. @internal */
export interface PreparedCode {
  /** The code (never logged). */
  readonly code: string;
  /** Its HMAC (over the code and, but for recovery codes, the value it goes to: D33), what the store keeps. */
  readonly codeHmac: string;
  /** The name it is stored under (`codeName`: the username, or the username with the purpose). */
  readonly name: string;
  /** How long it is valid once stored, in seconds (`codeValiditySeconds`). */
  readonly validitySeconds: number;
  /** Where it goes. */
  readonly channel: DeliveryChannel;
  /** How it goes. */
  readonly delivery: Delivery;
}

/** Issues codes; see {@link codeIssuer}. @internal */
export interface CodeIssuer {
  /** Generates the code and builds its message (runs `CustomMessage` or encrypts for a custom sender); stores nothing. */
  prepare(pool: UserPool, user: User, channel: DeliveryChannel, request: CodeRequest): Promise<Result<PreparedCode, PrepareCodeError>>;
  /** Delivers the prepared code, then stores it (replacing the previous one); a failed delivery clears the previous code (D15). */
  deliver(pool: UserPool, user: User, prepared: PreparedCode): Promise<Result<CodeDeliveryDetails, DeliverCodeError>>;
  /** {@link CodeIssuer.prepare} then {@link CodeIssuer.deliver}. */
  issue(pool: UserPool, user: User, channel: DeliveryChannel, request: CodeRequest): Promise<Result<CodeDeliveryDetails, IssueCodeError>>;
  /**
   * The simulated path of §8 (D4): the real path's work minus delivery (for any purpose: the code is
   * stored with the validity of `purpose`, default `recovery`). A code is drawn, HMACed and
   * rendered into the pool's template, and stored like a real one (same validity) under `name`, a
   * hidden name no username can equal (`confirmAttemptName` for nobody), where ConfirmForgotPassword
   * finds it; it is never sent, so nobody knows it. No trigger runs: there is no user to describe.
   *
   * With `realUser` (D19: a real user answered with a simulated delivery, e.g. no verified channel)
   * the code is stored under that user's name instead, in a form no ConfirmationCode can match (the
   * HMAC of the code with a blank appended, which the `[\S]+` pattern refuses) and without expiry,
   * so the user's ConfirmForgotPassword answers `CodeMismatchException` as an unknown user's does,
   * until a real code replaces it; the same one HMAC and one store call as the hidden path.
   */
  simulate(pool: UserPool, channel: DeliveryChannel, name: string, realUser?: boolean, purpose?: CodePurpose): Promise<Result<CodeDeliveryDetails, PortError>>;
}

function callerOf(pool: UserPool, request: CodeRequest): TriggerCaller {
  return { pool, clientId: request.clientId, clientMetadata: request.clientMetadata };
}

/**
 * Builds a {@link CodeIssuer}. For a real user the code replaces any previous one of the same purpose
 * (R7.3, D33), is valid `pool.limits.codeValiditySeconds` for recovery (R7.2, D8) and 24 hours for
 * sign-up and attribute codes (D33), and the previous one is cleared when delivery fails (D15); an SMS
 * channel in a pool without SMS configuration fails before any code exists (D13). Codes are kept under
 * `codeName(username, purpose)`, so a code of one purpose never confirms another.
 *
 * The message (§9, D11): with a custom sender for the channel's medium, `CustomMessage` is not run; the
 * code is encrypted with the `CodeEncryptor` under `lambdaConfig.kmsKeyId` and the sender trigger is
 * invoked instead of the `MessageSender` (its failure clears the code, as a delivery failure would).
 * Otherwise, with a `CustomMessage` trigger, its answer is validated and applied over the pool's
 * template (§9.1); a failing or invalid answer fails the call before any code is stored. Without
 * either, the pool's template is rendered.
 *
 * @internal
 */
export function codeIssuer(deps: IssueCodeDeps, options: TriggerOptions = {}): CodeIssuer {
  const hmac = codeHmacer(deps.secrets.codeKey);
  const runTrigger = triggerRunner(deps, options);

  /** §9.3: the code encrypted for a custom sender, then the sender's event. */
  const senderDelivery = async (
    pool: UserPool,
    user: User,
    request: CodeRequest,
    sender: CustomSender,
    code: string,
  ): Promise<Result<Delivery, PrepareCodeError>> => {
    const source = request.source ?? 'ForgotPassword';
    const ciphertext = await encryptForSender(deps, pool, sender, code);
    if (ciphertext.isErr()) return err(ciphertext.error);
    const caller = callerOf(pool, request);
    const event = customSenderEvent(sender.trigger, caller, user, ciphertext.value, source);
    return ok({ kind: 'sender', trigger: sender.trigger, functionRef: sender.functionRef, event });
  };

  /** §9.1: the `CustomMessage` function's answer over the pool's template. */
  const customMessageDelivery = async (
    pool: UserPool,
    user: User,
    request: CodeRequest,
    functionRef: string,
    medium: DeliveryChannel['medium'],
    code: string,
  ): Promise<Result<Delivery, PrepareCodeError>> => {
    const event = customMessageEvent(callerOf(pool, request), user, request.source ?? 'ForgotPassword');
    const output = await runTrigger(pool, 'CustomMessage', functionRef, event);
    if (output.isErr()) return err(output.error);
    const answer = readCustomMessageAnswer(output.value);
    if (answer.isErr()) return err(answer.error);
    const message = applyCustomMessage(pool, medium, answer.value, code);
    if (message.isErr()) return err(message.error);
    return ok({ kind: 'message', ...message.value });
  };

  const prepare = async (pool: UserPool, user: User, channel: DeliveryChannel, request: CodeRequest): Promise<Result<PreparedCode, PrepareCodeError>> => {
    const deliverable = checkDeliverable(pool, channel);
    if (deliverable.isErr()) return err(deliverable.error);
    const purpose = request.purpose ?? 'recovery';
    const code = generateCode(deps.random);
    const codeHmac = hmac(codeSubject(code, purpose, channel.attributeName, channel.destination));
    const name = codeName(user.username, purpose);
    const validitySeconds = codeValiditySeconds(pool, purpose);
    const sender = customSenderOf(pool, channel.medium);
    const customMessage = pool.lambdaConfig.customMessage;
    let delivery: Result<Delivery, PrepareCodeError>;
    if (sender !== undefined)
      delivery = await senderDelivery(pool, user, request, sender, code); // D11: replaces CustomMessage and the MessageSender
    else if (customMessage !== undefined) delivery = await customMessageDelivery(pool, user, request, customMessage, channel.medium, code);
    else {
      const message = renderMessage(pool.verificationMessage, channel.medium, code);
      return ok({ code, codeHmac, name, validitySeconds, channel, delivery: { kind: 'message', subject: message.subject, body: message.body } });
    }
    if (delivery.isErr()) return err(delivery.error);
    return ok({ code, codeHmac, name, validitySeconds, channel, delivery: delivery.value });
  };

  /**
   * R9.0.1, §9.3: Cognito invokes custom senders asynchronously, so the operation neither waits for
   * the function nor fails with it. The invocation runs detached, with the trigger runner's own
   * timeout and retries; its outcome is not read (a memory invoker records it, and `settled()` waits
   * for it in tests).
   */
  const dispatchSender = (pool: UserPool, delivery: Extract<Delivery, { kind: 'sender' }>): void => {
    void runTrigger(pool, delivery.trigger, delivery.functionRef, delivery.event).then(
      () => undefined,
      () => undefined,
    );
  };

  const send = async (pool: UserPool, user: User, prepared: PreparedCode): Promise<Result<void, DeliverCodeError>> => {
    const { delivery, channel } = prepared;
    if (delivery.kind === 'sender') return ok(undefined); // dispatched once the code is stored
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

  const deliver = async (pool: UserPool, user: User, prepared: PreparedCode): Promise<Result<CodeDeliveryDetails, DeliverCodeError>> => {
    // D15: deliver first, store after, so a code is only ever valid once its message went out, even
    // when a store's answer is lost after its write landed. A failed delivery clears the previous code
    // too: only the latest counts. A custom sender is invoked asynchronously after the store (R9.0.1):
    // its failure reaches nobody, as on Cognito.
    const sent = await send(pool, user, prepared);
    if (sent.isErr()) {
      const cleared = await deps.codes.clear(pool.id, prepared.name);
      return err(cleared.isErr() ? fromPortFailure(cleared.error) : sent.error);
    }
    const now = deps.clock.now();
    const stored = await deps.codes.issue(pool.id, prepared.name, {
      codeHmac: prepared.codeHmac,
      issuedAt: now,
      expiresAt: now + prepared.validitySeconds * 1000,
    });
    if (stored.isErr()) return err(fromPortFailure(stored.error));
    // A custom sender gets the code once it is stored (the code it carries is valid when it arrives).
    if (prepared.delivery.kind === 'sender') dispatchSender(pool, prepared.delivery);
    return ok(deliveryDetails(prepared.channel));
  };

  return {
    prepare,
    deliver,
    issue: async (pool, user, channel, request) => {
      const prepared = await prepare(pool, user, channel, request);
      return prepared.isErr() ? err(prepared.error) : deliver(pool, user, prepared.value);
    },
    simulate: async (pool, channel, name, realUser = false, purpose = 'recovery') => {
      const code = generateCode(deps.random);
      const codeHmac = hmac(realUser ? `${code} ` : code);
      renderMessage(pool.verificationMessage, channel.medium, code);
      // Where the real path delivers, nothing happens; then the code is stored as the real path stores
      // it, under the hidden name (so no real user ever holds a code nobody received, D15), or for a
      // real user as an unusable code that never expires (D19).
      const now = deps.clock.now();
      const expiresAt = realUser ? Number.MAX_SAFE_INTEGER : now + codeValiditySeconds(pool, purpose) * 1000;
      const stored = await deps.codes.issue(pool.id, name, { codeHmac, issuedAt: now, expiresAt });
      if (stored.isErr()) return err(fromPortFailure(stored.error));
      return ok(deliveryDetails(channel));
    },
  };
}
