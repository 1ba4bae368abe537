/**
 * `CreateUserPoolClient`: adds an app client to a pool.
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, fromPortFailure, messages } from '../errors.js';
import type { AppClient, ExplicitAuthFlow, PreventUserExistenceErrors } from '../model/app-client.js';
import type { Ports } from '../ports/index.js';
import { EXPLICIT_AUTH_FLOWS, explicitAuthFlowsOf } from '../rules/auth-flows.js';
import { resolveTokenValidity, type TokenValidityUnits } from '../rules/client-settings.js';
import { LOWER_ALPHANUMERICS, randomString } from '../rules/identifiers.js';
import { PATTERNS, SHAPES, type InputMembers } from '../rules/input-constraints.js';
import { toUserPoolClientType } from '../wire/mapping.js';
import type { UserPoolClientType } from '../wire/types.js';
import { loadPool } from './shared/admin-context.js';
import { operation } from './shared/operation.js';
import { POOL_INPUT } from './admin-user-request.js';
import type { PoolRequestError } from './shared/request-errors.js';

/**
 * `CreateUserPoolClientRequest`. Members the model does not keep (OAuth settings, analytics, …) are
 * accepted and ignored. `ClientId` and `ClientSecret` are extension members
 * (not in Cognito's API) for reproducible setups.
 *
 * @group Use cases
 */
export interface CreateUserPoolClientInput {
  /** The pool. */
  readonly UserPoolId: string;
  /** 1–128 characters of `[\w\s+=,.@-]`. */
  readonly ClientName: string;
  /** Generate a 51-character secret (R2.5). */
  readonly GenerateSecret?: boolean;
  /** R8.2: `LEGACY` when omitted. */
  readonly PreventUserExistenceErrors?: PreventUserExistenceErrors;
  /** R16.3, D23: default `ALLOW_REFRESH_TOKEN_AUTH`, `ALLOW_USER_SRP_AUTH`, `ALLOW_CUSTOM_AUTH`. */
  readonly ExplicitAuthFlows?: readonly ExplicitAuthFlow[];
  /** R21.8: 30 days by default (also for 0), 1 hour – 3,650 days. */
  readonly RefreshTokenValidity?: number;
  /** R21.8: 1 hour by default, 5 minutes – 1 day. */
  readonly AccessTokenValidity?: number;
  /** R21.8: 1 hour by default, 5 minutes – 1 day. */
  readonly IdTokenValidity?: number;
  /** R21.8: units of the three validities (`hours`, `hours`, `days` by default). */
  readonly TokenValidityUnits?: TokenValidityUnits;
  /** R22.2: attributes the client reads (tokens, GetUser); all when absent. */
  readonly ReadAttributes?: readonly string[];
  /** R23.3, D44: attributes the client writes; all but `*_verified` when absent. */
  readonly WriteAttributes?: readonly string[];
  /** Accepted, not modelled. */
  readonly SupportedIdentityProviders?: readonly string[];
  /** Accepted, not modelled. */
  readonly CallbackURLs?: readonly string[];
  /** Accepted, not modelled. */
  readonly LogoutURLs?: readonly string[];
  /** Accepted, not modelled. */
  readonly DefaultRedirectURI?: string;
  /** Accepted, not modelled. */
  readonly AllowedOAuthFlows?: readonly string[];
  /** Accepted, not modelled. */
  readonly AllowedOAuthScopes?: readonly string[];
  /** Accepted, not modelled. */
  readonly AllowedOAuthFlowsUserPoolClient?: boolean;
  /** Accepted, not modelled. */
  readonly AnalyticsConfiguration?: unknown;
  /** R22.5, D40: default true. */
  readonly EnableTokenRevocation?: boolean;
  /** Accepted, not modelled. */
  readonly EnablePropagateAdditionalUserContextData?: boolean;
  /** R16.9: minutes a challenge session lives, 3–15 (default 3). */
  readonly AuthSessionValidity?: number;
  /** Extension: a fixed client id (`[\w+]+`, 1–128); 26 random `[a-z0-9]` when absent. */
  readonly ClientId?: string;
  /** Extension: a fixed secret (`[\w+]+`, 1–64); implies a client with a secret. */
  readonly ClientSecret?: string;
}

/** `CreateUserPoolClientResponse`. @group Use cases */
export interface CreateUserPoolClientOutput {
  /** The new client. */
  readonly UserPoolClient: UserPoolClientType;
}

/** The ports CreateUserPoolClient uses. @group Use cases */
export type CreateUserPoolClientDeps = Pick<Ports, 'pools' | 'clock' | 'random'>;

/** Members of {@link CreateUserPoolClientInput} accepted without validation: the model does not keep them. */
type UnvalidatedClientMember =
  | 'SupportedIdentityProviders'
  | 'CallbackURLs'
  | 'LogoutURLs'
  | 'DefaultRedirectURI'
  | 'AllowedOAuthFlows'
  | 'AllowedOAuthScopes'
  | 'AllowedOAuthFlowsUserPoolClient'
  | 'AnalyticsConfiguration'
  | 'EnablePropagateAdditionalUserContextData';

const TIME_UNIT = { type: 'string', enum: ['seconds', 'minutes', 'hours', 'days'] } as const;
const CLIENT_PERMISSIONS = { type: 'list', member: { type: 'string', min: 1, max: 2048 } } as const;

/** The model's input members, plus the extension members `ClientId` and `ClientSecret`. @internal */
export const CREATE_USER_POOL_CLIENT_INPUT = {
  ...POOL_INPUT,
  ClientName: { shape: SHAPES.clientName, required: true },
  GenerateSecret: { shape: { type: 'boolean' } },
  ExplicitAuthFlows: { shape: { type: 'list', member: { type: 'string', enum: EXPLICIT_AUTH_FLOWS } } },
  RefreshTokenValidity: { shape: { type: 'integer', min: 0, max: 315360000 } },
  AccessTokenValidity: { shape: { type: 'integer', min: 1, max: 86400 } },
  IdTokenValidity: { shape: { type: 'integer', min: 1, max: 86400 } },
  TokenValidityUnits: {
    shape: {
      type: 'structure',
      members: {
        AccessToken: { shape: TIME_UNIT },
        IdToken: { shape: TIME_UNIT },
        RefreshToken: { shape: TIME_UNIT },
      } satisfies InputMembers<TokenValidityUnits>,
    },
  },
  ReadAttributes: { shape: CLIENT_PERMISSIONS },
  WriteAttributes: { shape: CLIENT_PERMISSIONS },
  EnableTokenRevocation: { shape: { type: 'boolean' } },
  AuthSessionValidity: { shape: { type: 'integer', min: 3, max: 15 } },
  PreventUserExistenceErrors: { shape: { type: 'string', enum: ['LEGACY', 'ENABLED'] } },
  ClientId: { shape: SHAPES.clientId },
  ClientSecret: { shape: { type: 'string', min: 1, max: 64, pattern: PATTERNS.clientId, sensitive: true } },
} as const satisfies InputMembers<CreateUserPoolClientInput, UnvalidatedClientMember>;

/**
 * Builds the `CreateUserPoolClient` operation. `PreventUserExistenceErrors` defaults to `LEGACY`
 * (R8.2). A fixed `ClientId` already in use (in any pool: client ids are global) is
 * `InvalidParameterException` `User pool client <id> already exists.` The sign-in settings are
 * stored and reported by DescribeUserPoolClient: `ExplicitAuthFlows` (D23: the default list when
 * absent; legacy and `ALLOW_*` values mixed, or an `ALLOW_*` list without `ALLOW_REFRESH_TOKEN_AUTH`,
 * are `InvalidParameterException`), `ReadAttributes`, `WriteAttributes`, the token validities
 * resolved to seconds (R21.8; out of range → `"Invalid range for token validity."`, D35),
 * `AuthSessionValidity` (3–15 minutes, default 3) and `EnableTokenRevocation` (default true).
 *
 * @example
 * ```ts
 * const create = createUserPoolClient(ports);
 * const result = await create({ UserPoolId: pool.Id, ClientName: 'web', GenerateSecret: true });
 * if (result.isOk()) console.log(result.value.UserPoolClient.ClientId);
 * ```
 * @group Use cases
 */
export function createUserPoolClient(deps: CreateUserPoolClientDeps) {
  return operation(CREATE_USER_POOL_CLIENT_INPUT, async (request: CreateUserPoolClientInput): Promise<Result<CreateUserPoolClientOutput, PoolRequestError>> => {
    const pool = await loadPool(deps, request.UserPoolId);
    if (pool.isErr()) return err(pool.error);
    const flows = explicitAuthFlowsOf(request.ExplicitAuthFlows); // D23
    if (flows.isErr()) return err(flows.error);
    const tokenValidity = resolveTokenValidity(request); // R21.8, D35
    if (tokenValidity.isErr()) return err(tokenValidity.error);
    const clientId = request.ClientId ?? randomString(deps.random, LOWER_ALPHANUMERICS, 26);
    const existing = await deps.pools.getClient(clientId);
    if (existing.isErr()) return err(fromPortFailure(existing.error));
    if (existing.value !== undefined) return err(cognitoError('InvalidParameterException', messages.clientExists(clientId)));
    const now = deps.clock.now();
    const client: AppClient = {
      clientId,
      clientName: request.ClientName,
      userPoolId: pool.value.id,
      clientSecret: request.ClientSecret ?? (request.GenerateSecret === true ? randomString(deps.random, LOWER_ALPHANUMERICS, 51) : undefined),
      preventUserExistenceErrors: request.PreventUserExistenceErrors ?? 'LEGACY', // R8.2
      explicitAuthFlows: flows.value,
      readAttributes: request.ReadAttributes,
      writeAttributes: request.WriteAttributes,
      tokenValidity: tokenValidity.value,
      authSessionValidity: request.AuthSessionValidity ?? 3,
      enableTokenRevocation: request.EnableTokenRevocation ?? true,
      creationDate: now,
      lastModifiedDate: now,
    };
    const put = await deps.pools.putClient(client);
    return put.isErr() ? err(fromPortFailure(put.error)) : ok({ UserPoolClient: toUserPoolClientType(client) });
  });
}
