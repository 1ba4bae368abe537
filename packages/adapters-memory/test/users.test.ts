import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { messages } from '../../core/src/errors.js';
import { DEFAULT_PASSWORD_POLICY } from '../../core/src/model/user-pool.js';
import type { UserStore } from '../../core/src/ports/user-store.js';
import { codeHmacer } from '../../core/src/rules/codes.js';
import { checkPasswordPolicy } from '../../core/src/rules/password-policy.js';
import { adminUpdateUserAttributes } from '../../core/src/use-cases/admin-update-user-attributes.js';
import { generatePassword } from '../../core/src/use-cases/shared/identifiers.js';
import { SeededRandomSource } from '../src/seeded-random-source.js';
import { aPool, attrs, directory, failure, must, type Directory } from './support.js';

const NOW_S = Date.UTC(2024, 0, 1) / 1000;
const GOOD = 'Corr3ct-Horse';

async function stored(d: Directory, poolId: string, username: string) {
  return (await d.ports.users.findByClaim(poolId, `u#${username}`))._unsafeUnwrap();
}

async function aUser(d: Directory, poolId: string, username: string, attributes: Record<string, string> = {}) {
  const created = await d.adminCreateUser({ UserPoolId: poolId, Username: username, UserAttributes: attrs(attributes), TemporaryPassword: GOOD, MessageAction: 'SUPPRESS' });
  return created._unsafeUnwrap().User;
}

describe('adminCreateUser', () => {
  it('creates an enabled FORCE_CHANGE_PASSWORD user with a sub and the temporary password hashed', async () => {
    const d = directory();
    const pool = await aPool(d);
    const result = await d.adminCreateUser({ UserPoolId: pool, Username: 'alice', UserAttributes: attrs({ email: 'alice@example.com', name: 'Alice' }), TemporaryPassword: GOOD });
    const user = result._unsafeUnwrap().User;
    const sub = user.Attributes.find((a) => a.Name === 'sub')?.Value ?? '';
    expect(sub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(user).toEqual({
      Username: 'alice',
      Attributes: [
        { Name: 'sub', Value: sub },
        { Name: 'email', Value: 'alice@example.com' },
        { Name: 'name', Value: 'Alice' },
      ],
      UserCreateDate: NOW_S,
      UserLastModifiedDate: NOW_S,
      Enabled: true,
      UserStatus: 'FORCE_CHANGE_PASSWORD',
    });
    const record = await stored(d, pool, 'alice');
    expect(record?.passwordHash).not.toContain(GOOD);
    expect((await d.ports.hasher.verify(GOOD, record?.passwordHash ?? ''))._unsafeUnwrap()).toBe(true);
  });

  it('sends no invitation (not modelled)', async () => {
    const d = directory();
    const pool = await aPool(d, { AutoVerifiedAttributes: ['email'] });
    await must(d.adminCreateUser({ UserPoolId: pool, Username: 'alice', UserAttributes: attrs({ email: 'alice@example.com', email_verified: 'true' }), DesiredDeliveryMediums: ['EMAIL'] }));
    expect(d.outbox.messages()).toEqual([]);
  });

  it('generates a temporary password when none is given', async () => {
    const d = directory();
    const pool = await aPool(d);
    await must(d.adminCreateUser({ UserPoolId: pool, Username: 'alice' }));
    expect((await stored(d, pool, 'alice'))?.passwordHash).toEqual(expect.any(String));
  });

  it('generates passwords that satisfy the strictest policy', () => {
    const random = new SeededRandomSource(7);
    const strict = { ...DEFAULT_PASSWORD_POLICY, minimumLength: 20 };
    for (let i = 0; i < 200; i++) {
      const password = generatePassword(random, strict);
      expect(password).toHaveLength(20);
      expect(checkPasswordPolicy(strict, password)).toEqual(ok(undefined));
    }
  });

  it('checks the temporary password with the admin wording (R7.6 admin message prefix)', async () => {
    const d = directory();
    const pool = await aPool(d);
    expect(await d.adminCreateUser({ UserPoolId: pool, Username: 'alice', TemporaryPassword: 'Sh0rt!' })).toEqual(
      failure('InvalidPasswordException', 'Password did not conform with password policy: Password not long enough'),
    );
    expect(await d.adminCreateUser({ UserPoolId: pool, Username: 'alice', TemporaryPassword: 'NoDigits-here' })).toEqual(
      failure('InvalidPasswordException', 'Password did not conform with password policy: Password must have numeric characters'),
    );
  });

  it('refuses an existing username: UsernameExistsException "User account already exists"', async () => {
    const d = directory();
    const pool = await aPool(d);
    await aUser(d, pool, 'alice');
    expect(await d.adminCreateUser({ UserPoolId: pool, Username: 'alice' })).toEqual(failure('UsernameExistsException', 'User account already exists'));
  });

  it('R3.4 case-insensitive duplicate: a case variant is the same username when CaseSensitive is false', async () => {
    const d = directory();
    const insensitive = await aPool(d, { UsernameConfiguration: { CaseSensitive: false } });
    const sensitive = await aPool(d);
    await aUser(d, insensitive, 'Alice');
    await aUser(d, sensitive, 'Alice');
    expect(await d.adminCreateUser({ UserPoolId: insensitive, Username: 'alice' })).toEqual(failure('UsernameExistsException', 'User account already exists'));
    expect((await d.adminCreateUser({ UserPoolId: sensitive, Username: 'alice' })).isOk()).toBe(true);
  });

  it('R3.3: in a username-attribute pool the email becomes the attribute and the username is the sub', async () => {
    const d = directory();
    const pool = await aPool(d, { UsernameAttributes: ['email'] });
    const user = (await d.adminCreateUser({ UserPoolId: pool, Username: 'alice@example.com' }))._unsafeUnwrap().User;
    const sub = user.Attributes.find((a) => a.Name === 'sub')?.Value;
    expect(user.Username).toBe(sub);
    expect(user.Attributes).toContainEqual({ Name: 'email', Value: 'alice@example.com' });
    expect((await d.adminGetUser({ UserPoolId: pool, Username: 'alice@example.com' }))._unsafeUnwrap().Username).toBe(sub);
  });

  it('R3.3: accepts a phone number as username when the pool allows phone_number', async () => {
    const d = directory();
    const pool = await aPool(d, { UsernameAttributes: ['email', 'phone_number'] });
    const user = (await d.adminCreateUser({ UserPoolId: pool, Username: '+15551234567' }))._unsafeUnwrap().User;
    expect(user.Attributes).toContainEqual({ Name: 'phone_number', Value: '+15551234567' });
  });

  it('R3.3: refuses a username that is neither an email nor a phone number', async () => {
    const d = directory();
    const emailOnly = await aPool(d, { UsernameAttributes: ['email'] });
    expect(await d.adminCreateUser({ UserPoolId: emailOnly, Username: 'alice' })).toEqual(failure('InvalidParameterException', 'Username should be either an email or a phone number.'));
    expect(await d.adminCreateUser({ UserPoolId: emailOnly, Username: '+15551234567' })).toEqual(failure('InvalidParameterException', 'Username should be either an email or a phone number.'));
  });

  it('R3.3: a taken username-attribute value is UsernameExistsException, verified or not', async () => {
    const d = directory();
    const pool = await aPool(d, { UsernameAttributes: ['email', 'phone_number'] });
    await must(d.adminCreateUser({ UserPoolId: pool, Username: 'alice@example.com', UserAttributes: attrs({ phone_number: '+15550000001' }) }));
    expect(await d.adminCreateUser({ UserPoolId: pool, Username: 'alice@example.com' })).toEqual(failure('UsernameExistsException', 'An account with the given email already exists.'));
    expect(await d.adminCreateUser({ UserPoolId: pool, Username: '+15550000001' })).toEqual(failure('UsernameExistsException', 'An account with the given phone_number already exists.'));
  });

  it('R3.2: refuses an email-shaped username when email is an alias', async () => {
    const d = directory();
    const pool = await aPool(d, { AliasAttributes: ['email'] });
    expect(await d.adminCreateUser({ UserPoolId: pool, Username: 'alice@example.com' })).toEqual(
      failure('InvalidParameterException', 'Username cannot be of email format, since user pool is configured for email alias.'),
    );
  });

  it('R3.2: refuses a phone-shaped username when phone_number is an alias', async () => {
    const d = directory();
    const pool = await aPool(d, { AliasAttributes: ['phone_number'] });
    expect(await d.adminCreateUser({ UserPoolId: pool, Username: '+15551234567' })).toEqual(
      failure('InvalidParameterException', 'Username cannot be of phone number format, since user pool is configured for phone_number alias.'),
    );
    const noAlias = await aPool(d);
    expect((await d.adminCreateUser({ UserPoolId: noAlias, Username: '+15551234567' })).isOk()).toBe(true);
  });

  it('R3.2 aliases need verification: the same unverified email can belong to two users', async () => {
    const d = directory();
    const pool = await aPool(d, { AliasAttributes: ['email'] });
    await aUser(d, pool, 'alice', { email: 'shared@example.com' });
    expect((await d.adminCreateUser({ UserPoolId: pool, Username: 'bob', UserAttributes: attrs({ email: 'shared@example.com' }) })).isOk()).toBe(true);
  });

  it('R3.2: a verified alias held by another user is AliasExistsException', async () => {
    const d = directory();
    const pool = await aPool(d, { AliasAttributes: ['email', 'phone_number'] });
    await aUser(d, pool, 'alice', { email: 'a@example.com', email_verified: 'true', phone_number: '+15550000001', phone_number_verified: 'true' });
    expect(await d.adminCreateUser({ UserPoolId: pool, Username: 'bob', UserAttributes: attrs({ email: 'a@example.com', email_verified: 'true' }) })).toEqual(
      failure('AliasExistsException', 'An account with the given email already exists.'),
    );
    expect(await d.adminCreateUser({ UserPoolId: pool, Username: 'bob', UserAttributes: attrs({ phone_number: '+15550000001', phone_number_verified: 'true' }) })).toEqual(
      failure('AliasExistsException', 'An account with the given phone_number already exists.'),
    );
  });

  it('R3.2: a preferred_username alias needs no verification to be taken', async () => {
    const d = directory();
    const pool = await aPool(d, { AliasAttributes: ['preferred_username'] });
    await aUser(d, pool, 'alice', { preferred_username: 'ally' });
    expect(await d.adminCreateUser({ UserPoolId: pool, Username: 'bob', UserAttributes: attrs({ preferred_username: 'ally' }), ForceAliasCreation: true })).toEqual(
      failure('AliasExistsException', 'An account with the given preferred_username already exists.'),
    );
  });

  it('R3.2: ForceAliasCreation moves a verified alias and unverifies it on the previous owner', async () => {
    const d = directory();
    const pool = await aPool(d, { AliasAttributes: ['email'] });
    await aUser(d, pool, 'alice', { email: 'a@example.com', email_verified: 'true' });
    const bob = await d.adminCreateUser({ UserPoolId: pool, Username: 'bob', UserAttributes: attrs({ email: 'a@example.com', email_verified: 'true' }), ForceAliasCreation: true });
    expect(bob.isOk()).toBe(true);
    expect((await stored(d, pool, 'alice'))?.attributes).toMatchObject({ email: 'a@example.com', email_verified: 'false' });
    expect((await d.adminGetUser({ UserPoolId: pool, Username: 'a@example.com' }))._unsafeUnwrap().Username).toBe('bob');
  });

  it.each([
    ['an attribute outside the schema', { nickname2: 'x' }, 'Attributes did not conform to the schema: nickname2: Attribute does not exist in the schema.'],
    ['sub', { sub: 'mine' }, 'Cannot modify the non-mutable attribute sub'],
    ['a malformed email', { email: 'not-an-email' }, 'Invalid email address format.'],
    ['a malformed phone number', { phone_number: '5551234' }, 'Invalid phone number format.'],
    ['a verification flag that is not a boolean', { email_verified: 'yes' }, 'Invalid value for email_verified: expected "true" or "false".'],
  ])('refuses %s', async (_name, attributes, message) => {
    const d = directory();
    const pool = await aPool(d);
    expect(await d.adminCreateUser({ UserPoolId: pool, Username: 'alice', UserAttributes: attrs(attributes) })).toEqual(failure('InvalidParameterException', message));
  });

  it('accepts custom:* attributes', async () => {
    const d = directory();
    const pool = await aPool(d);
    const user = await aUser(d, pool, 'alice', { 'custom:tenant': 'acme' });
    expect(user.Attributes).toContainEqual({ Name: 'custom:tenant', Value: 'acme' });
  });

  it('validates the input (R1.7)', async () => {
    const d = directory();
    const pool = await aPool(d);
    expect(await d.adminCreateUser({ UserPoolId: pool, Username: 'has space', MessageAction: 'SEND' as never })).toEqual(
      failure(
        'InvalidParameterException',
        "2 validation errors detected: Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+; Value 'SEND' at 'messageAction' failed to satisfy constraint: Member must satisfy enum value set: [RESEND, SUPPRESS]",
      ),
    );
  });

  it('answers ResourceNotFoundException for an unknown pool', async () => {
    const d = directory();
    expect(await d.adminCreateUser({ UserPoolId: 'eu-west-1_Missing1', Username: 'alice' })).toEqual(failure('ResourceNotFoundException', 'User pool eu-west-1_Missing1 does not exist.'));
  });

  it('RESEND renews the temporary password of a FORCE_CHANGE_PASSWORD user only', async () => {
    const d = directory();
    const pool = await aPool(d);
    await aUser(d, pool, 'alice');
    const resent = await d.adminCreateUser({ UserPoolId: pool, Username: 'alice', MessageAction: 'RESEND', TemporaryPassword: 'N3w-Temporary' });
    expect(resent._unsafeUnwrap().User.UserStatus).toBe('FORCE_CHANGE_PASSWORD');
    expect((await d.ports.hasher.verify('N3w-Temporary', (await stored(d, pool, 'alice'))?.passwordHash ?? ''))._unsafeUnwrap()).toBe(true);
    expect(await d.adminCreateUser({ UserPoolId: pool, Username: 'nobody', MessageAction: 'RESEND' })).toEqual(failure('UserNotFoundException', 'User does not exist.'));
    await must(d.adminSetUserPassword({ UserPoolId: pool, Username: 'alice', Password: GOOD, Permanent: true }));
    expect(await d.adminCreateUser({ UserPoolId: pool, Username: 'alice', MessageAction: 'RESEND' })).toEqual(
      failure('UnsupportedUserStateException', 'Resend not possible. alice status is not FORCE_CHANGE_PASSWORD.'),
    );
  });
});

describe('signUp', () => {
  async function withClient(d: Directory, pool: string, secret = false): Promise<{ ClientId: string; ClientSecret?: string }> {
    return (await d.createUserPoolClient({ UserPoolId: pool, ClientName: 'web', GenerateSecret: secret }))._unsafeUnwrap().UserPoolClient;
  }

  it('creates an UNCONFIRMED user and answers its sub', async () => {
    const d = directory();
    const pool = await aPool(d);
    const client = await withClient(d, pool);
    const result = (await d.signUp({ ClientId: client.ClientId, Username: 'alice', Password: GOOD, UserAttributes: attrs({ email: 'a@example.com' }) }))._unsafeUnwrap();
    const user = await stored(d, pool, 'alice');
    expect(result).toEqual({ UserConfirmed: false, UserSub: user?.sub });
    expect(user).toMatchObject({ status: 'UNCONFIRMED', enabled: true, attributes: { email: 'a@example.com', sub: user?.sub } });
    expect(d.outbox.messages()).toEqual([]);
  });

  it('checks the password with the user wording (R7.6)', async () => {
    const d = directory();
    const pool = await aPool(d);
    const client = await withClient(d, pool);
    expect(await d.signUp({ ClientId: client.ClientId, Username: 'alice', Password: 'lowercase-only1' })).toEqual(
      failure('InvalidPasswordException', 'Password does not conform to policy: Password must have uppercase characters'),
    );
  });

  it('refuses an existing username: UsernameExistsException "User already exists"', async () => {
    const d = directory();
    const pool = await aPool(d);
    const client = await withClient(d, pool);
    await must(d.signUp({ ClientId: client.ClientId, Username: 'alice', Password: GOOD }));
    expect(await d.signUp({ ClientId: client.ClientId, Username: 'alice', Password: GOOD })).toEqual(failure('UsernameExistsException', 'User already exists'));
  });

  it('applies R3.3 to username-attribute pools', async () => {
    const d = directory();
    const pool = await aPool(d, { UsernameAttributes: ['email'] });
    const client = await withClient(d, pool);
    const { UserSub } = (await d.signUp({ ClientId: client.ClientId, Username: 'a@example.com', Password: GOOD }))._unsafeUnwrap();
    expect((await stored(d, pool, UserSub))?.attributes['email']).toBe('a@example.com');
    expect(await d.signUp({ ClientId: client.ClientId, Username: 'a@example.com', Password: GOOD })).toEqual(failure('UsernameExistsException', 'An account with the given email already exists.'));
    expect(await d.signUp({ ClientId: client.ClientId, Username: 'alice', Password: GOOD })).toEqual(failure('InvalidParameterException', 'Username should be either an email or a phone number.'));
  });

  it('needs the secret hash of a client with a secret (R2.5, D3)', async () => {
    const d = directory();
    const pool = await aPool(d);
    const client = await withClient(d, pool, true);
    expect(await d.signUp({ ClientId: client.ClientId, Username: 'alice', Password: GOOD })).toEqual(failure('NotAuthorizedException', messages.secretMissing(client.ClientId)));
    expect(await d.signUp({ ClientId: client.ClientId, Username: 'alice', Password: GOOD, SecretHash: 'bm9wZQ==' })).toEqual(failure('NotAuthorizedException', messages.secretMismatch(client.ClientId)));
  });

  it('answers ResourceNotFoundException for an unknown client (R2.4)', async () => {
    const d = directory();
    expect(await d.signUp({ ClientId: 'nothere', Username: 'alice', Password: GOOD })).toEqual(failure('ResourceNotFoundException', 'User pool client nothere does not exist.'));
  });
});

describe('adminConfirmSignUp', () => {
  it('moves UNCONFIRMED to CONFIRMED, and refuses any other status', async () => {
    const d = directory();
    const pool = await aPool(d);
    const client = (await d.createUserPoolClient({ UserPoolId: pool, ClientName: 'web' }))._unsafeUnwrap().UserPoolClient;
    await must(d.signUp({ ClientId: client.ClientId, Username: 'alice', Password: GOOD }));
    expect(await d.adminConfirmSignUp({ UserPoolId: pool, Username: 'alice' })).toEqual(ok({}));
    expect((await stored(d, pool, 'alice'))?.status).toBe('CONFIRMED');
    expect(await d.adminConfirmSignUp({ UserPoolId: pool, Username: 'alice' })).toEqual(failure('NotAuthorizedException', 'User cannot be confirmed. Current status is CONFIRMED'));
    await aUser(d, pool, 'bob');
    expect(await d.adminConfirmSignUp({ UserPoolId: pool, Username: 'bob' })).toEqual(failure('NotAuthorizedException', 'User cannot be confirmed. Current status is FORCE_CHANGE_PASSWORD'));
  });
});

describe('adminSetUserPassword', () => {
  it('Permanent makes the user CONFIRMED, otherwise FORCE_CHANGE_PASSWORD', async () => {
    const d = directory();
    const pool = await aPool(d);
    await aUser(d, pool, 'alice');
    expect(await d.adminSetUserPassword({ UserPoolId: pool, Username: 'alice', Password: 'Perm4nent!', Permanent: true })).toEqual(ok({}));
    const confirmed = await stored(d, pool, 'alice');
    expect(confirmed?.status).toBe('CONFIRMED');
    expect((await d.ports.hasher.verify('Perm4nent!', confirmed?.passwordHash ?? ''))._unsafeUnwrap()).toBe(true);
    await must(d.adminSetUserPassword({ UserPoolId: pool, Username: 'alice', Password: 'Temp0rary!' }));
    expect((await stored(d, pool, 'alice'))?.status).toBe('FORCE_CHANGE_PASSWORD');
  });

  it('checks the policy with the admin wording (R7.6 admin message prefix)', async () => {
    const d = directory();
    const pool = await aPool(d);
    await aUser(d, pool, 'alice');
    expect(await d.adminSetUserPassword({ UserPoolId: pool, Username: 'alice', Password: 'NoSymbols123', Permanent: true })).toEqual(
      failure('InvalidPasswordException', 'Password did not conform with password policy: Password must have symbol characters'),
    );
  });

  it('keeps the previous hashes, newest first, trimmed to PasswordHistorySize', async () => {
    const d = directory();
    const pool = await aPool(d, { Policies: { PasswordPolicy: { MinimumLength: 6, PasswordHistorySize: 2 } } });
    await aUser(d, pool, 'alice');
    const hashes: string[] = [(await stored(d, pool, 'alice'))?.passwordHash ?? ''];
    for (const password of ['second', 'thirdly', 'fourth']) {
      expect(await d.adminSetUserPassword({ UserPoolId: pool, Username: 'alice', Password: password, Permanent: true })).toEqual(ok({}));
      hashes.push((await stored(d, pool, 'alice'))?.passwordHash ?? '');
    }
    expect((await stored(d, pool, 'alice'))?.passwordHistory).toEqual([hashes[2], hashes[1]]);
  });

  it('keeps no history when the pool keeps none', async () => {
    const d = directory();
    const pool = await aPool(d);
    await aUser(d, pool, 'alice');
    await must(d.adminSetUserPassword({ UserPoolId: pool, Username: 'alice', Password: 'Perm4nent!', Permanent: true }));
    expect((await stored(d, pool, 'alice'))?.passwordHistory).toEqual([]);
  });

  it('answers UserNotFoundException "User does not exist." and ResourceNotFoundException', async () => {
    const d = directory();
    const pool = await aPool(d);
    expect(await d.adminSetUserPassword({ UserPoolId: pool, Username: 'nobody', Password: GOOD })).toEqual(failure('UserNotFoundException', 'User does not exist.'));
    expect(await d.adminSetUserPassword({ UserPoolId: 'eu-west-1_Missing1', Username: 'nobody', Password: GOOD })).toEqual(failure('ResourceNotFoundException', 'User pool eu-west-1_Missing1 does not exist.'));
  });
});

describe('adminUpdateUserAttributes', () => {
  it('a changed email is unverified again', async () => {
    const d = directory();
    const pool = await aPool(d, { AliasAttributes: ['email'] });
    await aUser(d, pool, 'alice', { email: 'a@example.com', email_verified: 'true' });
    expect(await d.adminUpdateUserAttributes({ UserPoolId: pool, Username: 'alice', UserAttributes: attrs({ email: 'new@example.com' }) })).toEqual(ok({}));
    expect((await stored(d, pool, 'alice'))?.attributes).toMatchObject({ email: 'new@example.com', email_verified: 'false' });
    // R3.2: the unverified email no longer resolves, the old one neither.
    expect(await d.adminGetUser({ UserPoolId: pool, Username: 'new@example.com' })).toEqual(failure('UserNotFoundException', 'User does not exist.'));
    expect(await d.adminGetUser({ UserPoolId: pool, Username: 'a@example.com' })).toEqual(failure('UserNotFoundException', 'User does not exist.'));
  });

  it('a changed phone number stays verified when the same call says so', async () => {
    const d = directory();
    const pool = await aPool(d, { AliasAttributes: ['phone_number'] });
    await aUser(d, pool, 'alice', { phone_number: '+15550000001', phone_number_verified: 'true' });
    await must(d.adminUpdateUserAttributes({ UserPoolId: pool, Username: 'alice', UserAttributes: attrs({ phone_number: '+15550000002', phone_number_verified: 'true' }) }));
    expect((await d.adminGetUser({ UserPoolId: pool, Username: '+15550000002' }))._unsafeUnwrap().Username).toBe('alice');
  });

  it('keeps the verification flag when the value does not change', async () => {
    const d = directory();
    const pool = await aPool(d);
    await aUser(d, pool, 'alice', { email: 'a@example.com', email_verified: 'true' });
    await must(d.adminUpdateUserAttributes({ UserPoolId: pool, Username: 'alice', UserAttributes: attrs({ email: 'a@example.com', name: 'Al' }) }));
    expect((await stored(d, pool, 'alice'))?.attributes).toMatchObject({ email_verified: 'true', name: 'Al' });
  });

  it('verifying an alias another user holds is AliasExistsException', async () => {
    const d = directory();
    const pool = await aPool(d, { AliasAttributes: ['email'] });
    await aUser(d, pool, 'alice', { email: 'a@example.com', email_verified: 'true' });
    await aUser(d, pool, 'bob', { email: 'a@example.com' });
    expect(await d.adminUpdateUserAttributes({ UserPoolId: pool, Username: 'bob', UserAttributes: attrs({ email_verified: 'true' }) })).toEqual(
      failure('AliasExistsException', 'An account with the given email already exists.'),
    );
  });

  it('a username-attribute value another user holds is UsernameExistsException (R3.3)', async () => {
    const d = directory();
    const pool = await aPool(d, { UsernameAttributes: ['email'] });
    await must(d.adminCreateUser({ UserPoolId: pool, Username: 'a@example.com' }));
    await must(d.adminCreateUser({ UserPoolId: pool, Username: 'b@example.com' }));
    expect(await d.adminUpdateUserAttributes({ UserPoolId: pool, Username: 'b@example.com', UserAttributes: attrs({ email: 'a@example.com' }) })).toEqual(
      failure('UsernameExistsException', 'An account with the given email already exists.'),
    );
  });

  it('sub is immutable', async () => {
    const d = directory();
    const pool = await aPool(d);
    await aUser(d, pool, 'alice');
    expect(await d.adminUpdateUserAttributes({ UserPoolId: pool, Username: 'alice', UserAttributes: attrs({ sub: 'x' }) })).toEqual(failure('InvalidParameterException', 'Cannot modify the non-mutable attribute sub'));
  });

  it('updates the last-modified date', async () => {
    const d = directory();
    const pool = await aPool(d);
    await aUser(d, pool, 'alice');
    d.clock.advanceBy(5000);
    await must(d.adminUpdateUserAttributes({ UserPoolId: pool, Username: 'alice', UserAttributes: attrs({ name: 'Alice' }) }));
    expect((await d.adminGetUser({ UserPoolId: pool, Username: 'alice' }))._unsafeUnwrap()).toMatchObject({ UserCreateDate: NOW_S, UserLastModifiedDate: NOW_S + 5 });
  });

  function conflicting(users: UserStore, conflicts: number): { store: UserStore; calls: () => number } {
    let calls = 0;
    const store: UserStore = {
      findByClaim: (p, c) => users.findByClaim(p, c),
      findFirstByClaims: (p, c) => users.findFirstByClaims(p, c),
      create: (u, c) => users.create(u, c),
      delete: (p, u) => users.delete(p, u),
      list: (p, l, a) => users.list(p, l, a),
      deletePool: (p) => users.deletePool(p),
      update: (u, c, v) => {
        calls++;
        return calls <= conflicts ? users.update(u, c, v + 1000) : users.update(u, c, v);
      },
    };
    return { store, calls: () => calls };
  }

  it('re-reads and retries after a version conflict', async () => {
    const d = directory();
    const pool = await aPool(d);
    await aUser(d, pool, 'alice');
    const { store, calls } = conflicting(d.ports.users, 2);
    const update = adminUpdateUserAttributes({ ...d.ports, users: store });
    expect(await update({ UserPoolId: pool, Username: 'alice', UserAttributes: attrs({ name: 'Alice' }) })).toEqual(ok({}));
    expect(calls()).toBe(3);
    expect((await stored(d, pool, 'alice'))?.attributes['name']).toBe('Alice');
  });

  it('gives up after three retries with InternalErrorException', async () => {
    const d = directory();
    const pool = await aPool(d);
    await aUser(d, pool, 'alice');
    const { store, calls } = conflicting(d.ports.users, 100);
    const update = adminUpdateUserAttributes({ ...d.ports, users: store });
    expect(await update({ UserPoolId: pool, Username: 'alice', UserAttributes: attrs({ name: 'Alice' }) })).toEqual(failure('InternalErrorException', 'Internal server error.'));
    expect(calls()).toBe(4);
  });
});

describe('adminGetUser', () => {
  it('answers the user found by username, verified alias or sub', async () => {
    const d = directory();
    const pool = await aPool(d, { AliasAttributes: ['email'] });
    const created = await aUser(d, pool, 'alice', { email: 'a@example.com', email_verified: 'true' });
    const expected = {
      Username: 'alice',
      UserAttributes: created.Attributes,
      UserCreateDate: NOW_S,
      UserLastModifiedDate: NOW_S,
      Enabled: true,
      UserStatus: 'FORCE_CHANGE_PASSWORD',
    };
    const sub = created.Attributes.find((a) => a.Name === 'sub')?.Value ?? '';
    for (const username of ['alice', 'a@example.com', sub]) expect(await d.adminGetUser({ UserPoolId: pool, Username: username })).toEqual(ok(expected));
  });

  it('answers UserNotFoundException "User does not exist." and ResourceNotFoundException', async () => {
    const d = directory();
    const pool = await aPool(d);
    expect(await d.adminGetUser({ UserPoolId: pool, Username: 'nobody' })).toEqual(failure('UserNotFoundException', 'User does not exist.'));
    expect(await d.adminGetUser({ UserPoolId: 'eu-west-1_Missing1', Username: 'nobody' })).toEqual(failure('ResourceNotFoundException', 'User pool eu-west-1_Missing1 does not exist.'));
  });
});

describe('adminDisableUser / adminEnableUser', () => {
  it('toggles Enabled; a disabled user gets "User is disabled." from ForgotPassword (D5)', async () => {
    const d = directory();
    const pool = await aPool(d);
    const client = (await d.createUserPoolClient({ UserPoolId: pool, ClientName: 'web' }))._unsafeUnwrap().UserPoolClient;
    await aUser(d, pool, 'alice', { email: 'a@example.com', email_verified: 'true' });
    await must(d.adminSetUserPassword({ UserPoolId: pool, Username: 'alice', Password: GOOD, Permanent: true }));
    expect(await d.adminDisableUser({ UserPoolId: pool, Username: 'alice' })).toEqual(ok({}));
    expect((await d.adminGetUser({ UserPoolId: pool, Username: 'alice' }))._unsafeUnwrap().Enabled).toBe(false);
    expect(await d.forgotPassword({ ClientId: client.ClientId, Username: 'alice' })).toEqual(failure('NotAuthorizedException', 'User is disabled.'));
    expect(await d.adminEnableUser({ UserPoolId: pool, Username: 'alice' })).toEqual(ok({}));
    expect((await d.adminGetUser({ UserPoolId: pool, Username: 'alice' }))._unsafeUnwrap().Enabled).toBe(true);
    expect((await d.forgotPassword({ ClientId: client.ClientId, Username: 'alice' })).isOk()).toBe(true);
  });

  it('answers UserNotFoundException for an unknown user', async () => {
    const d = directory();
    const pool = await aPool(d);
    expect(await d.adminDisableUser({ UserPoolId: pool, Username: 'nobody' })).toEqual(failure('UserNotFoundException', 'User does not exist.'));
    expect(await d.adminEnableUser({ UserPoolId: pool, Username: 'nobody' })).toEqual(failure('UserNotFoundException', 'User does not exist.'));
  });
});

describe('adminDeleteUser', () => {
  it('deletes the user, frees its claims and clears its recovery code', async () => {
    const d = directory();
    const pool = await aPool(d, { AliasAttributes: ['email'] });
    const client = (await d.createUserPoolClient({ UserPoolId: pool, ClientName: 'web' }))._unsafeUnwrap().UserPoolClient;
    await aUser(d, pool, 'alice', { email: 'a@example.com', email_verified: 'true' });
    await must(d.adminSetUserPassword({ UserPoolId: pool, Username: 'alice', Password: GOOD, Permanent: true }));
    await must(d.forgotPassword({ ClientId: client.ClientId, Username: 'alice' }));
    const code = d.outbox.latestCodeFor(pool, 'alice') ?? '';
    const hmac = codeHmacer(d.ports.secrets.codeKey)(code);
    expect((await d.ports.codes.verify(pool, 'alice', hmac, d.clock.now()))._unsafeUnwrap()).toBe('valid');
    expect(await d.adminDeleteUser({ UserPoolId: pool, Username: 'a@example.com' })).toEqual(ok({}));
    expect(await stored(d, pool, 'alice')).toBeUndefined();
    expect((await d.ports.codes.verify(pool, 'alice', hmac, d.clock.now()))._unsafeUnwrap()).toBe('none');
    expect((await d.adminCreateUser({ UserPoolId: pool, Username: 'bob', UserAttributes: attrs({ email: 'a@example.com', email_verified: 'true' }) })).isOk()).toBe(true);
  });

  it('answers UserNotFoundException for an unknown user', async () => {
    const d = directory();
    const pool = await aPool(d);
    expect(await d.adminDeleteUser({ UserPoolId: pool, Username: 'nobody' })).toEqual(failure('UserNotFoundException', 'User does not exist.'));
  });
});

describe('listUsers', () => {
  async function populated(d: Directory) {
    const pool = await aPool(d);
    await aUser(d, pool, 'alice', { email: 'alice@example.com', given_name: 'Alice' });
    await aUser(d, pool, 'albert', { email: 'albert@example.org' });
    await aUser(d, pool, 'bob', { email: 'bob@example.com', phone_number: '+15550000001' });
    await must(d.adminSetUserPassword({ UserPoolId: pool, Username: 'bob', Password: GOOD, Permanent: true }));
    await must(d.adminDisableUser({ UserPoolId: pool, Username: 'albert' }));
    return pool;
  }
  const names = (r: { Users: readonly { Username: string }[] }) => r.Users.map((u) => u.Username);

  it('lists every user in username order', async () => {
    const d = directory();
    const pool = await populated(d);
    const all = (await d.listUsers({ UserPoolId: pool }))._unsafeUnwrap();
    expect(names(all)).toEqual(['albert', 'alice', 'bob']);
    expect(all.PaginationToken).toBeUndefined();
  });

  it.each([
    ['username = "alice"', ['alice']],
    ['username ^= "al"', ['albert', 'alice']],
    ['email ^= "b"', ['bob']],
    ['email = "alice@example.com"', ['alice']],
    ['given_name = "Alice"', ['alice']],
    ['phone_number ^= "+1555"', ['bob']],
    ['cognito:user_status = "CONFIRMED"', ['bob']],
    ['cognito:user_status = "FORCE_CHANGE_PASSWORD"', ['albert', 'alice']],
    ['status = "Disabled"', ['albert']],
    ['status = "Enabled"', ['alice', 'bob']],
    ['  email^="nobody"  ', []],
  ])('filters with %s', async (filter, expected) => {
    const d = directory();
    const pool = await populated(d);
    expect(names((await d.listUsers({ UserPoolId: pool, Filter: filter }))._unsafeUnwrap())).toEqual(expected);
  });

  it('filters by sub', async () => {
    const d = directory();
    const pool = await populated(d);
    const sub = (await stored(d, pool, 'bob'))?.sub ?? '';
    expect(names((await d.listUsers({ UserPoolId: pool, Filter: `sub = "${sub}"` }))._unsafeUnwrap())).toEqual(['bob']);
  });

  it('pages with an opaque token, the filter applied across pages', async () => {
    const d = directory();
    const pool = await aPool(d);
    for (let i = 0; i < 70; i++) await must(d.ports.users.create({ ...baseUser(pool), username: `u${String(i).padStart(2, '0')}`, sub: `s${i}`, attributes: { sub: `s${i}`, name: i % 2 === 0 ? 'even' : 'odd' } }, [`u#u${String(i).padStart(2, '0')}`, `s#s${i}`]));
    const first = (await d.listUsers({ UserPoolId: pool, Limit: 30, Filter: 'name = "even"' }))._unsafeUnwrap();
    expect(first.Users).toHaveLength(30);
    expect(first.PaginationToken).toBeDefined();
    expect(first.PaginationToken).not.toContain('u58');
    const second = (await d.listUsers({ UserPoolId: pool, Limit: 30, Filter: 'name = "even"', PaginationToken: first.PaginationToken! }))._unsafeUnwrap();
    expect(names(second)).toEqual(['u60', 'u62', 'u64', 'u66', 'u68']);
    expect(second.PaginationToken).toBeUndefined();
  });

  it('answers only the AttributesToGet', async () => {
    const d = directory();
    const pool = await populated(d);
    const page = (await d.listUsers({ UserPoolId: pool, Filter: 'username = "alice"', AttributesToGet: ['email'] }))._unsafeUnwrap();
    expect(page.Users[0]?.Attributes).toEqual([{ Name: 'email', Value: 'alice@example.com' }]);
  });

  it.each([
    ['email contains "a"', 'Error while parsing filter.'],
    ['email = alice', 'Error while parsing filter.'],
    ['locale = "en"', 'Invalid search attribute: locale'],
  ])('refuses the filter %s', async (filter, message) => {
    const d = directory();
    const pool = await aPool(d);
    expect(await d.listUsers({ UserPoolId: pool, Filter: filter })).toEqual(failure('InvalidParameterException', message));
  });

  it('validates Limit (R1.7) and the pool', async () => {
    const d = directory();
    expect(await d.listUsers({ UserPoolId: 'eu-west-1_Missing1', Limit: 61 })).toEqual(
      failure('InvalidParameterException', "1 validation error detected: Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60"),
    );
    expect(await d.listUsers({ UserPoolId: 'eu-west-1_Missing1' })).toEqual(failure('ResourceNotFoundException', 'User pool eu-west-1_Missing1 does not exist.'));
  });
});

function baseUser(pool: string) {
  return {
    userPoolId: pool,
    username: '',
    sub: '',
    attributes: {},
    status: 'CONFIRMED' as const,
    enabled: true,
    passwordHash: undefined,
    passwordHistory: [],
    mfa: { smsMfaEnabled: false, emailMfaEnabled: false },
    createdAt: 0,
    updatedAt: 0,
    version: 1,
  };
}

describe('adminSetUserMfaPreference', () => {
  it('sets the MFA flags that AdminGetUser reports', async () => {
    const d = directory();
    const pool = await aPool(d);
    await aUser(d, pool, 'alice', { phone_number: '+15550000001', email: 'a@example.com' });
    expect(await d.adminSetUserMfaPreference({ UserPoolId: pool, Username: 'alice', SMSMfaSettings: { Enabled: true, PreferredMfa: true } })).toEqual(ok({}));
    expect((await stored(d, pool, 'alice'))?.mfa).toEqual({ smsMfaEnabled: true, emailMfaEnabled: false });
    expect((await d.adminGetUser({ UserPoolId: pool, Username: 'alice' }))._unsafeUnwrap()).toMatchObject({ UserMFASettingList: ['SMS_MFA'], PreferredMfaSetting: 'SMS_MFA' });
    await must(d.adminSetUserMfaPreference({ UserPoolId: pool, Username: 'alice', EmailMfaSettings: { Enabled: true } }));
    expect((await stored(d, pool, 'alice'))?.mfa).toEqual({ smsMfaEnabled: true, emailMfaEnabled: true });
    await must(d.adminSetUserMfaPreference({ UserPoolId: pool, Username: 'alice', SMSMfaSettings: { Enabled: false }, EmailMfaSettings: { Enabled: false } }));
    const got = (await d.adminGetUser({ UserPoolId: pool, Username: 'alice' }))._unsafeUnwrap();
    expect('UserMFASettingList' in got).toBe(false);
  });

  it('R5.3: a phone with SMS MFA no longer receives recovery codes', async () => {
    const d = directory();
    const pool = await aPool(d, {
      AccountRecoverySetting: { RecoveryMechanisms: [{ Priority: 1, Name: 'verified_phone_number' }, { Priority: 2, Name: 'verified_email' }] },
      SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/sms' },
    });
    const client = (await d.createUserPoolClient({ UserPoolId: pool, ClientName: 'web' }))._unsafeUnwrap().UserPoolClient;
    await aUser(d, pool, 'alice', { phone_number: '+15550000001', phone_number_verified: 'true', email: 'a@example.com', email_verified: 'true' });
    await must(d.adminSetUserPassword({ UserPoolId: pool, Username: 'alice', Password: GOOD, Permanent: true }));
    expect((await d.forgotPassword({ ClientId: client.ClientId, Username: 'alice' }))._unsafeUnwrap().CodeDeliveryDetails.DeliveryMedium).toBe('SMS');
    await must(d.adminSetUserMfaPreference({ UserPoolId: pool, Username: 'alice', SMSMfaSettings: { Enabled: true } }));
    expect((await d.forgotPassword({ ClientId: client.ClientId, Username: 'alice' }))._unsafeUnwrap().CodeDeliveryDetails.DeliveryMedium).toBe('EMAIL');
  });

  it('needs a delivery attribute to activate a method', async () => {
    const d = directory();
    const pool = await aPool(d);
    await aUser(d, pool, 'alice');
    expect(await d.adminSetUserMfaPreference({ UserPoolId: pool, Username: 'alice', SMSMfaSettings: { Enabled: true } })).toEqual(
      failure('InvalidParameterException', 'User does not have delivery config set to turn on SMS_MFA'),
    );
    expect(await d.adminSetUserMfaPreference({ UserPoolId: pool, Username: 'alice', EmailMfaSettings: { Enabled: true } })).toEqual(
      failure('InvalidParameterException', 'User does not have delivery config set to turn on EMAIL_OTP'),
    );
  });
});
