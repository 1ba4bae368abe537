/**
 * `SignUp`: a user registers through an app client and starts `UNCONFIRMED`.
 *
 * @module
 */
import { ok, safeTry, type ResultAsync } from 'neverthrow';
import { fromPortFailure, type CognitoError } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { SHAPES, validateInput, type Member } from '../rules/input-constraints.js';
import { checkPasswordPolicy } from '../rules/password-policy.js';
import { loadClientContext } from './shared/client-context.js';
import { createUserRecord, newUser, planIdentity } from './shared/new-user.js';
import type { AnalyticsMetadata, AttributeType, UserContextData } from './shared/types.js';
import { fromAttributeList } from './shared/wire-mapping.js';

/** `SignUpRequest`. @group Use cases */
export interface SignUpInput {
  /** The app client. */
  readonly ClientId: string;
  /** Required when the client has a secret (R2.5), over the `Username` sent. */
  readonly SecretHash?: string;
  /** The username; in username-attribute pools an email or phone number (R3.3). */
  readonly Username: string;
  /** The password, checked against the pool's policy (R7.6). */
  readonly Password: string;
  /** Attributes to set (standard or `custom:*`; not `sub`). */
  readonly UserAttributes?: readonly AttributeType[];
  /** Passed to a pre sign-up trigger in Cognito (accepted, not modelled). */
  readonly ValidationData?: readonly AttributeType[];
  /** Passed to triggers in Cognito (accepted, not modelled). */
  readonly ClientMetadata?: Readonly<Record<string, string>>;
  /** Threat-protection data (accepted, unused). */
  readonly UserContextData?: UserContextData;
  /** Pinpoint data (accepted, unused). */
  readonly AnalyticsMetadata?: AnalyticsMetadata;
}

/** `SignUpResponse`. @group Use cases */
export interface SignUpOutput {
  /** Always `false`: the user starts `UNCONFIRMED`. */
  readonly UserConfirmed: boolean;
  /** The new user's `sub`. */
  readonly UserSub: string;
}

/** Every error SignUp can answer with. @group Use cases */
export type SignUpError = CognitoError<
  | 'InvalidParameterException'
  | 'SerializationException'
  | 'ResourceNotFoundException'
  | 'NotAuthorizedException'
  | 'InvalidPasswordException'
  | 'UsernameExistsException'
  | 'AliasExistsException'
  | 'UserNotFoundException'
  | 'InternalErrorException'
  | 'TooManyRequestsException'
>;

/** The ports SignUp uses. @group Use cases */
export type SignUpDeps = Pick<Ports, 'pools' | 'users' | 'hasher' | 'clock' | 'random'>;

/** The model's input members. @internal */
export const SIGN_UP_INPUT: Readonly<Record<string, Member>> = {
  ClientId: { shape: SHAPES.clientId, required: true },
  SecretHash: { shape: SHAPES.secretHash },
  Username: { shape: SHAPES.username, required: true },
  Password: { shape: SHAPES.password, required: true },
  UserAttributes: { shape: { type: 'list', member: SHAPES.attributeType } },
  ValidationData: { shape: { type: 'list', member: SHAPES.attributeType } },
  AnalyticsMetadata: { shape: SHAPES.analyticsMetadata },
  UserContextData: { shape: SHAPES.userContextData },
  ClientMetadata: { shape: SHAPES.clientMetadata },
};

/** `UsernameExistsException` message of SignUp (user operations word it differently from admin ones). @internal */
export const SIGN_UP_USER_EXISTS = 'User already exists';

/**
 * Builds the `SignUp` operation: input constraints, client and secret hash (R2.4, R2.5, D3), the
 * username rules of R3.2/R3.3, the password policy with the user wording of R7.6, then the user is
 * created `UNCONFIRMED` with a fresh `sub`. An existing username is `UsernameExistsException`
 * `User already exists`. **Not modelled:** no confirmation code is sent (so `CodeDeliveryDetails` is
 * never returned); confirm with `AdminConfirmSignUp`.
 *
 * @example
 * ```ts
 * const register = signUp(ports);
 * const result = await register({ ClientId: client.ClientId, Username: 'alice', Password: 'Corr3ct-Horse' });
 * if (result.isOk()) console.log(result.value.UserSub);
 * ```
 * @group Use cases
 */
export function signUp(deps: SignUpDeps): (input: SignUpInput) => ResultAsync<SignUpOutput, SignUpError> {
  return (input) =>
    safeTry<SignUpOutput, SignUpError>(async function* () {
      const request = yield* validateInput<SignUpInput>(SIGN_UP_INPUT, input);
      const { pool } = yield* loadClientContext(deps, request.ClientId, request.Username, request.SecretHash);
      const identity = yield* planIdentity(pool, request.Username, fromAttributeList(request.UserAttributes), deps.random.uuid());
      yield* checkPasswordPolicy(pool.passwordPolicy, request.Password, 'user'); // R7.6
      const passwordHash = yield* deps.hasher.hash(request.Password).mapErr(fromPortFailure);
      const user = newUser(pool, identity, { status: 'UNCONFIRMED', passwordHash }, deps.clock.now());
      const created = yield* createUserRecord(deps, pool, user, false, SIGN_UP_USER_EXISTS);
      return ok({ UserConfirmed: false, UserSub: created.sub });
    });
}
