/**
 * Running statements: SQL errors become port failures, transient ones are retried.
 *
 * @module
 * @internal
 */
import { portFailure, type PortFailure } from '@cognito-recovery/core';
import { err, ok, ResultAsync, type Result } from 'neverthrow';

/**
 * SQLSTATEs after which the statement had no effect and the server asks to come back later: too many
 * connections (53300), cannot connect now (57P03), serialization failure (40001), deadlock detected
 * (40P01), lock not available (55P03). Safe to retry; answered as `throttled` when retries run out.
 *
 * @internal
 */
export const TRANSIENT_SQLSTATES: ReadonlySet<string> = new Set(['53300', '57P03', '40001', '40P01', '55P03']);

/** unique_violation: a concurrent writer took a key between this statement's check and its insert. @internal */
export const UNIQUE_VIOLATION = '23505';

/** Retries of a transient failure before it is answered. */
const RETRIES = 6;

/** The SQLSTATE of a driver error, or `undefined` for anything else. @internal */
export function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/**
 * A word for logs naming what failed: the SQLSTATE, a system error code (`ECONNREFUSED`) or the
 * error's class name. Never the message: PostgreSQL quotes key values (claims are email addresses)
 * and drivers attach the parameters.
 *
 * @internal
 */
export function describeError(error: unknown): string {
  const state = sqlState(error);
  if (state !== undefined) return `SQLSTATE ${state}`;
  if (typeof error === 'object' && error !== null) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(code)) return code;
    if (isPoolTimeout(error)) return 'connection pool timeout';
    const name = (error as { name?: unknown }).name;
    if (typeof name === 'string' && /^[A-Za-z]{1,40}$/.test(name)) return name;
  }
  return 'unknown error';
}

/** node-postgres' pool gave no connection within `connectionTimeoutMillis`: the pool is exhausted. */
function isPoolTimeout(error: object): boolean {
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' && message.startsWith('timeout exceeded when trying to connect');
}

/** Whether the failure left nothing done and is worth retrying (and is a throttling when retries run out). @internal */
export function isTransient(error: unknown): boolean {
  const state = sqlState(error);
  if (state !== undefined) return TRANSIENT_SQLSTATES.has(state);
  return typeof error === 'object' && error !== null && isPoolTimeout(error);
}

/** Waits a little before a retry: jittered, growing with `attempt`. @internal */
export function backoff(attempt: number): Promise<void> {
  const ms = Math.min(100, 2 * 2 ** attempt) * (0.5 + Math.random() / 2);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The port failure for `error` thrown by `action`. @internal */
export function sqlFailure(port: string, action: string, error: unknown): PortFailure {
  return portFailure(port, `${action} failed: ${describeError(error)}`, isTransient(error));
}

/**
 * Runs `work` (one statement), retrying transient failures with a backoff; any other failure (a
 * synchronous throw included) is answered as a `PortFailure` of `port`. Never rejects.
 *
 * @internal
 */
export function execute<T>(port: string, action: string, work: () => Promise<T>): ResultAsync<T, PortFailure> {
  return new ResultAsync(executeAsync(port, action, work));
}

/** {@link execute} as a plain async function, for callers that await it in a loop. @internal */
export async function executeAsync<T>(port: string, action: string, work: () => Promise<T>): Promise<Result<T, PortFailure>> {
  for (let attempt = 0; ; attempt++) {
    try {
      return ok(await work());
    } catch (error) {
      if (isTransient(error) && attempt < RETRIES) {
        await backoff(attempt);
        continue;
      }
      return err(sqlFailure(port, action, error));
    }
  }
}
