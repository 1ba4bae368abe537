/**
 * The whole flow in ten lines, as docs/getting-started.md shows it (docs/guides.test.ts checks that the
 * guide's block is exactly the code between the markers below).
 */
import { expect, it } from 'vitest';

// ten-lines:start
import { createMemoryRecovery } from '@cognito-recovery/adapters-memory';

const recovery = createMemoryRecovery();
const { UserPool } = (await recovery.createUserPool({ PoolName: 'app', AliasAttributes: ['email'] }))._unsafeUnwrap();
const { UserPoolClient } = (await recovery.createUserPoolClient({ UserPoolId: UserPool.Id, ClientName: 'web' }))._unsafeUnwrap();
const alice = { UserPoolId: UserPool.Id, Username: 'alice' };
(await recovery.adminCreateUser({ ...alice, MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: 'alice@example.com' }, { Name: 'email_verified', Value: 'true' }] }))._unsafeUnwrap();
(await recovery.adminSetUserPassword({ ...alice, Password: 'Old-passw0rd!', Permanent: true }))._unsafeUnwrap();
const sent = await recovery.forgotPassword({ ClientId: UserPoolClient.ClientId, Username: 'alice' }); // Ok({ CodeDeliveryDetails: { Destination: 'a***@e***', … } })
const code = recovery.outbox.latestCodeFor(UserPool.Id, 'alice') ?? ''; // the code that was "emailed"
const done = await recovery.confirmForgotPassword({ ClientId: UserPoolClient.ClientId, Username: 'alice', ConfirmationCode: code, Password: 'N3w-passw0rd!' }); // Ok({})
// ten-lines:end

it('runs the ten-line flow of docs/getting-started.md', async () => {
  expect(sent._unsafeUnwrap().CodeDeliveryDetails).toEqual({ Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
  expect(done.isOk()).toBe(true);
  expect((await recovery.verifyUserPassword({ ...alice, Password: 'N3w-passw0rd!' })).isOk()).toBe(true);
});
