/**
 * The attributes a caller may write (administrators, SignUp, migrations) and how an update changes them.
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, messages, type CognitoError } from '../errors.js';
import type { Attributes, User } from '../model/user.js';

/** The standard attributes of every pool's schema (`custom:*` attributes are accepted too). @group Rules */
export const STANDARD_ATTRIBUTES: ReadonlySet<string> = new Set([
  'sub',
  'name',
  'given_name',
  'family_name',
  'middle_name',
  'nickname',
  'preferred_username',
  'profile',
  'picture',
  'website',
  'email',
  'email_verified',
  'gender',
  'birthdate',
  'zoneinfo',
  'locale',
  'phone_number',
  'phone_number_verified',
  'address',
  'updated_at',
]);

const EMAIL_SHAPE = /^[^@\s]+@[^@\s]+$/u;
const PHONE_SHAPE = /^\+[0-9]+$/u;

/**
 * Whether a value looks like an email address.
 *
 * @example
 * ```ts
 * isEmailShaped('alice@example.com'); // true
 * ```
 * @group Rules
 */
export function isEmailShaped(value: string): boolean {
  return EMAIL_SHAPE.test(value);
}

/**
 * Whether a value looks like an E.164 phone number.
 *
 * @example
 * ```ts
 * isPhoneShaped('+15550100'); // true
 * ```
 * @group Rules
 */
export function isPhoneShaped(value: string): boolean {
  return PHONE_SHAPE.test(value);
}

/** Attribute-check failures. @group Rules */
export type AttributeError = CognitoError<'InvalidParameterException'>;

/**
 * Checks attributes a caller writes: names in the schema (standard or `custom:*`), no `sub`, a
 * well-formed email and phone number, verification flags `"true"` or `"false"`.
 *
 * @example
 * ```ts
 * checkWritableAttributes({ sub: 'x' }); // err InvalidParameterException 'Cannot modify the non-mutable attribute sub'
 * ```
 * @group Rules
 */
export function checkWritableAttributes(attributes: Attributes): Result<void, AttributeError> {
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'sub') return err(cognitoError('InvalidParameterException', messages.subImmutable));
    if (!STANDARD_ATTRIBUTES.has(name) && !(name.startsWith('custom:') && name.length > 'custom:'.length)) {
      return err(cognitoError('InvalidParameterException', messages.attributeNotInSchema(name)));
    }
    if (name === 'email' && value !== '' && !isEmailShaped(value)) return err(cognitoError('InvalidParameterException', messages.invalidEmail));
    if (name === 'phone_number' && value !== '' && !isPhoneShaped(value)) return err(cognitoError('InvalidParameterException', messages.invalidPhone));
    if ((name === 'email_verified' || name === 'phone_number_verified') && value !== 'true' && value !== 'false') {
      return err(cognitoError('InvalidParameterException', messages.invalidVerifiedFlag(name)));
    }
  }
  return ok(undefined);
}

/**
 * The attributes after an update: a changed `email` (`phone_number`) is unverified again unless the
 * same update sets `email_verified` (`phone_number_verified`) to `"true"` (DG-verify).
 *
 * @example
 * ```ts
 * applyAttributeUpdate({ attributes: { email: 'a@x.com', email_verified: 'true' } }, { email: 'b@x.com' });
 * // ok({ email: 'b@x.com', email_verified: 'false' })
 * ```
 * @group Rules
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
