/**
 * A ready-to-use `node:http` server for the wire protocol.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { checkAllowedHost, isLoopbackHost } from './access.js';
import type { RequestListenerOptions } from './request-listener.js';
import { createRequestListener } from './request-listener.js';
import { errorResponse } from './wire.js';

/**
 * Options of {@link startServer}: where to listen, the server's timeouts, and the
 * {@link RequestListenerOptions}.
 *
 * @group Server
 */
export interface StartServerOptions extends RequestListenerOptions {
  /**
   * Interface to bind (default `127.0.0.1`: local only). A specific address that is not loopback is
   * added to `allowedHosts`, so clients may name it in `Host`; a wildcard (`0.0.0.0`, `::`) is not.
   */
  readonly host?: string | undefined;
  /** Port (default `9229`; `0` picks a free one). */
  readonly port?: number | undefined;
  /** Deadline for a whole request, headers and body (node's `server.requestTimeout`, default 30 s). */
  readonly requestTimeoutMs?: number | undefined;
  /** Deadline for the request headers (node's `server.headersTimeout`, default 10 s). */
  readonly headersTimeoutMs?: number | undefined;
  /** How long an idle keep-alive connection stays open (node's `server.keepAliveTimeout`, default 5 s). */
  readonly keepAliveTimeoutMs?: number | undefined;
}

/**
 * A listening server.
 *
 * @group Server
 */
export interface RunningServer {
  /**
   * The endpoint to give an SDK or the AWS CLI, e.g. `http://127.0.0.1:9229`; on a wildcard bind
   * (`0.0.0.0`, `::`), the loopback address, which the `Host` check allows.
   */
  readonly url: string;
  /** The bound port (the chosen one when `port` was 0). */
  readonly port: number;
  /** Stops accepting, closes every connection (idle keep-alive ones too) and resolves when done. */
  close(): Promise<void>;
}

/**
 * Starts the Cognito wire protocol on `node:http` with keep-alive, bound to `127.0.0.1:9229` unless told
 * otherwise. Requests node:http cannot parse, that miss a deadline or (HTTP/1.1) a `Host` header get a
 * JSON error with a request id, never node's bare answer.
 *
 * @example
 * ```ts
 * const server = await startServer({ operations, port: 0 });
 * const client = new CognitoIdentityProviderClient({ endpoint: server.url, region: 'us-east-1' });
 * // …
 * await server.close();
 * ```
 * @group Server
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const headersTimeout = Math.min(options.headersTimeoutMs ?? 10_000, requestTimeout);
  const keepAliveTimeout = options.keepAliveTimeoutMs ?? 5_000;
  // node checks these deadlines every connectionsCheckingInterval (30 s by default): check often enough to honour them.
  const connectionsCheckingInterval = Math.max(50, Math.min(1_000, Math.floor(headersTimeout / 4)));
  const host = options.host ?? '127.0.0.1';
  const bound = boundName(host);
  const allowedHosts = bound === undefined ? options.allowedHosts : [...(options.allowedHosts ?? []), bound];
  const server = createServer(
    // requireHostHeader: false lets the listener answer a missing Host with a typed error instead of node's bare 400.
    { keepAlive: true, requestTimeout, headersTimeout, keepAliveTimeout, connectionsCheckingInterval, requireHostHeader: false },
    createRequestListener({ ...options, allowedHosts }),
  );
  server.requestTimeout = requestTimeout;
  server.headersTimeout = headersTimeout;
  server.keepAliveTimeout = keepAliveTimeout;
  server.on('clientError', answerClientError);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 9229, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost(host)}:${port}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::' || host === '[::]') return '[::1]';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** The `Host` name of a specific, non-loopback interface the server binds, if it is one. */
function boundName(host: string): string | undefined {
  if (host === '0.0.0.0' || host === '::' || host === '[::]' || isLoopbackHost(host)) return undefined;
  const name = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return checkAllowedHost(name).unwrapOr(undefined);
}

const CLIENT_ERRORS: Readonly<Record<string, readonly [number, string, string]>> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'Request was not received in time.'],
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'Request headers are too large.'],
};

/**
 * Requests node:http cannot parse, or that miss the header or request deadline, never reach the
 * listener: they still get a JSON error with a request id (D1) instead of node's bare answer.
 */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable || (socket as Socket & { _httpMessage?: unknown })._httpMessage !== undefined) {
    socket.destroy();
    return;
  }
  const [status, reason, message] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'Bad Request', 'Malformed HTTP request.'];
  const name = status === 408 ? 'RequestTimeoutException' : 'BadRequestException';
  const response = errorResponse(randomUUID(), status, name, message, '');
  const body = Buffer.from(response.body, 'utf8');
  const head = Object.entries({ ...response.headers, 'content-length': String(body.length), connection: 'close' })
    .map(([header, value]) => `${header}: ${value}\r\n`)
    .join('');
  socket.end(Buffer.concat([Buffer.from(`HTTP/1.1 ${status} ${reason}\r\n${head}\r\n`, 'latin1'), body]));
}
