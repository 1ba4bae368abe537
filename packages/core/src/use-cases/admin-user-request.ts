/**
 * The request every administrator operation on one user shares: a pool id and a `Username`
 * (username, alias or sub, recovery §3), answered with the errors of `AdminUserError`.
 *
 * @module
 */
import { SHAPES, type InputMembers } from '../rules/input-constraints.js';

/**
 * `UserPoolId` and `Username`: the request of `AdminDeleteUser`, `AdminEnableUser`, `AdminGetUser`, …
 * and the first members of the other `Admin*` requests.
 *
 * @group Use cases
 */
export interface AdminUserInput {
  /** The pool. */
  readonly UserPoolId: string;
  /** Username, alias or sub. */
  readonly Username: string;
}

/** `UserPoolId` alone: the request of `DeleteUserPool` and `DescribeUserPool`, the first member of {@link AdminUserInput}. @internal */
export const POOL_INPUT = {
  UserPoolId: { shape: SHAPES.userPoolId, required: true },
} as const;

/** The input members of {@link AdminUserInput}. @internal */
export const ADMIN_USER_INPUT = {
  ...POOL_INPUT,
  Username: { shape: SHAPES.username, required: true },
} as const satisfies InputMembers<AdminUserInput>;
