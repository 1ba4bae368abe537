/**
 * The request every operation of the signed-in user shares: an access token (R15.1), answered
 * with the errors of checking it (`AccessTokenRequestError`, R22.1).
 *
 * @module
 */
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

/** The input members of {@link AccessTokenInput}. @internal */
export const ACCESS_TOKEN_INPUT = {
  AccessToken: { shape: TOKEN_MODEL_SHAPE, required: true },
} as const satisfies InputMembers<AccessTokenInput>;
