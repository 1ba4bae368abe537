/**
 * (b) The reference model behind the real AWS SDK v3 client, in process: `inProcessHandler` answers the
 * client's requests through the same wire code as the HTTP server, without a socket. Code under test
 * that takes a `CognitoIdentityProviderClient` gets this one instead of a real one.
 */
import {
  CodeMismatchException,
  CognitoIdentityProviderClient,
  ConfirmForgotPasswordCommand,
  ExpiredCodeException,
  ForgotPasswordCommand,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { createMemoryRecovery } from '@cognito-recovery/adapters-memory';
import { inProcessHandler, operationsOf, outboxInspection } from '@cognito-recovery/server';
import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, NEW_PASSWORD, seed } from './fixtures.js';

/** A recovery, seeded, and an SDK client talking to it. */
async function setUp(): Promise<{
  recovery: ReturnType<typeof createMemoryRecovery>;
  client: CognitoIdentityProviderClient;
  userPoolId: string;
  clientId: string;
}> {
  const recovery = createMemoryRecovery({ hasherCost: 1024 });
  const { userPoolId, clientId } = await seed(recovery);
  const client = new CognitoIdentityProviderClient({
    region: 'us-east-1',
    endpoint: 'http://in-process', // never dialled: the request handler answers
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    requestHandler: inProcessHandler(operationsOf(recovery), { inspection: outboxInspection(recovery) }),
    maxAttempts: 1,
  });
  return { recovery, client, userPoolId, clientId };
}

let client: CognitoIdentityProviderClient | undefined;
afterEach(() => {
  client?.destroy();
});

describe('the AWS SDK client over inProcessHandler', () => {
  it('runs ForgotPassword and ConfirmForgotPassword, with the code read from the outbox', async () => {
    const setup = await setUp();
    ({ client } = setup);
    const { recovery, userPoolId, clientId } = setup;

    const forgot = await client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: ALICE.username }));
    expect(forgot.CodeDeliveryDetails).toEqual({ Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });

    const code = recovery.outbox.latestCodeFor(userPoolId, ALICE.username) ?? '';
    await client.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: ALICE.username, ConfirmationCode: code, Password: NEW_PASSWORD }));

    // Errors arrive as the SDK's own exception classes, with Cognito's messages.
    const reused = client.send(
      new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: ALICE.username, ConfirmationCode: code, Password: NEW_PASSWORD }),
    );
    await expect(reused).rejects.toBeInstanceOf(CodeMismatchException);
    await expect(client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'nobody' }))).rejects.toThrow(UserNotFoundException);
  });

  it('still lets the test move the clock between SDK calls', async () => {
    const setup = await setUp();
    ({ client } = setup);
    const { recovery, userPoolId, clientId } = setup;

    await client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: ALICE.username }));
    const code = recovery.outbox.latestCodeFor(userPoolId, ALICE.username) ?? '';
    recovery.clock.advanceBy(2 * 60 * 60 * 1000);
    const late = client.send(
      new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: ALICE.username, ConfirmationCode: code, Password: NEW_PASSWORD }),
    );
    await expect(late).rejects.toMatchObject({ name: 'ExpiredCodeException', message: 'Invalid code provided, please request a code again.' });
    await expect(late).rejects.toBeInstanceOf(ExpiredCodeException);
  });
});
