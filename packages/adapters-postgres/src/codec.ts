/**
 * Encodings of stored values: limiter keys as bytes, numbers and text as the drivers hand them back
 * (model values are JSON text, `encodeJson` of `@cognito-recovery/core/rules`).
 *
 * @module
 * @internal
 */

/**
 * The bytes a limiter key is stored under, as hex (bound with `decode($n, 'hex')`): the key's UTF-8
 * when it is well-formed, otherwise the byte 0xFF (never part of UTF-8) followed by its UTF-16LE code
 * units. One-to-one over all JavaScript strings, NUL characters included, which `text` refuses.
 *
 * @internal
 */
export function keyBytesHex(key: string): string {
  const utf8 = Buffer.from(key, 'utf8');
  if (utf8.toString('utf8') === key) return utf8.toString('hex');
  return `ff${Buffer.from(key, 'utf16le').toString('hex')}`;
}

/** A number from a column the driver may hand back as text (`bigint` in node-postgres), a bigint or a number. @internal */
export function toNumber(value: unknown): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint' || typeof value === 'string') return Number(value);
  return undefined;
}

/** A text column's value, or `undefined`. @internal */
export function toText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Claims without repetitions, in their first order. @internal */
export function uniqueClaims(claims: readonly string[]): string[] {
  return [...new Set(claims)];
}
