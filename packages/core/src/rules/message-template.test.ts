import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MessageTemplate } from '../model/user-pool.js';
import { DEFAULT_EMAIL_SUBJECT, DEFAULT_MESSAGE, renderMessage } from './message-template.js';

const CODE = '042917';

describe('renderMessage', () => {
  it('D11 defaults to the subject "Your verification code" and the body "Your verification code is {####}. " for email', () => {
    expect(renderMessage({}, 'EMAIL', CODE)).toEqual({ subject: 'Your verification code', body: 'Your verification code is 042917. ' });
  });

  it('D11 uses the same default body for SMS, without a subject', () => {
    expect(renderMessage({}, 'SMS', CODE)).toEqual({ subject: undefined, body: 'Your verification code is 042917. ' });
  });

  it('D11 a pool without a template sends the exported defaults, with any code in place of {####}', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{6}$/u), (code) => {
        expect(renderMessage({}, 'EMAIL', code)).toEqual({ subject: DEFAULT_EMAIL_SUBJECT, body: DEFAULT_MESSAGE.replace('{####}', code) });
        expect(renderMessage({}, 'SMS', code).body).toBe(`Your verification code is ${code}. `);
      }),
    );
  });

  const POOL_TEMPLATE: MessageTemplate = {
    emailSubject: 'Reset your Example password',
    emailMessage: '<p>Your code is {####}</p>',
    smsMessage: 'Example code: {####}',
  };

  it("D11 uses the pool's email subject and message", () => {
    expect(renderMessage(POOL_TEMPLATE, 'EMAIL', CODE)).toEqual({ subject: 'Reset your Example password', body: '<p>Your code is 042917</p>' });
  });

  it("D11 uses the pool's SMS message and still gives SMS no subject", () => {
    expect(renderMessage(POOL_TEMPLATE, 'SMS', CODE)).toEqual({ subject: undefined, body: 'Example code: 042917' });
  });

  it('D11 falls back field by field: a pool with only an SMS message gets the default email subject and body', () => {
    expect(renderMessage({ smsMessage: 'SMS {####}' }, 'EMAIL', CODE)).toEqual({ subject: DEFAULT_EMAIL_SUBJECT, body: 'Your verification code is 042917. ' });
  });

  it('D11 falls back field by field: a pool with only an email message gets the default SMS body', () => {
    expect(renderMessage({ emailMessage: 'Mail {####}', emailSubject: 'S' }, 'SMS', CODE)).toEqual({
      subject: undefined,
      body: 'Your verification code is 042917. ',
    });
  });

  it('D11 keeps the default subject when only the email message is set', () => {
    expect(renderMessage({ emailMessage: 'Mail {####}' }, 'EMAIL', CODE)).toEqual({ subject: DEFAULT_EMAIL_SUBJECT, body: 'Mail 042917' });
  });

  it('D11 replaces every {####}, not only the first', () => {
    expect(renderMessage({ emailMessage: '{####} / {####} / {####}' }, 'EMAIL', CODE).body).toBe('042917 / 042917 / 042917');
    expect(renderMessage({ smsMessage: '{####}{####}' }, 'SMS', CODE).body).toBe('042917042917');
  });

  it('D11 leaves look-alike placeholders alone', () => {
    expect(renderMessage({ smsMessage: '{###} {#####} {####' }, 'SMS', CODE).body).toBe('{###} {#####} {####');
  });

  it('D11 does not put the code in the subject even if the subject has {####}', () => {
    expect(renderMessage({ emailSubject: 'Code {####}' }, 'EMAIL', CODE).subject).toBe('Code {####}');
  });

  it('D11 puts the code once per placeholder and leaves no placeholder, for any template and either medium', () => {
    const fragment = fc.string({ unit: fc.constantFrom(...Array.from('abc XYZ<>.,:!\n')), maxLength: 20 });
    fc.assert(
      fc.property(
        fc.array(fragment, { minLength: 1, maxLength: 6 }),
        fc.constantFrom('EMAIL' as const, 'SMS' as const),
        fc.stringMatching(/^\d{6}$/u),
        (fragments, medium, code) => {
          const text = fragments.join('{####}');
          const template: MessageTemplate = medium === 'EMAIL' ? { emailMessage: text } : { smsMessage: text };
          const { body } = renderMessage(template, medium, code);
          expect(body).toBe(fragments.join(code));
          expect(body).not.toContain('{####}');
        },
      ),
    );
  });
});
