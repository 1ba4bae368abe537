/**
 * `AdminInitiateAuth`: starts a sign-in on behalf of a user, with IAM credentials: the admin password
 * flow (`ADMIN_USER_PASSWORD_AUTH` / `ADMIN_NO_SRP_AUTH`), SRP or a refresh token.
 *
 * @module
 */
import type { ResultAsync } from 'neverthrow';
import type { AuthFlow } from '../rules/auth-flows.js';
import { SHAPES, type InputMembers } from '../rules/input-constraints.js';
import type { AnalyticsMetadata } from '../wire/types.js';
import type { OperationOptions } from '../operations.js';
import { operation } from './shared/operation.js';
import { SIGN_IN_SHAPES, signInSteps, type ContextDataType, type SignInDeps, type SignInError, type SignInOutput } from './shared/sign-in.js';

/** `AdminInitiateAuthRequest` (R17.1). @group Use cases */
export interface AdminInitiateAuthInput {
  /** The pool. */
  readonly UserPoolId: string;
  /** The app client (of that pool). */
  readonly ClientId: string;
  /** R16.1; `ADMIN_USER_PASSWORD_AUTH`, `ADMIN_NO_SRP_AUTH`, `USER_SRP_AUTH`, `REFRESH_TOKEN_AUTH` / `REFRESH_TOKEN` are served (D22). */
  readonly AuthFlow: AuthFlow;
  /** `USERNAME`, `PASSWORD`, `SRP_A`, `REFRESH_TOKEN`, `SECRET_HASH` (R16.2). */
  readonly AuthParameters?: Readonly<Record<string, string>>;
  /** For PreAuthentication (as `validationData`) and UserMigration (R17.1); never stored. */
  readonly ClientMetadata?: Readonly<Record<string, string>>;
  /** Accepted, unused. */
  readonly AnalyticsMetadata?: AnalyticsMetadata;
  /** Accepted, unused (threat protection). */
  readonly ContextData?: ContextDataType;
  /** Accepted, unused (`USER_AUTH` only). */
  readonly Session?: string;
}

/** `AdminInitiateAuthResponse`: a challenge or the tokens (D35). @group Use cases */
export type AdminInitiateAuthOutput = SignInOutput;

/** Every error AdminInitiateAuth can answer with (§27). @group Use cases */
export type AdminInitiateAuthError = SignInError;

/** The ports AdminInitiateAuth uses. @group Use cases */
export type AdminInitiateAuthDeps = SignInDeps;

/** The model's input members. @internal */
export const ADMIN_INITIATE_AUTH_INPUT = {
  UserPoolId: { shape: SHAPES.userPoolId, required: true },
  ClientId: { shape: SHAPES.clientId, required: true },
  AuthFlow: { shape: SIGN_IN_SHAPES.authFlow, required: true },
  AuthParameters: { shape: SIGN_IN_SHAPES.parameters },
  ClientMetadata: { shape: SHAPES.clientMetadata },
  AnalyticsMetadata: { shape: SHAPES.analyticsMetadata },
  ContextData: { shape: SIGN_IN_SHAPES.contextData },
  Session: { shape: SIGN_IN_SHAPES.session },
} as const satisfies InputMembers<AdminInitiateAuthInput>;

/**
 * Builds the `AdminInitiateAuth` operation: InitiateAuth's implementation (D25) with the pool named
 * first (`"User pool <id> does not exist."`; a client of another pool is `"User pool client <id> does
 * not exist."`), `ADMIN_USER_PASSWORD_AUTH` / `ADMIN_NO_SRP_AUTH` as its password flow
 * (`ALLOW_ADMIN_USER_PASSWORD_AUTH`, D23; `"Auth flow not enabled for this client"` otherwise) and
 * `USER_PASSWORD_AUTH` refused (`"Initiate Auth method not supported."`, D22). `USER_SRP_AUTH` is
 * answered with AdminRespondToAuthChallenge (D28).
 *
 * @example
 * ```ts
 * const initiate = adminInitiateAuth(ports, { region: 'us-east-1' });
 * const r = await initiate({ UserPoolId, ClientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD: 'Passw0rd!' } });
 * ```
 * @group Use cases
 */
export function adminInitiateAuth(
  deps: AdminInitiateAuthDeps,
  options: OperationOptions,
): (input: AdminInitiateAuthInput) => ResultAsync<AdminInitiateAuthOutput, AdminInitiateAuthError> {
  const steps = signInSteps(deps, options);
  return operation(ADMIN_INITIATE_AUTH_INPUT, (request: AdminInitiateAuthInput) => steps.initiate('AdminInitiateAuth', request));
}
