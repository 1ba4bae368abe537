/**
 * (a) The reference model in-process: the use cases of `createMemoryRecovery()`, no server, no socket.
 * Each call answers a neverthrow Result: `isOk()` with Cognito's response, or `isErr()` with
 * `{ name, message }`, Cognito's exception name and message.
 */
import { createMemoryRecovery } from '@cognito-recovery/adapters-memory';
import type { CustomMessageForgotPasswordEvent, PostConfirmationConfirmForgotPasswordEvent } from '@cognito-recovery/core';
import { describe, expect, it } from 'vitest';
import { ALICE, NEW_PASSWORD, seed } from './fixtures.js';

describe('the recovery flow in-process', () => {
  it('sends a code by email, confirms it, and the new password works', async () => {
    // hasherCost 1024: a cheap scrypt for tests (the default is 16384).
    const recovery = createMemoryRecovery({ hasherCost: 1024 });
    const { userPoolId, clientId } = await seed(recovery);

    const forgot = await recovery.forgotPassword({ ClientId: clientId, Username: ALICE.username });
    expect(forgot.isOk() && forgot.value).toEqual({ CodeDeliveryDetails: { Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' } });

    // Read the code that was "sent": the outbox records every message (latestFor gives the whole message).
    const code = recovery.outbox.latestCodeFor(userPoolId, ALICE.username) ?? '';
    expect(recovery.outbox.latestFor(userPoolId, ALICE.username)?.destination).toBe(ALICE.email);

    const confirm = await recovery.confirmForgotPassword({ ClientId: clientId, Username: ALICE.username, ConfirmationCode: code, Password: NEW_PASSWORD });
    expect(confirm.isOk()).toBe(true);

    const again = await recovery.confirmForgotPassword({ ClientId: clientId, Username: ALICE.username, ConfirmationCode: code, Password: 'An0ther-passw0rd!' });
    expect(again.isErr() && again.error).toEqual({
      name: 'CodeMismatchException',
      $fault: 'client',
      message: 'Invalid verification code provided, please try again.',
    });

    const verified = await recovery.verifyUserPassword({ UserPoolId: userPoolId, Username: ALICE.username, Password: NEW_PASSWORD });
    expect(verified.isOk()).toBe(true);
  });

  it('moves the clock: a code expires after an hour, and only the latest code counts', async () => {
    const recovery = createMemoryRecovery({ hasherCost: 1024 });
    const { userPoolId, clientId } = await seed(recovery);

    expect((await recovery.forgotPassword({ ClientId: clientId, Username: ALICE.username })).isOk()).toBe(true);
    const first = recovery.outbox.latestCodeFor(userPoolId, ALICE.username) ?? '';
    recovery.clock.advanceBy(60 * 60 * 1000 + 1); // the clock only moves when told to
    const late = await recovery.confirmForgotPassword({ ClientId: clientId, Username: ALICE.username, ConfirmationCode: first, Password: NEW_PASSWORD });
    expect(late.isErr() && late.error.name).toBe('ExpiredCodeException');

    expect((await recovery.forgotPassword({ ClientId: clientId, Username: ALICE.username })).isOk()).toBe(true);
    const second = recovery.outbox.latestCodeFor(userPoolId, ALICE.username) ?? '';
    expect((await recovery.forgotPassword({ ClientId: clientId, Username: ALICE.username })).isOk()).toBe(true);
    const third = recovery.outbox.latestCodeFor(userPoolId, ALICE.username) ?? '';
    const superseded = await recovery.confirmForgotPassword({ ClientId: clientId, Username: ALICE.username, ConfirmationCode: second, Password: NEW_PASSWORD });
    expect(superseded.isErr() && second !== third && superseded.error.name).toBe('CodeMismatchException');
    const latest = await recovery.confirmForgotPassword({ ClientId: clientId, Username: ALICE.username, ConfirmationCode: third, Password: NEW_PASSWORD });
    expect(latest.isOk()).toBe(true);
  });

  it("runs trigger handlers registered under the references in the pool's LambdaConfig", async () => {
    const CUSTOM_MESSAGE = 'arn:aws:lambda:us-east-1:000000000000:function:custom-message';
    const POST_CONFIRMATION = 'arn:aws:lambda:us-east-1:000000000000:function:post-confirmation';
    const recovery = createMemoryRecovery({ hasherCost: 1024 });

    // A handler is any function with the Lambda signature; typed events come from the core (or @types/aws-lambda).
    recovery.triggers.register<CustomMessageForgotPasswordEvent>(CUSTOM_MESSAGE, (event) => {
      event.response.emailSubject = 'Reset your password';
      event.response.emailMessage = `Hello ${event.request.userAttributes['email'] ?? ''}, your code is ${event.request.codeParameter}.`;
      return Promise.resolve(event);
    });
    const confirmed: string[] = [];
    recovery.triggers.register<PostConfirmationConfirmForgotPasswordEvent>(POST_CONFIRMATION, (event) => {
      confirmed.push(event.userName);
      return Promise.resolve(event);
    });

    const { userPoolId, clientId } = await seed(recovery, {
      LambdaConfig: { CustomMessage: CUSTOM_MESSAGE, PostConfirmation: POST_CONFIRMATION },
      // As in Cognito, a CustomMessage may only change email content when the pool sends through your SES.
      EmailConfiguration: {
        EmailSendingAccount: 'DEVELOPER',
        SourceArn: 'arn:aws:ses:us-east-1:000000000000:identity/example.com',
        From: 'no-reply@example.com',
      },
    });

    expect((await recovery.forgotPassword({ ClientId: clientId, Username: ALICE.username })).isOk()).toBe(true);
    const message = recovery.outbox.latestFor(userPoolId, ALICE.username);
    expect(message?.subject).toBe('Reset your password');
    expect(message?.body).toBe(`Hello ${ALICE.email}, your code is ${message?.code ?? ''}.`);

    const confirm = await recovery.confirmForgotPassword({
      ClientId: clientId,
      Username: ALICE.username,
      ConfirmationCode: message?.code ?? '',
      Password: NEW_PASSWORD,
    });
    expect(confirm.isOk()).toBe(true);
    expect(confirmed).toEqual([ALICE.username]);
    // Every invocation is recorded, with the event as sent.
    expect(recovery.triggers.invocations().map((i) => i.functionRef)).toEqual([CUSTOM_MESSAGE, POST_CONFIRMATION]);
  });
});
