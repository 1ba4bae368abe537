/**
 * `AdminUpdateUserAttributes`: sets or replaces a user's attributes.
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import type { Ports } from '../ports/index.js';
import { SHAPES, type InputMembers } from '../rules/input-constraints.js';
import { ADMIN_CLIENT_ID } from '../rules/triggers/common.js';
import { fromAttributeList } from '../wire/mapping.js';
import type { AttributeType } from '../wire/types.js';
import { ADMIN_USER_INPUT, type AdminUserInput } from './admin-user-request.js';
import { loadPoolAndUser } from './shared/admin-context.js';
import { attributeUpdateRefusal, attributeUpdater } from './shared/attribute-codes.js';
import { ATTRIBUTE_LIST_SHAPE } from './shared/client-request.js';
import { operation, type EmptyOutput } from './shared/operation.js';
import type { AdminUserError, CodeDeliveryError } from './shared/request-errors.js';
import type { TriggerOptions } from './shared/run-trigger.js';
import type { ClaimError } from '../rules/claim-conflicts.js';

/** `AdminUpdateUserAttributesRequest`. @group Use cases */
export interface AdminUpdateUserAttributesInput extends AdminUserInput {
  /** Attributes to set (not `sub`). */
  readonly UserAttributes: readonly AttributeType[];
  /** Passed to the custom message / sender triggers of a verification code, never stored (R15.7). */
  readonly ClientMetadata?: Readonly<Record<string, string>>;
}

/** Every error AdminUpdateUserAttributes can answer with. @group Use cases */
export type AdminUpdateUserAttributesError = AdminUserError | ClaimError | CodeDeliveryError;

/** The ports AdminUpdateUserAttributes uses. @group Use cases */
export type AdminUpdateUserAttributesDeps = Pick<Ports, 'pools' | 'users' | 'codes' | 'sender' | 'clock' | 'random' | 'secrets' | 'triggers' | 'encryptor'>;

/** The model's input members. @internal */
export const ADMIN_UPDATE_USER_ATTRIBUTES_INPUT = {
  ...ADMIN_USER_INPUT,
  UserAttributes: { shape: ATTRIBUTE_LIST_SHAPE, required: true },
  ClientMetadata: { shape: SHAPES.clientMetadata },
} as const satisfies InputMembers<AdminUpdateUserAttributesInput>;

/**
 * Builds the `AdminUpdateUserAttributes` operation (R24.6, D45). Claims are recomputed from the new
 * attributes and written under the user's version (re-read and retried on a conflict); `sub` is
 * immutable (`Cannot modify the non-mutable attribute sub`); a blank value deletes the attribute.
 *
 * - **Verification flags (R24.6).** An administrator may set `email_verified` / `phone_number_verified`
 *   directly. A changed email or phone with its flag `"true"` in the same request is applied and
 *   verified at once (also in pools that keep the original value), and no message is sent; an alias
 *   another user holds verified then moves to this user, the other's flag becoming `"false"` (D46).
 * - **Without the flag (D45)** the change is treated exactly like UpdateUserAttributes' (D44): the value
 *   is replaced and unverified, or kept with the new value pending under
 *   `AttributesRequireVerificationBeforeUpdate`, and a `verify:<attribute>` code is sent to the new
 *   value (`CustomMessage_UpdateUserAttribute`, `callerContext.clientId` `CLIENT_ID_NOT_APPLICABLE`).
 *   The answer stays `{}` (no delivery details).
 * - **Conflicts.** Otherwise an alias or username attribute another user holds is
 *   `AliasExistsException` / `UsernameExistsException` `An account with the given <attribute> already exists.`
 * - **D20.** A recovery code delivered to an address that changes or stops being verified dies.
 *
 * @example
 * ```ts
 * const update = adminUpdateUserAttributes(ports);
 * await update({ UserPoolId: pool.Id, Username: 'alice', UserAttributes: [{ Name: 'email_verified', Value: 'true' }] }); // ok({})
 * ```
 * @group Use cases
 */
export function adminUpdateUserAttributes(deps: AdminUpdateUserAttributesDeps, options: TriggerOptions = {}) {
  const update = attributeUpdater(deps, options);
  return operation(
    ADMIN_UPDATE_USER_ATTRIBUTES_INPUT,
    async (request: AdminUpdateUserAttributesInput): Promise<Result<EmptyOutput, AdminUpdateUserAttributesError>> => {
      const changes = fromAttributeList(request.UserAttributes);
      const context = await loadPoolAndUser(deps, request.UserPoolId, request.Username);
      if (context.isErr()) return err(context.error);
      const { pool, user } = context.value;
      const verifies = changes['email_verified'] === 'true' || changes['phone_number_verified'] === 'true'; // D46: the administrator's verification moves aliases
      const updated = await update(pool, user, changes, { clientId: ADMIN_CLIENT_ID, clientMetadata: request.ClientMetadata }, verifies);
      if (updated.isOk()) return ok({});
      return err('kind' in updated.error ? attributeUpdateRefusal(pool, updated.error) : updated.error);
    },
  );
}
