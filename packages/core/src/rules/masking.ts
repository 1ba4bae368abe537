/**
 * How destinations are masked before they leave (§6).
 *
 * @module
 */

/**
 * Email masking (R6.2): the first character of the local part, `***@`, the first character of the
 * domain, `***`; the rest, the TLD included, is dropped. `test@test.com` → `t***@t***`.
 *
 * @example
 * ```ts
 * maskEmail('alice@example.com'); // 'a***@e***'
 * ```
 * @group Rules
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const local = at === -1 ? email : email.slice(0, at);
  const domain = at === -1 ? '' : email.slice(at + 1);
  return `${firstChar(local)}***@${firstChar(domain)}***`;
}

/**
 * Phone masking (R6.3): the leading `+` and the last four digits stay; every other character becomes
 * `*`, so the length is preserved. `+12065551234` → `+*******1234`.
 *
 * @example
 * ```ts
 * maskPhone('+441234567890'); // '+********7890'
 * ```
 * @group Rules
 */
export function maskPhone(phone: string): string {
  const chars = Array.from(phone);
  const plus = chars[0] === '+' ? 1 : 0;
  const keep = Math.min(4, Math.max(0, chars.length - plus));
  return (plus === 1 ? '+' : '') + '*'.repeat(chars.length - plus - keep) + chars.slice(chars.length - keep).join('');
}

/** The first user-perceived character (a whole code point), or nothing. */
function firstChar(value: string): string {
  const cp = value.codePointAt(0);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}
