import { describe, expect, it } from 'vitest';
import { messages } from '@cognito-recovery/core';
import { attrs, directory, failure, must, TEMPORARY_PASSWORD as GOOD, type BareHarness } from './harness.js';

describe('signUp', () => {
  async function withClient(d: BareHarness, pool: string, secret = false): Promise<{ ClientId: string; ClientSecret?: string }> {
    return (await d.createUserPoolClient({ UserPoolId: pool, ClientName: 'web', GenerateSecret: secret }))._unsafeUnwrap().UserPoolClient;
  }

  it('creates an UNCONFIRMED user and answers its sub', async () => {
    const d = await directory();
    const pool = await d.createPool();
    const client = await withClient(d, pool);
    const result = (
      await d.signUp({ ClientId: client.ClientId, Username: 'alice', Password: GOOD, UserAttributes: attrs({ email: 'a@example.com' }) })
    )._unsafeUnwrap();
    const user = await d.storedUser(pool, 'alice');
    expect(result).toEqual({ UserConfirmed: false, UserSub: user?.sub });
    expect(user).toMatchObject({ status: 'UNCONFIRMED', enabled: true, attributes: { email: 'a@example.com', sub: user?.sub } });
    expect(d.outbox.messages()).toEqual([]);
  });

  it('checks the password with the user wording (R7.6)', async () => {
    const d = await directory();
    const pool = await d.createPool();
    const client = await withClient(d, pool);
    expect(await d.signUp({ ClientId: client.ClientId, Username: 'alice', Password: 'lowercase-only1' })).toEqual(
      failure('InvalidPasswordException', 'Password does not conform to policy: Password must have uppercase characters'),
    );
  });

  it('refuses an existing username: UsernameExistsException "User already exists"', async () => {
    const d = await directory();
    const pool = await d.createPool();
    const client = await withClient(d, pool);
    await must(d.signUp({ ClientId: client.ClientId, Username: 'alice', Password: GOOD }));
    expect(await d.signUp({ ClientId: client.ClientId, Username: 'alice', Password: GOOD })).toEqual(failure('UsernameExistsException', 'User already exists'));
  });

  it('applies R3.3 to username-attribute pools', async () => {
    const d = await directory();
    const pool = await d.createPool({ UsernameAttributes: ['email'] });
    const client = await withClient(d, pool);
    const { UserSub } = (await d.signUp({ ClientId: client.ClientId, Username: 'a@example.com', Password: GOOD }))._unsafeUnwrap();
    expect((await d.storedUser(pool, UserSub))?.attributes['email']).toBe('a@example.com');
    expect(await d.signUp({ ClientId: client.ClientId, Username: 'a@example.com', Password: GOOD })).toEqual(
      failure('UsernameExistsException', 'An account with the given email already exists.'),
    );
    expect(await d.signUp({ ClientId: client.ClientId, Username: 'alice', Password: GOOD })).toEqual(
      failure('InvalidParameterException', 'Username should be either an email or a phone number.'),
    );
  });

  it('needs the secret hash of a client with a secret (R2.5, D3)', async () => {
    const d = await directory();
    const pool = await d.createPool();
    const client = await withClient(d, pool, true);
    expect(await d.signUp({ ClientId: client.ClientId, Username: 'alice', Password: GOOD })).toEqual(
      failure('NotAuthorizedException', messages.secretMissing(client.ClientId)),
    );
    expect(await d.signUp({ ClientId: client.ClientId, Username: 'alice', Password: GOOD, SecretHash: 'bm9wZQ==' })).toEqual(
      failure('NotAuthorizedException', messages.secretMismatch(client.ClientId)),
    );
  });

  it('answers ResourceNotFoundException for an unknown client (R2.4)', async () => {
    const d = await directory();
    expect(await d.signUp({ ClientId: 'nothere', Username: 'alice', Password: GOOD })).toEqual(
      failure('ResourceNotFoundException', 'User pool client nothere does not exist.'),
    );
  });
});
