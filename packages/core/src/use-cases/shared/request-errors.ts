/**
 * The groups of errors the operations' error unions are made of: each group is the errors of one
 * step several operations take the same way (checking the input, loading a pool or a client, finding
 * a user, checking an access token, delivering a code, checking a code, a new password). An
 * operation's union is the groups of the steps it takes and the errors of its own rules.
 *
 * @module
 */
import type { CognitoError } from '../../errors.js';
import type { TriggerError } from '../../rules/triggers/failures.js';

/**
 * The errors of any request: an input the model refuses (R1.7) and a failing or throttled store.
 *
 * @group Use cases
 */
export type RequestError = CognitoError<'InvalidParameterException' | 'SerializationException' | 'InternalErrorException' | 'TooManyRequestsException'>;

/**
 * The errors of a request naming a pool (`UserPoolId`): {@link RequestError} and an unknown pool.
 *
 * @group Use cases
 */
export type PoolRequestError = RequestError | CognitoError<'ResourceNotFoundException'>;

/**
 * The errors of finding one user of a pool: {@link PoolRequestError} and an unknown user.
 *
 * @group Use cases
 */
export type AdminUserError = PoolRequestError | CognitoError<'UserNotFoundException'>;

/**
 * The errors of a public (client-side) request: {@link RequestError}, an unknown client or pool
 * (R2.4) and a wrong or missing secret hash (R2.5).
 *
 * @group Use cases
 */
export type ClientRequestError = RequestError | CognitoError<'ResourceNotFoundException' | 'NotAuthorizedException'>;

/**
 * The errors of a public request about one user: {@link ClientRequestError}, an unknown user (R8.5)
 * and a disabled one (`NotAuthorizedException`, D5).
 *
 * @group Use cases
 */
export type ClientUserError = ClientRequestError | CognitoError<'UserNotFoundException'>;

/**
 * The errors of checking an access token (R22.1, §27): {@link RequestError}, a refused token, a user
 * who must reset their password or no longer exists.
 *
 * @group Use cases
 */
export type AccessTokenRequestError = RequestError | CognitoError<'NotAuthorizedException' | 'PasswordResetRequiredException' | 'UserNotFoundException'>;

/**
 * The errors of sending a code: the request limit, the delivery, the SMS and email roles, and the
 * CustomMessage / custom sender triggers.
 *
 * @group Use cases
 */
export type CodeDeliveryError =
  | CognitoError<
      | 'LimitExceededException'
      | 'CodeDeliveryFailureException'
      | 'InvalidSmsRoleAccessPolicyException'
      | 'InvalidSmsRoleTrustRelationshipException'
      | 'InvalidEmailRoleAccessPolicyException'
    >
  | TriggerError;

/**
 * The errors of checking a code sent earlier (D9, D37): too many attempts, a wrong (or superseded)
 * code, an expired (or missing) one.
 *
 * @group Use cases
 */
export type CodeCheckError = CognitoError<'LimitExceededException' | 'CodeMismatchException' | 'ExpiredCodeException'>;

/**
 * The errors of choosing a new password: the pool's policy (R7.6) or its history refuses it.
 *
 * @group Use cases
 */
export type NewPasswordError = CognitoError<'InvalidPasswordException' | 'PasswordHistoryPolicyViolationException'>;

/**
 * The errors of the `PostConfirmation` trigger, whose answer is not read (R26.6, D17): the function
 * failed, or could not be invoked or timed out.
 *
 * @group Use cases
 */
export type PostConfirmationError = CognitoError<'UserLambdaValidationException' | 'UnexpectedLambdaException'>;
