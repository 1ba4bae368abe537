/**
 * The public token-verification documents of a local endpoint (R21.9, R21.10, D48):
 * `GET /<poolId>/.well-known/jwks.json` and `GET /<poolId>/.well-known/openid-configuration`, also
 * under the issuer's path when `issuerBaseUrl` has one.
 *
 * @module
 */
import type { Ports, PublicJwk } from '@cognito-recovery/core';
import { issuerOf } from '@cognito-recovery/core/rules';
import type { Result } from 'neverthrow';
import { err, ok } from 'neverthrow';
import type { WireRequest, WireResponse } from './wire.js';
import { commonHeaders, LOCAL_JSON } from './wire.js';

/**
 * What the well-known routes know about one pool.
 *
 * @group Server
 */
export interface WellKnownPool {
  /** The `iss` of the pool's tokens (R21.4, D34). */
  readonly issuer: string;
  /** The pool's two public keys, ID key first (R21.9). */
  readonly keys: readonly PublicJwk[];
}

/**
 * Where the well-known routes read a pool's issuer and keys; {@link wellKnownOf} builds one from a
 * composition's ports.
 *
 * @example
 * ```ts
 * const wellKnown: WellKnown = wellKnownOf(recovery.ports, { issuerBaseUrl: 'http://localhost:9229' });
 * await startServer({ operations, wellKnown });
 * ```
 * @group Server
 */
export interface WellKnown {
  /**
   * The base of the tokens' `iss` (`RecoveryOptions.issuerBaseUrl`), without a trailing `/`;
   * `undefined`: Cognito's own. The documents are also served under its path (e.g. `/cognito`), and
   * the discovery document's `jwks_uri` is under it.
   */
  readonly issuerBaseUrl: string | undefined;
  /** The pool's issuer and keys; `undefined` when there is no such pool. Rejects when a port fails. */
  pool(userPoolId: string): Promise<WellKnownPool | undefined>;
}

/**
 * Options of {@link wellKnownOf}.
 *
 * @group Server
 */
export interface WellKnownOptions {
  /** D34: the base of the tokens' `iss`, as given to `createRecovery`; default Cognito's own. */
  readonly issuerBaseUrl?: string | undefined;
}

/**
 * R21.4, D34: the `iss` of a pool's tokens: `<issuerBaseUrl>/<poolId>`, or Cognito's own
 * `https://cognito-idp.<region>.amazonaws.com/<poolId>`, the region being the part of the pool id
 * before `_` (the core's `issuerOf`, which the sign-in operations use).
 *
 * @example
 * ```ts
 * tokenIssuer('eu-west-1_Abc'); // 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc'
 * tokenIssuer('eu-west-1_Abc', 'http://localhost:9229/'); // 'http://localhost:9229/eu-west-1_Abc'
 * ```
 * @group Server
 */
export function tokenIssuer(userPoolId: string, issuerBaseUrl?: string): string {
  return issuerOf(userPoolId, issuerBaseUrl);
}

/**
 * Checks an `issuerBaseUrl` (`--issuer-base-url`): an absolute `http(s)` URL without query, fragment
 * or credentials; answers it without a trailing `/`.
 *
 * @example
 * ```ts
 * checkIssuerBaseUrl('http://localhost:9229/'); // ok('http://localhost:9229')
 * checkIssuerBaseUrl('localhost:9229'); // err('…')
 * ```
 * @group Server
 */
export function checkIssuerBaseUrl(value: string): Result<string, string> {
  const usage = 'expected an http(s) URL such as http://localhost:9229 or https://auth.example.test/cognito (no query, no fragment)';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return err(`${JSON.stringify(value.slice(0, 200))} is not a URL: ${usage}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return err(`${JSON.stringify(value.slice(0, 200))} is not an http(s) URL: ${usage}`);
  if (url.search !== '' || url.hash !== '' || value.includes('?') || value.includes('#')) {
    return err(`${JSON.stringify(value.slice(0, 200))} has a query or a fragment: ${usage}`);
  }
  if (url.username !== '' || url.password !== '') return err('the issuer base URL must not carry credentials');
  return ok(`${url.origin}${url.pathname}`.replace(/\/+$/, ''));
}

/**
 * The {@link WellKnown} of a composition: pools from `ports.pools`, keys from `ports.tokens.jwks`,
 * issuers by {@link tokenIssuer}.
 *
 * @example
 * ```ts
 * const recovery = createMemoryRecovery();
 * await startServer({ operations: operationsOf(recovery), wellKnown: wellKnownOf(recovery.ports) });
 * ```
 * @group Server
 */
export function wellKnownOf(ports: Pick<Ports, 'pools' | 'tokens'>, options: WellKnownOptions = {}): WellKnown {
  const base = options.issuerBaseUrl?.replace(/\/+$/, '');
  return {
    issuerBaseUrl: base,
    pool: async (userPoolId) => {
      const pool = await ports.pools.getPool(userPoolId);
      if (pool.isErr()) throw new Error(`the pool directory failed: ${pool.error.reason}`);
      if (pool.value === undefined) return undefined;
      const keys = await ports.tokens.jwks(userPoolId);
      if (keys.isErr()) throw new Error(`the token signer failed: ${keys.error.reason}`);
      return { issuer: tokenIssuer(userPoolId, base), keys: keys.value };
    },
  };
}

const POOL_ID = /^[\w-]{1,50}_[0-9a-zA-Z]{1,100}$/;
const DOCUMENT = /^\/([^/]+)\/\.well-known\/(jwks\.json|openid-configuration)$/;

/** The path of an issuer base URL (`/cognito`), without a trailing `/`; `''` for none. */
function issuerPathOf(wellKnown: WellKnown | undefined): string {
  const base = wellKnown?.issuerBaseUrl;
  if (base === undefined) return '';
  try {
    return new URL(base).pathname.replace(/\/+$/, '');
  } catch {
    return '';
  }
}

/** The pool id and document a path names, or `undefined` when it is not a well-known path. */
function matchPath(path: string, wellKnown: WellKnown | undefined): { readonly poolId: string; readonly document: string } | undefined {
  const issuerPath = issuerPathOf(wellKnown);
  const direct = DOCUMENT.exec(path);
  const prefixed = direct === null && issuerPath !== '' && path.startsWith(`${issuerPath}/`) ? DOCUMENT.exec(path.slice(issuerPath.length)) : null;
  const match = direct ?? prefixed;
  if (match === null) return undefined;
  return { poolId: match[1] ?? '', document: match[2] ?? '' };
}

/**
 * Whether a request path is one of the well-known documents.
 *
 * @internal
 */
export function isWellKnownPath(path: string, wellKnown: WellKnown | undefined): boolean {
  return matchPath(path, wellKnown) !== undefined;
}

/**
 * Answers `GET /<poolId>/.well-known/{jwks.json,openid-configuration}` (D48): the JWKS
 * `{"keys": […]}` (R21.9) or the discovery document with exactly R21.10's fields: its three endpoints
 * under the local base URL (`http://<Host>/oauth2/…`), `jwks_uri` under the issuer when
 * `issuerBaseUrl` is set, else under the local base URL too (Cognito's own issuer is not this
 * endpoint); an unknown pool (or no {@link WellKnown}) is `404 {}`.
 * Rejects when a port fails (the caller answers 500).
 *
 * @internal
 */
export async function wellKnownRoute(request: WireRequest, wellKnown: WellKnown | undefined, requestId: string): Promise<WireResponse> {
  const { path } = request;
  const matched = matchPath(path, wellKnown);
  const pool = matched !== undefined && wellKnown !== undefined && POOL_ID.test(matched.poolId) ? await wellKnown.pool(matched.poolId) : undefined;
  if (matched === undefined || pool === undefined) return documentResponse(requestId, 404, {}, path);
  if (matched.document === 'jwks.json') return documentResponse(requestId, 200, { keys: pool.keys }, path);
  const base = `http://${request.headers['host'] ?? '127.0.0.1'}`;
  return documentResponse(
    requestId,
    200,
    {
      authorization_endpoint: `${base}/oauth2/authorize`,
      id_token_signing_alg_values_supported: ['RS256'],
      issuer: pool.issuer,
      jwks_uri: wellKnown?.issuerBaseUrl === undefined ? `${base}/${matched.poolId}/.well-known/jwks.json` : `${pool.issuer}/.well-known/jwks.json`,
      response_types_supported: ['code', 'token'],
      scopes_supported: ['openid', 'email', 'phone', 'profile'],
      subject_types_supported: ['public'],
      token_endpoint: `${base}/oauth2/token`,
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      userinfo_endpoint: `${base}/oauth2/userInfo`,
    },
    path,
  );
}

function documentResponse(requestId: string, status: number, value: unknown, label: string): WireResponse {
  return {
    status,
    headers: { ...commonHeaders(requestId), 'content-type': LOCAL_JSON },
    body: JSON.stringify(value),
    label,
    errorName: undefined,
  };
}
