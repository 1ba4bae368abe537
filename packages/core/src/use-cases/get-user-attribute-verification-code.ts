/**
 * `GetUserAttributeVerificationCode`: the signed-in user asks for a code that verifies their email or
 * phone number (R24.1, D43).
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, messages } from '../errors.js';
import type { OperationOptions } from '../operations.js';
import type { Ports } from '../ports/index.js';
import { SHAPES, type InputMembers, type StringShape } from '../rules/input-constraints.js';
import { VERIFICATION_LIMITS, attributeChannel, verificationCodeLimitKey, verifyPurposeOf } from '../rules/verification-codes.js';
import type { CodeDeliveryDetails } from '../wire/types.js';
import { ACCESS_TOKEN_INPUT, type AccessTokenInput } from './access-token-request.js';
import { codeIssuer } from './shared/issue-code.js';
import { operation } from './shared/operation.js';
import type { AccessTokenRequestError, CodeDeliveryError } from './shared/request-errors.js';
import { countRequest } from './shared/request-limit.js';
import { authorizeAccessToken, type TokenDeps } from './shared/tokens.js';

/** `GetUserAttributeVerificationCodeRequest` (R24.1). @group Use cases */
export interface GetUserAttributeVerificationCodeInput extends AccessTokenInput {
  /** `email` or `phone_number`. */
  readonly AttributeName: string;
  /** Passed to the custom message / sender triggers, never stored (R15.7). */
  readonly ClientMetadata?: Readonly<Record<string, string>>;
}

/** `GetUserAttributeVerificationCodeResponse` (R24.1). @group Use cases */
export interface GetUserAttributeVerificationCodeOutput {
  /** Where the code went, masked. */
  readonly CodeDeliveryDetails: CodeDeliveryDetails;
}

/** Every error GetUserAttributeVerificationCode can answer with (R22.1, R24.1, §27). @group Use cases */
export type GetUserAttributeVerificationCodeError = AccessTokenRequestError | CodeDeliveryError;

/** The ports GetUserAttributeVerificationCode uses. @group Use cases */
export type GetUserAttributeVerificationCodeDeps = TokenDeps & Pick<Ports, 'codes' | 'sender' | 'encryptor'>;

/** `AttributeNameType`. @internal */
export const ATTRIBUTE_NAME_SHAPE = { type: 'string', min: 1, max: 32, pattern: '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+' } as const satisfies StringShape;

/** The model's input members (R24.1). @internal */
export const GET_USER_ATTRIBUTE_VERIFICATION_CODE_INPUT = {
  ...ACCESS_TOKEN_INPUT,
  AttributeName: { shape: ATTRIBUTE_NAME_SHAPE, required: true },
  ClientMetadata: { shape: SHAPES.clientMetadata },
} as const satisfies InputMembers<GetUserAttributeVerificationCodeInput>;

/**
 * Builds the `GetUserAttributeVerificationCode` operation (R24.1, D43). The access token is checked as
 * R22.1 says; then `AttributeName` must be `email` or `phone_number` with a value, else
 * `InvalidParameterException` `Invalid attribute name or attribute has no value.`; then the request
 * limit (5 per user per hour → `LimitExceededException`, R25.3). A `verify:<attribute>` code (D33:
 * 6 digits, 24 hours, bound to the value, replacing the previous one) goes to the **current** value —
 * during a pending update the original, not the pending one — also when it is already verified and
 * when the pool does not auto-verify it, through `CustomMessage_VerifyUserAttribute` or
 * `CustomEmailSender_VerifyUserAttribute` / `CustomSMSSender_VerifyUserAttribute`.
 *
 * @example
 * ```ts
 * const ask = getUserAttributeVerificationCode(ports, { region: 'us-east-1' });
 * await ask({ AccessToken, AttributeName: 'email' });
 * // ok({ CodeDeliveryDetails: { Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' } })
 * ```
 * @group Use cases
 */
export function getUserAttributeVerificationCode(deps: GetUserAttributeVerificationCodeDeps, options: OperationOptions) {
  const issuer = codeIssuer(deps, options);
  return operation(
    GET_USER_ATTRIBUTE_VERIFICATION_CODE_INPUT,
    async (request: GetUserAttributeVerificationCodeInput): Promise<Result<GetUserAttributeVerificationCodeOutput, GetUserAttributeVerificationCodeError>> => {
      const authorized = await authorizeAccessToken(deps, request.AccessToken, options);
      if (authorized.isErr()) return err(authorized.error);
      const { pool, client, user } = authorized.value;
      const attribute = request.AttributeName;
      const value = attribute === 'email' || attribute === 'phone_number' ? user.attributes[attribute] : undefined;
      if ((attribute !== 'email' && attribute !== 'phone_number') || value === undefined || value === '') {
        return err(cognitoError('InvalidParameterException', messages.invalidVerificationAttribute)); // D43
      }
      const counted = await countRequest(
        deps,
        verificationCodeLimitKey(pool, user),
        VERIFICATION_LIMITS.verificationCodeRequests,
        VERIFICATION_LIMITS.windowSeconds,
      ); // R25.3
      if (counted.isErr()) return err(counted.error);
      const issued = await issuer.issue(pool, user, attributeChannel(attribute, value), {
        clientId: client.clientId,
        clientMetadata: request.ClientMetadata,
        purpose: verifyPurposeOf(attribute),
        source: 'VerifyUserAttribute',
      });
      return issued.isErr() ? err(issued.error) : ok({ CodeDeliveryDetails: issued.value });
    },
  );
}
