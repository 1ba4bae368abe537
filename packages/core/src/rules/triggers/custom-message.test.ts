import fc from 'fast-check';
import { err, ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { cognitoError } from '../../errors.js';
import { MAX_SMS_LENGTH, applyCustomMessage, customMessageEvent, readCustomMessageAnswer, type CustomMessageAnswer } from './custom-message.js';

const developer = { verificationMessage: {}, emailConfiguration: { emailSendingAccount: 'DEVELOPER' as const } };
const none: CustomMessageAnswer = { smsMessage: null, emailMessage: null, emailSubject: null };
const unrecognizable = err(cognitoError('InvalidLambdaResponseException', 'Unrecognizable lambda output'));

describe('CustomMessage_ForgotPassword (§9.1)', () => {
  it('R2.3: the event holds a copy of the ClientMetadata, not the caller’s object', () => {
    const clientMetadata = { a: '1' };
    const event = customMessageEvent({ pool: { id: 'p', region: 'r' }, clientId: 'c', clientMetadata }, { username: 'u', sub: 's', attributes: {} });
    expect(event.request.clientMetadata).toEqual(clientMetadata);
    expect(event.request.clientMetadata).not.toBe(clientMetadata);
  });

  it.each([
    ['no fields (template)', 'EMAIL', none, ok({ subject: 'Your verification code', body: 'Your verification code is 123456. ' })],
    ['SMS body', 'SMS', { ...none, smsMessage: '{####}!' }, ok({ subject: undefined, body: '123456!' })],
    ['email body and subject', 'EMAIL', { ...none, emailMessage: 'c={####}', emailSubject: 'S' }, ok({ subject: 'S', body: 'c=123456' })],
    [
      'an email field ignored for SMS',
      'SMS',
      { ...none, emailMessage: 'no placeholder' },
      ok({ subject: undefined, body: 'Your verification code is 123456. ' }),
    ],
    [
      'an empty subject',
      'EMAIL',
      { ...none, emailSubject: '' },
      err(
        cognitoError(
          'InvalidParameterException',
          "1 validation error detected: Value '' at 'emailSubject' failed to satisfy constraint: Member must have length between 1 and 140",
        ),
      ),
    ],
  ] as const)('§9.1 D11: %s', (_name, medium, answer, expected) => {
    expect(applyCustomMessage(developer, medium, answer, '123456')).toEqual(expected);
  });

  it('§9.1: an SMS body is accepted exactly when it is non-empty, holds {####} and fits 140 characters; a refusal quotes it without the code', () => {
    // size 'max': bodies from 0 to 206 characters, on both sides of the 140 limit (the default size stops at 10).
    const text = fc.string({ maxLength: 100, size: 'max' });
    const bodies = fc.tuple(text, fc.boolean(), text).map(([before, placeholder, after]) => `${before}${placeholder ? '{####}' : ''}${after}`);
    const refused = { placeholder: 0, length: 0 };
    fc.assert(
      fc.property(bodies, fc.integer({ min: 0, max: 999_999 }), (body, n) => {
        const code = n.toString().padStart(6, '0');
        const acceptable = body.includes('{####}') && Array.from(body).length <= MAX_SMS_LENGTH;
        const result = applyCustomMessage(developer, 'SMS', { ...none, smsMessage: body }, code);
        expect(result.isOk()).toBe(acceptable);
        if (result.isOk()) {
          expect(result.value.body).toBe(body.replaceAll('{####}', code));
          expect(Array.from(result.value.body)).toHaveLength(Array.from(body).length); // a code is as long as {####}
        } else {
          refused[body.includes('{####}') ? 'length' : 'placeholder']++;
          expect(result.error.name).toBe('InvalidParameterException');
          if (!body.includes(code)) expect(result.error.message).not.toContain(code);
        }
      }),
      { numRuns: 300 },
    );
    expect(refused.placeholder).toBeGreaterThan(0); // both refusals ran
    expect(refused.length).toBeGreaterThan(0);
  });

  it('R9.0.4 §9.1: custom message output must be an object with a response object', () => {
    expect(readCustomMessageAnswer(undefined)).toEqual(unrecognizable);
    expect(readCustomMessageAnswer({ response: [] })).toEqual(unrecognizable);
    expect(readCustomMessageAnswer({ response: {} })).toEqual(ok(none));
  });
});
