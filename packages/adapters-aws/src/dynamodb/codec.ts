/**
 * JSON encoding of model values stored as one string attribute, keeping explicit `undefined` fields.
 *
 * @module
 * @internal
 */

const UNDEFINED = '$undefined';

/** JSON with `undefined` object fields kept as a marker, so decoded values equal what was stored. @internal */
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
