import type { AdminCreateUserInput, CreateUserPoolInput } from '@cognito-recovery/core';
import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { attrs, directory, failure, must, oneViolation, type BareHarness } from './harness.js';
import { decryptCode, FN, recordSenders, recorder } from './triggers-support.js';

/** What the tests read of the trigger events (the full events are compared as values). */
interface CustomMessageTriggerEvent {
  readonly triggerSource: string;
  readonly response: Readonly<Record<string, unknown>>;
}
/** What they read of a custom email or SMS sender event. */
interface SenderEvent {
  readonly triggerSource: string;
  readonly request: { readonly type: string; readonly code: string };
}

const TEMP = 'Temp-passw0rd!';
const SMS = { SnsCallerArn: 'arn:aws:iam::123456789012:role/sms', ExternalId: 'ext' };
const DEVELOPER_EMAIL = { EmailSendingAccount: 'DEVELOPER' as const, SourceArn: 'arn:aws:ses:eu-west-1:123456789012:identity/example.com' };
const ALICE = { email: 'alice@example.com', phone_number: '+15555550100' };

/** AdminCreateUser of `alice`, with {@link ALICE}'s attributes unless `input` gives others, in `pool`. */
const createAlice = (d: BareHarness, pool: string, input: Partial<AdminCreateUserInput> = {}) =>
  d.adminCreateUser({ UserPoolId: pool, Username: 'alice', UserAttributes: attrs(ALICE), ...input });

/** The fields every AdminCreateUser trigger event about `alice` in `pool` begins with (no app client: CLIENT_ID_NOT_APPLICABLE). */
const aliceEvent = (triggerSource: string, pool: string) => ({
  version: '1',
  triggerSource,
  region: 'eu-west-1',
  userPoolId: pool,
  userName: 'alice',
  callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'CLIENT_ID_NOT_APPLICABLE' },
});

/** The outbox as [medium, destination, subject, body] rows. */
const sent = (d: BareHarness): (string | undefined)[][] => d.outbox.messages().map((m) => [m.medium, m.destination, m.subject, m.body]);

const valid = async (d: BareHarness, pool: string, username: string, password: string): Promise<boolean> =>
  (await must(d.verifyUserPassword({ UserPoolId: pool, Username: username, Password: password }))).Valid;

describe('AdminCreateUser invitation: texts and media (R26.1)', () => {
  it('sends Cognito’s default invitation by EMAIL (the default medium in a pool without SMS) with {username} and {####} replaced; the password in it works', async () => {
    const d = await directory();
    const pool = await d.createPool();
    await must(createAlice(d, pool, { TemporaryPassword: TEMP }));
    expect(sent(d)).toEqual([['EMAIL', 'alice@example.com', 'Your temporary password', `Your username is alice and temporary password is ${TEMP}. `]]);
    const [message] = d.outbox.messages();
    expect(message).toMatchObject({ userPoolId: pool, username: 'alice', code: TEMP });
    expect(await valid(d, pool, 'alice', TEMP)).toBe(true);
  });

  it('without DesiredDeliveryMediums invites by SMS (botocore’s default) a user with a phone number in a pool that can send SMS', async () => {
    const d = await directory();
    const pool = await d.createPool({ SmsConfiguration: SMS });
    await must(createAlice(d, pool, { TemporaryPassword: TEMP }));
    expect(sent(d)).toEqual([['SMS', '+15555550100', undefined, `Your username is alice and temporary password is ${TEMP}. `]]);
    await must(d.adminCreateUser({ UserPoolId: pool, Username: 'bob', UserAttributes: attrs({ email: 'bob@example.com' }), TemporaryPassword: TEMP }));
    expect(sent(d)[1]?.slice(0, 2)).toEqual(['EMAIL', 'bob@example.com']);
  });

  it('sends a generated temporary password that is the one stored', async () => {
    const d = await directory();
    const pool = await d.createPool();
    await must(createAlice(d, pool));
    const password = d.outbox.latestCodeFor(pool, 'alice') ?? '';
    expect(d.outbox.messages()[0]?.body).toBe(`Your username is alice and temporary password is ${password}. `);
    expect(await valid(d, pool, 'alice', password)).toBe(true);
  });

  it('uses the pool’s InviteMessageTemplate for each medium: SMS, and both', async () => {
    const d = await directory();
    const pool = await d.createPool({
      SmsConfiguration: SMS,
      AdminCreateUserConfig: {
        InviteMessageTemplate: {
          EmailSubject: 'Welcome {username}',
          EmailMessage: 'Hi {username}: {####} ({username})',
          SMSMessage: 'Login {username} / {####}',
        },
      },
    });
    await must(createAlice(d, pool, { TemporaryPassword: TEMP, DesiredDeliveryMediums: ['SMS'] }));
    expect(sent(d)).toEqual([['SMS', '+15555550100', undefined, `Login alice / ${TEMP}`]]);
    await must(
      d.adminCreateUser({
        UserPoolId: pool,
        Username: 'bob',
        UserAttributes: attrs({ email: 'bob@example.com', phone_number: '+15555550101' }),
        TemporaryPassword: TEMP,
        DesiredDeliveryMediums: ['EMAIL', 'SMS', 'EMAIL'],
      }),
    );
    expect(sent(d).slice(1)).toEqual([
      ['EMAIL', 'bob@example.com', 'Welcome bob', `Hi bob: ${TEMP} (bob)`],
      ['SMS', '+15555550101', undefined, `Login bob / ${TEMP}`],
    ]);
  });

  it('fills the placeholders once: a password or username holding a placeholder is sent as it is', async () => {
    const d = await directory();
    const pool = await d.createPool();
    await must(d.adminCreateUser({ UserPoolId: pool, Username: '{####}', UserAttributes: attrs(ALICE), TemporaryPassword: 'Pa55-{username}' }));
    expect(d.outbox.messages()[0]?.body).toBe('Your username is {####} and temporary password is Pa55-{username}. ');
  });

  it('skips a medium whose attribute the user lacks, and sends nothing when none has one', async () => {
    const d = await directory();
    const pool = await d.createPool({ SmsConfiguration: SMS });
    await must(createAlice(d, pool, { UserAttributes: attrs({ email: 'alice@example.com' }), DesiredDeliveryMediums: ['SMS', 'EMAIL'] }));
    expect(sent(d).map((row) => row.slice(0, 2))).toEqual([['EMAIL', 'alice@example.com']]);
    await must(
      d.adminCreateUser({ UserPoolId: pool, Username: 'bob', UserAttributes: attrs({ phone_number: '+15555550101' }), DesiredDeliveryMediums: ['EMAIL'] }),
    );
    await must(d.adminCreateUser({ UserPoolId: pool, Username: 'carol' }));
    expect(d.outbox.messages()).toHaveLength(1);
  });

  it('in a username-attribute pool, {username} is the email given as Username (the username is the sub)', async () => {
    const d = await directory();
    const pool = await d.createPool({ UsernameAttributes: ['email'] });
    const user = (await must(d.adminCreateUser({ UserPoolId: pool, Username: 'alice@example.com', TemporaryPassword: TEMP }))).User;
    expect(d.outbox.messages().map((m) => [m.username, m.destination, m.body])).toEqual([
      [user.Username, 'alice@example.com', `Your username is alice@example.com and temporary password is ${TEMP}. `],
    ]);
  });

  it('does not send a template without the {####} placeholder (BC AdminCreateUser), and still creates the user', async () => {
    const d = await directory();
    const pool = await d.createPool({ AdminCreateUserConfig: { InviteMessageTemplate: { EmailMessage: 'Welcome {username}, ask IT for your password.' } } });
    expect((await createAlice(d, pool, { TemporaryPassword: TEMP })).isOk()).toBe(true);
    expect(d.outbox.messages()).toEqual([]);
    expect(await valid(d, pool, 'alice', TEMP)).toBe(true);
  });

  it('SUPPRESS sends nothing, by any medium', async () => {
    const d = await directory();
    const pool = await d.createPool({ SmsConfiguration: SMS });
    await must(createAlice(d, pool, { MessageAction: 'SUPPRESS', DesiredDeliveryMediums: ['EMAIL', 'SMS'] }));
    expect(d.outbox.messages()).toEqual([]);
  });

  it('D13: SMS in a pool without SMS configuration is InvalidSmsRoleAccessPolicyException, and no user is created', async () => {
    const d = await directory();
    const pool = await d.createPool();
    expect(await createAlice(d, pool, { DesiredDeliveryMediums: ['SMS'] })).toEqual(
      failure('InvalidSmsRoleAccessPolicyException', 'User pool does not have SMS configuration to send messages.'),
    );
    expect(await d.storedUser(pool, 'alice')).toBeUndefined();
    expect(d.outbox.messages()).toEqual([]);
  });

  it('a failed delivery answers CodeDeliveryFailureException; the user exists and RESEND sends again', async () => {
    const d = await directory();
    const pool = await d.createPool();
    d.outbox.failNext(1, 'SES is down');
    expect(await createAlice(d, pool, { TemporaryPassword: TEMP })).toEqual(failure('CodeDeliveryFailureException', 'Unable to deliver the code.'));
    expect((await d.storedUser(pool, 'alice'))?.status).toBe('FORCE_CHANGE_PASSWORD');
    expect((await d.adminCreateUser({ UserPoolId: pool, Username: 'alice', MessageAction: 'RESEND' })).isOk()).toBe(true);
    expect(d.outbox.messages()).toHaveLength(1);
  });
});

describe('AdminCreateUser RESEND', () => {
  it('sends a new temporary password to a FORCE_CHANGE_PASSWORD user: the old one stops working, the new one works', async () => {
    const d = await directory();
    const pool = await d.createPool();
    await must(createAlice(d, pool, { TemporaryPassword: TEMP }));
    const resent = await d.adminCreateUser({ UserPoolId: pool, Username: 'alice', MessageAction: 'RESEND' });
    expect(resent.isOk()).toBe(true);
    const messages = d.outbox.messages();
    expect(messages).toHaveLength(2);
    const fresh = messages[1]?.code ?? '';
    expect(fresh).not.toBe(TEMP);
    expect(messages[1]?.body).toBe(`Your username is alice and temporary password is ${fresh}. `);
    expect(await valid(d, pool, 'alice', TEMP)).toBe(false);
    expect(await valid(d, pool, 'alice', fresh)).toBe(true);
  });

  it('RESEND takes DesiredDeliveryMediums and a given TemporaryPassword', async () => {
    const d = await directory();
    const pool = await d.createPool({ SmsConfiguration: SMS });
    await must(createAlice(d, pool, { MessageAction: 'SUPPRESS' }));
    await must(d.adminCreateUser({ UserPoolId: pool, Username: 'alice', MessageAction: 'RESEND', TemporaryPassword: TEMP, DesiredDeliveryMediums: ['SMS'] }));
    expect(sent(d)).toEqual([['SMS', '+15555550100', undefined, `Your username is alice and temporary password is ${TEMP}. `]]);
    expect(await valid(d, pool, 'alice', TEMP)).toBe(true);
  });

  it('sends nothing and changes nothing for a user who is not FORCE_CHANGE_PASSWORD', async () => {
    const d = await directory();
    const pool = await d.createPool();
    await must(createAlice(d, pool, { MessageAction: 'SUPPRESS' }));
    await must(d.adminSetUserPassword({ UserPoolId: pool, Username: 'alice', Password: 'Perm-passw0rd!', Permanent: true }));
    expect(await d.adminCreateUser({ UserPoolId: pool, Username: 'alice', MessageAction: 'RESEND', TemporaryPassword: TEMP })).toEqual(
      failure('UnsupportedUserStateException', 'Resend not possible. alice status is not FORCE_CHANGE_PASSWORD.'),
    );
    expect(d.outbox.messages()).toEqual([]);
    expect(await valid(d, pool, 'alice', 'Perm-passw0rd!')).toBe(true);
  });
});

describe('CustomMessage_AdminCreateUser (R26.4)', () => {
  async function withCustomMessage(answer: (event: CustomMessageTriggerEvent) => unknown, pool: Partial<CreateUserPoolInput> = {}) {
    const d = await directory();
    const id = await d.createPool({ LambdaConfig: { CustomMessage: FN.customMessage }, SmsConfiguration: SMS, EmailConfiguration: DEVELOPER_EMAIL, ...pool });
    const custom = recorder<CustomMessageTriggerEvent>(answer);
    d.triggers.register(FN.customMessage, custom.handler);
    return { d, pool: id, events: custom.events };
  }

  it('R26.4 R9.0.2: the event carries usernameParameter {username}, codeParameter {####}, CLIENT_ID_NOT_APPLICABLE and ClientMetadata', async () => {
    const { d, pool, events } = await withCustomMessage((event) => event);
    await must(createAlice(d, pool, { DesiredDeliveryMediums: ['EMAIL'], TemporaryPassword: TEMP, ClientMetadata: { k: 'v' } }));
    const sub = (await d.storedUser(pool, 'alice'))?.sub;
    expect(events).toEqual([
      {
        ...aliceEvent('CustomMessage_AdminCreateUser', pool),
        request: {
          userAttributes: { ...ALICE, sub },
          codeParameter: '{####}',
          linkParameter: '{##Click Here##}',
          usernameParameter: '{username}',
          clientMetadata: { k: 'v' },
        },
        response: { smsMessage: null, emailMessage: null, emailSubject: null },
      },
    ]);
    expect(JSON.stringify(events)).not.toContain(TEMP);
    // Null answers keep the pool's invitation texts.
    expect(sent(d)).toEqual([['EMAIL', 'alice@example.com', 'Your temporary password', `Your username is alice and temporary password is ${TEMP}. `]]);
  });

  it('sends the texts the function returns, both placeholders replaced, one invocation for both media', async () => {
    const { d, pool, events } = await withCustomMessage((event) => ({
      ...event,
      response: { emailSubject: 'Hello {username}', emailMessage: '<b>{username}</b> {####}', smsMessage: 'u={username} p={####}' },
    }));
    await must(createAlice(d, pool, { TemporaryPassword: TEMP, DesiredDeliveryMediums: ['EMAIL', 'SMS'] }));
    expect(events).toHaveLength(1);
    expect(sent(d)).toEqual([
      ['EMAIL', 'alice@example.com', 'Hello alice', `<b>alice</b> ${TEMP}`],
      ['SMS', '+15555550100', undefined, `u=alice p=${TEMP}`],
    ]);
  });

  it('R26.4: a returned body without {username} is InvalidParameterException, and no user is created', async () => {
    const { d, pool } = await withCustomMessage((event) => ({
      ...event,
      response: { smsMessage: null, emailMessage: 'Your password: {####}', emailSubject: null },
    }));
    expect(await createAlice(d, pool, { DesiredDeliveryMediums: ['EMAIL'] })).toEqual(
      oneViolation("Value 'Your password: {####}' at 'emailBody' failed to satisfy constraint: Member must contain the username placeholder {username}"),
    );
    expect(await d.storedUser(pool, 'alice')).toBeUndefined();
    expect(d.outbox.messages()).toEqual([]);
  });

  it('§9.1: a returned body without {####} fails as for codes, and no user is created', async () => {
    const { d, pool } = await withCustomMessage((event) => ({ ...event, response: { smsMessage: 'Hi {username}', emailMessage: null, emailSubject: null } }));
    const result = await createAlice(d, pool, { DesiredDeliveryMediums: ['SMS'] });
    expect(result.isErr() && result.error.name).toBe('InvalidParameterException');
    expect(result.isErr() && result.error.message).toContain("Value 'Hi {username}' at 'smsMessage'");
    expect(await d.storedUser(pool, 'alice')).toBeUndefined();
  });

  it('R9.0.4: a failing function is UserLambdaValidationException, and no user is created', async () => {
    const { d, pool } = await withCustomMessage(() => {
      throw new Error('no invitations today');
    });
    expect(await createAlice(d, pool)).toEqual(failure('UserLambdaValidationException', 'CustomMessage failed with error no invitations today.'));
    expect(await d.storedUser(pool, 'alice')).toBeUndefined();
  });

  it('§9.1: email texts need EmailSendingAccount DEVELOPER (InvalidLambdaResponseException otherwise)', async () => {
    const { d, pool } = await withCustomMessage(
      (event) => ({ ...event, response: { smsMessage: null, emailMessage: '{username} {####}', emailSubject: null } }),
      {
        EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' },
      },
    );
    expect(await createAlice(d, pool, { DesiredDeliveryMediums: ['EMAIL'] })).toEqual(
      failure('InvalidLambdaResponseException', 'Unrecognizable lambda output'),
    );
  });

  it('is not invoked with SUPPRESS', async () => {
    const { d, pool, events } = await withCustomMessage((event) => event);
    await must(createAlice(d, pool, { MessageAction: 'SUPPRESS' }));
    expect(events).toEqual([]);
  });
});

describe('CustomEmailSender_AdminCreateUser / CustomSMSSender_AdminCreateUser (R26.5, §9.3)', () => {
  async function withSenders() {
    const d = await directory();
    const pool = await d.createPool({
      LambdaConfig: {
        CustomMessage: FN.customMessage,
        CustomEmailSender: { LambdaVersion: 'V1_0', LambdaArn: FN.customEmailSender },
        CustomSMSSender: { LambdaVersion: 'V1_0', LambdaArn: FN.customSmsSender },
        KMSKeyID: FN.kmsKeyId,
      },
    });
    return { d, pool, ...recordSenders<SenderEvent>(d.triggers) };
  }

  it('the email sender gets the temporary password encrypted (it decrypts to the password that works); no message, no CustomMessage', async () => {
    const { d, pool, email, messages } = await withSenders();
    await must(createAlice(d, pool, { TemporaryPassword: TEMP, ClientMetadata: { k: 'v' } }));
    await d.triggers.settled();
    expect(d.outbox.messages()).toEqual([]);
    expect(messages).toEqual([]);
    const sub = (await d.storedUser(pool, 'alice'))?.sub;
    expect(email).toEqual([
      {
        ...aliceEvent('CustomEmailSender_AdminCreateUser', pool),
        request: {
          type: 'customEmailSenderRequestV1',
          code: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/) as unknown,
          userAttributes: { ...ALICE, sub },
          clientMetadata: { k: 'v' },
        },
        response: {},
      },
    ]);
    const { plaintext, context } = await decryptCode(email[0]?.request.code ?? '');
    expect(plaintext).toBe(TEMP);
    expect(context).toMatchObject({ 'userpool-id': pool });
    expect(await valid(d, pool, 'alice', plaintext)).toBe(true);
  });

  it('the SMS sender replaces SNS (no SMS configuration needed) and gets a RESEND’s new password', async () => {
    const { d, pool, sms } = await withSenders();
    await must(createAlice(d, pool, { DesiredDeliveryMediums: ['SMS'], MessageAction: 'SUPPRESS' }));
    expect(await d.adminCreateUser({ UserPoolId: pool, Username: 'alice', MessageAction: 'RESEND', DesiredDeliveryMediums: ['SMS'] })).toEqual(
      ok(expect.anything() as unknown),
    );
    await d.triggers.settled();
    expect(sms.map((e) => [e.triggerSource, e.request.type])).toEqual([['CustomSMSSender_AdminCreateUser', 'customSMSSenderRequestV1']]);
    const { plaintext } = await decryptCode(sms[0]?.request.code ?? '');
    expect(await valid(d, pool, 'alice', plaintext)).toBe(true);
    expect(d.outbox.messages()).toEqual([]);
  });
});
