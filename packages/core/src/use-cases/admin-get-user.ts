/**
 * `AdminGetUser`: a user as the administrator sees it.
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import type { User, UserStatus } from '../model/user.js';
import type { Ports } from '../ports/index.js';
import { loadPoolAndUser } from './shared/admin-context.js';
import { toUserType } from '../wire/mapping.js';
import type { AttributeType } from '../wire/types.js';
import { ADMIN_USER_INPUT, type AdminUserInput } from './admin-user-request.js';
import { operation } from './shared/operation.js';
import type { AdminUserError } from './shared/request-errors.js';

/** An MFA method name of `UserMFASettingList`. @group Use cases */
export type MfaMethod = 'SMS_MFA' | 'EMAIL_OTP' | 'SOFTWARE_TOKEN_MFA';

/** `AdminGetUserResponse`. @group Use cases */
export interface AdminGetUserOutput {
  /** The canonical username. */
  readonly Username: string;
  /** Every attribute, `sub` included. */
  readonly UserAttributes: readonly AttributeType[];
  /** Epoch seconds. */
  readonly UserCreateDate: number;
  /** Epoch seconds. */
  readonly UserLastModifiedDate: number;
  /** `Enabled`. */
  readonly Enabled: boolean;
  /** `UserStatus`. */
  readonly UserStatus: UserStatus;
  /** Activated MFA methods; absent when none. */
  readonly UserMFASettingList?: readonly MfaMethod[];
  /** The preferred method, when exactly one is activated. */
  readonly PreferredMfaSetting?: MfaMethod;
}

/** The ports AdminGetUser uses. @group Use cases */
export type AdminGetUserDeps = Pick<Ports, 'pools' | 'users'>;

/** The user's activated MFA methods (R5.3 reads them). @internal */
export function mfaMethods(user: Pick<User, 'mfa'>): MfaMethod[] {
  const methods: MfaMethod[] = [];
  if (user.mfa.smsMfaEnabled) methods.push('SMS_MFA');
  if (user.mfa.emailMfaEnabled) methods.push('EMAIL_OTP');
  return methods;
}

/**
 * Builds the `AdminGetUser` operation. An unknown pool is `ResourceNotFoundException`; a user found
 * by no username, alias or sub is `UserNotFoundException` `User does not exist.` The model keeps no
 * separate MFA preference: `PreferredMfaSetting` is reported when exactly one method is active.
 *
 * @example
 * ```ts
 * const get = adminGetUser(ports);
 * const result = await get({ UserPoolId: pool.Id, Username: 'alice' });
 * if (result.isOk()) console.log(result.value.UserStatus); // 'CONFIRMED'
 * ```
 * @group Use cases
 */
export function adminGetUser(deps: AdminGetUserDeps) {
  return operation(ADMIN_USER_INPUT, async (request: AdminUserInput): Promise<Result<AdminGetUserOutput, AdminUserError>> => {
    const context = await loadPoolAndUser(deps, request.UserPoolId, request.Username);
    if (context.isErr()) return err(context.error);
    const { user } = context.value;
    const wire = toUserType(user);
    const methods = mfaMethods(user);
    const [only] = methods;
    return ok({
      Username: wire.Username,
      UserAttributes: wire.Attributes,
      UserCreateDate: wire.UserCreateDate,
      UserLastModifiedDate: wire.UserLastModifiedDate,
      Enabled: wire.Enabled,
      UserStatus: wire.UserStatus,
      ...(methods.length > 0 ? { UserMFASettingList: methods } : {}),
      ...(methods.length === 1 && only !== undefined ? { PreferredMfaSetting: only } : {}),
    });
  });
}
