import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '@cognito-recovery/core';
import { DEFAULT_CLIENT_TOKEN_SETTINGS, directory, failure, MISSING_POOL, must, NO_SUCH_POOL, oneViolation } from './harness.js';

const NOW_S = Date.UTC(2024, 0, 1) / 1000;

/** The `AccountRecoverySetting` input member holding the given `[Priority, Name]` mechanisms, in that order. */
const recovery = (...mechanisms: [number, string][]) => ({
  AccountRecoverySetting: { RecoveryMechanisms: mechanisms.map(([Priority, Name]) => ({ Priority, Name })) },
});

describe('createUserPool', () => {
  it('generates a <region>_<9 alphanumerics> id, an ARN and epoch-second dates', async () => {
    const d = await directory();
    const pool = (await d.createUserPool({ PoolName: 'app' }))._unsafeUnwrap().UserPool;
    expect(pool.Id).toMatch(/^eu-west-1_[0-9A-Za-z]{9}$/);
    expect(pool.Arn).toBe(`arn:aws:cognito-idp:eu-west-1:000000000000:userpool/${pool.Id}`);
    expect(pool.Name).toBe('app');
    expect(pool.CreationDate).toBe(NOW_S);
    expect(pool.LastModifiedDate).toBe(NOW_S);
    expect(pool.EstimatedNumberOfUsers).toBe(0);
  });

  it('applies the API defaults: CaseSensitive true (R3.4), the default password policy, MFA off, Cognito email', async () => {
    const d = await directory();
    const pool = (await d.createUserPool({ PoolName: 'app' }))._unsafeUnwrap().UserPool;
    expect(pool.UsernameConfiguration).toEqual({ CaseSensitive: true });
    expect(pool.Policies.PasswordPolicy).toEqual({
      MinimumLength: 8,
      RequireUppercase: true,
      RequireLowercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
      PasswordHistorySize: 0,
      TemporaryPasswordValidityDays: 7,
    });
    expect(pool.MfaConfiguration).toBe('OFF');
    expect(pool.EmailConfiguration).toEqual({ EmailSendingAccount: 'COGNITO_DEFAULT' });
    expect(pool.LambdaConfig).toEqual({});
  });

  it('reports no AccountRecoverySetting when none was given (R5.4, §12.15)', async () => {
    const d = await directory();
    const pool = (await d.createUserPool({ PoolName: 'app' }))._unsafeUnwrap().UserPool;
    expect('AccountRecoverySetting' in pool).toBe(false);
    const stored = (await d.ports.pools.getPool(pool.Id))._unsafeUnwrap();
    expect(stored?.recoveryMechanisms).toBeUndefined();
  });

  it('keeps a given AccountRecoverySetting, ordered by priority (R5.1)', async () => {
    const d = await directory();
    const setting = {
      RecoveryMechanisms: [
        { Priority: 2, Name: 'verified_phone_number' as const },
        { Priority: 1, Name: 'verified_email' as const },
      ],
    };
    const pool = (await d.createUserPool({ PoolName: 'app', AccountRecoverySetting: setting }))._unsafeUnwrap().UserPool;
    expect(pool.AccountRecoverySetting).toEqual({
      RecoveryMechanisms: [
        { Priority: 1, Name: 'verified_email' },
        { Priority: 2, Name: 'verified_phone_number' },
      ],
    });
  });

  it('never reveals the simulation secret, and stores 32 random bytes as it', async () => {
    const d = await directory();
    const pool = (await d.createUserPool({ PoolName: 'app' }))._unsafeUnwrap().UserPool;
    expect(JSON.stringify(pool)).not.toContain('simulation');
    const stored = (await d.ports.pools.getPool(pool.Id))._unsafeUnwrap();
    expect(Buffer.from(stored?.simulationSecret ?? '', 'base64')).toHaveLength(32);
  });

  it('stores a partial password policy with Cognito’s per-member defaults', async () => {
    const d = await directory();
    const pool = (
      await d.createUserPool({ PoolName: 'app', Policies: { PasswordPolicy: { MinimumLength: 6, RequireNumbers: true, PasswordHistorySize: 3 } } })
    )._unsafeUnwrap().UserPool;
    expect(pool.Policies.PasswordPolicy).toEqual({
      MinimumLength: 6,
      RequireUppercase: false,
      RequireLowercase: false,
      RequireNumbers: true,
      RequireSymbols: false,
      PasswordHistorySize: 3,
      TemporaryPasswordValidityDays: 7,
    });
  });

  it('maps every modelled setting to the stored pool and back', async () => {
    const d = await directory();
    const pool = (
      await d.createUserPool({
        PoolName: 'full pool',
        AliasAttributes: ['email', 'phone_number', 'email'],
        UsernameConfiguration: { CaseSensitive: false },
        AutoVerifiedAttributes: ['email', 'phone_number'],
        SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/sms', ExternalId: 'ext', SnsRegion: 'eu-west-1' },
        EmailConfiguration: {
          EmailSendingAccount: 'DEVELOPER',
          SourceArn: 'arn:aws:ses:eu-west-1:123456789012:identity/example.com',
          From: 'App <no-reply@example.com>',
        },
        VerificationMessageTemplate: { EmailSubject: 'Reset', EmailMessage: 'Code {####}', SmsMessage: 'SMS {####}' },
        LambdaConfig: {
          CustomMessage: 'custom-message',
          CustomEmailSender: { LambdaVersion: 'V1_0', LambdaArn: 'sender' },
          KMSKeyID: 'arn:aws:kms:eu-west-1:123456789012:key/k',
        },
        MfaConfiguration: 'OPTIONAL',
        Schema: [{ Name: 'tenant', AttributeDataType: 'String' }],
        UserPoolTags: { team: 'id' },
        DeletionProtection: 'ACTIVE',
      })
    )._unsafeUnwrap().UserPool;
    expect(pool.AliasAttributes).toEqual(['email', 'phone_number']);
    expect('UsernameAttributes' in pool).toBe(false);
    expect(pool.UsernameConfiguration).toEqual({ CaseSensitive: false });
    expect(pool.AutoVerifiedAttributes).toEqual(['email', 'phone_number']);
    expect(pool.SmsConfiguration).toEqual({ SnsCallerArn: 'arn:aws:iam::123456789012:role/sms', ExternalId: 'ext', SnsRegion: 'eu-west-1' });
    expect(pool.EmailConfiguration).toEqual({
      EmailSendingAccount: 'DEVELOPER',
      SourceArn: 'arn:aws:ses:eu-west-1:123456789012:identity/example.com',
      From: 'App <no-reply@example.com>',
    });
    expect(pool.VerificationMessageTemplate).toEqual({
      EmailSubject: 'Reset',
      EmailMessage: 'Code {####}',
      SmsMessage: 'SMS {####}',
      DefaultEmailOption: 'CONFIRM_WITH_CODE',
    });
    expect(pool.LambdaConfig).toEqual({
      CustomMessage: 'custom-message',
      CustomEmailSender: { LambdaVersion: 'V1_0', LambdaArn: 'sender' },
      KMSKeyID: 'arn:aws:kms:eu-west-1:123456789012:key/k',
    });
    expect(pool.MfaConfiguration).toBe('OPTIONAL');
    const stored = (await d.ports.pools.getPool(pool.Id))._unsafeUnwrap();
    expect(stored?.caseSensitive).toBe(false);
    expect(stored?.lambdaConfig).toMatchObject({ customMessage: 'custom-message', customEmailSender: 'sender' });
    expect(stored?.verificationMessage).toEqual({ emailSubject: 'Reset', emailMessage: 'Code {####}', smsMessage: 'SMS {####}' });
  });

  it('accepts the legacy verification message members (D11)', async () => {
    const d = await directory();
    const id = await d.createPool({
      EmailVerificationSubject: 'Legacy',
      EmailVerificationMessage: 'Legacy {####}',
      SmsVerificationMessage: 'Legacy SMS {####}',
    });
    const stored = (await d.ports.pools.getPool(id))._unsafeUnwrap();
    expect(stored?.verificationMessage).toEqual({ emailSubject: 'Legacy', emailMessage: 'Legacy {####}', smsMessage: 'Legacy SMS {####}' });
  });

  it('takes a fixed Id (extension) and derives the region from it', async () => {
    const d = await directory();
    const pool = (await d.createUserPool({ PoolName: 'app', Id: 'us-west-2_Fixed1' }))._unsafeUnwrap().UserPool;
    expect(pool.Id).toBe('us-west-2_Fixed1');
    expect(pool.Arn).toBe('arn:aws:cognito-idp:us-west-2:000000000000:userpool/us-west-2_Fixed1');
  });

  it('refuses a fixed Id already in use', async () => {
    const d = await directory();
    await d.createPool({ Id: 'us-west-2_Fixed1' });
    expect(await d.createUserPool({ PoolName: 'again', Id: 'us-west-2_Fixed1' })).toEqual(
      failure('InvalidParameterException', 'User pool us-west-2_Fixed1 already exists.'),
    );
  });

  it('stores RecoveryLimits (extension) with D8/D9/D16 defaults for omitted members', async () => {
    const d = await directory();
    const id = await d.createPool({ RecoveryLimits: { ForgotPasswordRequestsPerWindow: 20, CodeValiditySeconds: 600 } });
    const stored = (await d.ports.pools.getPool(id))._unsafeUnwrap();
    expect(stored?.limits).toEqual({ ...DEFAULT_LIMITS, forgotPasswordRequests: 20, codeValiditySeconds: 600 });
  });

  it.each([
    ['a missing PoolName (R1.7)', {}, "1 validation error detected: Value null at 'poolName' failed to satisfy constraint: Member must not be null"],
    [
      'a PoolName outside the pattern',
      { PoolName: 'bad/name' },
      "1 validation error detected: Value 'bad/name' at 'poolName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+",
    ],
    [
      'a MinimumLength below 6',
      { PoolName: 'p', Policies: { PasswordPolicy: { MinimumLength: 5 } } },
      "1 validation error detected: Value '5' at 'policies.passwordPolicy.minimumLength' failed to satisfy constraint: Member must have value greater than or equal to 6",
    ],
    [
      'a PasswordHistorySize above 24',
      { PoolName: 'p', Policies: { PasswordPolicy: { PasswordHistorySize: 25 } } },
      "1 validation error detected: Value '25' at 'policies.passwordPolicy.passwordHistorySize' failed to satisfy constraint: Member must have value less than or equal to 24",
    ],
    [
      'three recovery mechanisms',
      { PoolName: 'p', ...recovery([1, 'verified_email'], [2, 'verified_phone_number'], [2, 'admin_only']) },
      "1 validation error detected: Value at 'accountRecoverySetting.recoveryMechanisms' failed to satisfy constraint: Member must have length less than or equal to 2",
    ],
    [
      'a recovery priority of 3',
      { PoolName: 'p', ...recovery([3, 'verified_email']) },
      "1 validation error detected: Value '3' at 'accountRecoverySetting.recoveryMechanisms.1.member.priority' failed to satisfy constraint: Member must have value less than or equal to 2",
    ],
    [
      'ForgotPasswordRequestsPerWindow below 5 (D9)',
      { PoolName: 'p', RecoveryLimits: { ForgotPasswordRequestsPerWindow: 4 } },
      "1 validation error detected: Value '4' at 'recoveryLimits.forgotPasswordRequestsPerWindow' failed to satisfy constraint: Member must have value greater than or equal to 5",
    ],
    [
      'ForgotPasswordRequestsPerWindow above 20 (D9)',
      { PoolName: 'p', RecoveryLimits: { ForgotPasswordRequestsPerWindow: 21 } },
      "1 validation error detected: Value '21' at 'recoveryLimits.forgotPasswordRequestsPerWindow' failed to satisfy constraint: Member must have value less than or equal to 20",
    ],
    [
      'an Id outside the pool id pattern',
      { PoolName: 'p', Id: 'no-underscore' },
      "1 validation error detected: Value 'no-underscore' at 'id' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+",
    ],
    [
      'an SMS template without {####}',
      { PoolName: 'p', VerificationMessageTemplate: { SmsMessage: 'no code here' } },
      "1 validation error detected: Value 'no code here' at 'verificationMessageTemplate.smsMessage' failed to satisfy constraint: Member must satisfy regular expression pattern: .*\\{####\\}.*",
    ],
    [
      'an unknown alias attribute',
      { PoolName: 'p', AliasAttributes: ['nickname'] },
      "1 validation error detected: Value 'nickname' at 'aliasAttributes.1.member' failed to satisfy constraint: Member must satisfy enum value set: [phone_number, email, preferred_username]",
    ],
    [
      'an SmsConfiguration without SnsCallerArn',
      { PoolName: 'p', SmsConfiguration: { ExternalId: 'x' } },
      "1 validation error detected: Value null at 'smsConfiguration.snsCallerArn' failed to satisfy constraint: Member must not be null",
    ],
  ])('answers InvalidParameterException for %s', async (_name, input, message) => {
    const d = await directory();
    expect(await d.createUserPool(input as never)).toEqual(failure('InvalidParameterException', message));
  });

  it.each([
    [
      'both AliasAttributes and UsernameAttributes (R3.2, R3.3)',
      { AliasAttributes: ['preferred_username'], UsernameAttributes: ['email'] },
      'Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.',
    ],
    [
      'two mechanisms with the same priority (R5.1)',
      recovery([1, 'verified_email'], [1, 'verified_phone_number']),
      'AccountRecoverySetting has duplicate priorities: each recovery mechanism needs its own priority.',
    ],
    ['the same mechanism twice (R5.1)', recovery([1, 'verified_email'], [2, 'verified_email']), 'AccountRecoverySetting has duplicate recovery mechanisms.'],
    [
      'admin_only with another mechanism (R5.5)',
      recovery([1, 'admin_only'], [2, 'verified_email']),
      'admin_only cannot be combined with another recovery mechanism.',
    ],
    ['an empty AccountRecoverySetting', { AccountRecoverySetting: {} }, 'AccountRecoverySetting must have at least one recovery mechanism.'],
    [
      'a custom email sender without KMSKeyID (§9.3)',
      { LambdaConfig: { CustomEmailSender: { LambdaVersion: 'V1_0', LambdaArn: 'sender' } } },
      'KMSKeyID is required when CustomEmailSender or CustomSMSSender is configured.',
    ],
    [
      'a custom SMS sender without KMSKeyID (§9.3)',
      { LambdaConfig: { CustomSMSSender: { LambdaVersion: 'V1_0', LambdaArn: 'sender' } } },
      'KMSKeyID is required when CustomEmailSender or CustomSMSSender is configured.',
    ],
    [
      'phone auto-verification without SMS configuration (R5.7)',
      { AutoVerifiedAttributes: ['phone_number'] },
      'SMS configuration is required when phone_number is selected for auto verification',
    ],
    [
      'DEVELOPER email without SourceArn (R5.7)',
      { EmailConfiguration: { EmailSendingAccount: 'DEVELOPER' } },
      'SourceArn is required when EmailSendingAccount is DEVELOPER.',
    ],
  ])('refuses %s', async (_name, input, message) => {
    const d = await directory();
    expect(await d.createUserPool({ PoolName: 'p', ...(input as object) })).toEqual(failure('InvalidParameterException', message));
    expect((await d.ports.pools.listPools())._unsafeUnwrap()).toEqual([]);
  });

  it('accepts admin_only on its own (R5.5)', async () => {
    const d = await directory();
    const pool = (
      await d.createUserPool({ PoolName: 'p', AccountRecoverySetting: { RecoveryMechanisms: [{ Priority: 1, Name: 'admin_only' }] } })
    )._unsafeUnwrap().UserPool;
    expect(pool.AccountRecoverySetting).toEqual({ RecoveryMechanisms: [{ Priority: 1, Name: 'admin_only' }] });
  });
});

describe('describeUserPool', () => {
  it('answers the same mapping as createUserPool, with the number of users', async () => {
    const d = await directory();
    const created = (await d.createUserPool({ PoolName: 'p', AliasAttributes: ['email'] }))._unsafeUnwrap().UserPool;
    await must(d.adminCreateUser({ UserPoolId: created.Id, Username: 'alice', MessageAction: 'SUPPRESS' }));
    await must(d.adminCreateUser({ UserPoolId: created.Id, Username: 'bob', MessageAction: 'SUPPRESS' }));
    expect(await d.describeUserPool({ UserPoolId: created.Id })).toEqual(ok({ UserPool: { ...created, EstimatedNumberOfUsers: 2 } }));
  });

  it('answers ResourceNotFoundException for an unknown pool', async () => {
    const d = await directory();
    expect(await d.describeUserPool({ UserPoolId: MISSING_POOL })).toEqual(NO_SUCH_POOL);
  });

  it('validates the pool id (R1.7)', async () => {
    const d = await directory();
    expect(await d.describeUserPool({ UserPoolId: 'nope' })).toEqual(
      oneViolation("Value 'nope' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+"),
    );
  });
});

describe('deleteUserPool', () => {
  it('deletes the pool with its clients and users', async () => {
    const d = await directory();
    const id = await d.createPool();
    const client = (await d.createUserPoolClient({ UserPoolId: id, ClientName: 'web' }))._unsafeUnwrap().UserPoolClient;
    await must(d.adminCreateUser({ UserPoolId: id, Username: 'alice', MessageAction: 'SUPPRESS' }));
    expect(await d.deleteUserPool({ UserPoolId: id })).toEqual(ok({}));
    expect(await d.describeUserPool({ UserPoolId: id })).toEqual(failure('ResourceNotFoundException', `User pool ${id} does not exist.`));
    expect((await d.ports.pools.getClient(client.ClientId))._unsafeUnwrap()).toBeUndefined();
    expect((await d.ports.users.list(id, 10))._unsafeUnwrap().users).toEqual([]);
  });

  it('answers ResourceNotFoundException for an unknown pool', async () => {
    const d = await directory();
    expect(await d.deleteUserPool({ UserPoolId: MISSING_POOL })).toEqual(NO_SUCH_POOL);
  });
});

describe('listUserPools', () => {
  it('pages through the pools, oldest first', async () => {
    const d = await directory();
    const a = await d.createPool({ PoolName: 'a' });
    const b = await d.createPool({ PoolName: 'b' });
    const c = await d.createPool({ PoolName: 'c' });
    const first = (await d.listUserPools({ MaxResults: 2 }))._unsafeUnwrap();
    expect(first.UserPools.map((p) => p.Id)).toEqual([a, b]);
    expect(first.UserPools[0]).toEqual({ Id: a, Name: 'a', LambdaConfig: {}, CreationDate: NOW_S, LastModifiedDate: NOW_S });
    expect(first.NextToken).toBeDefined();
    const second = (await d.listUserPools({ MaxResults: 2, NextToken: first.NextToken! }))._unsafeUnwrap();
    expect(second).toEqual({ UserPools: [expect.objectContaining({ Id: c, Name: 'c' })] });
  });

  it('requires MaxResults between 1 and 60', async () => {
    const d = await directory();
    expect(await d.listUserPools({ MaxResults: 61 })).toEqual(
      oneViolation("Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60"),
    );
    expect(await d.listUserPools({} as never)).toEqual(oneViolation("Value null at 'maxResults' failed to satisfy constraint: Member must not be null"));
  });

  it('refuses a token that names no pool', async () => {
    const d = await directory();
    expect(await d.listUserPools({ MaxResults: 1, NextToken: 'bogus' })).toEqual(failure('InvalidParameterException', 'Invalid pagination token.'));
  });
});

describe('createUserPoolClient', () => {
  it('generates a 26-character id, no secret, and PreventUserExistenceErrors LEGACY by default (R8.2)', async () => {
    const d = await directory();
    const id = await d.createPool();
    const client = (
      await d.createUserPoolClient({ UserPoolId: id, ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] })
    )._unsafeUnwrap().UserPoolClient;
    expect(client.ClientId).toMatch(/^[a-z0-9]{26}$/);
    expect(client).toEqual({
      UserPoolId: id,
      ClientName: 'web',
      ClientId: client.ClientId,
      PreventUserExistenceErrors: 'LEGACY',
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      ...DEFAULT_CLIENT_TOKEN_SETTINGS,
      CreationDate: NOW_S,
      LastModifiedDate: NOW_S,
    });
  });

  it('R8.1 R8.2 PreventUserExistenceErrors LEGACY (also when omitted) reveals an unknown user, ENABLED hides it; nothing else is accepted', async () => {
    const d = await directory();
    const id = await d.createPool();
    const forgotNobody = async (value: 'LEGACY' | 'ENABLED' | undefined) => {
      const client = (
        await d.createUserPoolClient({ UserPoolId: id, ClientName: 'web', ...(value === undefined ? {} : { PreventUserExistenceErrors: value }) })
      )._unsafeUnwrap().UserPoolClient;
      return d.forgotPassword({ ClientId: client.ClientId, Username: 'nobody' });
    };
    expect(await forgotNobody('LEGACY')).toEqual(failure('UserNotFoundException', 'Username/client id combination not found.'));
    expect(await forgotNobody(undefined)).toEqual(failure('UserNotFoundException', 'Username/client id combination not found.'));
    expect((await forgotNobody('ENABLED'))._unsafeUnwrap().CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const refused = await d.createUserPoolClient({ UserPoolId: id, ClientName: 'web', PreventUserExistenceErrors: 'OFF' } as never);
    expect(refused._unsafeUnwrapErr()).toMatchObject({
      name: 'InvalidParameterException',
      message:
        "1 validation error detected: Value 'OFF' at 'preventUserExistenceErrors' failed to satisfy constraint: Member must satisfy enum value set: [LEGACY, ENABLED]",
    });
  });

  it('generates a 51-character secret with GenerateSecret (R2.5)', async () => {
    const d = await directory();
    const id = await d.createPool();
    const client = (
      await d.createUserPoolClient({ UserPoolId: id, ClientName: 'server', GenerateSecret: true, PreventUserExistenceErrors: 'ENABLED' })
    )._unsafeUnwrap().UserPoolClient;
    expect(client.ClientSecret).toMatch(/^[a-z0-9]{51}$/);
    expect(client.PreventUserExistenceErrors).toBe('ENABLED');
    const stored = (await d.ports.pools.getClient(client.ClientId))._unsafeUnwrap();
    expect(stored).toMatchObject({ clientSecret: client.ClientSecret, userPoolId: id, preventUserExistenceErrors: 'ENABLED' });
  });

  it('takes a fixed ClientId and ClientSecret (extensions)', async () => {
    const d = await directory();
    const id = await d.createPool();
    const client = (await d.createUserPoolClient({ UserPoolId: id, ClientName: 'web', ClientId: 'webclient1', ClientSecret: 'sekret' }))._unsafeUnwrap()
      .UserPoolClient;
    expect(client).toMatchObject({ ClientId: 'webclient1', ClientSecret: 'sekret' });
  });

  it('refuses a fixed ClientId already in use, in any pool', async () => {
    const d = await directory();
    const one = await d.createPool();
    const two = await d.createPool();
    await must(d.createUserPoolClient({ UserPoolId: one, ClientName: 'web', ClientId: 'webclient1' }));
    expect(await d.createUserPoolClient({ UserPoolId: two, ClientName: 'web', ClientId: 'webclient1' })).toEqual(
      failure('InvalidParameterException', 'User pool client webclient1 already exists.'),
    );
  });

  it.each([
    ['a missing ClientName', {}, "1 validation error detected: Value null at 'clientName' failed to satisfy constraint: Member must not be null"],
    [
      'a ClientName outside the pattern',
      { ClientName: 'a/b' },
      "1 validation error detected: Value 'a/b' at 'clientName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+",
    ],
    [
      'a ClientId outside the model pattern',
      { ClientName: 'web', ClientId: 'bad-id' },
      "1 validation error detected: Value at 'clientId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+]+",
    ],
    [
      'a ClientSecret longer than 64',
      { ClientName: 'web', ClientSecret: 'x'.repeat(65) },
      "1 validation error detected: Value at 'clientSecret' failed to satisfy constraint: Member must have length less than or equal to 64",
    ],
    [
      'an unknown PreventUserExistenceErrors',
      { ClientName: 'web', PreventUserExistenceErrors: 'ON' },
      "1 validation error detected: Value 'ON' at 'preventUserExistenceErrors' failed to satisfy constraint: Member must satisfy enum value set: [LEGACY, ENABLED]",
    ],
  ])('answers InvalidParameterException for %s', async (_name, input, message) => {
    const d = await directory();
    const id = await d.createPool();
    expect(await d.createUserPoolClient({ UserPoolId: id, ...input } as never)).toEqual(failure('InvalidParameterException', message));
  });

  it('answers ResourceNotFoundException for an unknown pool', async () => {
    const d = await directory();
    expect(await d.createUserPoolClient({ UserPoolId: MISSING_POOL, ClientName: 'web' })).toEqual(NO_SUCH_POOL);
  });
});

describe('describeUserPoolClient', () => {
  it('answers the client as it was created', async () => {
    const d = await directory();
    const id = await d.createPool();
    const created = (await d.createUserPoolClient({ UserPoolId: id, ClientName: 'web', GenerateSecret: true }))._unsafeUnwrap().UserPoolClient;
    expect(await d.describeUserPoolClient({ UserPoolId: id, ClientId: created.ClientId })).toEqual(ok({ UserPoolClient: created }));
  });

  it('answers ResourceNotFoundException for a client of another pool (R2.4)', async () => {
    const d = await directory();
    const one = await d.createPool();
    const two = await d.createPool();
    const created = (await d.createUserPoolClient({ UserPoolId: one, ClientName: 'web' }))._unsafeUnwrap().UserPoolClient;
    expect(await d.describeUserPoolClient({ UserPoolId: two, ClientId: created.ClientId })).toEqual(
      failure('ResourceNotFoundException', `User pool client ${created.ClientId} does not exist.`),
    );
  });

  it('answers ResourceNotFoundException for an unknown client (R2.4) and an unknown pool', async () => {
    const d = await directory();
    const id = await d.createPool();
    expect(await d.describeUserPoolClient({ UserPoolId: id, ClientId: 'nothere' })).toEqual(
      failure('ResourceNotFoundException', 'User pool client nothere does not exist.'),
    );
    expect(await d.describeUserPoolClient({ UserPoolId: MISSING_POOL, ClientId: 'nothere' })).toEqual(NO_SUCH_POOL);
  });
});

describe('listUserPoolClients', () => {
  it('pages through a pool’s clients only', async () => {
    const d = await directory();
    const id = await d.createPool();
    const other = await d.createPool();
    await must(d.createUserPoolClient({ UserPoolId: other, ClientName: 'elsewhere', ClientId: 'other1' }));
    for (const name of ['a', 'b', 'c']) await must(d.createUserPoolClient({ UserPoolId: id, ClientName: name, ClientId: `client${name}` }));
    const first = (await d.listUserPoolClients({ UserPoolId: id, MaxResults: 2 }))._unsafeUnwrap();
    expect(first).toEqual({
      UserPoolClients: [
        { ClientId: 'clienta', UserPoolId: id, ClientName: 'a' },
        { ClientId: 'clientb', UserPoolId: id, ClientName: 'b' },
      ],
      NextToken: 'clientb',
    });
    expect(await d.listUserPoolClients({ UserPoolId: id, MaxResults: 2, NextToken: 'clientb' })).toEqual(
      ok({ UserPoolClients: [{ ClientId: 'clientc', UserPoolId: id, ClientName: 'c' }] }),
    );
    expect(await d.listUserPoolClients({ UserPoolId: id, NextToken: 'other1' })).toEqual(failure('InvalidParameterException', 'Invalid pagination token.'));
  });

  it('answers ResourceNotFoundException for an unknown pool', async () => {
    const d = await directory();
    expect(await d.listUserPoolClients({ UserPoolId: MISSING_POOL })).toEqual(NO_SUCH_POOL);
  });
});
