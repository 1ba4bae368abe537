/**
 * A ready-to-use `node:http` server for the wire protocol.
 *
 * @module
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestListenerOptions } from './request-listener.js';
import { createRequestListener } from './request-listener.js';

/**
 * Options of {@link startServer}: where to listen, the server's timeouts, and the
 * {@link RequestListenerOptions}.
 *
 * @group Server
 */
export interface StartServerOptions extends RequestListenerOptions {
  /** Interface to bind (default `127.0.0.1`: local only). */
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
  /** The endpoint to give an SDK or the AWS CLI, e.g. `http://127.0.0.1:9229`. */
  readonly url: string;
  /** The bound port (the chosen one when `port` was 0). */
  readonly port: number;
  /** Stops accepting, closes every connection (idle keep-alive ones too) and resolves when done. */
  close(): Promise<void>;
}

/**
 * Starts the Cognito wire protocol on `node:http` with keep-alive, bound to `127.0.0.1:9229` unless told
 * otherwise.
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
  const server = createServer({ keepAlive: true, requestTimeout, headersTimeout, keepAliveTimeout }, createRequestListener(options));
  server.requestTimeout = requestTimeout;
  server.headersTimeout = headersTimeout;
  server.keepAliveTimeout = keepAliveTimeout;

  const host = options.host ?? '127.0.0.1';
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
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
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
