/**
 * The `node:http` transport: reads a request with a size limit and a deadline, answers through the
 * shared wire function, logs one line.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_CORS_ORIGINS, hostMatcher, originMatcher } from './access.js';
import type { Inspection } from './inspection.js';
import type { OperationTable } from './operation.js';
import type { BugReporter, RequestLogger } from './request-log.js';
import type { WellKnown } from './well-known.js';
import { formatRequestLog, reportBugToConsole } from './request-log.js';
import type { WireContext, WireResponse } from './wire.js';
import { errorResponse, handleWireRequest } from './wire.js';

/** Default request body limit: 1 MiB. @group Server */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Default deadline for receiving a request body once its headers are in: 10 s. @group Server */
export const DEFAULT_BODY_TIMEOUT_MS = 10_000;

/**
 * Default bound on what is read and thrown away of a body over the limit, so that a client still
 * sending it can read the `413` before the connection closes: 8 MiB. @group Server
 */
export const DEFAULT_MAX_DISCARD_BYTES = 8 * 1024 * 1024;

/**
 * Options of {@link createRequestListener}.
 *
 * @group Server
 */
export interface RequestListenerOptions {
  /** The operations to serve. */
  readonly operations: OperationTable;
  /** Turns on the `/_local/*` routes but health (outbox, reset, clock, console); without it they answer 404. */
  readonly inspection?: Inspection | undefined;
  /**
   * The browser origins the Cognito API answers CORS for (D21): `http(s)://host`, `…:port` or `…:*`
   * (any port); default {@link DEFAULT_CORS_ORIGINS}. Never `*`. `/_local/*` never answers CORS.
   */
  readonly corsOrigins?: readonly string[] | undefined;
  /**
   * Host names (or addresses) a request's `Host` may name besides the loopback ones (`localhost`,
   * `127.x.x.x`, `[::1]`), on any port; any other `Host` gets `403 ForbiddenException` (D21: DNS rebinding).
   */
  readonly allowedHosts?: readonly string[] | undefined;
  /**
   * The pools' issuers and keys, for `GET /<poolId>/.well-known/jwks.json` and
   * `/.well-known/openid-configuration` (D48; `wellKnownOf(ports)`); absent: those answer `404 {}`.
   */
  readonly wellKnown?: WellKnown | undefined;
  /** One line per request; never a body. */
  readonly logger?: RequestLogger | undefined;
  /** What an operation threw or rejected with; defaults to `console.error`. */
  readonly onBug?: BugReporter | undefined;
  /** Larger bodies get `413` and the connection is closed (default {@link DEFAULT_MAX_BODY_BYTES}). */
  readonly maxBodyBytes?: number | undefined;
  /** A body not fully received in this time gets `408` (default {@link DEFAULT_BODY_TIMEOUT_MS}). */
  readonly bodyTimeoutMs?: number | undefined;
  /**
   * Of a body over `maxBodyBytes`, up to this many more bytes are read and discarded before the `413`
   * is sent, so that a client still sending can read it (default {@link DEFAULT_MAX_DISCARD_BYTES}).
   */
  readonly maxDiscardBytes?: number | undefined;
}

/**
 * Builds a `node:http` request listener that speaks the Cognito wire protocol (AWS JSON 1.1,
 * `X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>`) to an {@link OperationTable}.
 *
 * Every answer carries `x-amzn-requestid`; errors are `{"__type","message"}` with 400 for client errors
 * and 500 for `InternalErrorException` (spec D1), also for requests node:http would answer bare (an
 * HTTP/1.1 request without `Host`, a body over the limit). A bug in an operation answers 500 and never
 * takes the process down. D21: CORS only for `corsOrigins`, never on `/_local/*`; a `Host` that is not
 * loopback or in `allowedHosts` is refused.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * const server = createServer(createRequestListener({ operations, logger: console.log }));
 * server.listen(9229, '127.0.0.1');
 * ```
 * @group Server
 */
export function createRequestListener(options: RequestListenerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const context: WireContext = {
    operations: options.operations,
    inspection: options.inspection,
    reportBug: options.onBug ?? reportBugToConsole,
    allowsOrigin: originMatcher(options.corsOrigins ?? DEFAULT_CORS_ORIGINS),
    allowsHost: hostMatcher(options.allowedHosts ?? []),
    wellKnown: options.wellKnown,
  };
  const limits = {
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    bodyTimeoutMs: options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS,
    maxDiscardBytes: options.maxDiscardBytes ?? DEFAULT_MAX_DISCARD_BYTES,
  };
  const logger = options.logger;
  return (req, res) => {
    const started = performance.now();
    const requestId = randomUUID();
    const method = req.method ?? 'GET';
    const { path, query } = splitUrl(req.url);
    res.on('error', ignore);
    const log = (status: number, label: string, errorName: string | undefined): void => {
      if (logger === undefined) return;
      try {
        logger(formatRequestLog({ method, label, status, durationMs: performance.now() - started, requestId, errorName }));
      } catch {
        // A failing logger must not fail the request.
      }
    };
    void answer(req, res, { method, path, query, requestId, context, limits }).then(
      (outcome) => {
        if (outcome === undefined) log(0, path, undefined);
        else log(outcome.status, outcome.label, outcome.errorName);
      },
      (error: unknown) => {
        // Unreachable unless node:http itself misbehaves; still, never crash the process.
        context.reportBug(error, { requestId, operation: path });
        if (!res.headersSent) send(res, errorResponse(requestId, 500, 'InternalErrorException', 'Internal server error.', path), true);
        else res.destroy();
        log(500, path, 'InternalErrorException');
      },
    );
  };
}

interface Limits {
  readonly maxBodyBytes: number;
  readonly bodyTimeoutMs: number;
  readonly maxDiscardBytes: number;
}

interface Exchange {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly requestId: string;
  readonly context: WireContext;
  readonly limits: Limits;
}

/** Resolves with what was sent, or `undefined` when the client went away first. */
async function answer(req: IncomingMessage, res: ServerResponse, exchange: Exchange): Promise<WireResponse | undefined> {
  const { requestId, path, limits } = exchange;
  const body = await readBody(req, limits);
  let response: WireResponse;
  switch (body.kind) {
    case 'aborted':
      return undefined;
    case 'too-large':
      response = errorResponse(requestId, 413, 'RequestEntityTooLargeException', `Request body is larger than ${limits.maxBodyBytes} bytes.`, path);
      break;
    case 'timeout':
      response = errorResponse(requestId, 408, 'RequestTimeoutException', `Request body was not received within ${limits.bodyTimeoutMs} ms.`, path);
      break;
    case 'complete':
      // node:http is told not to answer this itself (requireHostHeader: false), so it gets a typed error.
      response =
        req.headers.host === undefined && req.httpVersionMajor === 1 && req.httpVersionMinor >= 1
          ? errorResponse(requestId, 400, 'BadRequestException', 'HTTP/1.1 requests need a Host header.', path)
          : await handleWireRequest(
              { method: exchange.method, path, query: exchange.query, headers: headersOf(req), body: body.bytes },
              exchange.context,
              requestId,
            );
      break;
  }
  if (res.destroyed) return undefined;
  // A body not read to its end is left on the socket: the connection cannot be reused.
  send(res, response, body.kind !== 'complete');
  return response;
}

type BodyOutcome =
  { readonly kind: 'complete'; readonly bytes: Uint8Array } | { readonly kind: 'too-large' } | { readonly kind: 'timeout' } | { readonly kind: 'aborted' };

/**
 * Reads the body up to `maxBodyBytes`. A body over the limit is still read, and thrown away, up to
 * `maxDiscardBytes` more (or until the deadline): a client that writes its whole request before it
 * reads could otherwise lose the `413` to a connection reset when the server closes with unread data.
 */
function readBody(req: IncomingMessage, limits: Limits): Promise<BodyOutcome> {
  const { maxBodyBytes, maxDiscardBytes, bodyTimeoutMs } = limits;
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBodyBytes + maxDiscardBytes) return Promise.resolve({ kind: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    let tooLarge = Number.isFinite(declared) && declared > maxBodyBytes;
    const settle = (outcome: BodyOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      if (outcome.kind !== 'complete' && !req.complete) req.pause();
      resolve(outcome);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        tooLarge = true;
        chunks.length = 0;
      }
      if (size > maxBodyBytes + maxDiscardBytes) settle({ kind: 'too-large' });
      else if (!tooLarge) chunks.push(chunk);
    };
    const onEnd = (): void => {
      settle(tooLarge ? { kind: 'too-large' } : { kind: 'complete', bytes: Buffer.concat(chunks) });
    };
    const onClose = (): void => {
      settle({ kind: 'aborted' });
    };
    const timer = setTimeout(() => {
      settle(tooLarge ? { kind: 'too-large' } : { kind: 'timeout' });
    }, bodyTimeoutMs);
    req.on('error', ignore);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onClose);
  });
}

function send(res: ServerResponse, response: WireResponse, closeConnection: boolean): void {
  const body = Buffer.from(response.body, 'utf8');
  const headers: Record<string, string> = { ...response.headers, 'content-length': String(body.length) };
  if (closeConnection) headers['connection'] = 'close';
  res.writeHead(response.status, headers);
  res.end(body);
}

function headersOf(req: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function splitUrl(url: string | undefined): { path: string; query: string } {
  const raw = url ?? '/';
  const mark = raw.indexOf('?');
  return mark === -1 ? { path: raw, query: '' } : { path: raw.slice(0, mark), query: raw.slice(mark + 1) };
}

function ignore(): void {
  // Socket errors end the exchange; the log line says so.
}
