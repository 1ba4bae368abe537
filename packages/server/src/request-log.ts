/**
 * One log line per request. The line is built from fixed fields only, so no request body (codes,
 * passwords, secret hashes, client secrets) can ever reach it.
 *
 * @module
 */

/**
 * Receives one line per request: method, operation (or path), status, duration, request id and the
 * error name when there is one. Never a body.
 *
 * @example
 * ```ts
 * const logger: RequestLogger = (line) => { process.stdout.write(`${line}\n`); };
 * // POST ForgotPassword 400 2.1ms 6f1c3a0e-… UserNotFoundException
 * ```
 * @group Server
 */
export type RequestLogger = (line: string) => void;

/**
 * Receives what an operation threw or rejected with (a bug: operations report failures as `Err`). The
 * client gets `500 InternalErrorException` and the request log line names that exception.
 *
 * @group Server
 */
export type BugReporter = (error: unknown, context: { readonly requestId: string; readonly operation: string }) => void;

/** @internal */
export interface RequestLogEntry {
  readonly method: string;
  /** The operation name, or the path for non-operation routes. */
  readonly label: string;
  /** 0 when the client went away before an answer. */
  readonly status: number;
  readonly durationMs: number;
  readonly requestId: string;
  readonly errorName: string | undefined;
}

const LABEL_MAX = 80;

/**
 * Formats a request log line; every client-supplied part is reduced to a short, printable token.
 *
 * @internal
 */
export function formatRequestLog(entry: RequestLogEntry): string {
  const parts = [
    token(entry.method, 16),
    token(entry.label, LABEL_MAX),
    entry.status === 0 ? 'aborted' : String(entry.status),
    `${entry.durationMs.toFixed(1)}ms`,
    entry.requestId,
  ];
  if (entry.errorName !== undefined) parts.push(token(entry.errorName, LABEL_MAX));
  return parts.join(' ');
}

function token(value: string, max: number): string {
  const cleaned = value.replace(/[^\w./-]/g, '?');
  if (cleaned.length === 0) return '-';
  return cleaned.length > max ? `${cleaned.slice(0, max)}…` : cleaned;
}

/**
 * The default {@link BugReporter}: a bug must not go unnoticed, so it goes to `console.error`.
 *
 * @internal
 */
export const reportBugToConsole: BugReporter = (error, context) => {
  console.error(`cognito-recovery: operation ${context.operation} failed unexpectedly (request ${context.requestId})`, error);
};
