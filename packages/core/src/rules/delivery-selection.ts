/**
 * Which verified channel receives the code (§5), and whether the pool can send by it (D13, §9.3).
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, messages, type CognitoError } from '../errors.js';
import type { UserPool } from '../model/user-pool.js';
import type { User } from '../model/user.js';
import type { DeliveryMedium } from '../ports/message-sender.js';

/** The channel chosen for a code. @group Rules */
export interface DeliveryChannel {
  /** EMAIL or SMS. */
  readonly medium: DeliveryMedium;
  /** `email` or `phone_number` (R6.1). */
  readonly attributeName: 'email' | 'phone_number';
  /** The full address or number. */
  readonly destination: string;
}

/**
 * Why no channel was chosen: the pool only allows administrators to reset (`admin_only`, R5.5) or the
 * user qualifies for no mechanism (`no_channel`, R5.6).
 *
 * @group Rules
 */
export type NoDelivery = 'admin_only' | 'no_channel';

/** Whether the pool's recovery setting is `admin_only` (R5.5, D2). @group Rules */
export function isAdminOnly(pool: Pick<UserPool, 'recoveryMechanisms'>): boolean {
  return pool.recoveryMechanisms?.some((m) => m.name === 'admin_only') === true;
}

function verifiedEmail(user: Pick<User, 'attributes'>): string | undefined {
  const email = user.attributes['email'];
  return email !== undefined && email !== '' && user.attributes['email_verified'] === 'true' ? email : undefined;
}

function verifiedPhone(user: Pick<User, 'attributes'>): string | undefined {
  const phone = user.attributes['phone_number'];
  return phone !== undefined && phone !== '' && user.attributes['phone_number_verified'] === 'true' ? phone : undefined;
}

/**
 * Chooses the one destination of a code (R5.2): the highest-priority mechanism the user qualifies for,
 * falling back to priority 2. A mechanism qualifies with a verified attribute whose MFA is not active
 * (R5.3). Pools without a setting prefer a verified phone, then a verified email, and MFA does not
 * disqualify there (R5.4).
 *
 * @example
 * ```ts
 * selectDelivery(pool, user); // { medium: 'SMS', attributeName: 'phone_number', destination: '+1…' }
 * ```
 * @group Rules
 */
export function selectDelivery(pool: Pick<UserPool, 'recoveryMechanisms'>, user: Pick<User, 'attributes' | 'mfa'>): DeliveryChannel | NoDelivery {
  const mechanisms = pool.recoveryMechanisms;
  if (mechanisms === undefined) {
    const phone = verifiedPhone(user);
    if (phone !== undefined) return { medium: 'SMS', attributeName: 'phone_number', destination: phone };
    const email = verifiedEmail(user);
    if (email !== undefined) return { medium: 'EMAIL', attributeName: 'email', destination: email };
    return 'no_channel';
  }
  if (isAdminOnly(pool)) return 'admin_only';
  const ordered =
    mechanisms.length > 1 && mechanisms[0] !== undefined && mechanisms[1] !== undefined && mechanisms[0].priority > mechanisms[1].priority
      ? [mechanisms[1], mechanisms[0]]
      : mechanisms;
  for (const mechanism of ordered) {
    if (mechanism.name === 'verified_email' && !user.mfa.emailMfaEnabled) {
      const email = verifiedEmail(user);
      if (email !== undefined) return { medium: 'EMAIL', attributeName: 'email', destination: email };
    } else if (mechanism.name === 'verified_phone_number' && !user.mfa.smsMfaEnabled) {
      const phone = verifiedPhone(user);
      if (phone !== undefined) return { medium: 'SMS', attributeName: 'phone_number', destination: phone };
    }
  }
  return 'no_channel';
}

/** A pool's custom sender trigger for one medium (§9.3). @group Rules */
export interface CustomSender {
  /** `CustomEmailSender` or `CustomSMSSender`. */
  readonly trigger: 'CustomEmailSender' | 'CustomSMSSender';
  /** The function the pool configures. */
  readonly functionRef: string;
}

/**
 * The custom sender trigger a pool configures for a medium, if any (§9.3).
 *
 * @example
 * ```ts
 * customSenderOf(pool, 'EMAIL'); // { trigger: 'CustomEmailSender', functionRef: 'arn:…' } or undefined
 * ```
 * @group Rules
 */
export function customSenderOf(pool: Pick<UserPool, 'lambdaConfig'>, medium: DeliveryMedium): CustomSender | undefined {
  const functionRef = medium === 'EMAIL' ? pool.lambdaConfig.customEmailSender : pool.lambdaConfig.customSmsSender;
  if (functionRef === undefined) return undefined;
  return { trigger: medium === 'EMAIL' ? 'CustomEmailSender' : 'CustomSMSSender', functionRef };
}

/**
 * D13: a pool without SMS configuration cannot send the code by SMS; checked before any code exists
 * (and, in AdminResetUserPassword, before the user's status changes). A custom SMS sender (§9.3)
 * replaces SNS, so a pool that has one needs no SMS configuration.
 *
 * @example
 * ```ts
 * checkDeliverable(poolWithoutSms, smsChannel); // err InvalidSmsRoleAccessPolicyException
 * ```
 * @group Rules
 */
export function checkDeliverable(
  pool: Pick<UserPool, 'smsConfiguration' | 'lambdaConfig'>,
  channel: DeliveryChannel,
): Result<void, CognitoError<'InvalidSmsRoleAccessPolicyException'>> {
  if (channel.medium === 'SMS' && pool.smsConfiguration === undefined && customSenderOf(pool, 'SMS') === undefined) {
    return err(cognitoError('InvalidSmsRoleAccessPolicyException', messages.noSmsConfiguration));
  }
  return ok(undefined);
}
