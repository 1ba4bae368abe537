import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_POLICY } from '@cognito-recovery/core';
import { checkPasswordPolicy, generatePassword } from '@cognito-recovery/core/rules';
import { SeededRandomSource } from '../src/index.js';
import { attrs, directory, failure, MISSING_POOL, must, NO_SUCH_POOL, TEMPORARY_PASSWORD as GOOD } from './harness.js';

const NOW_S = Date.UTC(2024, 0, 1) / 1000;

describe('adminCreateUser', () => {
  it('creates an enabled FORCE_CHANGE_PASSWORD user with a sub and the temporary password hashed', async () => {
    const d = await directory();
    const pool = await d.createPool();
    const result = await d.adminCreateUser({
      UserPoolId: pool,
      Username: 'alice',
      UserAttributes: attrs({ email: 'alice@example.com', name: 'Alice' }),
      TemporaryPassword: GOOD,
    });
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
    const record = await d.storedUser(pool, 'alice');
    expect(record?.passwordHash).not.toContain(GOOD);
    expect((await d.ports.hasher.verify(GOOD, record?.passwordHash ?? ''))._unsafeUnwrap()).toBe(true);
  });

  it('R26.1: sends the invitation by email, both placeholders filled, unless MessageAction is SUPPRESS', async () => {
    const d = await directory();
    const pool = await d.createPool({ AutoVerifiedAttributes: ['email'] });
    await must(d.adminCreateUser({ UserPoolId: pool, Username: 'alice', UserAttributes: attrs({ email: 'alice@example.com' }), TemporaryPassword: GOOD }));
    expect(d.outbox.messages().map((m) => [m.medium, m.destination, m.subject, m.body])).toEqual([
      ['EMAIL', 'alice@example.com', 'Your temporary password', `Your username is alice and temporary password is ${GOOD}. `],
    ]);
    await must(d.adminCreateUser({ UserPoolId: pool, Username: 'bob', UserAttributes: attrs({ email: 'bob@example.com' }), MessageAction: 'SUPPRESS' }));
    expect(d.outbox.messages()).toHaveLength(1);
  });

  it('generates a temporary password when none is given', async () => {
    const d = await directory();
    const pool = await d.createPool();
    await must(d.adminCreateUser({ UserPoolId: pool, Username: 'alice' }));
    expect((await d.storedUser(pool, 'alice'))?.passwordHash).toEqual(expect.any(String));
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
    const d = await directory();
    const pool = await d.createPool();
    expect(await d.adminCreateUser({ UserPoolId: pool, Username: 'alice', TemporaryPassword: 'Sh0rt!' })).toEqual(
      failure('InvalidPasswordException', 'Password did not conform with password policy: Password not long enough'),
    );
    expect(await d.adminCreateUser({ UserPoolId: pool, Username: 'alice', TemporaryPassword: 'NoDigits-here' })).toEqual(
      failure('InvalidPasswordException', 'Password did not conform with password policy: Password must have numeric characters'),
    );
  });

  it('refuses an existing username: UsernameExistsException "User account already exists"', async () => {
    const d = await directory();
    const pool = await d.createPool();
    await d.createUser(pool, 'alice');
    expect(await d.adminCreateUser({ UserPoolId: pool, Username: 'alice' })).toEqual(failure('UsernameExistsException', 'User account already exists'));
  });

  it('R3.4 case-insensitive duplicate: a case variant is the same username when CaseSensitive is false', async () => {
    const d = await directory();
    const insensitive = await d.createPool({ UsernameConfiguration: { CaseSensitive: false } });
    const sensitive = await d.createPool();
    await d.createUser(insensitive, 'Alice');
    await d.createUser(sensitive, 'Alice');
    expect(await d.adminCreateUser({ UserPoolId: insensitive, Username: 'alice' })).toEqual(failure('UsernameExistsException', 'User account already exists'));
    expect((await d.adminCreateUser({ UserPoolId: sensitive, Username: 'alice' })).isOk()).toBe(true);
  });

  it('R3.3: in a username-attribute pool the email becomes the attribute and the username is the sub', async () => {
    const d = await directory();
    const pool = await d.createPool({ UsernameAttributes: ['email'] });
    const user = (await d.adminCreateUser({ UserPoolId: pool, Username: 'alice@example.com' }))._unsafeUnwrap().User;
    const sub = user.Attributes.find((a) => a.Name === 'sub')?.Value;
    expect(user.Username).toBe(sub);
    expect(user.Attributes).toContainEqual({ Name: 'email', Value: 'alice@example.com' });
    expect((await d.adminGetUser({ UserPoolId: pool, Username: 'alice@example.com' }))._unsafeUnwrap().Username).toBe(sub);
  });

  it('R3.3: accepts a phone number as username when the pool allows phone_number', async () => {
    const d = await directory();
    const pool = await d.createPool({ UsernameAttributes: ['email', 'phone_number'] });
    const user = (await d.adminCreateUser({ UserPoolId: pool, Username: '+15551234567' }))._unsafeUnwrap().User;
    expect(user.Attributes).toContainEqual({ Name: 'phone_number', Value: '+15551234567' });
  });

  it("R3.3 R23.2: refuses a username the pool's username attributes do not allow, naming what they allow", async () => {
    const d = await directory();
    const emailOnly = await d.createPool({ UsernameAttributes: ['email'] });
    for (const username of ['alice', '+15551234567']) {
      expect(await d.adminCreateUser({ UserPoolId: emailOnly, Username: username })).toEqual(
        failure('InvalidParameterException', 'Username should be an email.'),
      );
    }
    const phoneOnly = await d.createPool({ UsernameAttributes: ['phone_number'] });
    for (const username of ['alice', 'alice@example.com']) {
      expect(await d.adminCreateUser({ UserPoolId: phoneOnly, Username: username })).toEqual(
        failure('InvalidParameterException', 'Username should be a phone number.'),
      );
    }
    const both = await d.createPool({ UsernameAttributes: ['email', 'phone_number'] });
    expect(await d.adminCreateUser({ UserPoolId: both, Username: 'alice' })).toEqual(
      failure('InvalidParameterException', 'Username should be either an email or a phone number.'),
    );
  });

  it('R3.3: a taken username-attribute value is UsernameExistsException, verified or not', async () => {
    const d = await directory();
    const pool = await d.createPool({ UsernameAttributes: ['email', 'phone_number'] });
    await must(d.adminCreateUser({ UserPoolId: pool, Username: 'alice@example.com', UserAttributes: attrs({ phone_number: '+15550000001' }) }));
    for (const [username, attribute] of [
      ['alice@example.com', 'email'],
      ['+15550000001', 'phone_number'],
    ] as const) {
      expect(await d.adminCreateUser({ UserPoolId: pool, Username: username })).toEqual(
        failure('UsernameExistsException', `An account with the given ${attribute} already exists.`),
      );
    }
  });

  it('R3.2: refuses an email-shaped username when email is an alias', async () => {
    const d = await directory();
    const pool = await d.createPool({ AliasAttributes: ['email'] });
    expect(await d.adminCreateUser({ UserPoolId: pool, Username: 'alice@example.com' })).toEqual(
      failure('InvalidParameterException', 'Username cannot be of email format, since user pool is configured for email alias.'),
    );
  });

  it('R3.2: refuses a phone-shaped username when phone_number is an alias', async () => {
    const d = await directory();
    const pool = await d.createPool({ AliasAttributes: ['phone_number'] });
    expect(await d.adminCreateUser({ UserPoolId: pool, Username: '+15551234567' })).toEqual(
      failure('InvalidParameterException', 'Username cannot be of phone number format, since user pool is configured for phone_number alias.'),
    );
    const noAlias = await d.createPool();
    expect((await d.adminCreateUser({ UserPoolId: noAlias, Username: '+15551234567' })).isOk()).toBe(true);
  });

  it('R3.2 aliases need verification: the same unverified email can belong to two users', async () => {
    const d = await directory();
    const pool = await d.createPool({ AliasAttributes: ['email'] });
    await d.createUser(pool, 'alice', { email: 'shared@example.com' });
    expect((await d.adminCreateUser({ UserPoolId: pool, Username: 'bob', UserAttributes: attrs({ email: 'shared@example.com' }) })).isOk()).toBe(true);
  });

  it('R3.2: a verified alias held by another user is AliasExistsException', async () => {
    const d = await directory();
    const pool = await d.createPool({ AliasAttributes: ['email', 'phone_number'] });
    await d.createUser(pool, 'alice', { email: 'a@example.com', email_verified: 'true', phone_number: '+15550000001', phone_number_verified: 'true' });
    expect(await d.adminCreateUser({ UserPoolId: pool, Username: 'bob', UserAttributes: attrs({ email: 'a@example.com', email_verified: 'true' }) })).toEqual(
      failure('AliasExistsException', 'An account with the given email already exists.'),
    );
    expect(
      await d.adminCreateUser({ UserPoolId: pool, Username: 'bob', UserAttributes: attrs({ phone_number: '+15550000001', phone_number_verified: 'true' }) }),
    ).toEqual(failure('AliasExistsException', 'An account with the given phone_number already exists.'));
  });

  it('R3.2: a preferred_username alias needs no verification to be taken', async () => {
    const d = await directory();
    const pool = await d.createPool({ AliasAttributes: ['preferred_username'] });
    await d.createUser(pool, 'alice', { preferred_username: 'ally' });
    expect(
      await d.adminCreateUser({ UserPoolId: pool, Username: 'bob', UserAttributes: attrs({ preferred_username: 'ally' }), ForceAliasCreation: true }),
    ).toEqual(failure('AliasExistsException', 'An account with the given preferred_username already exists.'));
  });

  it('R3.2: ForceAliasCreation moves a verified alias and unverifies it on the previous owner', async () => {
    const d = await directory();
    const pool = await d.createPool({ AliasAttributes: ['email'] });
    await d.createUser(pool, 'alice', { email: 'a@example.com', email_verified: 'true' });
    const bob = await d.adminCreateUser({
      UserPoolId: pool,
      Username: 'bob',
      UserAttributes: attrs({ email: 'a@example.com', email_verified: 'true' }),
      ForceAliasCreation: true,
    });
    expect(bob.isOk()).toBe(true);
    expect((await d.storedUser(pool, 'alice'))?.attributes).toMatchObject({ email: 'a@example.com', email_verified: 'false' });
    expect((await d.adminGetUser({ UserPoolId: pool, Username: 'a@example.com' }))._unsafeUnwrap().Username).toBe('bob');
  });

  it.each([
    ['an attribute outside the schema', { nickname2: 'x' }, 'Attributes did not conform to the schema: nickname2: Attribute does not exist in the schema.'],
    ['sub', { sub: 'mine' }, 'Cannot modify the non-mutable attribute sub'],
    ['a malformed email', { email: 'not-an-email' }, 'Invalid email address format.'],
    ['a malformed phone number', { phone_number: '5551234' }, 'Invalid phone number format.'],
    ['a verification flag that is not a boolean', { email_verified: 'yes' }, 'Invalid value for email_verified: expected "true" or "false".'],
  ])('refuses %s', async (_name, attributes, message) => {
    const d = await directory();
    const pool = await d.createPool();
    expect(await d.adminCreateUser({ UserPoolId: pool, Username: 'alice', UserAttributes: attrs(attributes) })).toEqual(
      failure('InvalidParameterException', message),
    );
  });

  it('accepts custom:* attributes', async () => {
    const d = await directory();
    const pool = await d.createPool();
    const user = await d.createUser(pool, 'alice', { 'custom:tenant': 'acme' });
    expect(user.Attributes).toContainEqual({ Name: 'custom:tenant', Value: 'acme' });
  });

  it('validates the input (R1.7)', async () => {
    const d = await directory();
    const pool = await d.createPool();
    expect(await d.adminCreateUser({ UserPoolId: pool, Username: 'has space', MessageAction: 'SEND' as never })).toEqual(
      failure(
        'InvalidParameterException',
        "2 validation errors detected: Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+; Value 'SEND' at 'messageAction' failed to satisfy constraint: Member must satisfy enum value set: [RESEND, SUPPRESS]",
      ),
    );
  });

  it('answers ResourceNotFoundException for an unknown pool', async () => {
    const d = await directory();
    expect(await d.adminCreateUser({ UserPoolId: MISSING_POOL, Username: 'alice' })).toEqual(NO_SUCH_POOL);
  });

  it('RESEND renews the temporary password of a FORCE_CHANGE_PASSWORD user only', async () => {
    const d = await directory();
    const pool = await d.createPool();
    await d.createUser(pool, 'alice');
    const resent = await d.adminCreateUser({ UserPoolId: pool, Username: 'alice', MessageAction: 'RESEND', TemporaryPassword: 'N3w-Temporary' });
    expect(resent._unsafeUnwrap().User.UserStatus).toBe('FORCE_CHANGE_PASSWORD');
    expect((await d.ports.hasher.verify('N3w-Temporary', (await d.storedUser(pool, 'alice'))?.passwordHash ?? ''))._unsafeUnwrap()).toBe(true);
    expect(await d.adminCreateUser({ UserPoolId: pool, Username: 'nobody', MessageAction: 'RESEND' })).toEqual(
      failure('UserNotFoundException', 'User does not exist.'),
    );
    await must(d.adminSetUserPassword({ UserPoolId: pool, Username: 'alice', Password: GOOD, Permanent: true }));
    expect(await d.adminCreateUser({ UserPoolId: pool, Username: 'alice', MessageAction: 'RESEND' })).toEqual(
      failure('UnsupportedUserStateException', 'Resend not possible. alice status is not FORCE_CHANGE_PASSWORD.'),
    );
  });
});
