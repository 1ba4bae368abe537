/**
 * The sliding-window upsert shared by the attempt limiter and the code store's confirm window.
 *
 * @module
 * @internal
 */

/**
 * Parameters of the fragments: `$now` (epoch ms, bigint), `$window` (ms), `$limit` (attempts
 * allowed); the cutoff is `now - window`, and an attempt counts while `cutoff < t <= now` (times
 * after `now` come from callers whose clock is ahead: kept, not counted).
 */
export interface WindowParams {
  readonly now: string;
  readonly window: string;
  readonly limit: string;
}

/** Attempts of `stamps` in `(now - window, now]`. @internal */
export function countIn(stamps: string, p: WindowParams): string {
  return `(SELECT count(*) FROM unnest(${stamps}) AS t WHERE t > ${p.now}::float8 - ${p.window}::float8 AND t <= ${p.now}::float8)`;
}

/**
 * The `SET` list of `ON CONFLICT DO UPDATE` on a row holding a window (`stamps`, `newest`,
 * `window_ms`, `last_allowed`), `row` being the alias of the existing row: when fewer than `limit`
 * attempts are in the window, `now` is recorded; otherwise nothing is (the stamps are only pruned of
 * attempts that left the window). `last_allowed` tells which, for `RETURNING`. The row is locked and
 * the expressions see its latest version, so concurrent attempts on one key are serialized: the
 * check and the record are one atomic step.
 *
 * @internal
 */
export function windowUpdate(row: string, p: WindowParams): string {
  const room = `${countIn(`${row}.stamps`, p)} < ${p.limit}::float8`;
  return `stamps = ARRAY(SELECT t FROM unnest(${row}.stamps) AS t WHERE t > ${p.now}::float8 - ${p.window}::float8)
      || CASE WHEN ${room} THEN ARRAY[${p.now}::bigint] ELSE '{}'::bigint[] END,
    newest = CASE WHEN ${room} THEN GREATEST(coalesce(${row}.newest, ${p.now}::bigint), ${p.now}::bigint) ELSE ${row}.newest END,
    window_ms = ${p.window}::bigint,
    last_allowed = ${room}`;
}
