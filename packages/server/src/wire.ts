/**
 * The Cognito wire protocol (AWS JSON 1.1, spec R1.1–R1.5, D1) as one transport-free function: request
 * (method, path, headers, body bytes) → response (status, headers, body). The HTTP server and the
 * in-process SDK handler both answer through it, so they cannot drift apart.
 *
 * @module
 */
import { isCognitoError } from '@cognito-recovery/core';
import type { Inspection } from './inspection.js';
import type { OperationTable } from './operation.js';
import type { BugReporter } from './request-log.js';

/** R1.1: `X-Amz-Target` is this prefix followed by the operation name. @internal */
export const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';

/** R1.2, R1.4: the content type of requests and answers. @internal */
export const AMZ_JSON_1_1 = 'application/x-amz-json-1.1';

const ACCEPTED_CONTENT_TYPES = new Set([AMZ_JSON_1_1, 'application/json']);

const EXPOSED_HEADERS = 'x-amzn-requestid, x-amzn-errortype, x-amzn-errormessage, date';

const DEFAULT_ALLOWED_HEADERS = [
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

/** What the wire function dispatches to. @internal */
export interface WireContext {
  readonly operations: OperationTable;
  readonly inspection: Inspection | undefined;
  readonly reportBug: BugReporter;
}

/**
 * Answers one request. Never rejects: a bug in an operation or in the inspection becomes
 * `500 InternalErrorException`.
 *
 * @internal
 */
export async function handleWireRequest(request: WireRequest, context: WireContext, requestId: string): Promise<WireResponse> {
  const { method, path } = request;
  if (method === 'OPTIONS') return preflight(request, requestId);
  if (path.startsWith('/_local/')) return localRoute(request, context, requestId);
  if (method === 'POST') return dispatch(request, context, requestId);
  return errorResponse(requestId, 404, 'NotFoundException', `No route for ${method} ${path}; Cognito operations are POST / with X-Amz-Target.`, path);
}

/** The headers every answer carries: the request id (D1) and CORS. @internal */
export function commonHeaders(requestId: string): Record<string, string> {
  return {
    'x-amzn-requestid': requestId,
    'access-control-allow-origin': '*',
    'access-control-expose-headers': EXPOSED_HEADERS,
  };
}

/**
 * An error answer: `{"__type", "message"}` (R1.5) with `x-amzn-errortype`.
 *
 * @internal
 */
export function errorResponse(requestId: string, status: number, name: string, message: string, label: string): WireResponse {
  return {
    status,
    headers: { ...commonHeaders(requestId), 'content-type': AMZ_JSON_1_1, 'x-amzn-errortype': headerSafe(name) },
    body: JSON.stringify({ __type: name, message }),
    label,
    errorName: name,
  };
}

function jsonResponse(requestId: string, value: unknown, label: string): WireResponse {
  return {
    status: 200,
    headers: { ...commonHeaders(requestId), 'content-type': AMZ_JSON_1_1 },
    body: JSON.stringify(value),
    label,
    errorName: undefined,
  };
}

function internalError(requestId: string, label: string): WireResponse {
  return errorResponse(requestId, 500, 'InternalErrorException', 'Internal server error.', label);
}

function preflight(request: WireRequest, requestId: string): WireResponse {
  const requested = request.headers['access-control-request-headers'];
  const allowHeaders = requested === undefined || requested.trim() === '' ? DEFAULT_ALLOWED_HEADERS : requested.replace(/[^\w, -]/g, '');
  return {
    status: 200,
    headers: {
      ...commonHeaders(requestId),
      'access-control-allow-methods': 'POST, GET, OPTIONS',
      'access-control-allow-headers': allowHeaders,
      'access-control-max-age': '86400',
    },
    body: '',
    label: request.path,
    errorName: undefined,
  };
}

function localRoute(request: WireRequest, context: WireContext, requestId: string): WireResponse {
  const { method, path } = request;
  const notFound = (): WireResponse => errorResponse(requestId, 404, 'NotFoundException', `No route for ${method} ${path}.`, path);
  if (path === '/_local/health') return method === 'GET' ? jsonResponse(requestId, { status: 'ok' }, path) : notFound();
  const inspection = context.inspection;
  if (inspection === undefined) return notFound();
  try {
    if (method === 'GET' && path === '/_local/outbox') return jsonResponse(requestId, { messages: inspection.messages() }, path);
    if (method === 'POST' && path === '/_local/reset') {
      inspection.clear();
      return jsonResponse(requestId, {}, path);
    }
  } catch (error: unknown) {
    context.reportBug(error, { requestId, operation: path });
    return internalError(requestId, path);
  }
  return notFound();
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

type ParsedBody = { readonly kind: 'object'; readonly value: Record<string, unknown> } | { readonly kind: 'invalid'; readonly message: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseBody(bytes: Uint8Array): ParsedBody {
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
