/**
 * The JSON text adapters store model values as (a DynamoDB string attribute, a PostgreSQL `text`
 * column), keeping explicit `undefined` fields.
 *
 * @module
 */

const UNDEFINED = '$undefined';

/**
 * JSON with `undefined` object fields kept as a marker, so decoded values equal what was stored. The
 * text never holds a NUL character or a lone surrogate (`JSON.stringify` escapes both), so it fits a
 * PostgreSQL `text` column whatever the value.
 *
 * @example
 * ```ts
 * encodeJson({ a: undefined }); // '{"a":{"$undefined":true}}'
 * ```
 * @group Adapters
 */
export function encodeJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v === undefined ? { [UNDEFINED]: true } : v));
}

/**
 * The inverse of {@link encodeJson}.
 *
 * @example
 * ```ts
 * decodeJson('{"a":{"$undefined":true}}'); // { a: undefined }
 * ```
 * @group Adapters
 */
export function decodeJson(text: string): unknown {
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
