/**
 * The request and errors every operation of the signed-in user shares: an access token (R15.1),
 * answered with the errors of checking it (R22.1).
 *
 * @module
 */
import type { CognitoError } from '../errors.js';
import type { InputMembers } from '../rules/input-constraints.js';
import { TOKEN_MODEL_SHAPE } from './shared/tokens.js';

/**
 * `AccessToken`: the request of `GetUser` and `GlobalSignOut`, and a member of the other requests a
 * signed-in user makes (`ChangePassword`, `UpdateUserAttributes`, …).
 *
 * @group Use cases
 */
export interface AccessTokenInput {
  /** An access token with the scope `aws.cognito.signin.user.admin` (R15.1). */
  readonly AccessToken: string;
}

/**
 * The errors of checking an access token (R22.1, §27): invalid input, a refused token, a user who must
 * reset their password or no longer exists, a failing store.
 *
 * @group Use cases
 */
export type AccessTokenRequestError = CognitoError<
  | 'InvalidParameterException'
  | 'SerializationException'
  | 'NotAuthorizedException'
  | 'PasswordResetRequiredException'
  | 'UserNotFoundException'
  | 'InternalErrorException'
  | 'TooManyRequestsException'
>;

/** The input members of {@link AccessTokenInput}. @internal */
export const ACCESS_TOKEN_INPUT = {
  AccessToken: { shape: TOKEN_MODEL_SHAPE, required: true },
} as const satisfies InputMembers<AccessTokenInput>;
