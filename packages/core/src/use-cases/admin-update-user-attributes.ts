/**
 * `AdminUpdateUserAttributes`: sets or replaces a user's attributes.
 *
 * @module
 */
import { err, ok, type ResultAsync } from 'neverthrow';
import { cognitoError, messages, type CognitoError } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { applyAttributeUpdate } from '../rules/attributes.js';
import { claimTakenError } from '../rules/claim-conflicts.js';
import { SHAPES, type InputMembers } from '../rules/input-constraints.js';
import { fromAttributeList } from '../wire/mapping.js';
import type { AttributeType } from '../wire/types.js';
import { loadPoolAndUser } from './shared/admin-context.js';
import { changesDeliveryAddress, revokeRecoveryCode } from './shared/revoke-code.js';
import { updateUser } from './shared/update-user.js';
import { operation } from './shared/operation.js';

/** `AdminUpdateUserAttributesRequest`. @group Use cases */
export interface AdminUpdateUserAttributesInput {
  /** The pool. */
  readonly UserPoolId: string;
  /** Username, alias or sub. */
  readonly Username: string;
  /** Attributes to set (not `sub`). */
  readonly UserAttributes: readonly AttributeType[];
  /** Passed to triggers in Cognito (accepted, not modelled). */
  readonly ClientMetadata?: Readonly<Record<string, string>>;
}

/** `AdminUpdateUserAttributes` answers `{}`. @group Use cases */
export type AdminUpdateUserAttributesOutput = Readonly<Record<string, never>>;

/** Every error AdminUpdateUserAttributes can answer with. @group Use cases */
export type AdminUpdateUserAttributesError = CognitoError<
  | 'InvalidParameterException'
  | 'SerializationException'
  | 'ResourceNotFoundException'
  | 'UserNotFoundException'
  | 'AliasExistsException'
  | 'UsernameExistsException'
  | 'InternalErrorException'
  | 'TooManyRequestsException'
>;

/** The ports AdminUpdateUserAttributes uses. @group Use cases */
export type AdminUpdateUserAttributesDeps = Pick<Ports, 'pools' | 'users' | 'clock' | 'codes' | 'secrets'>;

/** The model's input members. @internal */
export const ADMIN_UPDATE_USER_ATTRIBUTES_INPUT = {
  UserPoolId: { shape: SHAPES.userPoolId, required: true },
  Username: { shape: SHAPES.username, required: true },
  UserAttributes: { shape: { type: 'list', member: SHAPES.attributeType }, required: true },
  ClientMetadata: { shape: SHAPES.clientMetadata },
} as const satisfies InputMembers<AdminUpdateUserAttributesInput>;

/**
 * Builds the `AdminUpdateUserAttributes` operation. Claims are recomputed from the new attributes and
 * written under the user's version (re-read and retried on a conflict); an alias or username attribute
 * another user holds is `AliasExistsException` / `UsernameExistsException`
 * `An account with the given <attribute> already exists.`; `sub` is immutable
 * (`Cannot modify the non-mutable attribute sub`). **Not modelled:** no verification code is sent for
 * a changed email or phone.
 *
 * @example
 * ```ts
 * const update = adminUpdateUserAttributes(ports);
 * await update({ UserPoolId: pool.Id, Username: 'alice', UserAttributes: [{ Name: 'email_verified', Value: 'true' }] }); // ok({})
 * ```
 * @group Use cases
 */
export function adminUpdateUserAttributes(
  deps: AdminUpdateUserAttributesDeps,
): (input: AdminUpdateUserAttributesInput) => ResultAsync<AdminUpdateUserAttributesOutput, AdminUpdateUserAttributesError> {
  return operation(ADMIN_UPDATE_USER_ATTRIBUTES_INPUT, async (request) => {
    const changes = fromAttributeList(request.UserAttributes);
    const context = await loadPoolAndUser(deps, request.UserPoolId, request.Username);
    if (context.isErr()) return err(context.error);
    const { pool, user } = context.value;
    const stored = await updateUser(deps, pool, user, (current) => {
      const attributes = applyAttributeUpdate(current, changes);
      return attributes.isErr() ? err(attributes.error) : ok({ ...current, attributes: attributes.value, updatedAt: deps.clock.now() });
    });
    if (stored.isOk()) {
      if (!changesDeliveryAddress(user, stored.value)) return ok({});
      const revoked = await revokeRecoveryCode(deps, pool, stored.value.username); // D20: the address the code went to changed
      return revoked.isErr() ? err(revoked.error) : ok({});
    }
    const failure = stored.error;
    if (!('kind' in failure)) return err(failure);
    switch (failure.kind) {
      case 'UserGone':
        return err(cognitoError('UserNotFoundException', messages.adminUserNotFound));
      case 'ClaimTaken': // the new attributes claim an alias or username attribute another user holds
        return err(claimTakenError(pool, failure.claim, messages.usernameExists));
    }
  });
}
