/**
 * `UpdateUserAttributes`: the signed-in user changes their own attributes (R24.3–R24.5, D44).
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import type { OperationOptions } from '../operations.js';
import type { Ports } from '../ports/index.js';
import { checkClientWrite } from '../rules/attribute-permissions.js';
import { SHAPES, type InputMembers } from '../rules/input-constraints.js';
import { fromAttributeList } from '../wire/mapping.js';
import type { AttributeType, CodeDeliveryDetails } from '../wire/types.js';
import { ACCESS_TOKEN_INPUT, type AccessTokenInput } from './access-token-request.js';
import { attributeUpdateRefusal, attributeUpdater } from './shared/attribute-codes.js';
import { ATTRIBUTE_LIST_SHAPE } from './shared/client-request.js';
import { operation } from './shared/operation.js';
import type { AccessTokenRequestError, CodeDeliveryError } from './shared/request-errors.js';
import { authorizeAccessToken, type TokenDeps } from './shared/tokens.js';
import type { ClaimError } from '../rules/claim-conflicts.js';

/** `UpdateUserAttributesRequest` (R24.3). @group Use cases */
export interface UpdateUserAttributesInput extends AccessTokenInput {
  /** The attributes to set; a blank value deletes one. */
  readonly UserAttributes: readonly AttributeType[];
  /** Passed to the custom message / sender triggers, never stored (R15.7). */
  readonly ClientMetadata?: Readonly<Record<string, string>>;
}

/** `UpdateUserAttributesResponse` (R24.3). @group Use cases */
export interface UpdateUserAttributesOutput {
  /** One entry per verification code sent; empty when none was. */
  readonly CodeDeliveryDetailsList: readonly CodeDeliveryDetails[];
}

/** Every error UpdateUserAttributes can answer with (R22.1, R24.3, §27). @group Use cases */
export type UpdateUserAttributesError = AccessTokenRequestError | ClaimError | CodeDeliveryError;

/** The ports UpdateUserAttributes uses. @group Use cases */
export type UpdateUserAttributesDeps = TokenDeps & Pick<Ports, 'codes' | 'sender' | 'encryptor'>;

/** The model's input members (R24.3). @internal */
export const UPDATE_USER_ATTRIBUTES_INPUT = {
  UserAttributes: { shape: ATTRIBUTE_LIST_SHAPE, required: true },
  ...ACCESS_TOKEN_INPUT,
  ClientMetadata: { shape: SHAPES.clientMetadata },
} as const satisfies InputMembers<UpdateUserAttributesInput>;

/**
 * Builds the `UpdateUserAttributes` operation (R24.3, D44). The access token is checked as R22.1
 * says; then the client's write permission: `email_verified`, `phone_number_verified` or an attribute
 * outside `WriteAttributes` → `NotAuthorizedException` `A client attempted to write unauthorized
 * attribute`; then the schema rules (`sub` immutable, names in the schema, well-formed values).
 *
 * - **Email and phone (R24.4, R24.5).** The same value again: no code, verified state kept. A new
 *   value replaces the old one, unverified (so it is no alias and no recovery channel until verified),
 *   with a code sent to it when the pool auto-verifies the attribute; under
 *   `AttributesRequireVerificationBeforeUpdate` (and a verified original) the original stays — verified,
 *   still the alias and the channel ForgotPassword uses (recovery R5.3) — and the new value is pending,
 *   a code sent to it; a later update replaces the pending value and supersedes its code (D33);
 *   VerifyUserAttribute with that code promotes it.
 * - **Codes (D33).** `verify:<attribute>` codes, 6 digits, 24 hours, bound to the value, through
 *   `CustomMessage_UpdateUserAttribute` or `CustomEmailSender_UpdateUserAttribute` /
 *   `CustomSMSSender_UpdateUserAttribute`, whose events show the current (not pending) values.
 * - **Answer.** `CodeDeliveryDetailsList`, one entry per code sent, empty when none was. A claim
 *   another user holds (a username attribute) → `UsernameExistsException` / `AliasExistsException`
 *   `An account with the given <attribute> already exists.`; a recovery code delivered to a replaced
 *   address dies (D20).
 *
 * @example
 * ```ts
 * const update = updateUserAttributes(ports, { region: 'us-east-1' });
 * await update({ AccessToken, UserAttributes: [{ Name: 'email', Value: 'new@example.com' }] });
 * // ok({ CodeDeliveryDetailsList: [{ Destination: 'n***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' }] })
 * ```
 * @group Use cases
 */
export function updateUserAttributes(deps: UpdateUserAttributesDeps, options: OperationOptions) {
  const update = attributeUpdater(deps, options);
  return operation(
    UPDATE_USER_ATTRIBUTES_INPUT,
    async (request: UpdateUserAttributesInput): Promise<Result<UpdateUserAttributesOutput, UpdateUserAttributesError>> => {
      const authorized = await authorizeAccessToken(deps, request.AccessToken, options);
      if (authorized.isErr()) return err(authorized.error);
      const { pool, client, user } = authorized.value;
      const changes = fromAttributeList(request.UserAttributes);
      const permitted = checkClientWrite(client, changes); // D44
      if (permitted.isErr()) return err(permitted.error);
      const updated = await update(pool, user, changes, { clientId: client.clientId, clientMetadata: request.ClientMetadata }, false);
      if (updated.isOk()) return ok({ CodeDeliveryDetailsList: updated.value.deliveries });
      return err('kind' in updated.error ? attributeUpdateRefusal(pool, updated.error) : updated.error);
    },
  );
}
