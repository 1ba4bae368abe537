/**
 * `AdminUpdateUserAttributes`: sets or replaces a user's attributes.
 *
 * @module
 */
import { err, ok, safeTry, type Result, type ResultAsync } from 'neverthrow';
import type { CognitoError } from '../errors.js';
import type { Attributes, User } from '../model/user.js';
import type { Ports } from '../ports/index.js';
import { SHAPES, validateInput, type Member } from '../rules/input-constraints.js';
import { changeUser } from './shared/admin-context.js';
import { checkWritableAttributes, type AttributeError } from './shared/new-user.js';
import type { AttributeType } from './shared/types.js';
import { fromAttributeList } from './shared/wire-mapping.js';

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
export type AdminUpdateUserAttributesDeps = Pick<Ports, 'pools' | 'users' | 'clock'>;

/** The model's input members. @internal */
export const ADMIN_UPDATE_USER_ATTRIBUTES_INPUT: Readonly<Record<string, Member>> = {
  UserPoolId: { shape: SHAPES.userPoolId, required: true },
  Username: { shape: SHAPES.username, required: true },
  UserAttributes: { shape: { type: 'list', member: SHAPES.attributeType }, required: true },
  ClientMetadata: { shape: SHAPES.clientMetadata },
};

/**
 * The attributes after an update: a changed `email` (`phone_number`) is unverified again unless the
 * same update sets `email_verified` (`phone_number_verified`) to `"true"` (DG-verify).
 *
 * @internal
 */
export function applyAttributeUpdate(user: Pick<User, 'attributes'>, changes: Attributes): Result<Attributes, AttributeError> {
  const checked = checkWritableAttributes(changes);
  if (checked.isErr()) return err(checked.error);
  const next: Record<string, string> = { ...user.attributes, ...changes };
  for (const attribute of ['email', 'phone_number'] as const) {
    const value = changes[attribute];
    const flag = `${attribute}_verified`;
    if (value !== undefined && value !== user.attributes[attribute] && changes[flag] !== 'true') next[flag] = 'false';
  }
  return ok(next);
}

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
export function adminUpdateUserAttributes(deps: AdminUpdateUserAttributesDeps): (input: AdminUpdateUserAttributesInput) => ResultAsync<AdminUpdateUserAttributesOutput, AdminUpdateUserAttributesError> {
  return (input) =>
    safeTry<AdminUpdateUserAttributesOutput, AdminUpdateUserAttributesError>(async function* () {
      const request = yield* validateInput<AdminUpdateUserAttributesInput>(ADMIN_UPDATE_USER_ATTRIBUTES_INPUT, input);
      const changes = fromAttributeList(request.UserAttributes);
      yield* changeUser(deps, request.UserPoolId, request.Username, (current) =>
        applyAttributeUpdate(current, changes).map((attributes) => ({ ...current, attributes })),
      );
      return ok({});
    });
}
