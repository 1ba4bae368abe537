import type {
  CustomEmailSenderAdminCreateUserTriggerEvent,
  CustomEmailSenderForgotPasswordTriggerEvent,
  CustomEmailSenderSignUpTriggerEvent,
  CustomSMSSenderAdminCreateUserTriggerEvent,
  CustomSMSSenderForgotPasswordTriggerEvent,
  CustomSMSSenderVerifyUserAttributeTriggerEvent,
} from 'aws-lambda';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { customSenderEvent } from './custom-sender.js';

const caller = { pool: { id: 'us-east-1_P', region: 'us-east-1' }, clientId: 'client', clientMetadata: { app: 'web' } };
const user = { username: 'alice', sub: 'sub-1', attributes: { email: 'a@example.com' } };

describe('custom sender events (§9.3, R26.5)', () => {
  it('name the sender in request.type and carry the ciphertext, the attributes and a copy of the metadata', () => {
    const email = customSenderEvent('CustomEmailSender', caller, user, 'Y2lwaGVy', 'ForgotPassword');
    expect(email.triggerSource).toBe('CustomEmailSender_ForgotPassword');
    expect(email.request).toEqual({
      type: 'customEmailSenderRequestV1',
      code: 'Y2lwaGVy',
      userAttributes: { email: 'a@example.com', sub: 'sub-1' },
      clientMetadata: { app: 'web' },
    });
    expect(email.request.clientMetadata).not.toBe(caller.clientMetadata);
    expect(email.response).toEqual({});
    const sms = customSenderEvent('CustomSMSSender', { ...caller, clientMetadata: undefined }, user, 'c2Vjb25k', 'AdminCreateUser');
    expect(sms.triggerSource).toBe('CustomSMSSender_AdminCreateUser');
    expect(sms.request.type).toBe('customSMSSenderRequestV1');
    expect('clientMetadata' in sms.request).toBe(false);
    expect(sms.userName).toBe('alice');
    expect(sms.callerContext.clientId).toBe('client');
  });

  it('are, source by source, what aws-lambda declares for that trigger source', () => {
    expectTypeOf(customSenderEvent('CustomEmailSender', caller, user, 'x', 'ForgotPassword')).toExtend<CustomEmailSenderForgotPasswordTriggerEvent>();
    expectTypeOf(customSenderEvent('CustomEmailSender', caller, user, 'x', 'SignUp')).toExtend<CustomEmailSenderSignUpTriggerEvent>();
    expectTypeOf(customSenderEvent('CustomEmailSender', caller, user, 'x', 'AdminCreateUser')).toExtend<CustomEmailSenderAdminCreateUserTriggerEvent>();
    expectTypeOf(customSenderEvent('CustomSMSSender', caller, user, 'x', 'ForgotPassword')).toExtend<CustomSMSSenderForgotPasswordTriggerEvent>();
    expectTypeOf(customSenderEvent('CustomSMSSender', caller, user, 'x', 'VerifyUserAttribute')).toExtend<CustomSMSSenderVerifyUserAttributeTriggerEvent>();
    expectTypeOf(customSenderEvent('CustomSMSSender', caller, user, 'x', 'AdminCreateUser')).toExtend<CustomSMSSenderAdminCreateUserTriggerEvent>();
  });
});
