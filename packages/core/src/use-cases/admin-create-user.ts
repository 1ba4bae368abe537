/**
 * `AdminCreateUser`: creates a user with a temporary password, in `FORCE_CHANGE_PASSWORD`, and sends
 * the invitation (R26.1, R26.4, R26.5).
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, messages, type CognitoError } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { generatePassword } from '../rules/identifiers.js';
import { SHAPES, type InputMembers } from '../rules/input-constraints.js';
import { newUser, planIdentity } from '../rules/new-users.js';
import { checkPasswordPolicy } from '../rules/password-policy.js';
import { fromAttributeList, toUserType } from '../wire/mapping.js';
import type { AttributeType, UserType } from '../wire/types.js';
import { loadPool, loadUser } from './shared/admin-context.js';
import { createUserRecord } from './shared/new-user.js';
import { keptClaimsRefusal, updateUser } from './shared/update-user.js';
import { invitationSender, type InvitationRequest, type PreparedInvitation } from './shared/invitation.js';
import { ATTRIBUTE_LIST_SHAPE } from './shared/client-request.js';
import { operation } from './shared/operation.js';
import { ADMIN_USER_INPUT } from './admin-user-request.js';
import type { TriggerOptions } from './shared/run-trigger.js';
import { passwordCredentials } from './shared/set-password.js';
import type { AdminUserError } from './shared/request-errors.js';
import type { ClaimError } from '../rules/claim-conflicts.js';
import type { TriggerError } from '../rules/triggers/failures.js';

/** `AdminCreateUserRequest`. @group Use cases */
export interface AdminCreateUserInput {
  /** The pool. */
  readonly UserPoolId: string;
  /** The username; in username-attribute pools an email or phone number (R3.3). */
  readonly Username: string;
  /** Attributes to set (standard or `custom:*`; not `sub`). */
  readonly UserAttributes?: readonly AttributeType[];
  /** Passed to a pre sign-up trigger in Cognito (accepted, not modelled). */
  readonly ValidationData?: readonly AttributeType[];
  /** The temporary password; generated to satisfy the policy when absent. */
  readonly TemporaryPassword?: string;
  /** Move a verified email or phone alias from its current owner (R3.2). */
  readonly ForceAliasCreation?: boolean;
  /** `RESEND` renews the temporary password of an existing `FORCE_CHANGE_PASSWORD` user and sends the invitation again; `SUPPRESS` sends nothing. */
  readonly MessageAction?: 'RESEND' | 'SUPPRESS';
  /** The media of the invitation, to the user's `email` / `phone_number` (default SMS when the user has a phone number, else EMAIL). */
  readonly DesiredDeliveryMediums?: readonly ('SMS' | 'EMAIL')[];
  /** Passed to the invitation's triggers (`clientMetadata`). */
  readonly ClientMetadata?: Readonly<Record<string, string>>;
}

/** `AdminCreateUserResponse`. @group Use cases */
export interface AdminCreateUserOutput {
  /** The new (or, with `RESEND`, existing) user. */
  readonly User: UserType;
}

/** Every error AdminCreateUser can answer with. @group Use cases */
export type AdminCreateUserError =
  | AdminUserError
  | ClaimError
  | CognitoError<
      | 'InvalidPasswordException'
      | 'UnsupportedUserStateException'
      | 'CodeDeliveryFailureException'
      | 'InvalidSmsRoleAccessPolicyException'
      | 'InvalidSmsRoleTrustRelationshipException'
    >
  | TriggerError;

/** The ports AdminCreateUser uses. @group Use cases */
export type AdminCreateUserDeps = Pick<Ports, 'pools' | 'users' | 'hasher' | 'clock' | 'random' | 'sender' | 'triggers' | 'encryptor'>;

/** The model's input members. @internal */
export const ADMIN_CREATE_USER_INPUT = {
  ...ADMIN_USER_INPUT,
  UserAttributes: { shape: ATTRIBUTE_LIST_SHAPE },
  ValidationData: { shape: ATTRIBUTE_LIST_SHAPE },
  TemporaryPassword: { shape: SHAPES.password },
  ForceAliasCreation: { shape: { type: 'boolean' } },
  MessageAction: { shape: { type: 'string', enum: ['RESEND', 'SUPPRESS'] } },
  DesiredDeliveryMediums: { shape: { type: 'list', member: { type: 'string', enum: ['SMS', 'EMAIL'] } } },
  ClientMetadata: { shape: SHAPES.clientMetadata },
} as const satisfies InputMembers<AdminCreateUserInput>;

/**
 * Builds the `AdminCreateUser` operation. The user starts in `FORCE_CHANGE_PASSWORD`, enabled, with a
 * fresh `sub` and the temporary password hashed (checked against the policy with the admin wording
 * of R7.6, or generated to satisfy it). Username rules: R3.3 in username-attribute pools (the
 * username becomes the sub), R3.2 in alias pools. An existing username is `UsernameExistsException`
 * `User account already exists`; a verified alias held by another user is `AliasExistsException`
 * unless `ForceAliasCreation` moves it.
 *
 * The invitation (unless `MessageAction` is `SUPPRESS`): the pool's `InviteMessageTemplate` (Cognito's
 * default texts where unset) with `{username}` and `{####}` (the temporary password) filled in, by each
 * of `DesiredDeliveryMediums` (default SMS with a phone number, else EMAIL) to the user's `email` / `phone_number` (a medium whose
 * attribute the user lacks is skipped; a text without `{####}` is not sent). `{username}` is the
 * username, or in username-attribute pools the email or phone number given as `Username` (the
 * username there is the sub). `CustomMessage_AdminCreateUser` (R26.4) may rewrite the texts; a
 * `CustomEmailSender_AdminCreateUser` / `CustomSMSSender_AdminCreateUser` (R26.5) gets the temporary
 * password encrypted instead, asynchronously. The texts are built (triggers run, SMS deliverability
 * checked, D13) before the user is written, so such a failure writes nothing; they are sent after, and
 * a failed delivery answers its error with the user created (send again with `RESEND`). `RESEND`
 * renews the password of a `FORCE_CHANGE_PASSWORD` user (the old one stops working) and sends it.
 *
 * @example
 * ```ts
 * const create = adminCreateUser(ports);
 * const result = await create({
 *   UserPoolId: pool.Id,
 *   Username: 'alice',
 *   UserAttributes: [{ Name: 'email', Value: 'alice@example.com' }, { Name: 'email_verified', Value: 'true' }],
 *   MessageAction: 'SUPPRESS',
 * });
 * if (result.isOk()) console.log(result.value.User.UserStatus); // 'FORCE_CHANGE_PASSWORD'
 * ```
 * @group Use cases
 */
export function adminCreateUser(deps: AdminCreateUserDeps, options: TriggerOptions = {}) {
  const invitations = invitationSender(deps, options);
  return operation(ADMIN_CREATE_USER_INPUT, async (request: AdminCreateUserInput): Promise<Result<AdminCreateUserOutput, AdminCreateUserError>> => {
    const pool = await loadPool(deps, request.UserPoolId);
    if (pool.isErr()) return err(pool.error);
    const temporary = request.TemporaryPassword ?? generatePassword(deps.random, pool.value.passwordPolicy);
    if (request.TemporaryPassword !== undefined) {
      const policy = checkPasswordPolicy(pool.value.passwordPolicy, temporary, 'admin'); // R7.6
      if (policy.isErr()) return err(policy.error);
    }
    // `{username}`: what the user signs in with (in username-attribute pools the username is the sub).
    const invitationOf = (username: string): InvitationRequest => ({
      username: pool.value.usernameAttributes.length > 0 ? request.Username : username,
      password: temporary,
      mediums: request.DesiredDeliveryMediums,
      clientMetadata: request.ClientMetadata,
    });

    if (request.MessageAction === 'RESEND') {
      const existing = await loadUser(deps, pool.value, request.Username);
      if (existing.isErr()) return err(existing.error);
      if (existing.value.status !== 'FORCE_CHANGE_PASSWORD')
        return err(cognitoError('UnsupportedUserStateException', messages.resendNotPossible(existing.value.username)));
      const invitation = await invitations.prepare(pool.value, existing.value, invitationOf(existing.value.username));
      if (invitation.isErr()) return err(invitation.error);
      const credentials = await passwordCredentials(deps, pool.value.id, existing.value.username, temporary);
      if (credentials.isErr()) return err(credentials.error);
      const renewed = await updateUser(deps, pool.value, existing.value, (current) => ok({ ...current, ...credentials.value, updatedAt: deps.clock.now() }));
      if (renewed.isErr()) return err('kind' in renewed.error ? keptClaimsRefusal(renewed.error) : renewed.error);
      const sent = await invitations.deliver(pool.value, renewed.value, invitation.value);
      return sent.isErr() ? err(sent.error) : ok({ User: toUserType(renewed.value) });
    }

    const identity = planIdentity(pool.value, request.Username, fromAttributeList(request.UserAttributes), deps.random.uuid());
    if (identity.isErr()) return err(identity.error);
    // A generated password that is never sent is known to nobody: no hash or SRP verifier is worth
    // computing for it (≈ 0.7 ms at the local hash cost). Such a user cannot sign in until a password is
    // set (AdminSetUserPassword, or RESEND, which generates and sends a new one), exactly as with one.
    const unknowable = request.TemporaryPassword === undefined && request.MessageAction === 'SUPPRESS';
    const credentials = unknowable ? ok({}) : await passwordCredentials(deps, pool.value.id, identity.value.username, temporary);
    if (credentials.isErr()) return err(credentials.error);
    const user = newUser(pool.value, identity.value, { status: 'FORCE_CHANGE_PASSWORD', passwordHash: undefined, ...credentials.value }, deps.clock.now());
    let invitation: PreparedInvitation | undefined;
    if (request.MessageAction !== 'SUPPRESS') {
      const prepared = await invitations.prepare(pool.value, user, invitationOf(user.username));
      if (prepared.isErr()) return err(prepared.error);
      invitation = prepared.value;
    }
    const created = await createUserRecord(deps, pool.value, user, request.ForceAliasCreation === true, messages.usernameExists);
    if (created.isErr()) return err(created.error);
    if (invitation !== undefined) {
      const sent = await invitations.deliver(pool.value, created.value, invitation);
      if (sent.isErr()) return err(sent.error);
    }
    return ok({ User: toUserType(created.value) });
  });
}
