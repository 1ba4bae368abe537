import fc from 'fast-check';
import { err, ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { cognitoError } from '../errors.js';
import { applyCustomMessage, customMessageEvent, readCustomMessageAnswer, readUserMigrationAnswer, userMigrationEvent, type CustomMessageAnswer } from './trigger-events.js';

const developer = { verificationMessage: {}, emailConfiguration: { emailSendingAccount: 'DEVELOPER' as const } };
const none: CustomMessageAnswer = { smsMessage: null, emailMessage: null, emailSubject: null };
const unrecognizable = err(cognitoError('InvalidLambdaResponseException', 'Unrecognizable lambda output'));

describe('trigger events (§9)', () => {
  it('R2.3: the event holds a copy of the ClientMetadata, not the caller’s object', () => {
    const clientMetadata = { a: '1' };
    const event = customMessageEvent({ pool: { id: 'p', region: 'r' }, clientId: 'c', clientMetadata }, { username: 'u', sub: 's', attributes: {} });
    expect(event.request.clientMetadata).toEqual(clientMetadata);
    expect(event.request.clientMetadata).not.toBe(clientMetadata);
  });

  it('R3.6 §9.2: the migration event names the user by the input and has no password', () => {
    const event = userMigrationEvent({ pool: { id: 'p', region: 'r' }, clientId: 'c' }, 'Some.One');
    expect(event.userName).toBe('Some.One');
    expect(event.request).toEqual({});
  });

  it.each([
    ['no fields (template)', 'EMAIL', none, ok({ subject: 'Your verification code', body: 'Your verification code is 123456. ' })],
    ['SMS body', 'SMS', { ...none, smsMessage: '{####}!' }, ok({ subject: undefined, body: '123456!' })],
    ['email body and subject', 'EMAIL', { ...none, emailMessage: 'c={####}', emailSubject: 'S' }, ok({ subject: 'S', body: 'c=123456' })],
    ['an email field ignored for SMS', 'SMS', { ...none, emailMessage: 'no placeholder' }, ok({ subject: undefined, body: 'Your verification code is 123456. ' })],
    ['an empty subject', 'EMAIL', { ...none, emailSubject: '' }, err(cognitoError('InvalidParameterException', "1 validation error detected: Value '' at 'emailSubject' failed to satisfy constraint: Member must have length between 1 and 140"))],
  ] as const)('§9.1 D11: %s', (_name, medium, answer, expected) => {
    expect(applyCustomMessage(developer, medium, answer, '123456')).toEqual(expected);
  });

  it('§9.1: a valid custom body keeps its length after the code goes in, and an invalid one is never quoted with a code', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.string({ maxLength: 60 }), fc.integer({ min: 0, max: 999_999 }), (before, after, n) => {
        const code = n.toString().padStart(6, '0');
        const template = `${before}{####}${after}`;
        const result = applyCustomMessage(developer, 'SMS', { ...none, smsMessage: template }, code);
        if (result.isOk()) expect(Array.from(result.value.body)).toHaveLength(Array.from(template.replaceAll('{####}', code)).length);
        else expect(result.error.message.includes(code) && !template.includes(code)).toBe(false);
      }),
    );
  });

  it.each([
    ['undefined', undefined, ok(undefined)],
    ['an array', [], unrecognizable],
    ['a number', 3, unrecognizable],
  ])('R9.0.4 §9.2: migration output %s', (_name, output, expected) => {
    expect(readUserMigrationAnswer(output)).toEqual(expected);
  });

  it('R9.0.4 §9.1: custom message output must be an object with a response object', () => {
    expect(readCustomMessageAnswer(undefined)).toEqual(unrecognizable);
    expect(readCustomMessageAnswer({ response: [] })).toEqual(unrecognizable);
    expect(readCustomMessageAnswer({ response: {} })).toEqual(ok(none));
  });
});
