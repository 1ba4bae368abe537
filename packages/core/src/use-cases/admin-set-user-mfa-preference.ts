/**
 * `AdminSetUserMFAPreference`: activates or deactivates a user's SMS and email MFA.
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, messages } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { SHAPES, type InputMembers, type Shape } from '../rules/input-constraints.js';
import { changeUser } from './shared/admin-context.js';
import type { AdminUserInput } from './admin-user-request.js';
import { operation, type EmptyOutput } from './shared/operation.js';
import type { AdminUserError } from './shared/request-errors.js';

/** `SMSMfaSettingsType`, `EmailMfaSettingsType`, `SoftwareTokenMfaSettingsType`. @group Use cases */
export interface MfaSettingsType {
  /** Activate (`true`) or deactivate (`false`); absent leaves it unchanged. */
  readonly Enabled?: boolean;
  /** Make it the preferred method (accepted; the model keeps no preference). */
  readonly PreferredMfa?: boolean;
}

/** `AdminSetUserMFAPreferenceRequest`. @group Use cases */
export interface AdminSetUserMfaPreferenceInput extends AdminUserInput {
  /** SMS MFA (disqualifies the phone for recovery, R5.3). */
  readonly SMSMfaSettings?: MfaSettingsType;
  /** Email MFA (disqualifies the email for recovery, R5.3). */
  readonly EmailMfaSettings?: MfaSettingsType;
  /** Accepted, not modelled. */
  readonly SoftwareTokenMfaSettings?: MfaSettingsType;
  /** Accepted, not modelled. */
  readonly WebAuthnMfaSettings?: MfaSettingsType;
}

/** The ports AdminSetUserMFAPreference uses. @group Use cases */
export type AdminSetUserMfaPreferenceDeps = Pick<Ports, 'pools' | 'users' | 'clock'>;

const settings: Shape = {
  type: 'structure',
  members: { Enabled: { shape: { type: 'boolean' } }, PreferredMfa: { shape: { type: 'boolean' } } } satisfies InputMembers<MfaSettingsType>,
};

/** The model's input members. @internal */
export const ADMIN_SET_USER_MFA_PREFERENCE_INPUT = {
  SMSMfaSettings: { shape: settings },
  SoftwareTokenMfaSettings: { shape: settings },
  EmailMfaSettings: { shape: settings },
  WebAuthnMfaSettings: { shape: settings },
  Username: { shape: SHAPES.username, required: true },
  UserPoolId: { shape: SHAPES.userPoolId, required: true },
} as const satisfies InputMembers<AdminSetUserMfaPreferenceInput>;

/**
 * Builds the `AdminSetUserMFAPreference` operation. Activating SMS MFA needs a `phone_number` and email
 * MFA an `email`, otherwise `InvalidParameterException`
 * `User does not have delivery config set to turn on SMS_MFA` (`EMAIL_OTP`). The pool's
 * `MfaConfiguration` is not checked.
 *
 * @example
 * ```ts
 * const setMfa = adminSetUserMfaPreference(ports);
 * await setMfa({ UserPoolId: pool.Id, Username: 'alice', SMSMfaSettings: { Enabled: true } }); // ok({})
 * ```
 * @group Use cases
 */
export function adminSetUserMfaPreference(deps: AdminSetUserMfaPreferenceDeps) {
  return operation(ADMIN_SET_USER_MFA_PREFERENCE_INPUT, async (request: AdminSetUserMfaPreferenceInput): Promise<Result<EmptyOutput, AdminUserError>> => {
    const changed = await changeUser(deps, request.UserPoolId, request.Username, (current) => {
      const sms = request.SMSMfaSettings?.Enabled ?? current.mfa.smsMfaEnabled;
      const email = request.EmailMfaSettings?.Enabled ?? current.mfa.emailMfaEnabled;
      if (sms && !current.mfa.smsMfaEnabled && (current.attributes['phone_number'] ?? '') === '') {
        return err(cognitoError('InvalidParameterException', messages.noMfaDeliveryConfig('SMS_MFA')));
      }
      if (email && !current.mfa.emailMfaEnabled && (current.attributes['email'] ?? '') === '') {
        return err(cognitoError('InvalidParameterException', messages.noMfaDeliveryConfig('EMAIL_OTP')));
      }
      return ok({ ...current, mfa: { smsMfaEnabled: sms, emailMfaEnabled: email } });
    });
    return changed.isErr() ? err(changed.error) : ok({});
  });
}
