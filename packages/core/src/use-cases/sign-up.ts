/**
 * `SignUp`: a user registers through an app client and starts `UNCONFIRMED`.
 *
 * @module
 */
import { err, ok, type ResultAsync } from 'neverthrow';
import { messages, type CognitoError } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { SHAPES, type InputMembers } from '../rules/input-constraints.js';
import { newUser, planIdentity } from '../rules/new-users.js';
import { checkPasswordPolicy } from '../rules/password-policy.js';
import { fromAttributeList } from '../wire/mapping.js';
import type { AnalyticsMetadata, AttributeType, UserContextData } from '../wire/types.js';
import { loadClientContext } from './shared/client-context.js';
import { createUserRecord } from './shared/new-user.js';
import { operation } from './shared/operation.js';
import { passwordCredentials } from './shared/set-password.js';

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
  | 'InternalErrorException'
  | 'TooManyRequestsException'
>;

/** The ports SignUp uses. @group Use cases */
export type SignUpDeps = Pick<Ports, 'pools' | 'users' | 'hasher' | 'clock' | 'random'>;

/** The model's input members. @internal */
export const SIGN_UP_INPUT = {
  ClientId: { shape: SHAPES.clientId, required: true },
  SecretHash: { shape: SHAPES.secretHash },
  Username: { shape: SHAPES.username, required: true },
  Password: { shape: SHAPES.password, required: true },
  UserAttributes: { shape: { type: 'list', member: SHAPES.attributeType } },
  ValidationData: { shape: { type: 'list', member: SHAPES.attributeType } },
  AnalyticsMetadata: { shape: SHAPES.analyticsMetadata },
  UserContextData: { shape: SHAPES.userContextData },
  ClientMetadata: { shape: SHAPES.clientMetadata },
} as const satisfies InputMembers<SignUpInput>;

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
  return operation(SIGN_UP_INPUT, async (request) => {
    const context = await loadClientContext(deps, request.ClientId, request.Username, request.SecretHash);
    if (context.isErr()) return err(context.error);
    const { pool } = context.value;
    const identity = planIdentity(pool, request.Username, fromAttributeList(request.UserAttributes), deps.random.uuid());
    if (identity.isErr()) return err(identity.error);
    const policy = checkPasswordPolicy(pool.passwordPolicy, request.Password, 'user'); // R7.6
    if (policy.isErr()) return err(policy.error);
    const credentials = await passwordCredentials(deps, pool.id, identity.value.username, request.Password);
    if (credentials.isErr()) return err(credentials.error);
    const user = newUser(pool, identity.value, { status: 'UNCONFIRMED', ...credentials.value }, deps.clock.now());
    const created = await createUserRecord(deps, pool, user, false, messages.signUpUserExists);
    return created.isErr() ? err(created.error) : ok({ UserConfirmed: false, UserSub: created.value.sub });
  });
}
