/**
 * `AdminRespondToAuthChallenge`: answers the challenge of an AdminInitiateAuth sign-in, with IAM
 * credentials.
 *
 * @module
 */
import type { Result } from 'neverthrow';
import { SHAPES, type InputMembers } from '../rules/input-constraints.js';
import type { OperationOptions } from '../operations.js';
import { challengeResponder, type RespondError, type RespondRequest } from './shared/auth-challenge.js';
import { operation } from './shared/operation.js';
import { POOL_CLIENT_INPUT } from './shared/client-request.js';
import { SIGN_IN_SHAPES, type ContextDataType, type SignInDeps, type SignInOutput } from './shared/sign-in.js';

/** `AdminRespondToAuthChallengeRequest` (R18.10, R19.3). @group Use cases */
export interface AdminRespondToAuthChallengeInput extends RespondRequest {
  /** The pool. */
  readonly UserPoolId: string;
  /** Accepted, unused (threat protection). */
  readonly ContextData?: ContextDataType;
}

/** The model's input members. @internal */
export const ADMIN_RESPOND_TO_AUTH_CHALLENGE_INPUT = {
  ...POOL_CLIENT_INPUT,
  ChallengeName: { shape: SIGN_IN_SHAPES.challengeName, required: true },
  ChallengeResponses: { shape: SIGN_IN_SHAPES.parameters },
  Session: { shape: SIGN_IN_SHAPES.session },
  AnalyticsMetadata: { shape: SHAPES.analyticsMetadata },
  ContextData: { shape: SIGN_IN_SHAPES.contextData },
  ClientMetadata: { shape: SHAPES.clientMetadata },
} as const satisfies InputMembers<AdminRespondToAuthChallengeInput>;

/**
 * Builds the `AdminRespondToAuthChallenge` operation: RespondToAuthChallenge's implementation with the
 * pool named first (`"User pool <id> does not exist."`; a client of another pool is `"User pool client
 * <id> does not exist."`).
 *
 * @example
 * ```ts
 * const respond = adminRespondToAuthChallenge(ports, { region: 'us-east-1' });
 * await respond({ UserPoolId, ClientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session, ChallengeResponses: { USERNAME: 'alice', NEW_PASSWORD: 'N3w-passw0rd!' } });
 * ```
 * @group Use cases
 */
export function adminRespondToAuthChallenge(deps: SignInDeps, options: OperationOptions) {
  const respond = challengeResponder(deps, options);
  return operation(ADMIN_RESPOND_TO_AUTH_CHALLENGE_INPUT, (request: AdminRespondToAuthChallengeInput): Promise<Result<SignInOutput, RespondError>> =>
    respond(true, request),
  );
}
