/**
 * The pool's password policy (R7.6).
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, messages, type CognitoError } from '../errors.js';
import type { PasswordPolicy } from '../model/user-pool.js';

/** The symbols Cognito accepts as special characters; space counts too (R7.6). @group Rules */
export const PASSWORD_SYMBOLS = '^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+- ';

const SYMBOLS = new Set(Array.from(PASSWORD_SYMBOLS));
const NO_OUTER_BLANK = /^\S(?:.*\S)?$/su;

/**
 * Which operation family the message is for: user operations (`ConfirmForgotPassword`, `SignUp`) say
 * "Password does not conform to policy: …", admin operations "Password did not conform with password
 * policy: …" (R7.6).
 *
 * @group Rules
 */
export type PolicyMessageStyle = 'user' | 'admin';

/**
 * The first rule a password breaks, in the order: no leading or trailing blank, length, upper case,
 * lower case, numbers, symbols (R7.6; the order is the project's choice where several fail).
 * Upper and lower case are Basic Latin letters; length counts code points.
 *
 * @example
 * ```ts
 * checkPasswordPolicy(DEFAULT_PASSWORD_POLICY, 'short');
 * // err InvalidPasswordException 'Password does not conform to policy: Password not long enough'
 * ```
 * @group Rules
 */
export function checkPasswordPolicy(
  policy: PasswordPolicy,
  password: string,
  style: PolicyMessageStyle = 'user',
): Result<void, CognitoError<'InvalidPasswordException'>> {
  const reason = policyViolation(policy, password);
  if (reason === undefined) return ok(undefined);
  const prefix = style === 'user' ? messages.passwordPolicyUser : messages.passwordPolicyAdmin;
  return err(cognitoError('InvalidPasswordException', prefix + reason));
}

function policyViolation(policy: PasswordPolicy, password: string): string | undefined {
  if (!NO_OUTER_BLANK.test(password)) return messages.passwordBlankEnds;
  let length = 0;
  let upper = false;
  let lower = false;
  let digit = false;
  let symbol = false;
  for (const ch of password) {
    length++;
    if (ch >= 'A' && ch <= 'Z') upper = true;
    else if (ch >= 'a' && ch <= 'z') lower = true;
    else if (ch >= '0' && ch <= '9') digit = true;
    else if (SYMBOLS.has(ch)) symbol = true;
  }
  if (length < policy.minimumLength) return messages.passwordTooShort;
  if (policy.requireUppercase && !upper) return messages.passwordNeedsUppercase;
  if (policy.requireLowercase && !lower) return messages.passwordNeedsLowercase;
  if (policy.requireNumbers && !digit) return messages.passwordNeedsNumbers;
  if (policy.requireSymbols && !symbol) return messages.passwordNeedsSymbols;
  return undefined;
}
