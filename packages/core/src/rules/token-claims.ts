/**
 * The claims of ID and access tokens (R21.4–R21.8, D34, D35) and the validity they get from the client.
 *
 * @module
 */
import type { AppClient, TokenValidity } from '../model/app-client.js';
import type { User } from '../model/user.js';
import type { JwtClaims } from '../ports/token-signer.js';

/** R21.7: the scope of tokens from API sign-in, the one the token-authorized operations require (R15.1). @group Rules */
export const ADMIN_SCOPE = 'aws.cognito.signin.user.admin';

/** R21.8: Cognito's default lifetimes (1 hour, 1 hour, 30 days), in seconds. @group Rules */
export const DEFAULT_TOKEN_VALIDITY: TokenValidity = Object.freeze({ accessSeconds: 3600, idSeconds: 3600, refreshSeconds: 30 * 86_400 });

/** R21.8: the longest an ID or access token can live (1 day), in seconds. @group Rules */
export const MAX_ACCESS_VALIDITY_SECONDS = 86_400;

/** R21.8: the longest a refresh token can live (3,650 days), in seconds. @group Rules */
export const MAX_REFRESH_VALIDITY_SECONDS = 3650 * 86_400;

/** The boolean attributes the ID token carries as JSON booleans (R21.6). */
const BOOLEAN_CLAIMS: ReadonlySet<string> = new Set(['email_verified', 'phone_number_verified']);

/**
 * The client's token lifetimes (D35): `client.tokenValidity`, or the defaults of R21.8 when unset; a
 * refresh validity of 0 is the 30-day default (R20.6).
 *
 * @example
 * ```ts
 * tokenValidityOf(aClient()); // { accessSeconds: 3600, idSeconds: 3600, refreshSeconds: 2592000 }
 * ```
 * @group Rules
 */
export function tokenValidityOf(client: Pick<AppClient, 'tokenValidity'>): TokenValidity {
  const validity = client.tokenValidity;
  if (validity === undefined) return DEFAULT_TOKEN_VALIDITY;
  return validity.refreshSeconds > 0 ? validity : { ...validity, refreshSeconds: DEFAULT_TOKEN_VALIDITY.refreshSeconds };
}

/**
 * R21.4, D34: the `iss` of a pool's tokens, `<base>/<poolId>`, where the base is `issuerBaseUrl` (a
 * local endpoint) or `https://cognito-idp.<region>.amazonaws.com` with the region taken from the pool id
 * (the part before `_`).
 *
 * @example
 * ```ts
 * issuerOf('eu-west-1_abc'); // 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc'
 * issuerOf('eu-west-1_abc', 'http://localhost:9229'); // 'http://localhost:9229/eu-west-1_abc'
 * ```
 * @group Rules
 */
export function issuerOf(userPoolId: string, issuerBaseUrl?: string): string {
  const base = issuerBaseUrl ?? `https://cognito-idp.${userPoolId.split('_')[0] ?? ''}.amazonaws.com`;
  return `${base.replace(/\/+$/, '')}/${userPoolId}`;
}

/**
 * The pool id a token's `iss` names (its last path segment), or `undefined` when `iss` is no string.
 *
 * @group Rules
 */
export function poolIdOfIssuer(iss: unknown): string | undefined {
  if (typeof iss !== 'string') return undefined;
  const slash = iss.lastIndexOf('/');
  const id = iss.slice(slash + 1);
  return slash < 0 || id === '' ? undefined : id;
}

/**
 * One issue of tokens (D35): a sign-in or a refresh.
 *
 * @group Rules
 */
export interface TokenIssue {
  /** `iss` (see {@link issuerOf}). */
  readonly issuer: string;
  /** `origin_jti`: one UUID per sign-in, kept by refresh. */
  readonly originJti: string;
  /** `event_id`: one UUID per sign-in or refresh, shared by its ID and access tokens. */
  readonly eventId: string;
  /** `auth_time`: the original sign-in, epoch seconds. */
  readonly authTime: number;
  /** `iat`: now, epoch seconds. */
  readonly issuedAt: number;
  /** The lifetimes (fixed at issue). */
  readonly validity: TokenValidity;
  /** `cognito:groups` (omitted when empty; the model has no groups yet). */
  readonly groups?: readonly string[] | undefined;
}

/**
 * The attributes a client may read (R21.6, R22.2): all of them when `client.readAttributes` is unset,
 * else those it lists. `sub` is always kept.
 *
 * @example
 * ```ts
 * readableAttributes({ readAttributes: ['email'] }, { sub: 's', email: 'a@x.io', name: 'A' }); // { sub: 's', email: 'a@x.io' }
 * ```
 * @group Rules
 */
export function readableAttributes(client: Pick<AppClient, 'readAttributes'>, attributes: Readonly<Record<string, string>>): Record<string, string> {
  const readable = client.readAttributes;
  if (readable === undefined) return { ...attributes };
  const allowed = new Set(readable);
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(attributes)) if (name === 'sub' || allowed.has(name)) kept[name] = value;
  return kept;
}

/**
 * R21.6, D35: the ID token's claims: `sub`, the readable attributes with values (`email_verified` and
 * `phone_number_verified` as JSON booleans, `custom:*` as strings), `cognito:groups` when non-empty,
 * `iss`, `cognito:username` (canonical), `origin_jti`, `aud` (the client id), `event_id`,
 * `token_use: "id"`, `auth_time`, `exp`, `iat`, `jti`.
 *
 * @group Rules
 */
export function idTokenClaims(
  client: Pick<AppClient, 'clientId' | 'readAttributes'>,
  user: Pick<User, 'username' | 'sub' | 'attributes'>,
  issue: TokenIssue,
  jti: string,
): JwtClaims {
  const claims: Record<string, unknown> = { sub: user.sub };
  for (const [name, value] of Object.entries(readableAttributes(client, user.attributes))) {
    if (name === 'sub' || value === '') continue;
    claims[name] = BOOLEAN_CLAIMS.has(name) ? value === 'true' : value;
  }
  if (issue.groups !== undefined && issue.groups.length > 0) claims['cognito:groups'] = [...issue.groups];
  return {
    ...claims,
    iss: issue.issuer,
    'cognito:username': user.username,
    origin_jti: issue.originJti,
    aud: client.clientId,
    event_id: issue.eventId,
    token_use: 'id',
    auth_time: issue.authTime,
    exp: issue.issuedAt + issue.validity.idSeconds,
    iat: issue.issuedAt,
    jti,
  };
}

/**
 * R21.7, D35: the access token's claims: `sub`, `cognito:groups` when non-empty, `iss`, `client_id`,
 * `origin_jti`, `event_id`, `token_use: "access"`, `scope` ({@link ADMIN_SCOPE}), `auth_time`, `exp`,
 * `iat`, `jti`, `username` (canonical). No attributes, no `aud`.
 *
 * @group Rules
 */
export function accessTokenClaims(client: Pick<AppClient, 'clientId'>, user: Pick<User, 'username' | 'sub'>, issue: TokenIssue, jti: string): JwtClaims {
  return {
    sub: user.sub,
    ...(issue.groups !== undefined && issue.groups.length > 0 ? { 'cognito:groups': [...issue.groups] } : {}),
    iss: issue.issuer,
    client_id: client.clientId,
    origin_jti: issue.originJti,
    event_id: issue.eventId,
    token_use: 'access',
    scope: ADMIN_SCOPE,
    auth_time: issue.authTime,
    exp: issue.issuedAt + issue.validity.accessSeconds,
    iat: issue.issuedAt,
    jti,
    username: user.username,
  };
}
