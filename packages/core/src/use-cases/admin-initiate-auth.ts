/**
 * `AdminInitiateAuth`: starts a sign-in on behalf of a user, with IAM credentials: the admin password
 * flow (`ADMIN_USER_PASSWORD_AUTH` / `ADMIN_NO_SRP_AUTH`), SRP or a refresh token.
 *
 * @module
 */
import type { Result } from 'neverthrow';
import { SHAPES, type InputMembers } from '../rules/input-constraints.js';
import type { OperationOptions } from '../operations.js';
import { operation } from './shared/operation.js';
import { POOL_CLIENT_INPUT } from './shared/client-request.js';
import {
  SIGN_IN_SHAPES,
  signInSteps,
  type ContextDataType,
  type SignInDeps,
  type SignInError,
  type SignInOutput,
  type InitiateRequest,
} from './shared/sign-in.js';

/** `AdminInitiateAuthRequest` (R17.1). @group Use cases */
export interface AdminInitiateAuthInput extends InitiateRequest {
  /** The pool. */
  readonly UserPoolId: string;
  /** Accepted, unused (threat protection). */
  readonly ContextData?: ContextDataType;
}

/** The model's input members. @internal */
export const ADMIN_INITIATE_AUTH_INPUT = {
  ...POOL_CLIENT_INPUT,
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
export function adminInitiateAuth(deps: SignInDeps, options: OperationOptions) {
  const steps = signInSteps(deps, options);
  return operation(ADMIN_INITIATE_AUTH_INPUT, (request: AdminInitiateAuthInput): Promise<Result<SignInOutput, SignInError>> =>
    steps.initiate('AdminInitiateAuth', request),
  );
}
