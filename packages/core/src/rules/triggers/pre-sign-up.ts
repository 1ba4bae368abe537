/**
 * `PreSignUp_SignUp` (R23.4, R26.3): the event raised before a signed-up user is created, and the
 * reading of the function's answer (`autoConfirmUser`, `autoVerifyEmail`, `autoVerifyPhone`).
 *
 * @module
 */
import type { PreSignUpEmailTriggerEvent } from 'aws-lambda';
import type { Result } from 'neverthrow';
import type { CognitoError } from '../../errors.js';
import type { Attributes } from '../../model/user.js';
import { readResponseFields } from './answers.js';
import { commonFields, metadataOf, type TriggerCaller } from './common.js';

/** The `PreSignUp_SignUp` event (R26.3), as `@types/aws-lambda` types it. @group Triggers */
export type PreSignUpSignUpEvent = PreSignUpEmailTriggerEvent;

/**
 * The `PreSignUp_SignUp` event (R26.3, R9.0.2): `userName` is the username the user will have (the
 * generated one in username-attribute pools), `request.userAttributes` the attributes sent (with
 * `sub`), `request.validationData` the request's `ValidationData` (only when sent, never stored),
 * `request.clientMetadata` the `ClientMetadata`; the response flags start `false`.
 *
 * @example
 * ```ts
 * const event = preSignUpEvent({ pool, clientId, clientMetadata }, 'alice', { email: 'a@example.com' }, { captcha: 'x' });
 * event.response; // { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false }
 * ```
 * @group Triggers
 */
export function preSignUpEvent(
  caller: TriggerCaller,
  userName: string,
  attributes: Attributes,
  validationData: Readonly<Record<string, string>> | undefined,
): PreSignUpSignUpEvent {
  return {
    ...commonFields(caller, 'PreSignUp_SignUp', userName),
    request: {
      userAttributes: { ...attributes },
      ...(validationData === undefined ? {} : { validationData: { ...validationData } }),
      ...metadataOf(caller),
    },
    response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
  };
}

/** What a pre sign-up function decided (R23.4). @group Triggers */
export interface PreSignUpAnswer {
  /** The user is created `CONFIRMED` (no code is sent). */
  readonly autoConfirmUser: boolean;
  /** `email_verified` is set to `"true"`. */
  readonly autoVerifyEmail: boolean;
  /** `phone_number_verified` is set to `"true"`. */
  readonly autoVerifyPhone: boolean;
}

/** The flags of a {@link PreSignUpAnswer}, read from the function's `response`. */
const PRE_SIGN_UP_FLAGS = ['autoConfirmUser', 'autoVerifyEmail', 'autoVerifyPhone'] as const;

/** A boolean, or `false` for absent; anything else is unusable (`undefined`). */
function flag(value: unknown): boolean | undefined {
  if (value === undefined || value === null) return false;
  return typeof value === 'boolean' ? value : undefined;
}

/**
 * Reads a pre sign-up function's output (R26.3): an object whose `response` is an object whose flags
 * are booleans (absent or `null` count as `false`); anything else is `InvalidLambdaResponseException`
 * `Unrecognizable lambda output`.
 *
 * @example
 * ```ts
 * readPreSignUpAnswer({ response: { autoConfirmUser: true } });
 * // ok({ autoConfirmUser: true, autoVerifyEmail: false, autoVerifyPhone: false })
 * ```
 * @group Triggers
 */
export function readPreSignUpAnswer(output: unknown): Result<PreSignUpAnswer, CognitoError<'InvalidLambdaResponseException'>> {
  return readResponseFields(output, PRE_SIGN_UP_FLAGS, flag);
}
