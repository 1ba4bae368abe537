/**
 * Encodings of stored values: model values as JSON text keeping explicit `undefined` fields, limiter
 * keys as bytes, numbers as the drivers hand them back.
 *
 * @module
 * @internal
 */

const UNDEFINED = '$undefined';

/**
 * JSON with `undefined` object fields kept as a marker, so decoded values equal what was stored. The
 * text never holds a NUL character or a lone surrogate (`JSON.stringify` escapes both), so it fits a
 * PostgreSQL `text` column whatever the value.
 *
 * @internal
 */
export function encode(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v === undefined ? { [UNDEFINED]: true } : v));
}

/** The inverse of {@link encode}. @internal */
export function decode(text: string): unknown {
  return restore(JSON.parse(text));
}

function restore(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(restore);
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && keys[0] === UNDEFINED && record[UNDEFINED] === true) return undefined;
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = restore(record[key]);
  return out;
}

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
