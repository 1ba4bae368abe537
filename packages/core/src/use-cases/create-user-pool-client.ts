/**
 * `CreateUserPoolClient`: adds an app client to a pool.
 *
 * @module
 */
import { err, ok, type ResultAsync } from 'neverthrow';
import { cognitoError, fromPortFailure, messages, type CognitoError } from '../errors.js';
import type { AppClient, PreventUserExistenceErrors } from '../model/app-client.js';
import type { Ports } from '../ports/index.js';
import { LOWER_ALPHANUMERICS, randomString } from '../rules/identifiers.js';
import { PATTERNS, SHAPES, type InputMembers } from '../rules/input-constraints.js';
import { toUserPoolClientType } from '../wire/mapping.js';
import type { UserPoolClientType } from '../wire/types.js';
import { loadPool } from './shared/admin-context.js';
import { operation } from './shared/operation.js';

/**
 * `CreateUserPoolClientRequest`. Members the model does not keep (token validity, OAuth settings,
 * `ExplicitAuthFlows`, …) are accepted and ignored. `ClientId` and `ClientSecret` are extension members
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
  /** Accepted, not modelled. */
  readonly ExplicitAuthFlows?: readonly string[];
  /** Accepted, not modelled. */
  readonly RefreshTokenValidity?: number;
  /** Accepted, not modelled. */
  readonly AccessTokenValidity?: number;
  /** Accepted, not modelled. */
  readonly IdTokenValidity?: number;
  /** Accepted, not modelled. */
  readonly TokenValidityUnits?: unknown;
  /** Accepted, not modelled. */
  readonly ReadAttributes?: readonly string[];
  /** Accepted, not modelled. */
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
  /** Accepted, not modelled. */
  readonly EnableTokenRevocation?: boolean;
  /** Accepted, not modelled. */
  readonly EnablePropagateAdditionalUserContextData?: boolean;
  /** Accepted, not modelled. */
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

/** Every error CreateUserPoolClient can answer with. @group Use cases */
export type CreateUserPoolClientError = CognitoError<
  'InvalidParameterException' | 'SerializationException' | 'ResourceNotFoundException' | 'InternalErrorException' | 'TooManyRequestsException'
>;

/** The ports CreateUserPoolClient uses. @group Use cases */
export type CreateUserPoolClientDeps = Pick<Ports, 'pools' | 'clock' | 'random'>;

/** Members of {@link CreateUserPoolClientInput} accepted without validation: the model does not keep them. */
type UnvalidatedClientMember =
  | 'RefreshTokenValidity'
  | 'AccessTokenValidity'
  | 'IdTokenValidity'
  | 'TokenValidityUnits'
  | 'ReadAttributes'
  | 'WriteAttributes'
  | 'SupportedIdentityProviders'
  | 'CallbackURLs'
  | 'LogoutURLs'
  | 'DefaultRedirectURI'
  | 'AllowedOAuthFlows'
  | 'AllowedOAuthScopes'
  | 'AllowedOAuthFlowsUserPoolClient'
  | 'AnalyticsConfiguration'
  | 'EnableTokenRevocation'
  | 'EnablePropagateAdditionalUserContextData'
  | 'AuthSessionValidity';

/** The model's input members, plus the extension members `ClientId` and `ClientSecret`. @internal */
export const CREATE_USER_POOL_CLIENT_INPUT = {
  UserPoolId: { shape: SHAPES.userPoolId, required: true },
  ClientName: { shape: SHAPES.clientName, required: true },
  GenerateSecret: { shape: { type: 'boolean' } },
  ExplicitAuthFlows: {
    shape: {
      type: 'list',
      member: {
        type: 'string',
        enum: [
          'ADMIN_NO_SRP_AUTH',
          'CUSTOM_AUTH_FLOW_ONLY',
          'USER_PASSWORD_AUTH',
          'ALLOW_ADMIN_USER_PASSWORD_AUTH',
          'ALLOW_CUSTOM_AUTH',
          'ALLOW_USER_PASSWORD_AUTH',
          'ALLOW_USER_SRP_AUTH',
          'ALLOW_REFRESH_TOKEN_AUTH',
          'ALLOW_USER_AUTH',
        ],
      },
    },
  },
  PreventUserExistenceErrors: { shape: { type: 'string', enum: ['LEGACY', 'ENABLED'] } },
  ClientId: { shape: SHAPES.clientId },
  ClientSecret: { shape: { type: 'string', min: 1, max: 64, pattern: PATTERNS.clientId, sensitive: true } },
} as const satisfies InputMembers<CreateUserPoolClientInput, UnvalidatedClientMember>;

/**
 * Builds the `CreateUserPoolClient` operation. `PreventUserExistenceErrors` defaults to `LEGACY`
 * (R8.2). A fixed `ClientId` already in use (in any pool: client ids are global) is
 * `InvalidParameterException` `User pool client <id> already exists.`
 *
 * @example
 * ```ts
 * const create = createUserPoolClient(ports);
 * const result = await create({ UserPoolId: pool.Id, ClientName: 'web', GenerateSecret: true });
 * if (result.isOk()) console.log(result.value.UserPoolClient.ClientId);
 * ```
 * @group Use cases
 */
export function createUserPoolClient(
  deps: CreateUserPoolClientDeps,
): (input: CreateUserPoolClientInput) => ResultAsync<CreateUserPoolClientOutput, CreateUserPoolClientError> {
  return operation(CREATE_USER_POOL_CLIENT_INPUT, async (request) => {
    const pool = await loadPool(deps, request.UserPoolId);
    if (pool.isErr()) return err(pool.error);
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
      creationDate: now,
      lastModifiedDate: now,
    };
    const put = await deps.pools.putClient(client);
    return put.isErr() ? err(fromPortFailure(put.error)) : ok({ UserPoolClient: toUserPoolClientType(client) });
  });
}
