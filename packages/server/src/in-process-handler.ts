/**
 * A Smithy request handler that answers AWS SDK v3 requests in process, through the same wire function
 * as the HTTP server, with no socket.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { HttpHandler, HttpRequest } from '@smithy/protocol-http';
import { HttpResponse } from '@smithy/protocol-http';
import type { HttpHandlerOptions } from '@smithy/types';
import { DEFAULT_CORS_ORIGINS, originMatcher } from './access.js';
import type { Inspection } from './inspection.js';
import type { OperationTable } from './operation.js';
import type { BugReporter, RequestLogger } from './request-log.js';
import type { WellKnown } from './well-known.js';
import { formatRequestLog, reportBugToConsole } from './request-log.js';
import type { WireContext } from './wire.js';
import { handleWireRequest } from './wire.js';

/**
 * Options of {@link inProcessHandler}.
 *
 * @group Server
 */
export interface InProcessHandlerOptions {
  /** Turns on the `/_local/*` inspection routes, as on the HTTP server. */
  readonly inspection?: Inspection | undefined;
  /** One line per request; never a body. */
  readonly logger?: RequestLogger | undefined;
  /** What an operation threw or rejected with; defaults to `console.error`. */
  readonly onBug?: BugReporter | undefined;
  /** The origins answered with CORS headers, as on the HTTP server (default {@link DEFAULT_CORS_ORIGINS}). */
  readonly corsOrigins?: readonly string[] | undefined;
  /** The pools' issuers and keys for the `/.well-known/*` documents, as on the HTTP server (D48). */
  readonly wellKnown?: WellKnown | undefined;
}

/**
 * The handler's configuration as the SDK sees it through `updateHttpClientConfig`; nothing in it
 * changes how requests are answered.
 *
 * @group Server
 */
export type InProcessHandlerConfig = Record<string, unknown>;

/**
 * Builds a Smithy `HttpHandler` that serves an {@link OperationTable} in process: give it to an AWS SDK
 * v3 client as `requestHandler` and the client talks to the table exactly as it would over HTTP (same
 * status codes, headers and bodies), without a socket.
 *
 * @example
 * ```ts
 * const client = new CognitoIdentityProviderClient({
 *   region: 'us-east-1',
 *   endpoint: 'http://in-process',
 *   credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
 *   requestHandler: inProcessHandler(operations),
 * });
 * await client.send(new ForgotPasswordCommand({ ClientId, Username: 'alice' }));
 * ```
 * @group Server
 */
export function inProcessHandler(operations: OperationTable, options: InProcessHandlerOptions = {}): HttpHandler<InProcessHandlerConfig> {
  const context: WireContext = {
    operations,
    inspection: options.inspection,
    reportBug: options.onBug ?? reportBugToConsole,
    allowsOrigin: originMatcher(options.corsOrigins ?? DEFAULT_CORS_ORIGINS),
    // In process there is no network, so no DNS rebinding to guard against.
    allowsHost: undefined,
    wellKnown: options.wellKnown,
  };
  const config: InProcessHandlerConfig = {};
  const logger = options.logger;
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(request: HttpRequest, handlerOptions?: HttpHandlerOptions) {
      const signal = handlerOptions?.abortSignal;
      if (signal?.aborted === true) throw abortError();
      const started = performance.now();
      const requestId = randomUUID();
      const body = await bytesOf(request.body);
      const wire = await handleWireRequest(
        {
          method: request.method.toUpperCase(),
          path: request.path || '/',
          query: queryString(request.query),
          headers: lowerCaseHeaders(request.headers),
          body,
        },
        context,
        requestId,
      );
      try {
        logger?.(
          formatRequestLog({
            method: request.method,
            label: wire.label,
            status: wire.status,
            durationMs: performance.now() - started,
            requestId,
            errorName: wire.errorName,
          }),
        );
      } catch {
        // A failing logger must not fail the request.
      }
      const bytes = Buffer.from(wire.body, 'utf8');
      const response = new HttpResponse({
        statusCode: wire.status,
        headers: { ...wire.headers, 'content-length': String(bytes.length), date: new Date().toUTCString() },
        // Mirrors @smithy/node-http-handler, whose body is the node response stream.
        body: Readable.from([bytes], { objectMode: false }),
      });
      return { response };
    },
    updateHttpClientConfig(key, value) {
      config[key] = value;
    },
    httpHandlerConfigs() {
      return { ...config };
    },
    destroy() {
      // Nothing to release: there are no sockets.
    },
  };
}

function queryString(query: HttpRequest['query']): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === null) params.append(name, '');
    else for (const item of Array.isArray(value) ? value : [value]) params.append(name, item);
  }
  return params.toString();
}

function lowerCaseHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const lower: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) lower[name.toLowerCase()] = value;
  return lower;
}

/** The SDK serializes JSON bodies to strings; streams and byte arrays are accepted too. */
async function bytesOf(body: unknown): Promise<Uint8Array> {
  if (body === undefined || body === null) return new Uint8Array();
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (isAsyncIterable(body)) {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks);
  }
  throw new TypeError('inProcessHandler: unsupported request body type');
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

function abortError(): Error {
  const error = new Error('Request aborted');
  error.name = 'AbortError';
  return error;
}
