/**
 * The `/_local/*` routes: health, the outbox, reset, the clock, the directory and the console page.
 * None of them ever sends a CORS header, and the ones that change state refuse cross-origin requests,
 * so no web page but the console itself can read or reset anything (D21).
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { renderConsoleFragment, renderConsolePage, type ConsoleModel } from './console-page.js';
import { RESET_SCOPES, type Inspection, type ResetScope } from './inspection.js';
import type { WireContext, WireRequest, WireResponse } from './wire.js';
import { commonHeaders, errorResponse, internalError, jsonResponse, parseBody } from './wire.js';

/** The largest `advanceSeconds` accepted: 100 years. */
const MAX_ADVANCE_SECONDS = 100 * 366 * 86_400;

/** Answers a `/_local/*` request. @internal */
export async function localRoute(request: WireRequest, context: WireContext, requestId: string): Promise<WireResponse> {
  const { method, path } = request;
  const notFound = (): WireResponse => errorResponse(requestId, 404, 'NotFoundException', `No route for ${method} ${path}.`, path);
  if (path === '/_local/health') return method === 'GET' ? jsonResponse(requestId, { status: 'ok' }, path) : notFound();
  const inspection = context.inspection;
  if (inspection === undefined) return notFound();
  if (method === 'POST' && !sameOrigin(request)) {
    return errorResponse(
      requestId,
      403,
      'ForbiddenException',
      `${path} refuses requests from other origins: only the console page of this server, or a client that is not a browser, may call it (D21).`,
      path,
    );
  }
  try {
    if (method === 'GET' && (path === '/_local' || path === '/_local/')) return await consoleRoute(request, inspection, requestId);
    if (method === 'GET' && path === '/_local/outbox') return jsonResponse(requestId, { messages: inspection.messages() }, path);
    if (method === 'GET' && path === '/_local/directory')
      return jsonResponse(requestId, inspection.directory === undefined ? { pools: [] } : await inspection.directory(), path);
    if (method === 'POST' && path === '/_local/reset') return await reset(request, inspection, requestId);
    if (path === '/_local/clock' && (method === 'GET' || method === 'POST')) return clockRoute(request, inspection, requestId);
  } catch (error: unknown) {
    context.reportBug(error, { requestId, operation: path });
    return internalError(requestId, path);
  }
  return notFound();
}

/**
 * Whether a state-changing request comes from this server's own pages or from something that is not
 * a browser: browsers send `Origin` on every cross-origin POST (also `no-cors` ones), so an `Origin`
 * other than `http://<Host>` is another site's page.
 */
function sameOrigin(request: WireRequest): boolean {
  const origin = request.headers['origin'];
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  if (origin === undefined) return true;
  const host = request.headers['host'];
  return host !== undefined && origin.toLowerCase() === `http://${host.toLowerCase()}`;
}

async function reset(request: WireRequest, inspection: Inspection, requestId: string): Promise<WireResponse> {
  const { path } = request;
  const asked = new URLSearchParams(request.query).get('scope') ?? 'all';
  const scope = RESET_SCOPES.find((s) => s === asked);
  if (scope === undefined) {
    return errorResponse(
      requestId,
      400,
      'InvalidParameterException',
      `scope must be one of ${RESET_SCOPES.join(', ')} (default all); got ${JSON.stringify(asked.slice(0, 40))}.`,
      path,
    );
  }
  if (inspection.reset !== undefined) {
    await inspection.reset(scope);
    return jsonResponse(requestId, { scope, cleared: cleared(scope) }, path);
  }
  if (scope === 'outbox' || scope === 'all') {
    inspection.clear();
    return jsonResponse(requestId, { scope, cleared: ['outbox'] }, path);
  }
  return errorResponse(
    requestId,
    400,
    'UnsupportedOperationException',
    `This endpoint's inspection holds only the outbox: scope ${scope} cannot be reset.`,
    path,
  );
}

function cleared(scope: ResetScope): readonly ResetScope[] {
  return scope === 'all' ? RESET_SCOPES.filter((s) => s !== 'all') : [scope];
}

function clockView(inspection: Inspection): { mode: 'real' | 'manual'; now: string; epochMs: number } | undefined {
  const clock = inspection.clock;
  if (clock === undefined) return undefined;
  const now = clock.now();
  return { mode: clock.mode, now: new Date(now).toISOString(), epochMs: now };
}

function clockRoute(request: WireRequest, inspection: Inspection, requestId: string): WireResponse {
  const { method, path } = request;
  const clock = inspection.clock;
  if (clock === undefined) return errorResponse(requestId, 400, 'UnsupportedOperationException', 'This endpoint has no clock to show or move.', path);
  if (method === 'GET') return jsonResponse(requestId, clockView(inspection), path);
  if (clock.mode !== 'manual') {
    return errorResponse(
      requestId,
      400,
      'UnsupportedOperationException',
      'The clock follows the system time: start the server with --clock manual to move it with POST /_local/clock.',
      path,
    );
  }
  const body = parseBody(request.body);
  if (body.kind === 'invalid') return errorResponse(requestId, 400, 'SerializationException', body.message, path);
  const usage = 'send {"advanceSeconds": <seconds, 0 or more>} or {"now": "<ISO 8601 time>"}';
  const keys = Object.keys(body.value);
  if (keys.length !== 1 || (keys[0] !== 'advanceSeconds' && keys[0] !== 'now')) {
    return errorResponse(requestId, 400, 'InvalidParameterException', `The body must have exactly one member: ${usage}.`, path);
  }
  const { advanceSeconds, now } = body.value;
  if (keys[0] === 'advanceSeconds') {
    if (typeof advanceSeconds !== 'number' || !Number.isFinite(advanceSeconds) || advanceSeconds < 0 || advanceSeconds > MAX_ADVANCE_SECONDS) {
      return errorResponse(
        requestId,
        400,
        'InvalidParameterException',
        `advanceSeconds must be a number from 0 to ${MAX_ADVANCE_SECONDS}; to go back in time, ${usage.slice(usage.indexOf('{"now"'))}.`,
        path,
      );
    }
    clock.advanceBy(advanceSeconds * 1000);
  } else {
    const ms = typeof now === 'string' ? Date.parse(now) : Number.NaN;
    if (!Number.isFinite(ms))
      return errorResponse(requestId, 400, 'InvalidParameterException', 'now must be an ISO 8601 time, e.g. "2030-01-01T00:00:00Z".', path);
    clock.set(ms);
  }
  return jsonResponse(requestId, clockView(inspection), path);
}

async function consoleRoute(request: WireRequest, inspection: Inspection, requestId: string): Promise<WireResponse> {
  const view = clockView(inspection);
  const model: ConsoleModel = {
    directory: inspection.directory === undefined ? undefined : await inspection.directory(),
    messages: inspection.messages(),
    clock: view === undefined ? undefined : { mode: view.mode, now: view.now },
  };
  const fragment = new URLSearchParams(request.query).has('fragment');
  const nonce = randomBytes(16).toString('base64');
  return {
    status: 200,
    headers: {
      ...commonHeaders(requestId),
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    },
    body: fragment ? renderConsoleFragment(model) : renderConsolePage(model, nonce),
    label: request.path,
    errorName: undefined,
  };
}
