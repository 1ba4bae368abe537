import 'reflect-metadata';
import { ManualClock, Outbox } from '@cognito-recovery/adapters-memory';
import { ScryptPasswordHasher, type Ports, type Recovery, type UserStore } from '@cognito-recovery/core';
import { container as root } from 'tsyringe';
import { describe, expect, it } from 'vitest';
import { PostgresUserStore } from '../src/index.js';
import { registerPostgresRecovery, TOKENS } from '../src/tsyringe.js';
import { usePglite } from './databases.js';

describe('registerPostgresRecovery (tsyringe) on PGlite', () => {
  const database = usePglite();

  it('resolves the stores built from the executor and schema tokens, and a Recovery that runs the flow', async () => {
    const db = database();
    const container = root.createChildContainer();
    const clock = new ManualClock();
    const outbox = new Outbox(clock);
    registerPostgresRecovery(container, db, { codeKey: new Uint8Array(32).fill(3), sender: outbox, clock, hasher: new ScryptPasswordHasher({ cost: 1024 }) });
    expect(container.resolve<UserStore>(TOKENS.UserStore)).toBeInstanceOf(PostgresUserStore);
    expect(container.resolve<UserStore>(TOKENS.UserStore)).toBe(container.resolve<Ports>(TOKENS.Ports).users);
    expect(container.resolve<string>(TOKENS.Schema)).toBe('cognito_recovery');
    const recovery = container.resolve<Recovery>(TOKENS.Recovery);
    const pool = (await recovery.createUserPool({ PoolName: 'di', AliasAttributes: ['email'], AutoVerifiedAttributes: ['email'] }))._unsafeUnwrap().UserPool;
    const client = (await recovery.createUserPoolClient({ UserPoolId: pool.Id, ClientName: 'web' }))._unsafeUnwrap().UserPoolClient;
    const attributes = [
      { Name: 'email', Value: 'di@example.com' },
      { Name: 'email_verified', Value: 'true' },
    ];
    expect((await recovery.adminCreateUser({ UserPoolId: pool.Id, Username: 'di', UserAttributes: attributes, MessageAction: 'SUPPRESS' })).isOk()).toBe(true);
    expect((await recovery.adminSetUserPassword({ UserPoolId: pool.Id, Username: 'di', Password: 'Old-passw0rd!', Permanent: true })).isOk()).toBe(true);
    expect((await recovery.forgotPassword({ ClientId: client.ClientId, Username: 'di' })).isOk()).toBe(true);
    const code = outbox.latestCodeFor(pool.Id, 'di') ?? '';
    expect(
      (await recovery.confirmForgotPassword({ ClientId: client.ClientId, Username: 'di', ConfirmationCode: code, Password: 'N3w-passw0rd!' })).isOk(),
    ).toBe(true);
    expect((await recovery.verifyUserPassword({ UserPoolId: pool.Id, Username: 'di', Password: 'N3w-passw0rd!' }))._unsafeUnwrap()).toEqual({ Valid: true });
  }, 60_000);
});
