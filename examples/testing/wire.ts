/**
 * A memory recovery as the server package serves it: its wire operation table and its outbox for the
 * `/_local/*` routes.
 *
 * `@cognito-recovery/server` builds these internally (`operationsOf`, `outboxInspection` in its
 * compose.ts) but does not export them yet, so this example spells out the operations it uses.
 */
import type { Outbox } from '@cognito-recovery/adapters-memory';
import type { CognitoError, Recovery } from '@cognito-recovery/core';
import type { Inspection, Operation, OperationTable } from '@cognito-recovery/server';
import type { ResultAsync } from 'neverthrow';

/** Each use case validates its own input (R1.7), so any JSON the client sent may be handed over. */
const op =
  (useCase: (input: never) => ResultAsync<unknown, CognitoError>): Operation =>
  (input) =>
    useCase(input as never);

/** The wire operations of `recovery` that the tests of this folder call, by their Cognito names. */
export function wireOperations(recovery: Recovery): OperationTable {
  return {
    CreateUserPool: op(recovery.createUserPool),
    CreateUserPoolClient: op(recovery.createUserPoolClient),
    AdminCreateUser: op(recovery.adminCreateUser),
    AdminSetUserPassword: op(recovery.adminSetUserPassword),
    AdminGetUser: op(recovery.adminGetUser),
    ForgotPassword: op(recovery.forgotPassword),
    ConfirmForgotPassword: op(recovery.confirmForgotPassword),
    AdminResetUserPassword: op(recovery.adminResetUserPassword),
  };
}

/** What `GET /_local/outbox` serves and `POST /_local/reset` clears. */
export function outboxRoutes(outbox: Outbox): Inspection {
  return { messages: () => outbox.messages(), clear: () => { outbox.clear(); } };
}
