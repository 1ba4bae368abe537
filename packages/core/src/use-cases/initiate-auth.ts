/**
 * `InitiateAuth`: starts a sign-in with a password (`USER_PASSWORD_AUTH`), SRP (`USER_SRP_AUTH`) or a
 * refresh token (`REFRESH_TOKEN_AUTH`).
 *
 * @module
 */
import type { Result } from 'neverthrow';
import { SHAPES, type InputMembers } from '../rules/input-constraints.js';
import type { UserContextData } from '../wire/types.js';
import type { OperationOptions } from '../operations.js';
import { operation } from './shared/operation.js';
import { SIGN_IN_SHAPES, signInSteps, type SignInDeps, type SignInError, type SignInOutput, type InitiateRequest } from './shared/sign-in.js';

/** `InitiateAuthRequest` (R17.1, R18.3, R20.1). @group Use cases */
export interface InitiateAuthInput extends InitiateRequest {
  /** Accepted, unused. */
  readonly UserContextData?: UserContextData;
}

/** The model's input members. @internal */
export const INITIATE_AUTH_INPUT = {
  AuthFlow: { shape: SIGN_IN_SHAPES.authFlow, required: true },
  AuthParameters: { shape: SIGN_IN_SHAPES.parameters },
  ClientMetadata: { shape: SHAPES.clientMetadata },
  ClientId: { shape: SHAPES.clientId, required: true },
  AnalyticsMetadata: { shape: SHAPES.analyticsMetadata },
  UserContextData: { shape: SHAPES.userContextData },
  Session: { shape: SIGN_IN_SHAPES.session },
} as const satisfies InputMembers<InitiateAuthInput>;

/**
 * Builds the `InitiateAuth` operation: the checks of D25, shared with AdminInitiateAuth.
 *
 * - **Flows (D22, D23).** `ADMIN_USER_PASSWORD_AUTH` / `ADMIN_NO_SRP_AUTH` → `"Initiate Auth method
 *   not supported."`; a flow the client does not enable → its D22 message (a client created without
 *   `ExplicitAuthFlows` has SRP, refresh and custom auth, not `USER_PASSWORD_AUTH`); `USER_AUTH` and
 *   `CUSTOM_AUTH` → `UnsupportedOperationException`. Then `"Missing required parameter <NAME>"` (D47)
 *   and the secret hash over `USERNAME` as sent (R17.3).
 * - **Who (D50, R17.4).** `USERNAME` is a username, username attribute or verified alias, never a
 *   `sub`. Nobody: the password flow offers it to `UserMigration_Authentication`; then LEGACY →
 *   `UserNotFoundException "User does not exist."`, ENABLED → `"Incorrect username or password."` (a
 *   counted failure) or, for SRP, a simulated `PASSWORD_VERIFIER` (D30).
 * - **Order (D25).** PreAuthentication (nobody under ENABLED too, `userNotFound: true`), lockout
 *   (`"Password attempts exceeded"`, D27), `UNCONFIRMED` → `UserNotConfirmedException`, `RESET_REQUIRED`
 *   → `PasswordResetRequiredException` (D24), the password (wrong → `"Incorrect username or
 *   password."`, counted), disabled → `"User is disabled."` (D26), `FORCE_CHANGE_PASSWORD` →
 *   `NEW_PASSWORD_REQUIRED` (D32) unless the temporary password expired, else the tokens
 *   (`{ChallengeParameters: {}, AuthenticationResult}`) and PostAuthentication.
 * - **SRP (D28).** `PASSWORD_VERIFIER` with `SALT`, `SRP_B`, `SECRET_BLOCK`, `USER_ID_FOR_SRP` and
 *   `USERNAME` (the canonical username), no `Session`.
 *
 * @example
 * ```ts
 * const initiate = initiateAuth(ports, { region: 'us-east-1' });
 * const r = await initiate({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId, AuthParameters: { USERNAME: 'alice', PASSWORD: 'Passw0rd!' } });
 * if (r.isOk()) console.log(r.value.AuthenticationResult?.IdToken);
 * ```
 * @group Use cases
 */
export function initiateAuth(deps: SignInDeps, options: OperationOptions) {
  const steps = signInSteps(deps, options);
  return operation(INITIATE_AUTH_INPUT, (request: InitiateAuthInput): Promise<Result<SignInOutput, SignInError>> => steps.initiate('InitiateAuth', request));
}
