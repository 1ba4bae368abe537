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

/** A verification code an attribute update must send (R24.3, D44): the attribute and the value it verifies. @group Rules */
export interface CodeToSend {
  /** `email` or `phone_number`. */
  readonly attribute: 'email' | 'phone_number';
  /** The value the code goes to and is bound to (the new value, pending or not). */
  readonly value: string;
}

/** What an attribute update writes and which codes it sends ({@link planAttributeUpdate}). @group Rules */
export interface AttributeUpdatePlan {
  /** The user's attributes after the update. */
  readonly attributes: Attributes;
  /** The pending values after the update (R24.5); `undefined` when none is left. */
  readonly pendingAttributes: Attributes | undefined;
  /** The codes to send, one per changed auto-verified email or phone (R24.3, D44). */
  readonly codes: readonly CodeToSend[];
}

/** The pool settings an attribute update follows. @group Rules */
export type AttributeUpdatePool = {
  readonly autoVerifiedAttributes: readonly ('email' | 'phone_number')[];
  readonly attributesRequireVerificationBeforeUpdate?: readonly ('email' | 'phone_number')[] | undefined;
};

/**
 * An attribute update by a user (UpdateUserAttributes, D44) or an administrator
 * (AdminUpdateUserAttributes, D45): the attributes are checked as {@link checkWritableAttributes} does,
 * a blank value deletes the attribute (R24.3), and for `email` and `phone_number`:
 *
 * - the current value again: nothing changes (verified state kept, no code) and a pending value of it
 *   is dropped;
 * - with `<attribute>_verified = "true"` in the same update (administrators only; clients may not
 *   write the flags): the value is set and verified, no code (R24.6);
 * - listed in `AttributesRequireVerificationBeforeUpdate` while the current value is verified: the
 *   value stays (still verified, still the sign-in and recovery channel, recovery R5.3) and the new one
 *   becomes the pending value, replacing any earlier one; a code goes to it (R24.5);
 * - otherwise: the value is replaced and unverified (`"false"`), any pending value dropped, and a code
 *   goes to it when the pool auto-verifies the attribute (R24.4).
 *
 * @example
 * ```ts
 * planAttributeUpdate({ autoVerifiedAttributes: ['email'] }, { attributes: { email: 'a@x.com', email_verified: 'true' } }, { email: 'b@x.com' });
 * // ok({ attributes: { email: 'b@x.com', email_verified: 'false' }, pendingAttributes: undefined, codes: [{ attribute: 'email', value: 'b@x.com' }] })
 * ```
 * @group Rules
 */
export function planAttributeUpdate(
  pool: AttributeUpdatePool,
  user: Pick<User, 'attributes' | 'pendingAttributes'>,
  changes: Attributes,
): Result<AttributeUpdatePlan, AttributeError> {
  const checked = checkWritableAttributes(changes);
  if (checked.isErr()) return err(checked.error);
  const next = new Map(Object.entries(user.attributes));
  const pending = new Map(Object.entries(user.pendingAttributes ?? {}));
  const codes: CodeToSend[] = [];
  for (const [name, value] of Object.entries(changes)) {
    if (name === 'email' || name === 'phone_number') continue;
    if (value === '') next.delete(name);
    else next.set(name, value);
  }
  for (const attribute of ['email', 'phone_number'] as const) {
    const value = changes[attribute];
    if (value === undefined) continue;
    const flag = `${attribute}_verified`;
    const current = user.attributes[attribute];
    if (value === current) {
      pending.delete(attribute);
      continue;
    }
    if (value === '') {
      next.delete(attribute);
      next.delete(flag);
      pending.delete(attribute);
      continue;
    }
    if (changes[flag] === 'true') {
      next.set(attribute, value);
      pending.delete(attribute);
      continue;
    }
    const keepOriginal = pool.attributesRequireVerificationBeforeUpdate?.includes(attribute) === true && user.attributes[flag] === 'true';
    if (keepOriginal) {
      pending.set(attribute, value); // R24.5: the original stays, verified
    } else {
      next.set(attribute, value);
      next.set(flag, 'false');
      pending.delete(attribute);
    }
    if (keepOriginal || pool.autoVerifiedAttributes.includes(attribute)) codes.push({ attribute, value });
  }
  return ok({ attributes: Object.fromEntries(next), pendingAttributes: pending.size === 0 ? undefined : Object.fromEntries(pending), codes });
}
