/**
 * `UserMigration_ForgotPassword` (§9.2, D12, R8.6) and `UserMigration_Authentication` (R17.4, R19.8):
 * the events, the reading of the function's answer, and the user that answer describes.
 *
 * @module
 */
import type { UserMigrationAuthenticationTriggerEvent, UserMigrationForgotPasswordTriggerEvent } from 'aws-lambda';
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, messages, type CognitoError } from '../../errors.js';
import type { UserPool } from '../../model/user-pool.js';
import { NO_PASSWORD_HISTORY, type User, type UserStatus } from '../../model/user.js';
import { checkWritableAttributes, isEmailShaped, isPhoneShaped } from '../attributes.js';
import { recordAt } from './answers.js';
import { commonFields, metadataOf, type StringMap, type TriggerCaller } from './common.js';
import { unrecognizableOutput } from './failures.js';

/**
 * The response fields of the `UserMigration_ForgotPassword` event as Cognito sends them: all `null`
 * until the function fills them in (§9.2).
 *
 * @group Triggers
 */
export interface UserMigrationResponseFields {
  /** Attributes of the user to create (required for a migration). */
  userAttributes: StringMap | null;
  /** `CONFIRMED` or `RESET_REQUIRED`. */
  finalUserStatus: UserMigrationForgotPasswordTriggerEvent['response']['finalUserStatus'] | null;
  /** `SUPPRESS` or `RESEND` (the welcome message; no effect on the reset code). */
  messageAction: UserMigrationForgotPasswordTriggerEvent['response']['messageAction'] | null;
  /** Media of the welcome message. */
  desiredDeliveryMediums: UserMigrationForgotPasswordTriggerEvent['response']['desiredDeliveryMediums'] | null;
  /** Move an email or phone alias another user holds to the new user. */
  forceAliasCreation: boolean | null;
  /** Turn SMS MFA on (needs a phone number). */
  enableSMSMFA: boolean | null;
}

/**
 * The `UserMigration_ForgotPassword` event (§9.2): `@types/aws-lambda`'s
 * `UserMigrationForgotPasswordTriggerEvent` without `request.password` (absent in the forgot-password
 * flow) and with the initial `null` response fields.
 *
 * @group Triggers
 */
export interface UserMigrationForgotPasswordEvent extends Omit<UserMigrationForgotPasswordTriggerEvent, 'request' | 'response'> {
  /** Only the caller's `ClientMetadata`, when sent (R2.3). */
  request: { clientMetadata?: StringMap | undefined };
  /** Filled in by the function. */
  response: UserMigrationResponseFields;
}

/** The response fields of both `UserMigration` events before the function fills them in: all `null`. */
const NO_MIGRATION_RESPONSE: UserMigrationResponseFields = {
  userAttributes: null,
  finalUserStatus: null,
  messageAction: null,
  desiredDeliveryMediums: null,
  forceAliasCreation: null,
  enableSMSMFA: null,
};

/**
 * The `UserMigration_ForgotPassword` event (§9.2, R3.6): `userName` is the `Username` exactly as the
 * caller sent it, there is no `request.password` nor `request.validationData`, and every response field
 * is `null`.
 *
 * @example
 * ```ts
 * const event = userMigrationEvent({ pool, clientId }, 'legacy-user@example.com');
 * ```
 * @group Triggers
 */
export function userMigrationEvent(caller: TriggerCaller, userName: string): UserMigrationForgotPasswordEvent {
  return {
    ...commonFields(caller, 'UserMigration_ForgotPassword', userName),
    request: { ...metadataOf(caller) },
    response: { ...NO_MIGRATION_RESPONSE },
  };
}

/**
 * The `UserMigration_Authentication` event (R17.4, DG-migrate): `@types/aws-lambda`'s
 * `UserMigrationAuthenticationTriggerEvent` with the initial `null` response fields.
 *
 * @group Triggers
 */
export interface UserMigrationAuthenticationEvent extends Omit<UserMigrationAuthenticationTriggerEvent, 'request' | 'response'> {
  /** The password the user signed in with, and the caller's `ClientMetadata`, when sent. */
  request: { password: string; clientMetadata?: StringMap | undefined };
  /** Filled in by the function. */
  response: UserMigrationResponseFields;
}

/**
 * The `UserMigration_Authentication` event (R17.4, R26.1): raised by the password sign-in flows
 * (`USER_PASSWORD_AUTH`, `ADMIN_USER_PASSWORD_AUTH`) for a `USERNAME` that resolves to nobody;
 * `userName` is the input as sent and `request.password` the password, for the function to check
 * against the old directory. Every response field is `null`.
 *
 * @example
 * ```ts
 * const event = userMigrationAuthenticationEvent({ pool, clientId }, 'legacy-user', password);
 * ```
 * @group Triggers
 */
export function userMigrationAuthenticationEvent(caller: TriggerCaller, userName: string, password: string): UserMigrationAuthenticationEvent {
  return {
    ...commonFields(caller, 'UserMigration_Authentication', userName),
    request: { password, ...metadataOf(caller) },
    response: { ...NO_MIGRATION_RESPONSE },
  };
}

/** What a `UserMigration` function answered (§9.2), when it answered a user. @group Triggers */
export interface UserMigrationAnswer {
  /** The user's attributes, as strings (booleans and numbers are turned into strings). */
  readonly userAttributes: StringMap;
  /** `CONFIRMED` when the function says so, else `RESET_REQUIRED` (D12). */
  readonly finalUserStatus: Extract<UserStatus, 'CONFIRMED' | 'RESET_REQUIRED'>;
  /** Move an alias held by another user. */
  readonly forceAliasCreation: boolean;
  /** Turn SMS MFA on. */
  readonly enableSMSMFA: boolean;
}

/** A boolean, `false` for absent; `undefined` means unusable. */
function optionalBoolean(value: unknown): boolean | undefined {
  if (value === undefined || value === null) return false;
  return typeof value === 'boolean' ? value : undefined;
}

/** Where a `UserMigration` function's output holds the migrated user's attributes. */
const MIGRATED_ATTRIBUTES_PATH = ['response', 'userAttributes'] as const;

/**
 * Reads a `UserMigration` function's output (§9.2, R8.6). No user (`undefined`): the function answered
 * nothing (`null`), an empty object, no or an empty `response`, or no or empty `userAttributes`.
 * `InvalidLambdaResponseException`: output or `response` that is not an object, attribute values that
 * are objects, `finalUserStatus` other than `CONFIRMED`/`RESET_REQUIRED`, `messageAction` other than
 * `SUPPRESS`/`RESEND`, `desiredDeliveryMediums` not a list of `SMS`/`EMAIL`, non-boolean flags.
 *
 * @example
 * ```ts
 * readUserMigrationAnswer({ response: { userAttributes: { email: 'a@example.com', email_verified: 'true' } } });
 * // ok({ userAttributes: {…}, finalUserStatus: 'RESET_REQUIRED', forceAliasCreation: false, enableSMSMFA: false })
 * ```
 * @group Triggers
 */
export function readUserMigrationAnswer(output: unknown): Result<UserMigrationAnswer | undefined, CognitoError<'InvalidLambdaResponseException'>> {
  const attributes = recordAt(output, MIGRATED_ATTRIBUTES_PATH);
  if (attributes.isErr()) return err(attributes.error);
  const raw = attributes.value;
  if (raw === undefined) return ok(undefined);
  // The path to the attributes went through an object `response`.
  const { response } = output as { readonly response: Record<string, unknown> };
  const userAttributes: StringMap = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'string') userAttributes[name] = value;
    else if (typeof value === 'boolean' || typeof value === 'number') userAttributes[name] = String(value);
    else return err(unrecognizableOutput());
  }
  if (Object.keys(userAttributes).length === 0) return ok(undefined);

  const status = response['finalUserStatus'];
  if (status !== undefined && status !== null && status !== 'CONFIRMED' && status !== 'RESET_REQUIRED') return err(unrecognizableOutput());
  const action = response['messageAction'];
  if (action !== undefined && action !== null && action !== 'SUPPRESS' && action !== 'RESEND') return err(unrecognizableOutput());
  const mediums = response['desiredDeliveryMediums'];
  if (mediums !== undefined && mediums !== null && !(Array.isArray(mediums) && mediums.every((m) => m === 'SMS' || m === 'EMAIL')))
    return err(unrecognizableOutput());
  const forceAliasCreation = optionalBoolean(response['forceAliasCreation']);
  const enableSMSMFA = optionalBoolean(response['enableSMSMFA']);
  if (forceAliasCreation === undefined || enableSMSMFA === undefined) return err(unrecognizableOutput());
  return ok({
    userAttributes,
    finalUserStatus: status === 'CONFIRMED' ? 'CONFIRMED' : 'RESET_REQUIRED',
    forceAliasCreation,
    enableSMSMFA,
  });
}

/** `UserLambdaValidationException` `UserMigration failed with error <reason>.` (D12). */
function migrationFailed(reason: string): CognitoError<'UserLambdaValidationException'> {
  return cognitoError('UserLambdaValidationException', messages.triggerFailed('UserMigration', reason));
}

/**
 * The user a migration answer describes (D12), before anything is written: attributes checked as an
 * administrator's would be, a new `sub`, status `RESET_REQUIRED` unless the function says `CONFIRMED`,
 * no password, SMS MFA only with a phone number. The username is the input in plain pools; in
 * username-attribute pools (R3.3), and in alias pools when the input is a phone number or an email the
 * pool uses as alias (R3.2), the username is the new `sub` and the input is the attribute's value.
 * Every refusal is `UserLambdaValidationException` `UserMigration failed with error <reason>.`
 *
 * @example
 * ```ts
 * planMigratedUser(pool, 'legacy@example.com', answer, random.uuid(), clock.now());
 * // ok({ username: 'legacy@example.com', status: 'RESET_REQUIRED', passwordHash: undefined, … })
 * ```
 * @group Triggers
 */
export function planMigratedUser(
  pool: UserPool,
  input: string,
  answer: UserMigrationAnswer,
  sub: string,
  now: number,
): Result<User, CognitoError<'UserLambdaValidationException'>> {
  const checked = checkWritableAttributes(answer.userAttributes);
  if (checked.isErr()) return err(migrationFailed(checked.error.message));
  const kinds = pool.usernameAttributes.length > 0 ? pool.usernameAttributes : pool.aliasAttributes;
  const kind = kinds.includes('email') && isEmailShaped(input) ? 'email' : kinds.includes('phone_number') && isPhoneShaped(input) ? 'phone_number' : undefined;
  if (pool.usernameAttributes.length > 0 && kind === undefined) return err(migrationFailed(messages.migrationUsernameShape));
  const attributes: Record<string, string> = kind === undefined ? { ...answer.userAttributes, sub } : { ...answer.userAttributes, [kind]: input, sub };
  const phone = attributes['phone_number'];
  if (answer.enableSMSMFA && (phone === undefined || phone === '')) return err(migrationFailed(messages.migrationSmsMfaWithoutPhone));
  return ok({
    userPoolId: pool.id,
    username: kind === undefined ? input : sub,
    sub,
    attributes,
    status: answer.finalUserStatus,
    enabled: true,
    passwordHash: undefined,
    passwordHistory: NO_PASSWORD_HISTORY,
    mfa: { smsMfaEnabled: answer.enableSMSMFA, emailMfaEnabled: false },
    createdAt: now,
    updatedAt: now,
    version: 1,
  });
}

/** D12: the refusal of a migrated user whose email or phone alias another user holds. @internal */
export function migratedAliasTaken(attribute: string): CognitoError<'UserLambdaValidationException'> {
  return migrationFailed(messages.migrationAliasExists(attribute));
}
