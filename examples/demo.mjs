// The whole recovery flow in-process, on the memory adapters: no server, no AWS.
// Run with `pnpm demo` (it builds first).
import { computeSecretHash } from '@cognito-recovery/core';
import { createMemoryRecovery } from '@cognito-recovery/adapters-memory';

const unwrap = async (result) => {
  const r = await result;
  if (r.isErr()) throw new Error(`${r.error.name}: ${r.error.message}`);
  return r.value;
};
const show = async (label, result) => {
  const r = await result;
  console.log(label.padEnd(44), r.isOk() ? JSON.stringify(r.value) : `${r.error.name}: ${r.error.message}`);
  return r;
};

const recovery = createMemoryRecovery();
const { UserPool } = await unwrap(
  recovery.createUserPool({
    PoolName: 'demo',
    AliasAttributes: ['email'],
    AccountRecoverySetting: { RecoveryMechanisms: [{ Priority: 1, Name: 'verified_email' }] },
  }),
);
const { UserPoolClient } = await unwrap(recovery.createUserPoolClient({ UserPoolId: UserPool.Id, ClientName: 'web', GenerateSecret: true }));
const { ClientId, ClientSecret } = UserPoolClient;
await unwrap(
  recovery.adminCreateUser({
    UserPoolId: UserPool.Id,
    Username: 'alice',
    MessageAction: 'SUPPRESS',
    UserAttributes: [
      { Name: 'email', Value: 'alice@example.com' },
      { Name: 'email_verified', Value: 'true' },
    ],
  }),
);
await unwrap(recovery.adminSetUserPassword({ UserPoolId: UserPool.Id, Username: 'alice', Password: 'Old-passw0rd', Permanent: true }));
console.log(`pool ${UserPool.Id}, client ${ClientId} (with a secret), user alice <alice@example.com>\n`);

const hash = (username) => computeSecretHash(ClientSecret, username, ClientId);
await show('ForgotPassword without SecretHash', recovery.forgotPassword({ ClientId, Username: 'alice' }));
await show('ForgotPassword by the email alias', recovery.forgotPassword({ ClientId, Username: 'alice@example.com', SecretHash: hash('alice@example.com') }));
const code = recovery.outbox.latestCodeFor(UserPool.Id, 'alice');
console.log('  outbox:', JSON.stringify(recovery.outbox.latestFor(UserPool.Id, 'alice')?.body));
await show(
  'ConfirmForgotPassword, wrong code',
  recovery.confirmForgotPassword({
    ClientId,
    Username: 'alice',
    SecretHash: hash('alice'),
    ConfirmationCode: code === '000000' ? '000001' : '000000',
    Password: 'New-passw0rd',
  }),
);
await show(
  'ConfirmForgotPassword, weak password',
  recovery.confirmForgotPassword({ ClientId, Username: 'alice', SecretHash: hash('alice'), ConfirmationCode: code, Password: 'short' }),
);
await show(
  'ConfirmForgotPassword, right code',
  recovery.confirmForgotPassword({ ClientId, Username: 'alice', SecretHash: hash('alice'), ConfirmationCode: code, Password: 'New-passw0rd' }),
);
await show(
  'ConfirmForgotPassword, same code again',
  recovery.confirmForgotPassword({ ClientId, Username: 'alice', SecretHash: hash('alice'), ConfirmationCode: code, Password: 'New-passw0rd' }),
);
await show('the new password works', recovery.verifyUserPassword({ UserPoolId: UserPool.Id, Username: 'alice', Password: 'New-passw0rd' }));
await show('the old one does not', recovery.verifyUserPassword({ UserPoolId: UserPool.Id, Username: 'alice', Password: 'Old-passw0rd' }));
await show('ForgotPassword for nobody (LEGACY)', recovery.forgotPassword({ ClientId, Username: 'nobody', SecretHash: hash('nobody') }));
recovery.clock.advanceBy(3_600_000);
await show(
  'an hour later, the used code',
  recovery.confirmForgotPassword({ ClientId, Username: 'alice', SecretHash: hash('alice'), ConfirmationCode: code, Password: 'New-passw0rd2' }),
);
