/**
 * `AdminRespondToAuthChallenge`: answers the challenge of an AdminInitiateAuth sign-in, with IAM
 * credentials.
 *
 * @module
 */
import type { ResultAsync } from 'neverthrow';
import { SHAPES, type InputMembers } from '../rules/input-constraints.js';
import type { AnalyticsMetadata } from '../wire/types.js';
import type { OperationOptions } from '../operations.js';
import { challengeResponder, type ChallengeName, type RespondError } from './shared/auth-challenge.js';
import { operation } from './shared/operation.js';
import { SIGN_IN_SHAPES, type ContextDataType, type SignInDeps, type SignInOutput } from './shared/sign-in.js';

/** `AdminRespondToAuthChallengeRequest` (R18.10, R19.3). @group Use cases */
export interface AdminRespondToAuthChallengeInput {
  /** The pool. */
  readonly UserPoolId: string;
  /** The app client (of that pool). */
  readonly ClientId: string;
  /** `PASSWORD_VERIFIER` or `NEW_PASSWORD_REQUIRED`. */
  readonly ChallengeName: ChallengeName;
  /** `USERNAME`, `PASSWORD_CLAIM_*`, `TIMESTAMP`, `NEW_PASSWORD`, `userAttributes.<name>`, `SECRET_HASH`. */
  readonly ChallengeResponses?: Readonly<Record<string, string>>;
  /** D31: the challenge's `Session`. */
  readonly Session?: string;
  /** Accepted, unused. */
  readonly AnalyticsMetadata?: AnalyticsMetadata;
  /** Accepted, unused (threat protection). */
  readonly ContextData?: ContextDataType;
  /** For PreTokenGeneration and PostAuthentication (R26.8); never stored. */
  readonly ClientMetadata?: Readonly<Record<string, string>>;
}

/** `AdminRespondToAuthChallengeResponse`: another challenge or the tokens (D35). @group Use cases */
export type AdminRespondToAuthChallengeOutput = SignInOutput;

/** Every error AdminRespondToAuthChallenge can answer with (§27). @group Use cases */
export type AdminRespondToAuthChallengeError = RespondError;

/** The ports AdminRespondToAuthChallenge uses. @group Use cases */
export type AdminRespondToAuthChallengeDeps = SignInDeps;

/** The model's input members. @internal */
export const ADMIN_RESPOND_TO_AUTH_CHALLENGE_INPUT = {
  UserPoolId: { shape: SHAPES.userPoolId, required: true },
  ClientId: { shape: SHAPES.clientId, required: true },
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
export function adminRespondToAuthChallenge(
  deps: AdminRespondToAuthChallengeDeps,
  options: OperationOptions,
): (input: AdminRespondToAuthChallengeInput) => ResultAsync<AdminRespondToAuthChallengeOutput, AdminRespondToAuthChallengeError> {
  const respond = challengeResponder(deps, options);
  return operation(ADMIN_RESPOND_TO_AUTH_CHALLENGE_INPUT, (request: AdminRespondToAuthChallengeInput) => respond(true, request));
}
