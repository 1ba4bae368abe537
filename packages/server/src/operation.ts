/**
 * The operation table the server dispatches to.
 *
 * @module
 */
import type { CognitoError } from '@cognito-recovery/core';
import type { ResultAsync } from 'neverthrow';

/**
 * One Cognito operation. The core validates the input, so `input` is whatever JSON object the client
 * sent; the output is written back as the JSON body (`{}` when `undefined`).
 *
 * @example
 * ```ts
 * const forgotPassword: Operation = (input) => recovery.forgotPassword(input);
 * ```
 * @group Server
 */
export type Operation = (input: unknown) => ResultAsync<unknown, CognitoError>;

/**
 * Cognito operation name (`ForgotPassword`, `ConfirmForgotPassword`, …) → its handler.
 *
 * @example
 * ```ts
 * const operations: OperationTable = {
 *   ForgotPassword: (input) => recovery.forgotPassword(input),
 *   ConfirmForgotPassword: (input) => recovery.confirmForgotPassword(input),
 * };
 * ```
 * @group Server
 */
export type OperationTable = Readonly<Record<string, Operation>>;
