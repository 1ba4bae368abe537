/**
 * Tokens (§20–§22, D34–D40): issuing them at the end of a sign-in, refreshing them, authorizing the
 * token operations with an access token, and the revocation model of D38 (a per-user watermark and
 * revoked `origin_jti`s kept in the `AttemptLimiter`).
 *
 * @module
 * @internal
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, fromPortFailure, messages, type CognitoError } from '../../errors.js';
import type { AppClient } from '../../model/app-client.js';
import type { UserPool } from '../../model/user-pool.js';
import type { User } from '../../model/user.js';
import type { OperationOptions } from '../../operations.js';
import type { Ports } from '../../ports/index.js';
import type { JwtClaims } from '../../ports/token-signer.js';
import type { StringShape } from '../../rules/input-constraints.js';
import { claimOf } from '../../rules/login-resolution.js';
import { openRefreshToken, refreshTokenKey, sealRefreshToken } from '../../rules/refresh-token.js';
import {
  ADMIN_SCOPE,
  MAX_ACCESS_VALIDITY_SECONDS,
  MAX_REFRESH_VALIDITY_SECONDS,
  accessTokenClaims,
  idTokenClaims,
  issuerOf,
  poolIdOfIssuer,
  tokenValidityOf,
  type TokenIssue,
} from '../../rules/token-claims.js';
import type { TriggerError } from '../../rules/triggers/failures.js';
import {
  applyIdTokenOverride,
  preTokenGenerationEvent,
  readClaimsOverride,
  NO_CLAIMS_OVERRIDE,
  type ClaimsOverride,
  type TokenGenerationSource,
} from '../../rules/triggers/pre-token-generation.js';
import type { AuthenticationResultType } from '../../wire/types.js';
import type { PortError } from './port-error.js';
import { triggerRunner } from './run-trigger.js';

/** A successful sign-in, about to be answered with tokens. @internal */
export interface SignInContext {
  /** The pool. */
  readonly pool: UserPool;
  /** The app client signed in to. */
  readonly client: AppClient;
  /** The user, as stored after the sign-in. */
  readonly user: User;
  /** The call's `ClientMetadata`, for PreTokenGeneration (R15.7). */
  readonly clientMetadata?: Readonly<Record<string, string>> | undefined;
}

/** What the sign-in completed: `TokenGeneration_Authentication` or `TokenGeneration_NewPasswordChallenge`. @internal */
export type TokenSource = 'Authentication' | 'NewPasswordChallenge';

/** The ports the token steps use. @group Use cases */
export type TokenDeps = Pick<Ports, 'tokens' | 'random' | 'clock' | 'secrets' | 'triggers' | 'pools' | 'users' | 'limiter'>;

/** Errors of {@link issueTokens}: the trigger's (R26.9) and the ports'. @internal */
export type IssueTokensError = TriggerError | PortError;

/** Errors of {@link refreshTokens} (R20.3, R20.4, D36, D38, D39). @internal */
export type RefreshTokensError = CognitoError<'NotAuthorizedException' | 'PasswordResetRequiredException'> | IssueTokensError;

/** Errors of {@link authorizeAccessToken} (R22.1, D38, D39). @internal */
export type AccessTokenError = CognitoError<'NotAuthorizedException' | 'PasswordResetRequiredException' | 'UserNotFoundException'> | PortError;

/** The caller of a token-authorized operation, once its access token passed R22.1. @internal */
export interface AuthorizedUser {
  /** The pool of the token. */
  readonly pool: UserPool;
  /** The client the token was issued to (`client_id`). */
  readonly client: AppClient;
  /** The user (`username`, same `sub`). */
  readonly user: User;
  /** The verified claims. */
  readonly claims: JwtClaims;
}

/**
 * D38: how long a revoked `origin_jti` is kept: the longest a refresh token of that sign-in can live,
 * plus the longest lifetime of an access token minted from it at its last moment. One window for every
 * record and read (the limiter may drop a record only once it left the window of the key's latest call).
 *
 * @internal
 */
export const REVOCATION_WINDOW_MS = (MAX_REFRESH_VALIDITY_SECONDS + MAX_ACCESS_VALIDITY_SECONDS) * 1000;

/** What a revoked `origin_jti` records: more than anyone revokes one sign-in. */
const REVOCATION_LIMIT = 1_000_000;

/** The limiter key under which RevokeToken marks an `origin_jti` revoked (D38). @internal */
export function revocationKey(userPoolId: string, originJti: string): string {
  return `rt-revoked\u0000${userPoolId}\u0000${originJti}`;
}

/** Epoch seconds of an epoch-milliseconds time. */
const seconds = (ms: number): number => Math.floor(ms / 1000);

const notAuthorized = (message: string): CognitoError<'NotAuthorizedException'> => cognitoError('NotAuthorizedException', message);
const resetRequired = (): CognitoError<'PasswordResetRequiredException'> => cognitoError('PasswordResetRequiredException', messages.tokenPasswordResetRequired);

/**
 * D38: the user with the revocation watermark at `now` (whole seconds): every token whose sign-in was
 * at or before it is refused from then on. GlobalSignOut, AdminUserGlobalSignOut and AdminDisableUser
 * write it (through `updateUser`).
 *
 * @internal
 */
export function withTokensRevoked<U extends User>(user: U, nowMs: number): U {
  return { ...user, tokensRevokedBefore: Math.max(user.tokensRevokedBefore ?? 0, seconds(nowMs)) };
}

/** D38 (RevokeToken): records `originJti` as revoked in the pool. @internal */
export async function revokeOrigin(deps: Pick<Ports, 'limiter' | 'clock'>, userPoolId: string, originJti: string): Promise<Result<void, PortError>> {
  const recorded = await deps.limiter.attempt(revocationKey(userPoolId, originJti), REVOCATION_LIMIT, REVOCATION_WINDOW_MS, deps.clock.now());
  return recorded.isErr() ? err(fromPortFailure(recorded.error)) : ok(undefined);
}

/**
 * D38, D26: whether the tokens of a sign-in (`originJti`, `authTime` in seconds) are revoked for
 * `user`: signed in at or before the watermark, the user disabled, or the `origin_jti` revoked.
 *
 * @internal
 */
export async function isRevoked(deps: Pick<Ports, 'limiter' | 'clock'>, user: User, originJti: string, authTime: number): Promise<Result<boolean, PortError>> {
  if (!user.enabled) return ok(true); // D26: disabling revokes (also for users disabled before the watermark existed)
  if (user.tokensRevokedBefore !== undefined && authTime <= user.tokensRevokedBefore) return ok(true);
  const read = await deps.limiter.attempt(revocationKey(user.userPoolId, originJti), 0, REVOCATION_WINDOW_MS, deps.clock.now());
  if (read.isErr()) return err(fromPortFailure(read.error));
  return ok(read.value.count > 0);
}

/** A sign-in or refresh event: what the claims of its tokens share. */
interface Minting {
  readonly originJti: string;
  readonly authTime: number;
  readonly withRefreshToken: boolean;
}

/**
 * Runs PreTokenGeneration (when configured) and signs the ID and access tokens, plus the refresh token
 * of a sign-in.
 */
async function mintTokens(
  deps: TokenDeps,
  ctx: SignInContext,
  source: TokenGenerationSource,
  minting: Minting,
  options: OperationOptions,
): Promise<Result<AuthenticationResultType, IssueTokensError>> {
  const { pool, client, user } = ctx;
  let override: ClaimsOverride = NO_CLAIMS_OVERRIDE;
  const functionRef = pool.lambdaConfig.preTokenGeneration;
  if (functionRef !== undefined) {
    const event = preTokenGenerationEvent({ pool, clientId: client.clientId, clientMetadata: ctx.clientMetadata }, user, source);
    const output = await triggerRunner(deps, options)(pool, 'PreTokenGeneration', functionRef, event);
    if (output.isErr()) return err(output.error);
    const read = readClaimsOverride(output.value);
    if (read.isErr()) return err(read.error);
    override = read.value;
  }

  const now = deps.clock.now();
  const validity = tokenValidityOf(client);
  const issue: TokenIssue = {
    issuer: issuerOf(pool.id, options.issuerBaseUrl),
    originJti: minting.originJti,
    eventId: deps.random.uuid(),
    authTime: minting.authTime,
    issuedAt: seconds(now),
    validity,
    groups: override.groupOverride?.groupsToOverride,
  };
  const idClaims = applyIdTokenOverride(idTokenClaims(client, user, issue, deps.random.uuid()), override);
  const accessClaims = accessTokenClaims(client, user, issue, deps.random.uuid());
  // Both signatures at once: a signer that works off the event loop (jose's WebCrypto, KMS) does them in parallel.
  const [idToken, accessToken] = await Promise.all([deps.tokens.sign(pool.id, 'id', idClaims), deps.tokens.sign(pool.id, 'access', accessClaims)]);
  if (idToken.isErr()) return err(fromPortFailure(idToken.error));
  if (accessToken.isErr()) return err(fromPortFailure(accessToken.error));
  const result: AuthenticationResultType = {
    AccessToken: accessToken.value,
    ExpiresIn: validity.accessSeconds,
    TokenType: 'Bearer',
    IdToken: idToken.value,
  };
  if (!minting.withRefreshToken) return ok(result);
  const refreshToken = sealRefreshToken(
    refreshTokenKey(deps.secrets.codeKey, pool.id),
    {
      pool: pool.id,
      client: client.clientId,
      username: user.username,
      sub: user.sub,
      originJti: minting.originJti,
      authTime: minting.authTime,
      issuedAt: issue.issuedAt,
      expiresAt: minting.authTime + validity.refreshSeconds, // R20.6: counted from the sign-in
    },
    deps.random,
  );
  return ok({ ...result, RefreshToken: refreshToken });
}

/**
 * Runs PreTokenGeneration (TokenGeneration_<source>) and signs ID, access and refresh tokens (D34/D35).
 *
 * A new sign-in: a fresh `origin_jti`, `auth_time` = now; claims as D35 (`rules/token-claims.ts`);
 * lifetimes from the client (R21.8); the trigger's V1 answer changes the ID token (R26.9), its group
 * details both. A trigger failure withholds the tokens (R9.0.4).
 *
 * @internal
 */
export async function issueTokens(
  deps: TokenDeps,
  ctx: SignInContext,
  source: TokenSource,
  options: OperationOptions,
): Promise<Result<AuthenticationResultType, IssueTokensError>> {
  const minting: Minting = { originJti: deps.random.uuid(), authTime: seconds(deps.clock.now()), withRefreshToken: true };
  return mintTokens(deps, ctx, `TokenGeneration_${source}`, minting, options);
}

/** `Base64(HMAC_SHA256(clientSecret, username + clientId))` compared in constant time (R15.4). */
function secretHashMatches(client: AppClient & { clientSecret: string }, username: string, secretHash: string): boolean {
  const expected = createHmac('sha256', client.clientSecret).update(username).update(client.clientId).digest();
  const given = Buffer.from(secretHash, 'base64');
  const lengthsMatch = given.length === expected.length;
  const same = timingSafeEqual(lengthsMatch ? given : expected, expected) && lengthsMatch;
  return same && given.toString('base64') === secretHash;
}

/**
 * Compares a `ClientSecret` sent in the clear (RevokeToken, GetTokensFromRefreshToken, R15.4) with the
 * client's, in constant time.
 *
 * @internal
 */
export function clientSecretMatches(expected: string, given: string): boolean {
  const a = createHmac('sha256', 'client-secret').update(expected).digest();
  const b = createHmac('sha256', 'client-secret').update(given).digest();
  return timingSafeEqual(a, b);
}

/**
 * REFRESH_TOKEN_AUTH after the caller's D25 steps 1–5: secret hash over the canonical username (D36), decode, revocation (D38), expiry, user state (D26, D24/D39), PreTokenGeneration (TokenGeneration_RefreshTokens); no new RefreshToken (R20.2).
 *
 * - **Secret hash (R20.3, D36).** For a client with a secret: missing → `"Client <id> is configured
 *   for secret but secret was not received"`; a hash over anything but the token's canonical
 *   username → `"SecretHash does not match for the client: <id>"` (checked once the token opened,
 *   since the name is in it).
 * - **Decode (D36).** Malformed, tampered, another pool's or client's token, a deleted user (or one
 *   deleted and created again: another `sub`) → `"Invalid Refresh Token."`.
 * - **Revocation (D38, D26)** → `"Refresh Token has been revoked"`; **expiry** (R20.6) → `"Refresh
 *   Token has expired"`; `RESET_REQUIRED` → `PasswordResetRequiredException` (D39, lifts with the status).
 * - **Tokens (R20.5).** The same `origin_jti` and `auth_time`, new `jti`, `iat`, `exp` and `event_id`,
 *   the user's current attributes; `clientMetadata` goes to PreTokenGeneration (R15.7).
 *
 * @internal
 */
export async function refreshTokens(
  deps: TokenDeps,
  pool: UserPool,
  client: AppClient,
  input: { readonly refreshToken: string; readonly secretHash: string | undefined; readonly clientMetadata?: Readonly<Record<string, string>> | undefined },
  options: OperationOptions,
): Promise<Result<AuthenticationResultType, RefreshTokensError>> {
  const secret = client.clientSecret;
  if (secret !== undefined && input.secretHash === undefined) return err(notAuthorized(messages.secretMissing(client.clientId)));
  const content = openRefreshToken(refreshTokenKey(deps.secrets.codeKey, pool.id), input.refreshToken);
  if (content === undefined || content.pool !== pool.id || content.client !== client.clientId) return err(notAuthorized(messages.invalidRefreshToken));
  if (secret !== undefined && !secretHashMatches({ ...client, clientSecret: secret }, content.username, input.secretHash ?? '')) {
    return err(notAuthorized(messages.refreshSecretMismatch(client.clientId)));
  }
  const found = await deps.users.findByClaim(pool.id, claimOf(pool, 'username', content.username));
  if (found.isErr()) return err(fromPortFailure(found.error));
  const user = found.value;
  if (user === undefined || user.sub !== content.sub) return err(notAuthorized(messages.invalidRefreshToken));
  const revoked = await isRevoked(deps, user, content.originJti, content.authTime);
  if (revoked.isErr()) return err(revoked.error);
  if (revoked.value) return err(notAuthorized(messages.refreshTokenRevoked));
  if (seconds(deps.clock.now()) >= content.expiresAt) return err(notAuthorized(messages.refreshTokenExpired));
  if (user.status === 'RESET_REQUIRED') return err(resetRequired());
  const minting: Minting = { originJti: content.originJti, authTime: content.authTime, withRefreshToken: false };
  return mintTokens(deps, { pool, client, user, clientMetadata: input.clientMetadata }, 'TokenGeneration_RefreshTokens', minting, options);
}

/** The claims of a compact JWS, read without verifying it (to find the pool whose key must verify it). */
function unverifiedClaims(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims) ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * R22.1 for the token-authorized operations: verifies the access token (signature via ports.tokens.verify, token_use, iss, exp, scope), finds the pool, client and user, applies D38 revocation and D39 RESET_REQUIRED; errors exactly as R22.1 / D38.
 *
 * In order: not a verifiable access token of an existing pool and client (garbage, bad signature, an
 * ID token, another pool or issuer) → `"Invalid Access Token"`; expired → `"Access Token has
 * expired"`; no `aws.cognito.signin.user.admin` scope → `"Access Token does not have required
 * scopes"`; the user gone (or another `sub`) → `UserNotFoundException "User does not exist."`;
 * revoked (watermark, disabled user, revoked `origin_jti`) → `"Access Token has been revoked"`;
 * `RESET_REQUIRED` → `PasswordResetRequiredException`.
 *
 * @internal
 */
export async function authorizeAccessToken(deps: TokenDeps, accessToken: string, options: OperationOptions): Promise<Result<AuthorizedUser, AccessTokenError>> {
  const invalid = err(notAuthorized(messages.invalidAccessToken));
  const poolId = poolIdOfIssuer(unverifiedClaims(accessToken)?.['iss']);
  if (poolId === undefined) return invalid;
  const verified = await deps.tokens.verify(poolId, 'access', accessToken);
  if (verified.isErr()) return err(fromPortFailure(verified.error));
  const claims = verified.value;
  if (claims === undefined || claims['iss'] !== issuerOf(poolId, options.issuerBaseUrl) || claims['token_use'] !== 'access') return invalid;
  const { exp, client_id: clientId, username, sub, origin_jti: originJti, auth_time: authTime, scope } = claims;
  if (typeof exp !== 'number' || typeof clientId !== 'string' || typeof username !== 'string' || typeof sub !== 'string') return invalid;
  if (typeof originJti !== 'string' || typeof authTime !== 'number') return invalid;
  if (seconds(deps.clock.now()) >= exp) return err(notAuthorized(messages.accessTokenExpired));
  if (typeof scope !== 'string' || !scope.split(' ').includes(ADMIN_SCOPE)) return err(notAuthorized(messages.accessTokenScopes));

  const pool = await deps.pools.getPool(poolId);
  if (pool.isErr()) return err(fromPortFailure(pool.error));
  if (pool.value === undefined) return invalid;
  const client = await deps.pools.getClient(clientId);
  if (client.isErr()) return err(fromPortFailure(client.error));
  if (client.value === undefined || client.value.userPoolId !== poolId) return invalid;
  const found = await deps.users.findByClaim(poolId, claimOf(pool.value, 'username', username));
  if (found.isErr()) return err(fromPortFailure(found.error));
  const user = found.value;
  if (user === undefined || user.sub !== sub) return err(cognitoError('UserNotFoundException', messages.adminUserNotFound));
  const revoked = await isRevoked(deps, user, originJti, authTime);
  if (revoked.isErr()) return err(revoked.error);
  if (revoked.value) return err(notAuthorized(messages.accessTokenRevoked));
  if (user.status === 'RESET_REQUIRED') return err(resetRequired());
  return ok({ pool: pool.value, client: client.value, user, claims });
}

/** `TokenModelType` (access, ID and refresh tokens): sensitive, never quoted. @internal */
export const TOKEN_MODEL_SHAPE = { type: 'string', pattern: '[A-Za-z0-9-_=.]+', sensitive: true } as const satisfies StringShape;

/** `ClientSecretType`. @internal */
export const CLIENT_SECRET_SHAPE = { type: 'string', min: 1, max: 64, pattern: '[\\w+]+', sensitive: true } as const satisfies StringShape;

/** `DeviceKeyType`. @internal */
export const DEVICE_KEY_SHAPE = { type: 'string', min: 1, max: 55, pattern: '[\\w-]+_[0-9a-f-]+' } as const satisfies StringShape;
