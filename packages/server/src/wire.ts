/**
 * The Cognito wire protocol (AWS JSON 1.1, spec R1.1–R1.5, D1) as one transport-free function: request
 * (method, path, headers, body bytes) → response (status, headers, body). The HTTP server and the
 * in-process SDK handler both answer through it, so they cannot drift apart.
 *
 * @module
 */
import { isCognitoError } from '@cognito-recovery/core';
import type { Inspection } from './inspection.js';
import { localRoute } from './local-routes.js';
import type { OperationTable } from './operation.js';
import type { BugReporter } from './request-log.js';
import { isWellKnownPath, wellKnownRoute, type WellKnown } from './well-known.js';

/** R1.1: `X-Amz-Target` is this prefix followed by the operation name. @internal */
export const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';

/** R1.2, R1.4: the content type of requests and answers. @internal */
export const AMZ_JSON_1_1 = 'application/x-amz-json-1.1';

/** The content type of the `/_local/*` JSON answers. @internal */
export const LOCAL_JSON = 'application/json; charset=utf-8';

const ACCEPTED_CONTENT_TYPES = new Set([AMZ_JSON_1_1, 'application/json']);

const EXPOSED_HEADERS = 'x-amzn-requestid, x-amzn-errortype, x-amzn-errormessage, date';

/** The request headers AWS SDKs and Amplify send from a browser: the only ones a preflight allows (D21). @internal */
export const DEFAULT_ALLOWED_HEADERS = [
  'amz-sdk-invocation-id',
  'amz-sdk-request',
  'authorization',
  'cache-control',
  'content-type',
  'x-amz-content-sha256',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-target',
  'x-amz-user-agent',
].join(', ');

/** A request as both transports see it. Header names are lower-case. @internal */
export interface WireRequest {
  readonly method: string;
  /** The path, without the query string. */
  readonly path: string;
  /** The query string, without `?` (empty when there is none). */
  readonly query: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Uint8Array;
}

/** An answer, plus what the request log needs to know about it. @internal */
export interface WireResponse {
  readonly status: number;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The operation name or the path, for the log line. */
  readonly label: string;
  /** The `__type` of an error answer. */
  readonly errorName: string | undefined;
}

/** What the wire function dispatches to, and whom it answers (D21). @internal */
export interface WireContext {
  readonly operations: OperationTable;
  readonly inspection: Inspection | undefined;
  readonly reportBug: BugReporter;
  /** Whether a browser page of this `Origin` may call the Cognito API (CORS). */
  readonly allowsOrigin: (origin: string) => boolean;
  /** Whether a request may name this `Host`; `undefined` checks nothing (in process, there is no network). */
  readonly allowsHost: ((host: string) => boolean) | undefined;
  /** The pools' issuers and keys for `GET /<poolId>/.well-known/*` (D48); `undefined`: every pool is unknown there. */
  readonly wellKnown?: WellKnown | undefined;
}

/**
 * Answers one request. Never rejects: a bug in an operation or in the inspection becomes
 * `500 InternalErrorException`.
 *
 * D21: a `Host` that is neither loopback nor allowed is refused before anything else (DNS
 * rebinding); `/_local/*` never carries a CORS header; the Cognito API answers CORS only for the
 * allowed origins, echoing the origin, and refuses a page of any other origin. D48: `GET` of a
 * pool's `/.well-known/jwks.json` or `/.well-known/openid-configuration` answers the document, with
 * the same `Host` and CORS checks as the Cognito API.
 *
 * @internal
 */
export async function handleWireRequest(request: WireRequest, context: WireContext, requestId: string): Promise<WireResponse> {
  const { method, path } = request;
  const host = request.headers['host'];
  if (context.allowsHost !== undefined && host !== undefined && !context.allowsHost(host)) {
    const refused = errorResponse(
      requestId,
      403,
      'ForbiddenException',
      `Host ${JSON.stringify(clip(host))} is not allowed: this local endpoint answers requests for localhost, 127.0.0.1 and [::1] and for the names given with --allowed-host (config "allowedHosts"), to stop DNS rebinding (D21).`,
      path,
    );
    return isLocalPath(path) ? asPlainJson(refused) : refused;
  }
  if (isLocalPath(path)) return asPlainJson(await localRoute(request, context, requestId));

  const origin = request.headers['origin'];
  if (origin !== undefined && !context.allowsOrigin(origin)) {
    return withVary(
      errorResponse(
        requestId,
        403,
        'ForbiddenException',
        `Origin ${JSON.stringify(clip(origin))} may not call this endpoint: start it with --cors-origin ${clip(origin)} (config "corsOrigins"); by default only http://localhost:* and http://127.0.0.1:* may (D21).`,
        path,
      ),
    );
  }
  let response: WireResponse;
  if (method === 'OPTIONS') response = preflight(request, requestId, origin !== undefined);
  else if (method === 'POST') response = await dispatch(request, context, requestId);
  else if (method === 'GET' && isWellKnownPath(path, context.wellKnown)) response = await wellKnown(request, context, requestId);
  else response = errorResponse(requestId, 404, 'NotFoundException', `No route for ${method} ${path}; Cognito operations are POST / with X-Amz-Target.`, path);
  return origin === undefined ? withVary(response) : withCors(response, origin);
}

/** A well-known document; a failing port is `500 InternalErrorException`. */
async function wellKnown(request: WireRequest, context: WireContext, requestId: string): Promise<WireResponse> {
  try {
    return await wellKnownRoute(request, context.wellKnown, requestId);
  } catch (error: unknown) {
    context.reportBug(error, { requestId, operation: request.path });
    return asPlainJson(internalError(requestId, request.path));
  }
}

/** How much of an error message the `x-amzn-errormessage` header carries. */
const MAX_HEADER_MESSAGE = 512;

/** The header every answer carries: the request id (D1). @internal */
export function commonHeaders(requestId: string): Record<string, string> {
  return { 'x-amzn-requestid': requestId };
}

/**
 * An error answer: `{"__type", "message"}` (R1.5) with the headers a real answer carries (R15.2):
 * `x-amzn-errortype: <Name>:` (with Cognito's trailing colon, which SDKs strip) and
 * `x-amzn-errormessage: <message>` (its first 512 characters, those a header cannot carry as `?`;
 * a validation message can quote a long input, and the body has it whole).
 *
 * @internal
 */
export function errorResponse(requestId: string, status: number, name: string, message: string, label: string): WireResponse {
  return {
    status,
    headers: {
      ...commonHeaders(requestId),
      'content-type': AMZ_JSON_1_1,
      'x-amzn-errortype': `${headerSafe(name)}:`,
      'x-amzn-errormessage': message.slice(0, MAX_HEADER_MESSAGE).replace(/[^\x20-\x7e]/gu, '?'),
    },
    body: JSON.stringify({ __type: name, message }),
    label,
    errorName: name,
  };
}

/** A `200` JSON answer. @internal */
export function jsonResponse(requestId: string, value: unknown, label: string): WireResponse {
  return {
    status: 200,
    headers: { ...commonHeaders(requestId), 'content-type': AMZ_JSON_1_1 },
    body: JSON.stringify(value),
    label,
    errorName: undefined,
  };
}

/** `500 InternalErrorException`. @internal */
export function internalError(requestId: string, label: string): WireResponse {
  return errorResponse(requestId, 500, 'InternalErrorException', 'Internal server error.', label);
}

/** Answers of the Cognito API depend on the `Origin`: caches must keep them apart. */
function withVary(response: WireResponse): WireResponse {
  return { ...response, headers: { ...response.headers, vary: 'Origin' } };
}

/** The CORS headers of an allowed origin: the origin itself, never `*`. */
function withCors(response: WireResponse, origin: string): WireResponse {
  return {
    ...response,
    headers: { ...response.headers, vary: 'Origin', 'access-control-allow-origin': origin, 'access-control-expose-headers': EXPOSED_HEADERS },
  };
}

/** A CORS preflight of an allowed origin: the SDK headers only, whatever was asked for. */
function preflight(request: WireRequest, requestId: string, cors: boolean): WireResponse {
  return {
    status: 200,
    headers: cors
      ? {
          ...commonHeaders(requestId),
          'access-control-allow-methods': 'POST, OPTIONS',
          'access-control-allow-headers': DEFAULT_ALLOWED_HEADERS,
          'access-control-max-age': '86400',
        }
      : { ...commonHeaders(requestId), allow: 'POST, OPTIONS' },
    body: '',
    label: request.path,
    errorName: undefined,
  };
}

/**
 * `/_local/*` is not the Cognito API: its JSON is plain `application/json`, which a browser tab shows
 * instead of downloading.
 */
function asPlainJson(response: WireResponse): WireResponse {
  if (response.headers['content-type'] !== AMZ_JSON_1_1) return response;
  return { ...response, headers: { ...response.headers, 'content-type': LOCAL_JSON } };
}

function isLocalPath(path: string): boolean {
  return path === '/_local' || path.startsWith('/_local/');
}

/** Client-supplied text quoted in a message: short, and one line. */
function clip(text: string): string {
  const line = text.replace(/\p{Cc}/gu, '?');
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

async function dispatch(request: WireRequest, context: WireContext, requestId: string): Promise<WireResponse> {
  const target = request.headers['x-amz-target'];
  if (target === undefined || target === '') {
    return errorResponse(requestId, 400, 'UnknownOperationException', `Missing X-Amz-Target header; expected ${TARGET_PREFIX}<Operation>.`, request.path);
  }
  const name = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
  const operation = name !== undefined && Object.hasOwn(context.operations, name) ? context.operations[name] : undefined;
  if (name === undefined || operation === undefined) {
    return errorResponse(requestId, 400, 'UnknownOperationException', `Operation ${target} is not supported.`, target);
  }

  const contentType = request.headers['content-type'];
  if (contentType !== undefined && !ACCEPTED_CONTENT_TYPES.has(mediaType(contentType))) {
    return errorResponse(requestId, 400, 'SerializationException', `Unsupported Content-Type ${contentType}; send ${AMZ_JSON_1_1}.`, name);
  }
  const input = parseBody(request.body);
  if (input.kind === 'invalid') return errorResponse(requestId, 400, 'SerializationException', input.message, name);

  try {
    const result = await operation(input.value);
    if (result.isOk()) return jsonResponse(requestId, result.value ?? {}, name);
    const error: unknown = result.error;
    if (!isCognitoError(error)) {
      context.reportBug(new TypeError(`the operation failed with a value that is not a CognitoError`), { requestId, operation: name });
      return internalError(requestId, name);
    }
    return errorResponse(requestId, error.$fault === 'server' ? 500 : 400, error.name, error.message, name);
  } catch (error: unknown) {
    context.reportBug(error, { requestId, operation: name });
    return internalError(requestId, name);
  }
}

/** A request body as JSON. @internal */
export type ParsedBody = { readonly kind: 'object'; readonly value: Record<string, unknown> } | { readonly kind: 'invalid'; readonly message: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads a request body as a JSON object. @internal */
export function parseBody(bytes: Uint8Array): ParsedBody {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { kind: 'invalid', message: 'Request body is not valid UTF-8.' };
  }
  if (text.trim() === '') return { kind: 'object', value: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'invalid', message: 'Request body is not valid JSON.' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { kind: 'invalid', message: 'Request body must be a JSON object.' };
  }
  return { kind: 'object', value: value as Record<string, unknown> };
}

function mediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

/** Exception names are identifiers; anything else would not be a valid header value. */
function headerSafe(name: string): string {
  return /^[A-Za-z][\w.#:-]*$/.test(name) ? name : 'InternalErrorException';
}
