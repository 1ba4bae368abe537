/**
 * One code lifecycle for every purpose (D8, D33): recovery codes, sign-up confirmation codes and
 * attribute verification codes are drawn, HMACed, stored, limited and expired by the same code. This
 * module holds what differs by purpose: the name a code is kept under in the `RecoveryCodeStore`, its
 * validity, what its HMAC is bound to, where a sign-up code goes (D42), and the per-user limits of
 * R25.3.
 *
 * @module
 */
import type { UserPool } from '../model/user-pool.js';
import type { User } from '../model/user.js';
import type { DeliveryChannel } from './delivery-selection.js';
import { confirmAttemptName } from './limit-keys.js';
import { normaliseUnknownLogin } from './login-resolution.js';

/**
 * What a code is for (D33): a password reset (`recovery`), a sign-up confirmation (`signup`), or the
 * verification of an email or phone number (`verify:email`, `verify:phone_number`). One outstanding
 * code per user and purpose.
 *
 * @group Rules
 */
export type CodePurpose = 'recovery' | 'signup' | 'verify:email' | 'verify:phone_number';

/** The contact attributes a code can verify. @group Rules */
export type ContactAttribute = 'email' | 'phone_number';

/** D33, R25.2: sign-up and attribute verification codes are valid 24 hours. @group Rules */
export const VERIFICATION_CODE_VALIDITY_SECONDS = 86_400;

/**
 * The per-user hourly limits of R25.3 for the verification flows (the recovery ones are the pool's
 * `limits`, D9): ConfirmSignUp 15, ResendConfirmationCode 5, GetUserAttributeVerificationCode 5,
 * VerifyUserAttribute 15, in a one-hour sliding window.
 *
 * @group Rules
 */
export const VERIFICATION_LIMITS = {
  /** ConfirmSignUp calls per user per window (D37: counted before the code is compared). */
  confirmSignUpAttempts: 15,
  /** ResendConfirmationCode calls per user per window (D41: counted before delivery). */
  resendRequests: 5,
  /** GetUserAttributeVerificationCode calls per user per window (R24.1). */
  verificationCodeRequests: 5,
  /** VerifyUserAttribute calls per user and attribute per window (R24.2). */
  verifyAttempts: 15,
  /** The window, in seconds. */
  windowSeconds: 3600,
} as const;

/**
 * The purpose of the code that verifies `attribute`.
 *
 * @example
 * ```ts
 * verifyPurposeOf('email'); // 'verify:email'
 * ```
 * @group Rules
 */
export function verifyPurposeOf(attribute: ContactAttribute): CodePurpose {
  return attribute === 'email' ? 'verify:email' : 'verify:phone_number';
}

/**
 * The name a code is kept under in the `RecoveryCodeStore` (and `CodeConsumption.name`): the username
 * for a recovery code, `<username>\u0000<purpose>` for the others (a NUL cannot be in a username, so
 * no purpose's name is another user's or another purpose's).
 *
 * @example
 * ```ts
 * codeName('alice', 'recovery'); // 'alice'
 * codeName('alice', 'signup'); // 'alice\u0000signup'
 * ```
 * @group Rules
 */
export function codeName(username: string, purpose: CodePurpose): string {
  return purpose === 'recovery' ? username : `${username}\u0000${purpose}`;
}

/**
 * The name under which codes and confirm attempts of an input that names nobody (or a disabled user)
 * are kept under `PreventUserExistenceErrors = ENABLED` (§8, D4): the hidden name of the recovery
 * flow (`confirmAttemptName`, which no username can equal) with the purpose suffix of
 * {@link codeName}.
 *
 * @example
 * ```ts
 * hiddenCodeName(pool, 'Ghost', 'signup'); // ' unknown ghost\u0000signup' in a case-insensitive pool
 * ```
 * @group Rules
 */
export function hiddenCodeName(pool: UserPool, input: string, purpose: CodePurpose): string {
  return codeName(confirmAttemptName(pool, undefined, input), purpose);
}

/**
 * How long a code of `purpose` is valid, in seconds: the pool's `limits.codeValiditySeconds` for
 * recovery codes (D8), {@link VERIFICATION_CODE_VALIDITY_SECONDS} for the others (D33).
 *
 * @group Rules
 */
export function codeValiditySeconds(pool: Pick<UserPool, 'limits'>, purpose: CodePurpose): number {
  return purpose === 'recovery' ? pool.limits.codeValiditySeconds : VERIFICATION_CODE_VALIDITY_SECONDS;
}

/**
 * What the stored HMAC of a code covers. A recovery code is HMACed alone (R7.1); a sign-up or
 * attribute code together with the attribute and the value it was sent to (D33: the code is bound to
 * that value), so once the value changes, or a pending value is replaced, the code no longer verifies
 * and answers as a superseded code. The code comes first and the suffix is fixed by the user's data,
 * so two different codes never give the same subject.
 *
 * @example
 * ```ts
 * codeSubject('123456', 'verify:email', 'email', 'a@example.com'); // '123456\u0000email\u0000a@example.com'
 * ```
 * @group Rules
 */
export function codeSubject(code: string, purpose: CodePurpose, attribute: ContactAttribute, value: string): string {
  return purpose === 'recovery' ? code : `${code}\u0000${attribute}\u0000${value}`;
}

function needsVerification(user: Pick<User, 'attributes'>, attribute: ContactAttribute): string | undefined {
  const value = user.attributes[attribute];
  return value !== undefined && value !== '' && user.attributes[`${attribute}_verified`] !== 'true' ? value : undefined;
}

/**
 * Where a sign-up confirmation code goes (R23.5, R23.12, D42): the phone number if the pool
 * auto-verifies it and the user has one not yet verified, else the email under the same conditions;
 * `undefined` when neither qualifies (no code is sent, the user waits for AdminConfirmSignUp).
 * ConfirmSignUp recomputes it to know which attribute the code verifies, so a code stops confirming
 * once its attribute changes.
 *
 * @example
 * ```ts
 * signUpChannel(pool, user); // { medium: 'SMS', attributeName: 'phone_number', destination: '+1…' }
 * ```
 * @group Rules
 */
export function signUpChannel(pool: Pick<UserPool, 'autoVerifiedAttributes'>, user: Pick<User, 'attributes'>): DeliveryChannel | undefined {
  if (pool.autoVerifiedAttributes.includes('phone_number')) {
    const phone = needsVerification(user, 'phone_number');
    if (phone !== undefined) return { medium: 'SMS', attributeName: 'phone_number', destination: phone };
  }
  if (pool.autoVerifiedAttributes.includes('email')) {
    const email = needsVerification(user, 'email');
    if (email !== undefined) return { medium: 'EMAIL', attributeName: 'email', destination: email };
  }
  return undefined;
}

/**
 * The channel of an attribute verification code for `value` (R24.1, R24.3): email by EMAIL, phone
 * number by SMS.
 *
 * @group Rules
 */
export function attributeChannel(attribute: ContactAttribute, value: string): DeliveryChannel {
  return attribute === 'email'
    ? { medium: 'EMAIL', attributeName: 'email', destination: value }
    : { medium: 'SMS', attributeName: 'phone_number', destination: value };
}

function verificationKey(prefix: string, pool: UserPool, user: User | undefined, input: string): string {
  return user === undefined ? `${prefix}\u0000${pool.id}\u0000?${normaliseUnknownLogin(pool, input)}` : `${prefix}\u0000${pool.id}\u0000${user.username}`;
}

/**
 * The `AttemptLimiter` key of ResendConfirmationCode's 5/hour (D41): the user, or for nobody the pool
 * and normalised input, so hidden answers are limited like real ones.
 *
 * @group Rules
 */
export function resendLimitKey(pool: UserPool, user: User | undefined, input: string): string {
  return verificationKey('rc', pool, user, input);
}

/** The `AttemptLimiter` key of GetUserAttributeVerificationCode's 5/hour (R24.1). @group Rules */
export function verificationCodeLimitKey(pool: UserPool, user: User): string {
  return verificationKey('gv', pool, user, user.username);
}
