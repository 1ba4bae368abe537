import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { directory, failure, must, TEMPORARY_PASSWORD as GOOD } from './harness.js';

describe('adminSetUserMfaPreference', () => {
  it('sets the MFA flags that AdminGetUser reports', async () => {
    const d = await directory();
    const pool = await d.createPool();
    await d.createUser(pool, 'alice', { phone_number: '+15550000001', email: 'a@example.com' });
    expect(await d.adminSetUserMfaPreference({ UserPoolId: pool, Username: 'alice', SMSMfaSettings: { Enabled: true, PreferredMfa: true } })).toEqual(ok({}));
    expect((await d.storedUser(pool, 'alice'))?.mfa).toEqual({ smsMfaEnabled: true, emailMfaEnabled: false });
    expect((await d.adminGetUser({ UserPoolId: pool, Username: 'alice' }))._unsafeUnwrap()).toMatchObject({
      UserMFASettingList: ['SMS_MFA'],
      PreferredMfaSetting: 'SMS_MFA',
    });
    await must(d.adminSetUserMfaPreference({ UserPoolId: pool, Username: 'alice', EmailMfaSettings: { Enabled: true } }));
    expect((await d.storedUser(pool, 'alice'))?.mfa).toEqual({ smsMfaEnabled: true, emailMfaEnabled: true });
    await must(d.adminSetUserMfaPreference({ UserPoolId: pool, Username: 'alice', SMSMfaSettings: { Enabled: false }, EmailMfaSettings: { Enabled: false } }));
    const got = (await d.adminGetUser({ UserPoolId: pool, Username: 'alice' }))._unsafeUnwrap();
    expect('UserMFASettingList' in got).toBe(false);
  });

  it('R5.3: a phone with SMS MFA no longer receives recovery codes', async () => {
    const d = await directory();
    const pool = await d.createPool({
      AccountRecoverySetting: {
        RecoveryMechanisms: [
          { Priority: 1, Name: 'verified_phone_number' },
          { Priority: 2, Name: 'verified_email' },
        ],
      },
      SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/sms' },
    });
    const client = await d.createClient(pool);
    await d.createUser(pool, 'alice', { phone_number: '+15550000001', phone_number_verified: 'true', email: 'a@example.com', email_verified: 'true' });
    await must(d.adminSetUserPassword({ UserPoolId: pool, Username: 'alice', Password: GOOD, Permanent: true }));
    expect((await d.forgotPassword({ ClientId: client.ClientId, Username: 'alice' }))._unsafeUnwrap().CodeDeliveryDetails.DeliveryMedium).toBe('SMS');
    await must(d.adminSetUserMfaPreference({ UserPoolId: pool, Username: 'alice', SMSMfaSettings: { Enabled: true } }));
    expect((await d.forgotPassword({ ClientId: client.ClientId, Username: 'alice' }))._unsafeUnwrap().CodeDeliveryDetails.DeliveryMedium).toBe('EMAIL');
  });

  it('needs a delivery attribute to activate a method', async () => {
    const d = await directory();
    const pool = await d.createPool();
    await d.createUser(pool, 'alice');
    expect(await d.adminSetUserMfaPreference({ UserPoolId: pool, Username: 'alice', SMSMfaSettings: { Enabled: true } })).toEqual(
      failure('InvalidParameterException', 'User does not have delivery config set to turn on SMS_MFA'),
    );
    expect(await d.adminSetUserMfaPreference({ UserPoolId: pool, Username: 'alice', EmailMfaSettings: { Enabled: true } })).toEqual(
      failure('InvalidParameterException', 'User does not have delivery config set to turn on EMAIL_OTP'),
    );
  });
});
