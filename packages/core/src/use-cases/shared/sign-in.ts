/**
 * The steps sign-in shares (§16–§19, D22–D33): loading the pool and client, finding the user (D50),
 * lockout (D27), the PreAuthentication and PostAuthentication triggers (R26.7, R26.8), the end of a
 * successful proof (D25 steps 14–17), and the one implementation of InitiateAuth and
 * AdminInitiateAuth (D25).
 *
 * @module
 * @internal
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, fromPortFailure, messages, type CognitoError } from '../../errors.js';
import type { AppClient } from '../../model/app-client.js';
import type { UserPool } from '../../model/user-pool.js';
import type { User } from '../../model/user.js';
import type { OperationOptions } from '../../operations.js';
import type { Ports } from '../../ports/index.js';
import { readableAttributes } from '../../rules/attribute-permissions.js';
import {
  AUTH_FLOWS,
  gateAuthFlow,
  REQUIRED_AUTH_PARAMETERS,
  requireParameters,
  signInClaims,
  type AuthFlow,
  type InitiatingOperation,
} from '../../rules/auth-flows.js';
import { SEAL_IV_BYTES, sealSecretBlock, sealSession } from '../../rules/auth-session.js';
import type { MapShape, StringShape } from '../../rules/input-constraints.js';
import { LOCKOUT_RECORD_LIMIT, LOCKOUT_WINDOW_MS, MAX_LOCKOUT_MS, lockoutKeys, lockoutMs, type LockoutKeys } from '../../rules/lockout.js';
import { normaliseUnknownLogin } from '../../rules/login-resolution.js';
import { verifySecretHash } from '../../rules/secret-hash.js';
import { hex, parseSrpA, simulatedSrpIdentity, srpServerB, srpU } from '../../rules/srp.js';
import type { TriggerError } from '../../rules/triggers/failures.js';
import { postAuthenticationEvent } from '../../rules/triggers/post-authentication.js';
import { preAuthenticationEvent } from '../../rules/triggers/pre-authentication.js';
import type { AnalyticsMetadata, AuthenticationResultType } from '../../wire/types.js';
import { loadPool } from './admin-context.js';
import { userMigrator } from './migrate-user.js';
import type { PortError } from './port-error.js';
import { triggerRunner } from './run-trigger.js';
import { passwordCredentials } from './set-password.js';
import { issueTokens, refreshTokens, type TokenDeps, type TokenSource } from './tokens.js';
import type { ClientUserError } from './request-errors.js';

/** The ports sign-in uses. @group Use cases */
export type SignInDeps = TokenDeps & Pick<Ports, 'hasher'>;

/** `ChallengeNameType` values this model issues. @internal */
export type IssuedChallenge = 'PASSWORD_VERIFIER' | 'NEW_PASSWORD_REQUIRED';

/**
 * What InitiateAuth, AdminInitiateAuth and their challenge answers return: a challenge
 * (`ChallengeName`, `ChallengeParameters`, a `Session` for `NEW_PASSWORD_REQUIRED`) or the final
 * `{ChallengeParameters: {}, AuthenticationResult}` (D35).
 *
 * @group Use cases
 */
export interface SignInOutput {
  /** The challenge to answer, when the sign-in is not complete. */
  readonly ChallengeName?: IssuedChallenge;
  /** D31: the sealed state of a `NEW_PASSWORD_REQUIRED` challenge (none for `PASSWORD_VERIFIER`, D28). */
  readonly Session?: string;
  /** The challenge's parameters; `{}` with a final result. */
  readonly ChallengeParameters: Readonly<Record<string, string>>;
  /** The tokens, when the sign-in is complete. */
  readonly AuthenticationResult?: AuthenticationResultType;
}

/** `HttpHeader` of `ContextDataType`. @group Use cases */
export interface HttpHeader {
  /** Header name. */
  readonly headerName?: string;
  /** Header value. */
  readonly headerValue?: string;
}

/** `ContextDataType` of the admin sign-in operations (threat protection; accepted, unused). @group Use cases */
export interface ContextDataType {
  /** The end user's IP address. */
  readonly IpAddress: string;
  /** The server's name. */
  readonly ServerName: string;
  /** The server's path. */
  readonly ServerPath: string;
  /** The request's headers. */
  readonly HttpHeaders: readonly HttpHeader[];
  /** Encoded device fingerprint. */
  readonly EncodedData?: string;
}

/** Every error a sign-in step can answer with, input validation included. @group Use cases */
export type SignInError =
  ClientUserError | CognitoError<'UnsupportedOperationException' | 'UserNotConfirmedException' | 'PasswordResetRequiredException'> | TriggerError;

/** D28: a `SECRET_BLOCK` must be answered within 30 s of issue. @internal */
export const SRP_ANSWER_WINDOW_MS = 30_000;

/** D29: the allowed distance between TIMESTAMP and the server's clock (±5 minutes). @internal */
export const SRP_TIMESTAMP_SKEW_MS = 5 * 60_000;

/** R16.9: `AuthSessionValidity` when the client has none (minutes). @internal */
export const DEFAULT_AUTH_SESSION_MINUTES = 3;

/** The model's shapes of the sign-in members. @internal */
export const SIGN_IN_SHAPES = {
  /** `AuthFlowType` (R16.1). */
  authFlow: { type: 'string', enum: AUTH_FLOWS },
  /** `AuthParametersType` / `ChallengeResponsesType`: `map<StringType, StringType>`, sensitive (never quoted). */
  parameters: { type: 'map', key: { type: 'string', min: 0, max: 131072 }, value: { type: 'string', min: 0, max: 131072, sensitive: true } },
  /** `SessionType`: 20–2048 characters, sensitive. */
  session: { type: 'string', min: 20, max: 2048, sensitive: true },
  /** `ChallengeNameType`. */
  challengeName: {
    type: 'string',
    enum: [
      'SMS_MFA',
      'EMAIL_OTP',
      'SOFTWARE_TOKEN_MFA',
      'SELECT_MFA_TYPE',
      'MFA_SETUP',
      'PASSWORD_VERIFIER',
      'CUSTOM_CHALLENGE',
      'SELECT_CHALLENGE',
      'DEVICE_SRP_AUTH',
      'DEVICE_PASSWORD_VERIFIER',
      'ADMIN_NO_SRP_AUTH',
      'NEW_PASSWORD_REQUIRED',
      'SMS_OTP',
      'PASSWORD',
      'WEB_AUTHN',
      'PASSWORD_SRP',
    ],
  },
  /** `ContextDataType`. */
  contextData: {
    type: 'structure',
    members: {
      IpAddress: { shape: { type: 'string', min: 0, max: 131072 }, required: true },
      ServerName: { shape: { type: 'string', min: 0, max: 131072 }, required: true },
      ServerPath: { shape: { type: 'string', min: 0, max: 131072 }, required: true },
      HttpHeaders: {
        shape: {
          type: 'list',
          member: {
            type: 'structure',
            members: { headerName: { shape: { type: 'string', min: 0, max: 131072 } }, headerValue: { shape: { type: 'string', min: 0, max: 131072 } } },
          },
        },
        required: true,
      },
      EncodedData: { shape: { type: 'string', min: 0, max: 131072 } },
    },
  },
} as const satisfies Readonly<Record<string, StringShape | MapShape | { readonly type: 'structure'; readonly members: object }>>;

/** The members InitiateAuth and AdminInitiateAuth share (R17.1). @group Use cases */
export interface InitiateRequest {
  /** R16.1; the flows each operation serves are D22's. */
  readonly AuthFlow: AuthFlow;
  /** `USERNAME`, `PASSWORD`, `SRP_A`, `REFRESH_TOKEN`, `SECRET_HASH` (R16.2). */
  readonly AuthParameters?: Readonly<Record<string, string>>;
  /** For PreAuthentication (as `validationData`) and UserMigration (R17.1); never stored. */
  readonly ClientMetadata?: Readonly<Record<string, string>>;
  /** The app client (of the pool, for AdminInitiateAuth). */
  readonly ClientId: string;
  /** Accepted, unused. */
  readonly AnalyticsMetadata?: AnalyticsMetadata;
  /** Accepted, unused (`USER_AUTH` only). */
  readonly Session?: string;
}

const notAuthorized = (message: string): CognitoError<'NotAuthorizedException'> => cognitoError('NotAuthorizedException', message);

/** `"Incorrect username or password."` (R17.4, R18.11). @internal */
export const incorrect = (): CognitoError<'NotAuthorizedException'> => notAuthorized(messages.incorrectCredentials);

/** A pool with one of its clients. @internal */
export interface SignInScope {
  /** The pool. */
  readonly pool: UserPool;
  /** The client. */
  readonly client: AppClient;
}

/** What PostAuthentication and PreTokenGeneration receive of the call that completes a sign-in. @internal */
export interface Completion {
  /** PreTokenGeneration's `clientMetadata` (R15.7; only from a challenge answer). */
  readonly clientMetadata?: Readonly<Record<string, string>> | undefined;
  /** Which `TokenGeneration_*` source (R17.7). */
  readonly source: TokenSource;
}

/**
 * The sign-in steps bound to ports: every operation of sign-in builds one.
 *
 * @internal
 */
export function signInSteps(deps: SignInDeps, options: OperationOptions) {
  const runTrigger = triggerRunner(deps, options);
  const migrate = userMigrator(deps, options);
  /** A hash no password matches in practice, made once: nobody's password check costs one verify, like a user's (§8). */
  let decoy: Promise<Result<string, PortError>> | undefined;
  const decoyHash = async (): Promise<Result<string, PortError>> => {
    const hashed = await deps.hasher.hash(`\u0000decoy\u0000${deps.random.uuid()}`);
    return hashed.isErr() ? err(fromPortFailure(hashed.error)) : ok(hashed.value);
  };
  const decoyVerify = async (password: string): Promise<Result<void, PortError>> => {
    decoy ??= decoyHash();
    const hash = await decoy;
    if (hash.isErr()) {
      decoy = undefined; // try again next time
      return err(hash.error);
    }
    const verified = await deps.hasher.verify(password, hash.value);
    return verified.isErr() ? err(fromPortFailure(verified.error)) : ok(undefined);
  };

  /**
   * D25 step 2: the pool (admin operations: `UserPoolId` first, `"User pool <id> does not exist."`)
   * and the client (R15.3; a client of another pool is `"User pool client <id> does not exist."`).
   */
  const loadScope = async (
    userPoolId: string | undefined,
    clientId: string,
  ): Promise<Result<SignInScope, CognitoError<'ResourceNotFoundException'> | PortError>> => {
    const clientNotFound = err(cognitoError('ResourceNotFoundException', messages.clientNotFound(clientId)));
    let pool: UserPool | undefined;
    if (userPoolId !== undefined) {
      const loaded = await loadPool(deps, userPoolId);
      if (loaded.isErr()) return err(loaded.error);
      pool = loaded.value;
    }
    const client = await deps.pools.getClient(clientId);
    if (client.isErr()) return err(fromPortFailure(client.error));
    if (client.value === undefined || (pool !== undefined && client.value.userPoolId !== pool.id)) return clientNotFound;
    if (pool === undefined) {
      const loaded = await deps.pools.getPool(client.value.userPoolId);
      if (loaded.isErr()) return err(fromPortFailure(loaded.error));
      if (loaded.value === undefined) return clientNotFound;
      pool = loaded.value;
    }
    return ok({ pool, client: client.value });
  };

  /** R15.5, D50: the user a sign-in `USERNAME` names (not by `sub`), one store call. */
  const findSignInUser = async (pool: UserPool, input: string): Promise<Result<User | undefined, PortError>> => {
    const found = await deps.users.findFirstByClaims(pool.id, signInClaims(pool, input));
    return found.isErr() ? err(fromPortFailure(found.error)) : ok(found.value);
  };

  /** D27: whether the subject of `keys` is locked out now. */
  const lockedOut = async (keys: LockoutKeys): Promise<Result<boolean, PortError>> => {
    const now = deps.clock.now();
    const failures = await deps.limiter.attempt(keys.failures, 0, LOCKOUT_WINDOW_MS, now);
    if (failures.isErr()) return err(fromPortFailure(failures.error));
    const lock = lockoutMs(failures.value.count);
    if (lock === undefined) return ok(false);
    const recent = await deps.limiter.attempt(keys.recent, 0, lock, now);
    if (recent.isErr()) return err(fromPortFailure(recent.error));
    return ok(recent.value.count > 0);
  };

  /** D27: records one failed attempt of the subject of `keys`. */
  const recordFailure = async (keys: LockoutKeys): Promise<Result<void, PortError>> => {
    const now = deps.clock.now();
    const failures = await deps.limiter.attempt(keys.failures, LOCKOUT_RECORD_LIMIT, LOCKOUT_WINDOW_MS, now);
    if (failures.isErr()) return err(fromPortFailure(failures.error));
    const recent = await deps.limiter.attempt(keys.recent, LOCKOUT_RECORD_LIMIT, MAX_LOCKOUT_MS, now);
    return recent.isErr() ? err(fromPortFailure(recent.error)) : ok(undefined);
  };

  /** D27: `"Password attempts exceeded"` when locked out, else nothing. */
  const checkLockout = async (keys: LockoutKeys): Promise<Result<void, CognitoError<'NotAuthorizedException'> | PortError>> => {
    const locked = await lockedOut(keys);
    if (locked.isErr()) return err(locked.error);
    return locked.value ? err(notAuthorized(messages.passwordAttemptsExceeded)) : ok(undefined);
  };

  /** D27: records the failure, then answers `"Incorrect username or password."`. */
  const failedProof = async (keys: LockoutKeys): Promise<Result<never, CognitoError<'NotAuthorizedException'> | PortError>> => {
    const recorded = await recordFailure(keys);
    return err(recorded.isErr() ? recorded.error : incorrect());
  };

  /** R26.7, D25 step 8: the pool's PreAuthentication trigger, when configured; its answer is not read. */
  const preAuthentication = async (
    scope: SignInScope,
    subject: { readonly user: User } | { readonly input: string },
    clientMetadata: Readonly<Record<string, string>> | undefined,
  ): Promise<Result<void, TriggerError>> => {
    const functionRef = scope.pool.lambdaConfig.preAuthentication;
    if (functionRef === undefined) return ok(undefined);
    const caller = { pool: scope.pool, clientId: scope.client.clientId, clientMetadata };
    const ran = await runTrigger(
      scope.pool,
      'PreAuthentication',
      functionRef,
      preAuthenticationEvent(caller, subject, scope.client.preventUserExistenceErrors),
    );
    return ran.isErr() ? err(ran.error) : ok(undefined);
  };

  /** D31, D32: the `NEW_PASSWORD_REQUIRED` challenge of a user who proved a temporary password. */
  const newPasswordChallenge = (scope: SignInScope, user: User): SignInOutput => {
    const Session = sealSession(
      deps.secrets.codeKey,
      {
        poolId: scope.pool.id,
        clientId: scope.client.clientId,
        username: user.username,
        challengeName: 'NEW_PASSWORD_REQUIRED',
        issuedAt: deps.clock.now(),
        nonce: deps.random.uuid(),
        passwordSetAt: user.passwordSetAt ?? 0,
      },
      deps.random.bytes(SEAL_IV_BYTES),
    );
    const attributes = Object.fromEntries(Object.entries(readableAttributes(scope.client, user.attributes)).filter(([name]) => name !== 'sub'));
    return {
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session,
      // D32: no USERNAME; the pool keeps no schema, so no required attribute is ever missing.
      ChallengeParameters: { USER_ID_FOR_SRP: user.username, requiredAttributes: '[]', userAttributes: JSON.stringify(attributes) },
    };
  };

  /**
   * D25 steps 14–17, after a successful proof (password, SRP, or a new password): disabled →
   * `"User is disabled."` (D26); `FORCE_CHANGE_PASSWORD` → expired temporary password (D32) or the
   * `NEW_PASSWORD_REQUIRED` challenge; otherwise PreTokenGeneration and the tokens, then
   * PostAuthentication, whose failure withholds them (R17.6).
   */
  const complete = async (scope: SignInScope, user: User, completion: Completion): Promise<Result<SignInOutput, SignInError>> => {
    if (!user.enabled) return err(notAuthorized(messages.userDisabled));
    if (user.status === 'FORCE_CHANGE_PASSWORD') {
      const days = scope.pool.passwordPolicy.temporaryPasswordValidityDays;
      if (user.passwordSetAt !== undefined && deps.clock.now() > user.passwordSetAt + days * 86_400_000) {
        return err(notAuthorized(messages.temporaryPasswordExpired));
      }
      return ok(newPasswordChallenge(scope, user));
    }
    // D25 step 16: MFA is not modelled; the pool's MfaConfiguration does not challenge.
    const tokens = await issueTokens(deps, { ...scope, user, clientMetadata: completion.clientMetadata }, completion.source, options);
    if (tokens.isErr()) return err(tokens.error);
    const functionRef = scope.pool.lambdaConfig.postAuthentication;
    if (functionRef !== undefined) {
      const caller = { pool: scope.pool, clientId: scope.client.clientId, clientMetadata: completion.clientMetadata };
      const ran = await runTrigger(scope.pool, 'PostAuthentication', functionRef, postAuthenticationEvent(caller, user));
      if (ran.isErr()) return err(ran.error);
    }
    return ok({ ChallengeParameters: {}, AuthenticationResult: tokens.value });
  };

  /** D25 steps 11–12: the states refused whatever the password. */
  const checkSignInState = (user: User): Result<void, CognitoError<'UserNotConfirmedException' | 'PasswordResetRequiredException'>> => {
    if (user.status === 'UNCONFIRMED') return err(cognitoError('UserNotConfirmedException', messages.userNotConfirmed));
    if (user.status === 'RESET_REQUIRED') return err(cognitoError('PasswordResetRequiredException', messages.signInPasswordResetRequired)); // D24
    return ok(undefined);
  };

  /**
   * D28, D30: the `PASSWORD_VERIFIER` challenge: a fresh `b` and `B` from the user's verifier (or,
   * for nobody and for users without one, the simulated identity of D30), and the sealed attempt as
   * `SECRET_BLOCK`. The same port calls for a real and a simulated user.
   */
  const passwordVerifier = (
    scope: SignInScope,
    srpA: string,
    subject: { readonly user: User } | { readonly input: string },
  ): Result<SignInOutput, PortError> => {
    const user = 'user' in subject ? subject.user : undefined;
    const unknownInput = user === undefined ? normaliseUnknownLogin(scope.pool, (subject as { readonly input: string }).input) : undefined;
    const simulated = simulatedSrpIdentity(scope.pool.simulationSecret, unknownInput ?? `\u0000${user?.username ?? ''}`);
    const userIdForSrp = user?.username ?? simulated.userIdForSrp;
    const { salt, verifier } = user?.srp ?? simulated;
    const A = parseSrpA(srpA);
    for (let tries = 0; tries < 4; tries++) {
      const b = deps.random.bytes(128);
      const B = srpServerB(verifier, b);
      if (B === undefined) continue; // B mod N = 0: draw another b (D28)
      const SECRET_BLOCK = sealSecretBlock(
        deps.secrets.codeKey,
        {
          attemptId: deps.random.uuid(),
          poolId: scope.pool.id,
          clientId: scope.client.clientId,
          userId: userIdForSrp,
          a: srpA,
          b: Buffer.from(b).toString('hex'),
          issuedAt: deps.clock.now(),
          salt,
          unknownInput,
          u: A === undefined ? undefined : hex(srpU(A, B)),
        },
        deps.random.bytes(SEAL_IV_BYTES),
      );
      return ok({
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeParameters: { SALT: salt, SRP_B: hex(B), SECRET_BLOCK, USER_ID_FOR_SRP: userIdForSrp, USERNAME: userIdForSrp },
      });
    }
    return err(cognitoError('InternalErrorException', messages.internal));
  };

  /**
   * InitiateAuth and AdminInitiateAuth (D25): 2) pool and client; 3–4) the flow for the operation
   * and the client (D22, D23); 5) parameters (D47); refresh goes to `refreshTokens` (D36); 6) secret
   * hash over `USERNAME` as sent (R17.3); 7) the user (D50), `UserMigration_Authentication` for nobody
   * in the password flows, nobody under LEGACY → `UserNotFoundException`; 8) PreAuthentication; 9)
   * nobody under ENABLED: a counted failure (password) or a simulated challenge (SRP, D30); 10)
   * lockout; 11) `UNCONFIRMED`; 12) `RESET_REQUIRED` (D24); 13) the password, or the
   * `PASSWORD_VERIFIER` challenge; 14–17) {@link complete}.
   */
  const initiate = async (
    operation: InitiatingOperation,
    request: InitiateRequest & { readonly UserPoolId?: string },
  ): Promise<Result<SignInOutput, SignInError>> => {
    const scope = await loadScope(operation === 'AdminInitiateAuth' ? request.UserPoolId : undefined, request.ClientId);
    if (scope.isErr()) return err(scope.error);
    const { pool, client } = scope.value;
    const kind = gateAuthFlow(operation, request.AuthFlow, client);
    if (kind.isErr()) return err(kind.error);
    const parameters = request.AuthParameters;
    const required = requireParameters(parameters, REQUIRED_AUTH_PARAMETERS[kind.value]);
    if (required.isErr()) return err(required.error);
    const secretHash = parameters?.['SECRET_HASH'];

    if (kind.value === 'refresh') {
      const refreshToken = parameters?.['REFRESH_TOKEN'] ?? '';
      const refreshed = await refreshTokens(deps, pool, client, { refreshToken, secretHash }, options);
      return refreshed.isErr() ? err(refreshed.error) : ok({ ChallengeParameters: {}, AuthenticationResult: refreshed.value });
    }

    const input = parameters?.['USERNAME'] ?? '';
    const checked = verifySecretHash(client, input, secretHash);
    if (checked.isErr()) return err(checked.error);
    const srpA = parameters?.['SRP_A'] ?? '';
    if (kind.value === 'srp' && parseSrpA(srpA) === undefined) return err(incorrect()); // R18.3: not hex, or A mod N = 0
    const password = parameters?.['PASSWORD'] ?? '';

    const found = await findSignInUser(pool, input);
    if (found.isErr()) return err(found.error);
    let user = found.value;
    if (user === undefined && kind.value === 'password') {
      const migrated = await migrate(pool, { clientId: client.clientId, clientMetadata: request.ClientMetadata }, input, {
        password,
        credentials: (username) => passwordCredentials(deps, pool.id, username, password),
      });
      if (migrated.isErr()) return err(migrated.error);
      user = migrated.value;
    }
    const hidden = client.preventUserExistenceErrors === 'ENABLED';
    if (user === undefined && !hidden) return err(cognitoError('UserNotFoundException', messages.adminUserNotFound));

    const subject = user === undefined ? { input } : { user };
    const pre = await preAuthentication(scope.value, subject, request.ClientMetadata);
    if (pre.isErr()) return err(pre.error);

    const keys = lockoutKeys(pool, user?.username, input);
    const lockout = await checkLockout(keys);
    if (lockout.isErr()) return err(lockout.error);
    if (user === undefined) {
      if (kind.value === 'srp') return passwordVerifier(scope.value, srpA, subject);
      const decoyed = await decoyVerify(password);
      if (decoyed.isErr()) return err(decoyed.error);
      return failedProof(keys);
    }

    const state = checkSignInState(user);
    if (state.isErr()) return err(state.error);
    if (kind.value === 'srp') return passwordVerifier(scope.value, srpA, subject);

    const hash = user.passwordHash;
    if (hash === undefined) {
      // No password (a migrated user in RESET_REQUIRED never gets here; a user created with a
      // generated, unsent password does): the same work and answer as a wrong password.
      const decoyed = await decoyVerify(password);
      if (decoyed.isErr()) return err(decoyed.error);
      return failedProof(keys);
    }
    const verified = await deps.hasher.verify(password, hash);
    if (verified.isErr()) return err(fromPortFailure(verified.error));
    if (!verified.value) return failedProof(keys);
    return complete(scope.value, user, { source: 'Authentication' });
  };

  return { loadScope, findSignInUser, checkLockout, failedProof, checkSignInState, complete, initiate };
}

/** The steps of {@link signInSteps}. @internal */
export type SignInSteps = ReturnType<typeof signInSteps>;
