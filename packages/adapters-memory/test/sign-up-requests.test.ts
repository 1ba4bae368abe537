import { aPool } from '@cognito-recovery/core/testing';
import { describe, expect, it } from 'vitest';
import { aHarness, attrs, must, TEMPORARY_PASSWORD as GOOD } from './harness.js';

/** A harness whose pool auto-verifies email (a sign-up code goes to the email). */
const harness = () => aHarness({ pool: aPool('emailFirst', { autoVerifiedAttributes: ['email'] }) });

describe('SignUp and ConfirmSignUp requests (R23.1, R23.9, R25.4)', () => {
  it('R23.1: ClientId, Username and Password are required, every violation reported; the password is never quoted', async () => {
    const h = await harness();
    const answer = await h.recovery.signUp({ ClientId: h.client.clientId, Username: '', Password: ' secret ' });
    expect(answer._unsafeUnwrapErr()).toMatchObject({ name: 'InvalidParameterException' });
    const message = answer._unsafeUnwrapErr().message;
    expect(message).toMatch(/^3 validation errors detected: /);
    expect(message).toContain("Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\\S]+.*[\\S]+$");
    expect(message).not.toContain('secret');
    expect(await h.userNamed('')).toBeUndefined();
  });

  it('R23.9: ConfirmationCode is 1–2048 non-blank characters; a blank in it is a validation error, not a code mismatch', async () => {
    const h = await harness();
    await must(h.recovery.signUp({ ClientId: h.client.clientId, Username: 'alice', Password: GOOD, UserAttributes: attrs({ email: 'alice@example.com' }) }));
    const spaced = await h.recovery.confirmSignUp({ ClientId: h.client.clientId, Username: 'alice', ConfirmationCode: '123 456' });
    expect(spaced._unsafeUnwrapErr()).toEqual({
      name: 'InvalidParameterException',
      $fault: 'client',
      message:
        "1 validation error detected: Value '123 456' at 'confirmationCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\S]+",
    });
    const long = await h.recovery.confirmSignUp({ ClientId: h.client.clientId, Username: 'alice', ConfirmationCode: '1'.repeat(2049) });
    expect(long._unsafeUnwrapErr().message).toContain("at 'confirmationCode' failed to satisfy constraint: Member must have length less than or equal to 2048");
    expect((await h.userNamed('alice'))?.status).toBe('UNCONFIRMED');
  });

  it('R25.4: the sign-up code is six decimal digits, put in the pool’s message where {####} stands', async () => {
    const h = await aHarness({
      pool: aPool('emailFirst', {
        autoVerifiedAttributes: ['email'],
        verificationMessage: { emailMessage: 'Your code: {####}.', emailSubject: 'Code' },
      }),
    });
    await must(h.recovery.signUp({ ClientId: h.client.clientId, Username: 'alice', Password: GOOD, UserAttributes: attrs({ email: 'alice@example.com' }) }));
    const [message] = h.outbox.messages();
    expect(message?.code).toMatch(/^\d{6}$/);
    expect(message?.body).toBe(`Your code: ${message?.code ?? ''}.`);
    expect(message?.subject).toBe('Code');
  });
});
