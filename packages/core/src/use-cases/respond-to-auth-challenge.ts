/**
 * `RespondToAuthChallenge`: answers the challenge of a sign-in: `PASSWORD_VERIFIER` (SRP) or
 * `NEW_PASSWORD_REQUIRED`.
 *
 * @module
 */
import type { Result } from 'neverthrow';
import { SHAPES, type InputMembers } from '../rules/input-constraints.js';
import type { UserContextData } from '../wire/types.js';
import type { OperationOptions } from '../operations.js';
import { challengeResponder, type RespondError, type RespondRequest } from './shared/auth-challenge.js';
import { operation } from './shared/operation.js';
import { SIGN_IN_SHAPES, type SignInDeps, type SignInOutput } from './shared/sign-in.js';
import { CLIENT_CALLER_INPUT } from './shared/client-request.js';

/** `RespondToAuthChallengeRequest` (R18.10, R19.3). @group Use cases */
export interface RespondToAuthChallengeInput extends RespondRequest {
  /** Accepted, unused. */
  readonly UserContextData?: UserContextData;
}

/** The model's input members. @internal */
export const RESPOND_TO_AUTH_CHALLENGE_INPUT = {
  ClientId: { shape: SHAPES.clientId, required: true },
  ChallengeName: { shape: SIGN_IN_SHAPES.challengeName, required: true },
  Session: { shape: SIGN_IN_SHAPES.session },
  ChallengeResponses: { shape: SIGN_IN_SHAPES.parameters },
  ...CLIENT_CALLER_INPUT,
} as const satisfies InputMembers<RespondToAuthChallengeInput>;

/**
 * Builds the `RespondToAuthChallenge` operation (shared with AdminRespondToAuthChallenge). After the
 * client: a challenge this model never issues → `"Invalid session for the user."`; `"Missing required
 * parameter <NAME>"` (D47, in the order `USERNAME`, `NEW_PASSWORD`, `PASSWORD_CLAIM_SIGNATURE`,
 * `PASSWORD_CLAIM_SECRET_BLOCK`, `TIMESTAMP`); `ChallengeResponses.SECRET_HASH` over `USERNAME`
 * (R18.10).
 *
 * - **`PASSWORD_VERIFIER` (R18.11, D28, D29).** The SECRET_BLOCK must open for the pool and client,
 *   name `USERNAME` (= `USER_ID_FOR_SRP`), be at most 30 s old and unused (single use), TIMESTAMP must
 *   parse and lie within ±5 minutes; any failure, and a wrong signature (counted toward lockout, D27),
 *   is `"Incorrect username or password."`. Then D25 steps 10–17: lockout, states, disabled,
 *   `NEW_PASSWORD_REQUIRED`, tokens, PostAuthentication.
 * - **`NEW_PASSWORD_REQUIRED` (R19.3–R19.6, D31, D32).** The session messages of D31; attributes
 *   outside the client's `WriteAttributes` or `*_verified` → `"A client attempted to write
 *   unauthorized attribute"`; the policy (`"Password does not conform to policy: …"`) and history;
 *   then the password is set, the user `CONFIRMED`, and the tokens issued with
 *   `TokenGeneration_NewPasswordChallenge`, then PostAuthentication.
 *
 * @example
 * ```ts
 * const respond = respondToAuthChallenge(ports, { region: 'us-east-1' });
 * await respond({ ClientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session, ChallengeResponses: { USERNAME: 'alice', NEW_PASSWORD: 'N3w-passw0rd!' } });
 * ```
 * @group Use cases
 */
export function respondToAuthChallenge(deps: SignInDeps, options: OperationOptions) {
  const respond = challengeResponder(deps, options);
  return operation(RESPOND_TO_AUTH_CHALLENGE_INPUT, (request: RespondToAuthChallengeInput): Promise<Result<SignInOutput, RespondError>> =>
    respond(false, request),
  );
}
