/**
 * A fake operation table for the transport tests: fixed answers, one Cognito error, and two bugs.
 */
import { cognitoError, messages } from '@cognito-recovery/core';
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import type { OperationTable } from '../operation.js';

/** The `CodeDeliveryDetails` the fake `ForgotPassword` answers with. */
export const FAKE_DELIVERY = { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'a***@e***' } as const;

/** Records the inputs it receives, so tests can see what the transport passed on. */
export function fakeOperations(): { readonly operations: OperationTable; readonly inputs: unknown[] } {
  const inputs: unknown[] = [];
  const operations: OperationTable = {
    ForgotPassword: (input) => {
      inputs.push(input);
      return okAsync({ CodeDeliveryDetails: FAKE_DELIVERY });
    },
    ConfirmForgotPassword: (input) => {
      inputs.push(input);
      return okAsync(undefined);
    },
    AdminResetUserPassword: () => errAsync(cognitoError('UserNotFoundException', messages.userNotFound)),
    AdminGetUser: () => errAsync(cognitoError('InternalErrorException', messages.internal)),
    AdminDeleteUser: () => {
      throw new Error('bug: thrown');
    },
    AdminDisableUser: () => new ResultAsync(Promise.reject(new Error('bug: rejected'))),
  };
  return { operations, inputs };
}
