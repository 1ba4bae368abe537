/**
 * The one implementation of RespondToAuthChallenge and AdminRespondToAuthChallenge: the
 * `PASSWORD_VERIFIER` answer of SRP (R18.10, R18.11, D28–D30) and the `NEW_PASSWORD_REQUIRED` answer
 * (R19.3–R19.5, D31, D32).
 *
 * @module
 * @internal
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, fromPortFailure, messages, type CognitoError } from '../../errors.js';
import type { User } from '../../model/user.js';
import type { OperationOptions } from '../../operations.js';
import { checkClientWrite } from '../../rules/attribute-permissions.js';
import { applyAttributeUpdate } from '../../rules/attributes.js';
import { REQUIRED_CHALLENGE_RESPONSES, requireParameters } from '../../rules/auth-flows.js';
import { openSecretBlock, openSession } from '../../rules/auth-session.js';
import { claimTakenError } from '../../rules/claim-conflicts.js';
import { lockoutKeys, singleUseKey } from '../../rules/lockout.js';
import { claimOf } from '../../rules/login-resolution.js';
import { nextPasswordHistory } from '../../rules/password-history.js';
import { checkPasswordPolicy } from '../../rules/password-policy.js';
import { verifySecretHash } from '../../rules/secret-hash.js';
import { parseSrpA, simulatedSrpIdentity, srpAnswerKey, srpClaimSignature, srpSignatureMatches, srpTimestampValid } from '../../rules/srp.js';
import type { AnalyticsMetadata } from '../../wire/types.js';
import { passwordCredentials } from './set-password.js';
import {
  DEFAULT_AUTH_SESSION_MINUTES,
  incorrect,
  signInSteps,
  SRP_ANSWER_WINDOW_MS,
  SRP_TIMESTAMP_SKEW_MS,
  type SignInDeps,
  type SignInError,
  type SignInOutput,
  type SignInScope,
} from './sign-in.js';
import { updateUser } from './update-user.js';
import type { NewPasswordError } from './request-errors.js';
import type { ClaimError } from '../../rules/claim-conflicts.js';

/** `ChallengeNameType` (BC). @internal */
export type ChallengeName =
  | 'SMS_MFA'
  | 'EMAIL_OTP'
  | 'SOFTWARE_TOKEN_MFA'
  | 'SELECT_MFA_TYPE'
  | 'MFA_SETUP'
  | 'PASSWORD_VERIFIER'
  | 'CUSTOM_CHALLENGE'
  | 'SELECT_CHALLENGE'
  | 'DEVICE_SRP_AUTH'
  | 'DEVICE_PASSWORD_VERIFIER'
  | 'ADMIN_NO_SRP_AUTH'
  | 'NEW_PASSWORD_REQUIRED'
  | 'SMS_OTP'
  | 'PASSWORD'
  | 'WEB_AUTHN'
  | 'PASSWORD_SRP';

/** The members RespondToAuthChallenge and AdminRespondToAuthChallenge share (R18.10, R19.3). @group Use cases */
export interface RespondRequest {
  /** The app client (of the pool, for AdminRespondToAuthChallenge). */
  readonly ClientId: string;
  /** `PASSWORD_VERIFIER` or `NEW_PASSWORD_REQUIRED` (the challenges this model issues). */
  readonly ChallengeName: ChallengeName;
  /** D31: the challenge's `Session` (`NEW_PASSWORD_REQUIRED`; ignored for `PASSWORD_VERIFIER`, D28). */
  readonly Session?: string;
  /** `USERNAME`, `PASSWORD_CLAIM_*`, `TIMESTAMP`, `NEW_PASSWORD`, `userAttributes.<name>`, `SECRET_HASH`. */
  readonly ChallengeResponses?: Readonly<Record<string, string>>;
  /** For PreTokenGeneration and PostAuthentication (R26.8); never stored. */
  readonly ClientMetadata?: Readonly<Record<string, string>>;
  /** Accepted, unused. */
  readonly AnalyticsMetadata?: AnalyticsMetadata;
}

/** Every error a challenge answer can answer with. @group Use cases */
export type RespondError = SignInError | NewPasswordError | ClaimError;

const notAuthorized = (message: string): CognitoError<'NotAuthorizedException'> => cognitoError('NotAuthorizedException', message);
const invalidSession = (): CognitoError<'NotAuthorizedException'> => notAuthorized(messages.invalidSession);

/**
 * Builds the answer to a challenge, shared by both operations (see `respondToAuthChallenge`).
 *
 * @internal
 */
export function challengeResponder(
  deps: SignInDeps,
  options: OperationOptions,
): (admin: boolean, request: RespondRequest & { readonly UserPoolId?: string }) => Promise<Result<SignInOutput, RespondError>> {
  const steps = signInSteps(deps, options);

  /**
   * D28, R18.11: the `PASSWORD_VERIFIER` answer. Not counted toward lockout (all answer
   * `"Incorrect username or password."`): a SECRET_BLOCK that does not open for this pool, another
   * client's, a `USERNAME` other than its `USER_ID_FOR_SRP`, later than 30 s, a bad TIMESTAMP (D29),
   * one already answered (single use, across processes), or one issued before the password changed
   * (D39). Counted: a wrong signature, and every answer to a simulated challenge (D30). Then the
   * states (D25 steps 11–12, which may have changed since the initiate call) and {@link complete}.
   */
  const passwordVerifier = async (
    scope: SignInScope,
    responses: Readonly<Record<string, string>>,
    clientMetadata: RespondRequest['ClientMetadata'],
  ): Promise<Result<SignInOutput, RespondError>> => {
    const { pool, client } = scope;
    const username = responses['USERNAME'] ?? '';
    const block = responses['PASSWORD_CLAIM_SECRET_BLOCK'] ?? '';
    const timestamp = responses['TIMESTAMP'] ?? '';
    const signature = responses['PASSWORD_CLAIM_SIGNATURE'] ?? '';
    const now = deps.clock.now();
    const attempt = openSecretBlock(deps.secrets.codeKey, pool.id, block);
    if (attempt === undefined || attempt.clientId !== client.clientId || attempt.userId !== username) return err(incorrect());
    if (now - attempt.issuedAt > SRP_ANSWER_WINDOW_MS || !srpTimestampValid(timestamp, now, SRP_TIMESTAMP_SKEW_MS)) return err(incorrect());
    const first = await deps.limiter.attempt(singleUseKey('srp', pool.id, attempt.attemptId), 1, SRP_ANSWER_WINDOW_MS, now);
    if (first.isErr()) return err(fromPortFailure(first.error));
    if (!first.value.allowed) return err(incorrect());

    let user: User | undefined;
    if (attempt.unknownInput === undefined) {
      const found = await deps.users.findByClaim(pool.id, claimOf(pool, 'username', attempt.userId));
      if (found.isErr()) return err(fromPortFailure(found.error));
      user = found.value;
      if (user === undefined) return err(incorrect()); // deleted since the challenge
    }
    const keys = lockoutKeys(pool, user?.username, attempt.unknownInput ?? '');
    const lockout = await steps.checkLockout(keys);
    if (lockout.isErr()) return err(lockout.error);
    if (user !== undefined && user.srp?.salt !== attempt.salt) return err(incorrect()); // D39: the password changed (or none)

    // The same computation for a simulated challenge (D30), which always fails.
    const verifier = user?.srp?.verifier ?? simulatedSrpIdentity(pool.simulationSecret, attempt.unknownInput ?? '').verifier;
    const A = parseSrpA(attempt.a);
    const b = Buffer.from(attempt.b, 'hex');
    const K = A === undefined ? undefined : srpAnswerKey(A, b, verifier, attempt.u);
    const expected = K === undefined ? '' : srpClaimSignature(K, pool.id, attempt.userId, block, timestamp);
    const matches = srpSignatureMatches(expected, signature);
    if (user === undefined || !matches) return steps.failedProof(keys);

    const state = steps.checkSignInState(user);
    if (state.isErr()) return err(state.error);
    return steps.complete(scope, user, { source: 'Authentication', clientMetadata });
  };

  /** Password history: the new password may not be the current one or one of the pool's kept ones. */
  const checkHistory = async (size: number, user: User, password: string): Promise<Result<void, RespondError>> => {
    const hashes = nextPasswordHistory(user, size);
    for (const hash of hashes) {
      const match = await deps.hasher.verify(password, hash);
      if (match.isErr()) return err(fromPortFailure(match.error));
      if (match.value) return err(cognitoError('PasswordHistoryPolicyViolationException', messages.passwordHistoryViolation));
    }
    return ok(undefined);
  };

  /**
   * R19.3–R19.5, D31, D32, D39: the `NEW_PASSWORD_REQUIRED` answer. The session: missing, not
   * opening for this pool, another client's → `"Invalid session for the user."`; older than the
   * client's `AuthSessionValidity` → `"…session is expired."`; already answered → `"…session can only
   * be used once."`; a `USERNAME` (username or alias) that is not the session's user, or a user whose
   * password changed since (D39) → `"Invalid session for the user."`. Then the answer: attributes the
   * client may not write → `"A client attempted to write unauthorized attribute"`; invalid
   * attributes → `InvalidParameterException`; the policy (R7.6) and history; the session is spent
   * (atomically, one winner), the password set with a fresh SRP verifier and the user `CONFIRMED`,
   * the attributes written (a changed email or phone is unverified); then {@link complete} with
   * `TokenGeneration_NewPasswordChallenge`.
   */
  const newPassword = async (
    scope: SignInScope,
    responses: Readonly<Record<string, string>>,
    sessionText: string | undefined,
    clientMetadata: RespondRequest['ClientMetadata'],
  ): Promise<Result<SignInOutput, RespondError>> => {
    const { pool, client } = scope;
    const now = deps.clock.now();
    const session = sessionText === undefined ? undefined : openSession(deps.secrets.codeKey, pool.id, sessionText);
    if (session === undefined || session.clientId !== client.clientId) return err(invalidSession());
    const validityMs = (client.authSessionValidity ?? DEFAULT_AUTH_SESSION_MINUTES) * 60_000;
    if (now - session.issuedAt > validityMs) return err(notAuthorized(messages.sessionExpired));
    const useKey = singleUseKey('session', pool.id, session.nonce);
    const used = await deps.limiter.attempt(useKey, 0, validityMs, now);
    if (used.isErr()) return err(fromPortFailure(used.error));
    if (used.value.count > 0) return err(notAuthorized(messages.sessionUsed));

    const found = await steps.findSignInUser(pool, responses['USERNAME'] ?? '');
    if (found.isErr()) return err(found.error);
    const user = found.value;
    if (user?.username !== session.username || (user.passwordSetAt ?? 0) !== session.passwordSetAt || user.status !== 'FORCE_CHANGE_PASSWORD') {
      return err(invalidSession());
    }
    if (!user.enabled) return err(notAuthorized(messages.userDisabled));

    const attributes: Record<string, string> = {};
    for (const [name, value] of Object.entries(responses)) {
      if (name.startsWith('userAttributes.')) Object.defineProperty(attributes, name.slice('userAttributes.'.length), { value, enumerable: true });
    }
    const writable = checkClientWrite(client, attributes);
    if (writable.isErr()) return err(writable.error);
    const applied = applyAttributeUpdate(user, attributes);
    if (applied.isErr()) return err(applied.error);
    const password = responses['NEW_PASSWORD'] ?? '';
    const policy = checkPasswordPolicy(pool.passwordPolicy, password, 'user');
    if (policy.isErr()) return err(policy.error);
    const historySize = pool.passwordPolicy.passwordHistorySize;
    const history = await checkHistory(historySize, user, password);
    if (history.isErr()) return err(history.error);

    const spent = await deps.limiter.attempt(useKey, 1, validityMs, now);
    if (spent.isErr()) return err(fromPortFailure(spent.error));
    if (!spent.value.allowed) return err(notAuthorized(messages.sessionUsed));
    const credentials = await passwordCredentials(deps, pool.id, user.username, password);
    if (credentials.isErr()) return err(credentials.error);
    const stored = await updateUser(deps, pool, user, (fresh): Result<User, CognitoError<'NotAuthorizedException' | 'InvalidParameterException'>> => {
      if ((fresh.passwordSetAt ?? 0) !== session.passwordSetAt || fresh.status !== 'FORCE_CHANGE_PASSWORD') return err(invalidSession());
      const next = applyAttributeUpdate(fresh, attributes);
      if (next.isErr()) return err(next.error);
      return ok({
        ...fresh,
        ...credentials.value,
        attributes: next.value,
        passwordHistory: nextPasswordHistory(fresh, historySize),
        status: 'CONFIRMED',
        updatedAt: now,
      });
    });
    if (stored.isErr()) {
      const failure = stored.error;
      if (!('kind' in failure)) return err(failure);
      return err(failure.kind === 'UserGone' ? invalidSession() : claimTakenError(pool, failure.claim, messages.usernameExists));
    }
    return steps.complete(scope, stored.value, { source: 'NewPasswordChallenge', clientMetadata });
  };

  return async (admin, request) => {
    const scope = await steps.loadScope(admin ? request.UserPoolId : undefined, request.ClientId);
    if (scope.isErr()) return err(scope.error);
    const challenge = request.ChallengeName;
    if (challenge !== 'PASSWORD_VERIFIER' && challenge !== 'NEW_PASSWORD_REQUIRED') return err(invalidSession()); // never issued by this model
    const responses = request.ChallengeResponses ?? {};
    const required = requireParameters(responses, REQUIRED_CHALLENGE_RESPONSES[challenge]);
    if (required.isErr()) return err(required.error);
    const checked = verifySecretHash(scope.value.client, responses['USERNAME'] ?? '', responses['SECRET_HASH']);
    if (checked.isErr()) return err(checked.error);
    return challenge === 'PASSWORD_VERIFIER'
      ? passwordVerifier(scope.value, responses, request.ClientMetadata)
      : newPassword(scope.value, responses, request.Session, request.ClientMetadata);
  };
}
