/**
 * The input members the public (client-side) user requests share: the client and the user it names,
 * and the caller data the service accepts with them. Each operation spreads them where its model puts
 * them (the order of the members is the order violations are reported in, R1.7).
 *
 * @module
 * @internal
 */
import { SHAPES } from '../../rules/input-constraints.js';
import { POOL_INPUT } from '../admin-user-request.js';

/**
 * `UserPoolId` and `ClientId`: the request of `DescribeUserPoolClient` and the first members of
 * `AdminInitiateAuth` and `AdminRespondToAuthChallenge`.
 *
 * @internal
 */
export const POOL_CLIENT_INPUT = {
  ...POOL_INPUT,
  ClientId: { shape: SHAPES.clientId, required: true },
} as const;

/** `AttributeListType`: the shape of `UserAttributes` and `ValidationData`. @internal */
export const ATTRIBUTE_LIST_SHAPE = { type: 'list', member: SHAPES.attributeType } as const;

/**
 * `ClientId`, `SecretHash` (over the exact `Username`, R2.5, D10) and `Username`: the first members of
 * `ConfirmForgotPassword`, `ConfirmSignUp` and `SignUp`.
 *
 * @internal
 */
export const CLIENT_USER_INPUT = {
  ClientId: { shape: SHAPES.clientId, required: true },
  SecretHash: { shape: SHAPES.secretHash },
  Username: { shape: SHAPES.username, required: true },
} as const;

/**
 * `AnalyticsMetadata` and `UserContextData` (accepted, unused) and `ClientMetadata` (passed to
 * triggers, never stored, R2.3): the last members of the client-side requests that carry a code, a
 * password or a challenge answer.
 *
 * @internal
 */
export const CLIENT_CALLER_INPUT = {
  AnalyticsMetadata: { shape: SHAPES.analyticsMetadata },
  UserContextData: { shape: SHAPES.userContextData },
  ClientMetadata: { shape: SHAPES.clientMetadata },
} as const;

/**
 * The whole request of `ForgotPassword` and `ResendConfirmationCode` (R2.1, R23.12), in the model's
 * order: the client, the user, and the caller data.
 *
 * @internal
 */
export const CODE_REQUEST_INPUT = {
  ClientId: { shape: SHAPES.clientId, required: true },
  SecretHash: { shape: SHAPES.secretHash },
  UserContextData: { shape: SHAPES.userContextData },
  Username: { shape: SHAPES.username, required: true },
  AnalyticsMetadata: { shape: SHAPES.analyticsMetadata },
  ClientMetadata: { shape: SHAPES.clientMetadata },
} as const;
