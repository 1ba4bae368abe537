/**
 * `SignUp`: a user registers through an app client and starts `UNCONFIRMED`.
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, messages, type CognitoError } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { checkClientWrite } from '../rules/attribute-permissions.js';
import { SHAPES, type InputMembers } from '../rules/input-constraints.js';
import { newUser, planIdentity } from '../rules/new-users.js';
import { checkPasswordPolicy } from '../rules/password-policy.js';
import { postConfirmationEvent } from '../rules/triggers/post-confirmation.js';
import { preSignUpEvent, readPreSignUpAnswer, type PreSignUpAnswer } from '../rules/triggers/pre-sign-up.js';
import { signUpChannel } from '../rules/verification-codes.js';
import { fromAttributeList } from '../wire/mapping.js';
import type { AnalyticsMetadata, AttributeType, CodeDeliveryDetails, UserContextData } from '../wire/types.js';
import { loadClientContext } from './shared/client-context.js';
import { codeIssuer } from './shared/issue-code.js';
import { createUserRecord } from './shared/new-user.js';
import { operation } from './shared/operation.js';
import type { ClientUserError, CodeDeliveryError } from './shared/request-errors.js';
import { triggerRunner, type TriggerOptions } from './shared/run-trigger.js';
import { passwordCredentials } from './shared/set-password.js';
import { ATTRIBUTE_LIST_SHAPE, CLIENT_CALLER_INPUT, CLIENT_USER_INPUT } from './shared/client-request.js';
import type { ClaimError } from '../rules/claim-conflicts.js';

/** `SignUpRequest`. @group Use cases */
export interface SignUpInput {
  /** The app client. */
  readonly ClientId: string;
  /** Required when the client has a secret (R2.5), over the `Username` sent. */
  readonly SecretHash?: string;
  /** The username; in username-attribute pools an email or phone number (R3.3). */
  readonly Username: string;
  /** The password, checked against the pool's policy (R7.6). */
  readonly Password: string;
  /** Attributes to set (standard or `custom:*`; not `sub`). */
  readonly UserAttributes?: readonly AttributeType[];
  /** Passed to the pre sign-up trigger as `validationData`, never stored (R23.1, R23.4). */
  readonly ValidationData?: readonly AttributeType[];
  /** Passed to the triggers (pre sign-up, custom message, post confirmation), never stored (R15.7). */
  readonly ClientMetadata?: Readonly<Record<string, string>>;
  /** Threat-protection data (accepted, unused). */
  readonly UserContextData?: UserContextData;
  /** Pinpoint data (accepted, unused). */
  readonly AnalyticsMetadata?: AnalyticsMetadata;
}

/** `SignUpResponse` (R23.6). @group Use cases */
export interface SignUpOutput {
  /** `true` when pre sign-up auto-confirmed the user (R23.7). */
  readonly UserConfirmed: boolean;
  /** The new user's `sub`. */
  readonly UserSub: string;
  /** Where the confirmation code went, masked; absent when none was sent (R23.5, D42). */
  readonly CodeDeliveryDetails?: CodeDeliveryDetails;
}

/** Every error SignUp can answer with (§27). @group Use cases */
export type SignUpError = ClientUserError | CognitoError<'InvalidPasswordException'> | ClaimError | CodeDeliveryError;

/** The ports SignUp uses. @group Use cases */
export type SignUpDeps = Pick<Ports, 'pools' | 'users' | 'codes' | 'sender' | 'hasher' | 'clock' | 'random' | 'secrets' | 'triggers' | 'encryptor'>;

/** The model's input members. @internal */
export const SIGN_UP_INPUT = {
  ...CLIENT_USER_INPUT,
  Password: { shape: SHAPES.password, required: true },
  UserAttributes: { shape: ATTRIBUTE_LIST_SHAPE },
  ValidationData: { shape: ATTRIBUTE_LIST_SHAPE },
  ...CLIENT_CALLER_INPUT,
} as const satisfies InputMembers<SignUpInput>;

const NO_AUTO: PreSignUpAnswer = { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false };

/**
 * Builds the `SignUp` operation (§23.1). The checks run in this order: input constraints, client and
 * secret hash (R2.4, R2.5, D3), `AllowAdminCreateUserOnly` (`NotAuthorizedException` `SignUp is not
 * permitted for this user pool`, R23.3), the client's write permission (`email_verified`,
 * `phone_number_verified` and attributes outside `WriteAttributes` are `NotAuthorizedException` `A
 * client attempted to write unauthorized attribute`, R23.3 — an unauthenticated caller cannot verify
 * its own channel), the schema and username rules (R3.2, R3.3, R23.2), the password policy with
 * SignUp's wording (`Password did not conform with policy: <reason>`, R23.3), then `PreSignUp_SignUp`
 * (R23.4, R26.3: `validationData` from `ValidationData`; its failure creates nothing).
 *
 * The user is created `UNCONFIRMED` with a fresh `sub` — `CONFIRMED` when pre sign-up set
 * `autoConfirmUser` — with `email_verified` / `phone_number_verified` `"true"` where it set
 * `autoVerifyEmail` / `autoVerifyPhone` (an auto-verified alias another user holds moves to the new
 * user, D46; auto-verifying an absent attribute is `InvalidParameterException`). An existing username
 * is `UsernameExistsException` `User already exists`.
 *
 * Then (D42, R26.1): an auto-confirmed user gets no code and `PostConfirmation_ConfirmSignUp` runs
 * (with SignUp's `ClientMetadata`; its failure is answered, the user stays); an `UNCONFIRMED` user is
 * sent a confirmation code to the phone number if the pool auto-verifies it and it is present and
 * unverified, else to the email under the same conditions (`CustomMessage_SignUp` or
 * `CustomEmailSender_SignUp` / `CustomSMSSender_SignUp`), valid 24 hours (D33); without such an
 * attribute no code is sent and `CodeDeliveryDetails` is absent. A delivery failure is answered but the
 * user stays created (R23.7).
 *
 * @example
 * ```ts
 * const register = signUp(ports);
 * const result = await register({ ClientId: client.ClientId, Username: 'alice', Password: 'Corr3ct-Horse' });
 * if (result.isOk()) console.log(result.value.UserSub, result.value.CodeDeliveryDetails?.Destination);
 * ```
 * @group Use cases
 */
export function signUp(deps: SignUpDeps, options: TriggerOptions = {}) {
  const issuer = codeIssuer(deps, options);
  const runTrigger = triggerRunner(deps, options);
  return operation(SIGN_UP_INPUT, async (request: SignUpInput): Promise<Result<SignUpOutput, SignUpError>> => {
    const context = await loadClientContext(deps, request.ClientId, request.Username, request.SecretHash);
    if (context.isErr()) return err(context.error);
    const { client, pool } = context.value;
    if (pool.allowAdminCreateUserOnly === true) return err(cognitoError('NotAuthorizedException', messages.signUpNotPermitted)); // R23.3
    const attributes = fromAttributeList(request.UserAttributes);
    const permitted = checkClientWrite(client, attributes); // R23.3
    if (permitted.isErr()) return err(permitted.error);
    const identity = planIdentity(pool, request.Username, attributes, deps.random.uuid());
    if (identity.isErr()) return err(identity.error);
    const policy = checkPasswordPolicy(pool.passwordPolicy, request.Password, 'user');
    if (policy.isErr()) {
      // R23.3: SignUp words the policy failure its own way.
      return err(cognitoError('InvalidPasswordException', messages.passwordPolicySignUp + policy.error.message.slice(messages.passwordPolicyUser.length)));
    }
    const caller = { pool, clientId: client.clientId, clientMetadata: request.ClientMetadata };

    let auto = NO_AUTO;
    const preSignUp = pool.lambdaConfig.preSignUp;
    if (preSignUp !== undefined) {
      const validationData = request.ValidationData === undefined ? undefined : fromAttributeList(request.ValidationData);
      const event = preSignUpEvent(caller, identity.value.username, identity.value.attributes, validationData);
      const output = await runTrigger(pool, 'PreSignUp', preSignUp, event); // R23.4: a failure creates nothing
      if (output.isErr()) return err(output.error);
      const answer = readPreSignUpAnswer(output.value);
      if (answer.isErr()) return err(answer.error);
      auto = answer.value;
    }
    const verified: Record<string, string> = {};
    for (const [flag, attribute, on] of [
      ['email_verified', 'email', auto.autoVerifyEmail],
      ['phone_number_verified', 'phone_number', auto.autoVerifyPhone],
    ] as const) {
      if (!on) continue;
      const value = identity.value.attributes[attribute];
      if (value === undefined || value === '') return err(cognitoError('InvalidParameterException', messages.autoVerifyWithoutValue(attribute)));
      verified[flag] = 'true';
    }

    const credentials = await passwordCredentials(deps, pool.id, identity.value.username, request.Password);
    if (credentials.isErr()) return err(credentials.error);
    const status = auto.autoConfirmUser ? 'CONFIRMED' : 'UNCONFIRMED';
    const planned = { ...identity.value, attributes: { ...identity.value.attributes, ...verified } };
    const user = newUser(pool, planned, { status, ...credentials.value }, deps.clock.now());
    const moveAliases = auto.autoVerifyEmail || auto.autoVerifyPhone; // R23.4: an auto-verified alias moves to the new user
    const created = await createUserRecord(deps, pool, user, moveAliases, messages.signUpUserExists);
    if (created.isErr()) return err(created.error);
    const stored = created.value;

    if (stored.status === 'CONFIRMED') {
      const postConfirmation = pool.lambdaConfig.postConfirmation;
      if (postConfirmation !== undefined) {
        const ran = await runTrigger(pool, 'PostConfirmation', postConfirmation, postConfirmationEvent(caller, stored, 'ConfirmSignUp')); // D42
        if (ran.isErr()) return err(ran.error);
      }
      return ok({ UserConfirmed: true, UserSub: stored.sub });
    }
    const channel = signUpChannel(pool, stored); // D42
    if (channel === undefined) return ok({ UserConfirmed: false, UserSub: stored.sub });
    const issued = await issuer.issue(pool, stored, channel, {
      clientId: client.clientId,
      clientMetadata: request.ClientMetadata,
      purpose: 'signup',
      source: 'SignUp',
    });
    if (issued.isErr()) return err(issued.error); // R23.7: the user stays created
    return ok({ UserConfirmed: false, UserSub: stored.sub, CodeDeliveryDetails: issued.value });
  });
}
