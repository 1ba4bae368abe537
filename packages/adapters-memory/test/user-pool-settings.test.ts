import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { directory, failure, must, oneViolation } from './harness.js';

const SMS = { SnsCallerArn: 'arn:aws:iam::123456789012:role/sms' };

describe('CreateUserPool UserAttributeUpdateSettings (R24.5)', () => {
  it('R24.5: keeps AttributesRequireVerificationBeforeUpdate (once each) and reports it back', async () => {
    const d = await directory();
    const created = (
      await must(
        d.createUserPool({
          PoolName: 'p',
          AutoVerifiedAttributes: ['email', 'phone_number'],
          SmsConfiguration: SMS,
          UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email', 'phone_number', 'email'] },
        }),
      )
    ).UserPool;
    expect(created.UserAttributeUpdateSettings).toEqual({ AttributesRequireVerificationBeforeUpdate: ['email', 'phone_number'] });
    expect((await must(d.ports.pools.getPool(created.Id)))?.attributesRequireVerificationBeforeUpdate).toEqual(['email', 'phone_number']);
    expect((await must(d.describeUserPool({ UserPoolId: created.Id }))).UserPool.UserAttributeUpdateSettings).toEqual({
      AttributesRequireVerificationBeforeUpdate: ['email', 'phone_number'],
    });
  });

  it('R24.5: reports an empty list when none was given', async () => {
    const d = await directory();
    const id = await d.createPool();
    expect((await must(d.describeUserPool({ UserPoolId: id }))).UserPool.UserAttributeUpdateSettings).toEqual({
      AttributesRequireVerificationBeforeUpdate: [],
    });
    const withEmpty = await d.createPool({ UserAttributeUpdateSettings: {} });
    expect((await must(d.ports.pools.getPool(withEmpty)))?.attributesRequireVerificationBeforeUpdate).toEqual([]);
  });

  it('R24.5: an attribute that is not auto-verified is InvalidParameterException, and no pool is stored', async () => {
    const d = await directory();
    const expected = failure('InvalidParameterException', 'All attributes in AttributesRequireVerificationBeforeUpdate must exist in AutoVerifiedAttributes');
    expect(await d.createUserPool({ PoolName: 'p', UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] } })).toEqual(expected);
    expect(
      await d.createUserPool({
        PoolName: 'p',
        AutoVerifiedAttributes: ['email'],
        UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email', 'phone_number'] },
      }),
    ).toEqual(expected);
    expect((await must(d.listUserPools({ MaxResults: 10 }))).UserPools).toEqual([]);
  });

  it('R1.7: validates the list against VerifiedAttributeType', async () => {
    const d = await directory();
    expect(
      await d.createUserPool({
        PoolName: 'p',
        AutoVerifiedAttributes: ['email'],
        UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['name' as never] },
      }),
    ).toEqual(
      oneViolation(
        "Value 'name' at 'userAttributeUpdateSettings.attributesRequireVerificationBeforeUpdate.1.member' failed to satisfy constraint: Member must satisfy enum value set: [phone_number, email]",
      ),
    );
  });
});

describe('CreateUserPool AdminCreateUserConfig', () => {
  it('R23.3: keeps AllowAdminCreateUserOnly (false by default) and reports it', async () => {
    const d = await directory();
    const closed = (await must(d.createUserPool({ PoolName: 'p', AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } }))).UserPool;
    expect(closed.AdminCreateUserConfig).toEqual({ AllowAdminCreateUserOnly: true });
    expect((await must(d.ports.pools.getPool(closed.Id)))?.allowAdminCreateUserOnly).toBe(true);
    const open = await d.createPool();
    expect((await must(d.describeUserPool({ UserPoolId: open }))).UserPool.AdminCreateUserConfig).toEqual({ AllowAdminCreateUserOnly: false });
    expect((await must(d.ports.pools.getPool(open)))?.allowAdminCreateUserOnly).toBe(false);
  });

  it('keeps InviteMessageTemplate in the pool model and reports the given fields; accepts UnusedAccountValidityDays', async () => {
    const d = await directory();
    const template = { EmailSubject: 'Welcome', EmailMessage: 'Hi {username}, your password is {####}', SMSMessage: '{username} {####}' };
    const created = (await must(d.createUserPool({ PoolName: 'p', AdminCreateUserConfig: { UnusedAccountValidityDays: 30, InviteMessageTemplate: template } })))
      .UserPool;
    expect(created.AdminCreateUserConfig).toEqual({ AllowAdminCreateUserOnly: false, InviteMessageTemplate: template });
    expect(await d.describeUserPool({ UserPoolId: created.Id })).toEqual(ok({ UserPool: created }));
    expect((await must(d.ports.pools.getPool(created.Id)))?.inviteMessage).toEqual({
      emailSubject: 'Welcome',
      emailMessage: 'Hi {username}, your password is {####}',
      smsMessage: '{username} {####}',
    });
    const partial = (await must(d.createUserPool({ PoolName: 'q', AdminCreateUserConfig: { InviteMessageTemplate: { SMSMessage: 'SMS {####}' } } }))).UserPool;
    expect(partial.AdminCreateUserConfig).toEqual({ AllowAdminCreateUserOnly: false, InviteMessageTemplate: { SMSMessage: 'SMS {####}' } });
  });

  it.each([
    [
      'UnusedAccountValidityDays above 365',
      { UnusedAccountValidityDays: 366 },
      "Value '366' at 'adminCreateUserConfig.unusedAccountValidityDays' failed to satisfy constraint: Member must have value less than or equal to 365",
    ],
    [
      'an SMS text shorter than 6 characters',
      { InviteMessageTemplate: { SMSMessage: '{####' } },
      "Value '{####' at 'adminCreateUserConfig.inviteMessageTemplate.sMSMessage' failed to satisfy constraint: Member must have length greater than or equal to 6",
    ],
    [
      'an email subject of 141 characters',
      { InviteMessageTemplate: { EmailSubject: 'x'.repeat(141) } },
      `Value '${'x'.repeat(141)}' at 'adminCreateUserConfig.inviteMessageTemplate.emailSubject' failed to satisfy constraint: Member must have length less than or equal to 140`,
    ],
    [
      'an email text with a control character',
      { InviteMessageTemplate: { EmailMessage: 'Hi\u0007{username} {####}' } },
      "Value 'Hi\u0007{username} {####}' at 'adminCreateUserConfig.inviteMessageTemplate.emailMessage' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*",
    ],
  ])('R1.7: refuses %s (botocore shapes)', async (_name, config, detail) => {
    const d = await directory();
    expect(await d.createUserPool({ PoolName: 'p', AdminCreateUserConfig: config })).toEqual(oneViolation(detail));
  });

  it('takes an SMS invitation text of any characters, line breaks included, and an email text without {####}', async () => {
    const d = await directory();
    const created = await d.createUserPool({
      PoolName: 'p',
      AdminCreateUserConfig: { InviteMessageTemplate: { SMSMessage: 'line 1\nline 2 \u0007', EmailMessage: 'Welcome {username}' } },
    });
    expect(created.isOk()).toBe(true);
  });
});
